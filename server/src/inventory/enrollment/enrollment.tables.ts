import type { Generated, Selectable } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from '../../platform/db/column-types.js';

// Written only by inventory/enrollment/enrollment.repository.ts; ingest records an agent's contact
// through it (linkAgentToDevice).

export interface EnrollmentTokensTable {
  id: Generated<number>;
  token_hash: string;
  prefix: string;
  description: string | null;
  created_by: number | null;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
  use_count: Generated<number>;
}

export interface AgentsTable {
  id: string;
  key_hash: string;
  device_id: number | null;
  enrollment_token_id: number | null;
  hostname: string;
  platform: string | null;
  agent_version: string | null;
  enrolled_at: GeneratedTimestamp;
  last_contact_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface EnrollmentTables {
  enrollment_tokens: EnrollmentTokensTable;
  agents: AgentsTable;
}

export type EnrollmentToken = Selectable<EnrollmentTokensTable>;
export type Agent = Selectable<AgentsTable>;
