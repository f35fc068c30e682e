import type { Delivery, DeliveryStatus } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';
import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import * as repo from './deliveries.repository.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
/** A webhook URL as admins see it in the list: no query string (tokens often live there). */
const shownUrl = (raw: string | null) => (raw && URL.canParse(raw) ? ((u) => `${u.protocol}//${u.host}${u.pathname}`)(new URL(raw)) : null);

type Row = Awaited<ReturnType<typeof repo.listDeliveries>>['rows'][number];

function toDelivery(r: Row): Delivery {
  return {
    id: Number(r.id),
    event: r.event as Delivery['event'],
    ticketId: r.ticket_id,
    channel: r.channel,
    target: r.target,
    webhookUrl: r.channel === 'webhook' ? shownUrl(r.webhook_url) : null,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    // A delivered or abandoned row has no next attempt, whatever the column holds.
    nextAttemptAt: r.status === 'pending' || r.status === 'retrying' ? iso(r.next_attempt_at) : null,
    deliveredAt: iso(r.delivered_at),
    failedAt: iso(r.failed_at),
    createdAt: iso(r.created_at)!,
  };
}

export async function listDeliveries(db: Db, q: Omit<repo.DeliveryFilter, 'id'>) {
  const { rows, total, counts } = await repo.listDeliveries(db, q);
  const n = (s: DeliveryStatus) => counts.get(s) ?? 0;
  return { items: rows.map(toDelivery), total, limit: q.limit, offset: q.offset, counts: { pending: n('pending'), retrying: n('retrying'), delivered: n('delivered'), failed: n('failed') } };
}

/** "Retry now": the delivery is due at once, with a fresh attempt budget; 409 for one already delivered. */
export async function retryDelivery(db: Db, id: number, now: Date): Promise<Delivery> {
  if (!(await repo.requeueDelivery(db, id, now))) {
    if (!(await repo.deliveryExists(db, id))) throw new NotFoundError(`delivery ${id}`);
    throw new ConflictError(`delivery ${id} was delivered already; nothing to retry`, 'id');
  }
  const { rows } = await repo.listDeliveries(db, { id, limit: 1, offset: 0 });
  return toDelivery(rows[0]!);
}
