import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../column-types.js';

export interface NotificationOutboxTable {
  id: Generated<string>;
  event: string;
  ticket_id: number | null;
  channel: 'email' | 'webhook';
  target: string;
  payload: Json<Record<string, unknown>>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  delivered_at: Timestamp | null;
  failed_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
}

/** Written only by the notifications feature (the outbox queues rows, the dispatcher delivers them). */
export interface NotificationTables {
  notification_outbox: NotificationOutboxTable;
}
