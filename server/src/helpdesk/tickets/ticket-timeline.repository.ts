import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { TicketStatus } from '../itil/ticket-kind.js';
import type { TimelineEntry } from '../itil/timeline.js';

/** The `ticket_events` table (the timeline): only this repository writes it. */

export async function insertEvents(db: Db, ticketId: number, at: Date, events: readonly TimelineEntry[]) {
  if (events.length === 0) return;
  await db
    .insertInto('ticket_events')
    .values(
      events.map((e) => ({
        ticket_id: ticketId,
        at,
        actor_id: e.actorId,
        kind: e.kind,
        private: e.private ?? false,
        body: e.body ?? null,
        data: JSON.stringify(e.data ?? {}),
      })),
    )
    .execute();
}

/** Entries on several objects' timelines in one statement (a link is told at both ends). */
export async function insertEventsAcross(db: Db, at: Date, events: readonly (TimelineEntry & { ticketId: number })[]) {
  if (events.length === 0) return;
  await db
    .insertInto('ticket_events')
    .values(events.map((e) => ({ ticket_id: e.ticketId, at, actor_id: e.actorId, kind: e.kind, private: e.private ?? false, body: e.body ?? null, data: JSON.stringify(e.data ?? {}) })))
    .execute();
}

export function timeline(db: Db, ticketId: number, includePrivate: boolean) {
  let q = db
    .selectFrom('ticket_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.kind', 'e.private', 'e.body', 'e.data', 'e.actor_id', 'u.username', 'u.display_name'])
    .where('e.ticket_id', '=', ticketId);
  if (!includePrivate) q = q.where('e.private', '=', false);
  return q.orderBy('e.at').orderBy('e.id').execute();
}

/** Status changes after creation, in order, per ticket (the SLA clock is derived from them). */
export async function statusHistory(db: Db, ticketIds: number[]) {
  const out = new Map<number, { at: Date; status: TicketStatus }[]>();
  if (ticketIds.length === 0) return out;
  const rows = await db
    .selectFrom('ticket_events')
    .select(['ticket_id', 'at', sql<TicketStatus>`data->>'to'`.as('status')])
    .where('ticket_id', 'in', ticketIds)
    .where('kind', '=', 'status')
    .orderBy('at')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.ticket_id) ?? [];
    list.push({ at: new Date(r.at), status: r.status });
    out.set(r.ticket_id, list);
  }
  return out;
}
