import type { Db } from '../../platform/db/database.js';
import { recomputeTicketSla } from '../sla/ticket-sla.service.js';
import { statusHistory } from './ticket-timeline.repository.js';
import { findTicket, setTicketSla } from './tickets.repository.js';

/**
 * Recomputes and stores the SLA policy and due dates from the ticket's clock (creation, priority, status
 * history): called whenever the clock starts or stops or the priority or category changes. The SLA
 * feature computes; the ticket's own repository stores.
 */
export async function refreshSla(db: Db, ticketId: number, now: Date) {
  const t = await findTicket(db, ticketId);
  if (!t) return;
  const history = (await statusHistory(db, [ticketId])).get(ticketId) ?? [];
  const sla = await recomputeTicketSla(db, {
    categoryId: t.category_id,
    createdAt: new Date(t.created_at),
    priority: t.priority,
    ownedAt: t.owned_at ? new Date(t.owned_at) : null,
    history,
    now,
  });
  await setTicketSla(db, ticketId, sla);
}
