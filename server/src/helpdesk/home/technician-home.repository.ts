import { sql, type ExpressionBuilder } from 'kysely';
import type { TechnicianHome } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { slaStateCondition } from '../sla/sla-state-filter.js';
import { homeTicketColumns, OPEN, toHomeTicket, type HomeTicketRow } from './home-tickets.js';
import { foldQueueCounts, type QueueCountRow } from './technician-home.js';

type TicketsEb = ExpressionBuilder<Database, 'tickets'>;

/** An assignee row of this ticket, optionally only the caller or one of their groups. */
function assignee(eb: TicketsEb, userId?: number) {
  let q = eb.selectFrom('ticket_actors as a').select(sql`1`.as('one')).whereRef('a.ticket_id', '=', 'tickets.id').where('a.role', '=', 'assignee');
  if (userId !== undefined) {
    const groups = eb.selectFrom('group_members').select('group_members.group_id').where('group_members.user_id', '=', userId);
    q = q.where((w) => w.or([w('a.user_id', '=', userId), w('a.group_id', 'in', groups)]));
  }
  return eb.exists(q);
}

/**
 * The technician's home in four statements: one grouped count over the open tickets (status, priority,
 * whether mine, whether assigned, SLA state), then the three short lists, each an indexed top-N.
 */
export async function technicianHome(db: Db, userId: number, now: Date, limit: number): Promise<TechnicianHome> {
  const slaCase = (eb: TicketsEb) =>
    sql<'at-risk' | 'breached' | null>`case when ${slaStateCondition(eb, 'breached', now)} then 'breached' when ${slaStateCondition(eb, 'at-risk', now)} then 'at-risk' end`;
  const open = db.selectFrom('tickets').where('tickets.status', 'in', OPEN as never[]);

  const countsQ = open
    .select((eb) => ['tickets.status', 'tickets.priority', assignee(eb, userId).as('mine'), assignee(eb).as('assigned'), slaCase(eb).as('sla'), eb.fn.countAll<string>().as('n')])
    .groupBy([sql`1`, sql`2`, sql`3`, sql`4`, sql`5`]);
  const mineQ = open
    .select(homeTicketColumns(now))
    .where((eb) => assignee(eb, userId))
    .orderBy('tickets.priority', 'desc')
    .orderBy(sql`tickets.resolve_due_at asc nulls last`)
    .orderBy('tickets.id')
    .limit(limit);
  const unassignedQ = open
    .select(homeTicketColumns(now))
    .where((eb) => eb.not(assignee(eb)))
    .orderBy('tickets.priority', 'desc')
    .orderBy('tickets.created_at')
    .orderBy('tickets.id')
    .limit(limit);
  const slaQ = open
    .select(homeTicketColumns(now))
    .where((eb) => eb.or([slaStateCondition(eb, 'breached', now), slaStateCondition(eb, 'at-risk', now)]))
    .orderBy(sql`coalesce(tickets.sla_paused_at, ${now}::timestamptz) - tickets.resolve_due_at desc`)
    .orderBy('tickets.id')
    .limit(limit);

  const [counts, mine, unassigned, sla] = await Promise.all([countsQ.execute(), mineQ.execute(), unassignedQ.execute(), slaQ.execute()]);
  const folded = foldQueueCounts(counts as QueueCountRow[]);
  const list = (rows: unknown[]) => (rows as HomeTicketRow[]).map(toHomeTicket);
  return {
    queue: { total: folded.total, byStatus: folded.byStatus, byPriority: folded.byPriority, items: list(mine) },
    unassigned: { total: folded.unassigned, items: list(unassigned) },
    sla: { ...folded.sla, items: list(sla) },
  };
}
