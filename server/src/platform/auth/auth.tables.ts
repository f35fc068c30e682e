import type { Generated, Insertable, Selectable } from 'kysely';
import type { Role } from '@parc/shared';
import type { Locale } from '@parc/shared/locales';
import type { GeneratedTimestamp, Json, Timestamp } from '../db/column-types.js';

// Written only by platform/auth/users.repository.ts.

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string | null;
  email: string | null;
  role: Role;
  password_hash: string;
  disabled: Generated<boolean>;
  /** The interface language the user chose; null: the browser's. */
  locale: Locale | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

/** Personal API tokens. Written only by platform/auth/api-tokens.repository.ts. */
export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** The token's first characters, so its owner can recognise it; the token itself is only hashed. */
  prefix: string;
  token_hash: string;
  scopes: Json<string[]>;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  last_used_at: Timestamp | null;
  last_used_address: string | null;
  revoked_at: Timestamp | null;
  revoked_by: number | null;
}

/** One failed login. Written only by platform/auth/login-failures.repository.ts. */
export interface LoginFailuresTable {
  id: Generated<string>;
  /** Lower-cased, as typed (the user may not exist). */
  username: string;
  /** The client's address; '' when unknown. */
  address: string;
  at: GeneratedTimestamp;
}

export interface AuthTables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
