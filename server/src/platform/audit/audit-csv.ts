// Cells are defused and quoted by the shared CSV writer (a failed login's username is whatever an attacker typed).
import { csvCell } from '../http/csv.js';
import type { AuditEntryRow } from './audit.tables.js';

const HEADER = ['id', 'at', 'action', 'actor_user_id', 'actor_username', 'actor_agent_id', 'address', 'target_type', 'target_id', 'target_label', 'detail'];

/** Audit entries as CSV (CRLF line ends), the detail as JSON in one column. Pure. */
export function auditCsv(rows: readonly AuditEntryRow[]): string {
  const lines = rows.map((r) =>
    [r.id, new Date(r.at).toISOString(), r.action, r.actor_user_id, r.actor_username, r.actor_agent_id, r.address, r.target_type, r.target_id, r.target_label, r.detail].map(csvCell).join(','),
  );
  return [HEADER.join(','), ...lines].join('\r\n') + '\r\n';
}
