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
  /** A key issued by a rotation and not used yet; its first use makes it the key (two-phase rotation). */
  pending_key_hash: string | null;
  /** An admin asked this agent to change its key: uploads get `rekey_required` until it does. */
  rekey_requested_at: Timestamp | null;
}

/** Fixed-window enrollment counters, shared by every server process (rate limits). */
export interface EnrollmentRateWindowsTable {
  bucket: string;
  window_start: Timestamp;
  hits: number;
}

export interface EnrollmentTables {
  enrollment_tokens: EnrollmentTokensTable;
  agents: AgentsTable;
  enrollment_rate_windows: EnrollmentRateWindowsTable;
}

export type EnrollmentToken = Selectable<EnrollmentTokensTable>;
export type Agent = Selectable<AgentsTable>;
