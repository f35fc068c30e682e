import type { Clock } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import type { AuthUser } from '../../platform/http/context.js';
import type { Logger } from '../../platform/log.js';
import type { Actor } from '../itil/permissions.js';
import { enqueueNotification, type NotificationEvent } from '../notifications/outbox.js';

/** What every ticket operation is given: the database, the logger, who acts, and where "now" comes from. */
export interface TicketCtx {
  db: Db;
  log: Logger;
  user: AuthUser;
  /** Queue email notifications (SMTP is configured); webhooks are queued regardless. */
  email: boolean;
  clock: Clock;
}

export const actorOf = (u: AuthUser): Actor => ({ kind: 'user', userId: u.id, role: u.role });

/** Queues an event's notifications in the caller's transaction. */
export const notify = (db: Db, event: NotificationEvent, now: Date, email: boolean) => enqueueNotification(db, event, now, { email });
