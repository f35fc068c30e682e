import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { OPEN_STATUSES } from '../itil/ticket-kind.js';
import type { SlaState } from './sla.js';

/**
 * The ticket list's SLA filter as SQL over the tickets' stored SLA columns: the same rule as
 * storedSlaState (ticket-sla.ts), so a ticket is listed under the state its page shows.
 */

/** The reference instant: now, or when a pending ticket's clock stopped. */
const clockExpr = (now: Date) => sql<Date>`coalesce(tickets.sla_paused_at, ${now}::timestamptz)`;

export function slaStateCondition(eb: ExpressionBuilder<Database, 'tickets'>, state: SlaState, now: Date) {
  const clock = clockExpr(now);
  const open = eb('tickets.status', 'in', [...OPEN_STATUSES]);
  const hasSla = eb('tickets.resolve_due_at', 'is not', null);
  if (state === 'breached') {
    return eb.and([
      hasSla,
      eb.or([
        eb.and([open, eb(clock, '>', eb.ref('tickets.resolve_due_at'))]),
        eb.and([eb('tickets.status', 'in', ['solved', 'closed']), eb('tickets.solved_at', '>', eb.ref('tickets.resolve_due_at'))]),
      ]),
    ]);
  }
  if (state === 'at-risk') {
    return eb.and([hasSla, open, eb(clock, '<=', eb.ref('tickets.resolve_due_at')), eb(clock, '>=', eb.ref('tickets.resolve_at_risk_at'))]);
  }
  return eb.and([hasSla, open, eb(clock, '<', eb.ref('tickets.resolve_at_risk_at'))]);
}
