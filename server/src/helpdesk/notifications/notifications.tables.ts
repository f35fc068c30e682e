import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Which SLA targets already had their "at risk" notification (migration 20261128T1310_sla_alerts). */
export interface TicketSlaAlertsTable {
  ticket_id: number;
  target: 'own' | 'resolve';
  due_at: Timestamp;
  sent_at: Timestamp;
}

export interface NotificationTables {
  ticket_sla_alerts: TicketSlaAlertsTable;
}
