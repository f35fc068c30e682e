import type { ItilKindName } from '@parc/shared/api/itil-enums';
import type { Db } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/http/errors.js';
import { alwaysOpenCalendar } from '../sla/business-calendar.js';
import { dateOfDayNumber, dayNumberOf, startOfLocalDay } from '../sla/time-zones.js';
import type { Priority } from '../itil/priority.js';
import { allSlaPolicies } from '../sla/sla-policies.service.js';
import { ticketSlaFigures } from '../sla/ticket-sla.js';
import { dailyFlow, MAX_PERIOD_DAYS, ticketStatistics as computeStatistics, type TicketRecord } from './statistics.js';
import { assigneeUsers } from './ticket-actors.repository.js';
import { statusHistory } from './ticket-timeline.repository.js';
import { ticketsAlive } from './tickets.repository.js';

/**
 * Statistics over a period of local days: tickets created in it for counts, durations and compliance;
 * every ticket open at some point of it for the opened/closed/backlog series. Durations are business
 * minutes of each ticket's SLA calendar (wall-clock minutes for tickets without a policy), pauses excluded.
 */
export async function ticketStatistics(db: Db, q: { from: string; to: string; timeZone: string }, now: Date, kind: ItilKindName = 'ticket') {
  const days = dayNumberOf(q.to) - dayNumberOf(q.from) + 1;
  if (days < 1) throw new ValidationError('"to" must not be before "from"', 'to');
  if (days > MAX_PERIOD_DAYS) throw new ValidationError(`the period is longer than ${MAX_PERIOD_DAYS} days`, 'to');
  const start = startOfLocalDay(q.from, q.timeZone);
  const end = startOfLocalDay(dateOfDayNumber(dayNumberOf(q.to) + 1), q.timeZone);

  const rows = await ticketsAlive(db, start, end, kind);
  const ids = rows.map((r) => r.id);
  const [technicians, history, policies] = await Promise.all([assigneeUsers(db, ids), statusHistory(db, ids), allSlaPolicies(db)]);
  const wallClock = alwaysOpenCalendar(q.timeZone);

  const records: TicketRecord[] = rows.map((r) => {
    const createdAt = new Date(r.created_at);
    const ownedAt = r.owned_at ? new Date(r.owned_at) : null;
    const sla = ticketSlaFigures(
      policies.get(r.sla_policy_id ?? -1) ?? null,
      { createdAt, priority: r.priority, ownedAt, history: history.get(r.id) ?? [], now },
      { ownDueAt: r.own_due_at ? new Date(r.own_due_at) : null, resolveDueAt: r.resolve_due_at ? new Date(r.resolve_due_at) : null },
      wallClock,
    );
    return {
      id: r.id,
      // The statistics count statuses as strings per kind; TicketRecord names the ticket ones.
      status: r.status as TicketRecord['status'],
      priority: r.priority as Priority,
      categoryId: r.category_id,
      technicianIds: technicians.get(r.id) ?? [],
      createdAt,
      closedAt: r.closed_at ? new Date(r.closed_at) : null,
      timeToOwnMinutes: sla.timeToOwnMinutes,
      timeToResolveMinutes: sla.timeToResolveMinutes,
      ownDueAt: sla.ownDueAt,
      ownedAt,
      resolveDueAt: sla.resolveDueAt,
      resolvedAt: sla.resolvedAt,
    };
  });
  const createdInPeriod = records.filter((r) => r.createdAt >= start && r.createdAt < end);
  const stats = computeStatistics(createdInPeriod, { ...q, now });
  // The flow series counts every ticket alive in the period (the backlog), not only those created in it.
  return { period: { from: q.from, to: q.to, timeZone: q.timeZone }, ...stats, daily: dailyFlow(records, q) };
}
