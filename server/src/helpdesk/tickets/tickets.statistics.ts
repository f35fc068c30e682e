import type { Db } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/http/errors.js';
import { alwaysOpenCalendar, startOfLocalDay, dateOfDayNumber, dayNumberOf } from '../sla/business-calendar.js';
import { helpdeskContext } from './helpdesk-context.js';
import type { Priority } from '../itil/priority.js';
import { achievedTimes, slaClockFromHistory } from '../sla/sla.js';
import { slaDates } from '../sla/sla-clock.js';
import { dailyFlow, MAX_PERIOD_DAYS, ticketStatistics as computeStatistics, type TicketRecord } from './statistics.js';
import * as repo from './tickets.repository.js';

/**
 * Statistics over a period of local days: tickets created in it for counts, durations and compliance;
 * every ticket open at some point of it for the opened/closed/backlog series. Durations are business
 * minutes of each ticket's SLA calendar (wall-clock minutes for tickets without a policy), pauses excluded.
 */
export async function ticketStatistics(db: Db, q: { from: string; to: string; timeZone: string }) {
  const days = dayNumberOf(q.to) - dayNumberOf(q.from) + 1;
  if (days < 1) throw new ValidationError('"to" must not be before "from"', 'to');
  if (days > MAX_PERIOD_DAYS) throw new ValidationError(`the period is longer than ${MAX_PERIOD_DAYS} days`, 'to');
  const start = startOfLocalDay(q.from, q.timeZone);
  const end = startOfLocalDay(dateOfDayNumber(dayNumberOf(q.to) + 1), q.timeZone);
  const now = new Date();

  const rows = await db
    .selectFrom('tickets')
    .select(['id', 'status', 'priority', 'category_id', 'created_at', 'closed_at', 'owned_at', 'own_due_at', 'resolve_due_at', 'sla_policy_id'])
    .where('created_at', '<', end)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', start)]))
    .execute();
  const ids = rows.map((r) => r.id);
  const [actors, history, policies] = await Promise.all([
    ids.length
      ? db.selectFrom('ticket_actors').select(['ticket_id', 'user_id']).where('ticket_id', 'in', ids).where('role', '=', 'assignee').where('user_id', 'is not', null).execute()
      : Promise.resolve([]),
    repo.statusHistory(db, ids),
    helpdeskContext(db).allSlaPolicies(),
  ]);
  const technicians = new Map<number, number[]>();
  for (const a of actors) technicians.set(a.ticket_id, [...(technicians.get(a.ticket_id) ?? []), a.user_id!]);
  const wallClock = alwaysOpenCalendar(q.timeZone);

  const records: TicketRecord[] = rows.map((r) => {
    const createdAt = new Date(r.created_at);
    const { paused, resolvedAt } = slaClockFromHistory([{ at: createdAt, status: 'new' }, ...(history.get(r.id) ?? [])]);
    const policy = policies.get(r.sla_policy_id ?? -1);
    const calendar = policy?.calendar ?? wallClock;
    const ownedAt = r.owned_at ? new Date(r.owned_at) : null;
    const times = achievedTimes({ createdAt, ownedAt, resolvedAt, paused, now }, calendar);
    // The stored due dates of a ticket pending right now leave out the pause still running; as of now it
    // pushes them out, so a ticket that paused in time is still running, not breached.
    const pausedNow = resolvedAt === null && paused.some((p) => p.end === null);
    const due = pausedNow && policy ? slaDates(policy, { createdAt, priority: r.priority, ownedAt, history: history.get(r.id) ?? [], now }) : null;
    return {
      id: r.id,
      status: r.status,
      priority: r.priority as Priority,
      categoryId: r.category_id,
      technicianIds: technicians.get(r.id) ?? [],
      createdAt,
      closedAt: r.closed_at ? new Date(r.closed_at) : null,
      timeToOwnMinutes: times.timeToOwnMinutes,
      timeToResolveMinutes: times.timeToResolveMinutes,
      ownDueAt: due ? due.ownDueAt : r.own_due_at ? new Date(r.own_due_at) : null,
      ownedAt,
      resolveDueAt: due ? due.resolveDueAt : r.resolve_due_at ? new Date(r.resolve_due_at) : null,
      resolvedAt,
    };
  });
  const createdInPeriod = records.filter((r) => r.createdAt >= start && r.createdAt < end);
  const stats = computeStatistics(createdInPeriod, { ...q, now });
  // The flow series counts every ticket alive in the period (the backlog), not only those created in it.
  return { period: { from: q.from, to: q.to, timeZone: q.timeZone }, ...stats, daily: dailyFlow(records, q) };
}
