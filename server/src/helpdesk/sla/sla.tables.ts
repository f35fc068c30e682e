import type { Generated } from 'kysely';
import type { GeneratedTimestamp, Json, Timestamp } from '../column-types.js';

export interface CalendarsTable {
  id: Generated<number>;
  name: string;
  definition: Json<unknown>;
  created_at: GeneratedTimestamp;
}
export interface SlaPoliciesTable {
  id: Generated<number>;
  name: string;
  calendar_id: number;
  category_id: number | null;
  targets: Json<Record<string, { ownMinutes: number; resolveMinutes: number }>>;
  at_risk_ratio: Generated<number>;
  created_at: GeneratedTimestamp;
}
/** Which SLA targets already had their "at risk" notification (migration 20261128T1310_sla_alerts). */
export interface TicketSlaAlertsTable {
  ticket_id: number;
  target: 'own' | 'resolve';
  due_at: Timestamp;
  sent_at: Timestamp;
}

/** Written only by the SLA feature's repositories (calendars, SLA policies, the SLA watch). */
export interface SlaTables {
  calendars: CalendarsTable;
  sla_policies: SlaPoliciesTable;
  ticket_sla_alerts: TicketSlaAlertsTable;
}
