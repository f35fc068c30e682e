import type { Generated, Insertable, Selectable } from 'kysely';
import type { Role } from '@parc/shared';
import type { Locale } from '@parc/shared/locales';
import type { GeneratedTimestamp, Timestamp } from '../db/column-types.js';

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

export interface AuthTables {
  users: UsersTable;
  sessions: SessionsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
