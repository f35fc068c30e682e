import { sql } from 'kysely';
import { TICKET_STATUSES, type TicketStatus } from '@parc/shared/api/enums';
import type { RequesterHome } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';
import { homeTicketColumns, OPEN, toHomeTicket, type HomeTicketRow } from './home-tickets.js';

/** How many of their open and solved tickets a requester's home lists. */
export const REQUESTER_LIST_LIMIT = 25;

/**
 * A person's own tickets (requested or observed, as the ticket list shows them) in two statements: the
 * count per status, and the open and solved ones, the most recently updated first.
 */
export async function requesterHome(db: Db, userId: number, now: Date): Promise<RequesterHome> {
  // Their ticket ids through two indexed lookups rather than an OR over the whole table.
  const theirs = db
    .selectFrom('tickets')
    .select('tickets.id')
    .where('tickets.requester_id', '=', userId)
    .union(db.selectFrom('ticket_actors').select('ticket_actors.ticket_id as id').where('ticket_actors.user_id', '=', userId).where('ticket_actors.role', '=', 'observer'));
  const mine = db.selectFrom('tickets').where('tickets.kind', '=', 'ticket').where('tickets.id', 'in', theirs);

  const [counts, items] = await Promise.all([
    mine.select(['tickets.status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('tickets.status').execute(),
    mine
      .select(homeTicketColumns(now))
      .where('tickets.status', 'in', [...OPEN, 'solved'] as never[])
      .orderBy(sql`tickets.updated_at desc`)
      .orderBy('tickets.id', 'desc')
      .limit(REQUESTER_LIST_LIMIT)
      .execute(),
  ]);
  const byStatus = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;
  // Kind `ticket` only (above): its statuses are ticket statuses.
  for (const r of counts) byStatus[r.status as TicketStatus] = Number(r.n);
  return { byStatus, awaitingYou: byStatus.solved, items: (items as HomeTicketRow[]).map(toHomeTicket) };
}
