import { sql } from 'kysely';
import type { DeliveryStatus } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';

/** Reads and re-queues notification_outbox rows for the administration's deliveries page. */

/** A row's status from its columns: the one place that says what pending/retrying/delivered/failed mean. */
const STATUS = sql<DeliveryStatus>`case
  when o.delivered_at is not null then 'delivered'
  when o.failed_at is not null then 'failed'
  when o.attempts = 0 then 'pending'
  else 'retrying' end`;

export interface DeliveryFilter {
  status?: DeliveryStatus | undefined;
  channel?: 'email' | 'webhook' | undefined;
  ticketId?: number | undefined;
  id?: number | undefined;
  limit: number;
  offset: number;
}

export async function listDeliveries(db: Db, f: DeliveryFilter) {
  let q = db.selectFrom('notification_outbox as o');
  if (f.id !== undefined) q = q.where('o.id', '=', String(f.id));
  if (f.status) q = q.where(STATUS, '=', f.status);
  if (f.channel) q = q.where('o.channel', '=', f.channel);
  if (f.ticketId !== undefined) q = q.where('o.ticket_id', '=', f.ticketId);
  const [rows, total, counts] = await Promise.all([
    q
      .leftJoin('webhooks as w', (j) => j.on(sql<boolean>`o.channel = 'webhook' and w.id::text = o.target`))
      .select(['o.id', 'o.event', 'o.ticket_id', 'o.channel', 'o.target', 'o.attempts', 'o.last_error', 'o.next_attempt_at', 'o.delivered_at', 'o.failed_at', 'o.created_at', 'w.url as webhook_url'])
      .select(STATUS.as('status'))
      .orderBy('o.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('notification_outbox as o')
      .select(STATUS.as('status'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy(STATUS)
      .execute(),
  ]);
  return { rows, total: Number(total.n), counts: new Map(counts.map((c) => [c.status, Number(c.n)])) };
}

/**
 * Makes a delivery due now, as a fresh one (attempt count back to 0, so the retry budget applies again),
 * unless it was delivered. A dispatcher holding an older claim on the row cannot overwrite this: it
 * records its outcome only where the attempt count is still its own.
 */
export function requeueDelivery(db: Db, id: number, now: Date) {
  return db
    .updateTable('notification_outbox')
    .set({ attempts: 0, failed_at: null, next_attempt_at: now })
    .where('id', '=', String(id))
    .where('delivered_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

export function deliveryExists(db: Db, id: number) {
  return db.selectFrom('notification_outbox').select(['id', 'delivered_at']).where('id', '=', String(id)).executeTakeFirst();
}
