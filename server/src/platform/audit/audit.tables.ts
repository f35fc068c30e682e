import type { Generated, Selectable } from 'kysely';
import type { GeneratedJson, GeneratedTimestamp } from '../db/column-types.js';

// Written only by platform/audit/audit.repository.ts (append-only).

export interface AuditLogTable {
  id: Generated<number>;
  at: GeneratedTimestamp;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_agent_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  detail: GeneratedJson<Record<string, unknown>>;
  address: string | null;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}

export type AuditEntryRow = Selectable<AuditLogTable>;
