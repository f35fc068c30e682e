import { expressionBuilder, sql } from 'kysely';
import type { TechnicianHome } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { slaStateCondition } from '../sla/sla-state-filter.js';
import { OPEN, overdueMinutesExpr, toHomeTicket, type HomeTicketRow } from './home-tickets.js';
import { foldQueueCounts, type QueueCountRow } from './technician-home.js';

type ListName = 'mine' | 'unassigned' | 'sla';

/**
 * The technician's home in one statement. The open tickets are joined once to their assignees and
 * folded per ticket (whether mine — the caller's or one of their groups' —, whether anyone is assigned,
 * the SLA state as the ticket list's filter reads it); the counts group those rows, and the three lists
 * are top-N over them, joined back to the tickets for what they show.
 */
export async function technicianHome(db: Db, userId: number, now: Date, limit: number): Promise<TechnicianHome> {
  const eb = expressionBuilder<Database, 'tickets'>();
  const open = sql.join(OPEN.map((s) => sql`${s}`));
  const { rows } = await sql<{ counts: QueueCountRow[] | null; lists: (HomeTicketRow & { list: ListName })[] | null }>`
    with per_ticket as materialized (
      select tickets.id, tickets.status, tickets.priority, tickets.created_at, tickets.resolve_due_at,
             coalesce(tickets.sla_paused_at, ${now}::timestamptz) - tickets.resolve_due_at as overdue,
             coalesce(bool_or(a.user_id = ${userId} or a.group_id = any(array(select group_id from group_members where user_id = ${userId}))), false) as mine,
             count(a.ticket_id) > 0 as assigned,
             case when ${slaStateCondition(eb, 'breached', now)} then 'breached' when ${slaStateCondition(eb, 'at-risk', now)} then 'at-risk' end as sla
      from tickets
      left join ticket_actors a on a.ticket_id = tickets.id and a.role = 'assignee'
      where tickets.kind = 'ticket' and tickets.status in (${open})
      group by tickets.id
    ),
    listed as (
      (select 'mine' as list, id, row_number() over (order by priority desc, resolve_due_at asc nulls last, id) as pos
       from per_ticket where mine order by priority desc, resolve_due_at asc nulls last, id limit ${limit})
      union all
      (select 'unassigned', id, row_number() over (order by priority desc, created_at, id)
       from per_ticket where not assigned order by priority desc, created_at, id limit ${limit})
      union all
      (select 'sla', id, row_number() over (order by overdue desc, id)
       from per_ticket where sla is not null order by overdue desc, id limit ${limit})
    )
    select
      (select json_agg(c) from (select status, priority, mine, assigned, sla, count(*)::int as n from per_ticket group by 1, 2, 3, 4, 5) c) as counts,
      (select json_agg(x order by x.list, x.pos) from (
         select l.list, l.pos, tickets.id, tickets.title, tickets.status, tickets.priority, tickets.created_at, tickets.updated_at, tickets.resolve_due_at,
                ${overdueMinutesExpr(now)} as overdue_minutes
         from listed l join tickets on tickets.id = l.id) x) as lists`.execute(db);

  const folded = foldQueueCounts(rows[0]?.counts ?? []);
  const lists = rows[0]?.lists ?? [];
  const list = (name: ListName) => lists.filter((r) => r.list === name).map(toHomeTicket);
  return {
    queue: { total: folded.total, byStatus: folded.byStatus, byPriority: folded.byPriority, items: list('mine') },
    unassigned: { total: folded.unassigned, items: list('unassigned') },
    sla: { ...folded.sla, items: list('sla') },
  };
}
