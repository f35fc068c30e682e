import type { Generated, Selectable } from 'kysely';
import type { GeneratedTimestamp, Json, Timestamp } from '../../platform/db/column-types.js';

// Written only by inventory/conflicts/conflicts.repository.ts: ingest records a conflict through
// conflicts.service (recordConflict), admins resolve it through the conflicts routes.

export interface ReconcileConflictsTable {
  id: Generated<number>;
  at: GeneratedTimestamp;
  agent_id: string | null;
  hostname: string | null;
  identity: Json<Record<string, unknown>>;
  chosen_device_id: number | null;
  candidate_ids: number[];
  rule: string;
  reason: string;
  resolved_at: Timestamp | null;
  resolution: ConflictResolution | null;
  resolved_by: number | null;
}

export type ConflictResolution = 'dismissed' | 'merged' | 'reassigned';

export interface ConflictTables {
  reconcile_conflicts: ReconcileConflictsTable;
}

export type ConflictRow = Selectable<ReconcileConflictsTable>;
