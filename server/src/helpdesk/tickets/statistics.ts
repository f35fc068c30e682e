import { dateOfDayNumber, dayNumberOf, localDateOf } from '../sla/time-zones.js';
import { PRIORITIES, type Priority } from '../itil/priority.js';
import { TICKET_STATUSES, type TicketStatus } from '../itil/ticket-kind.js';

/**
 * Helpdesk statistics, pure functions over plain ticket records (what the repository reads; no I/O here).
 * Durations are business minutes as computed by the SLA module (pauses excluded); instants are `Date`.
 */

export interface TicketRecord {
  id: number;
  status: TicketStatus;
  priority: Priority;
  categoryId: number | null;
  /** Technicians (users) assigned; a ticket counts once for each. */
  technicianIds: readonly number[];
  createdAt: Date;
  /** When the ticket was closed; null while not closed (solved-awaiting-approval tickets are still open). */
  closedAt: Date | null;
  /** Running business minutes from creation to being owned / resolved (sla.achievedTimes); null if not yet. */
  timeToOwnMinutes: number | null;
  timeToResolveMinutes: number | null;
  /** SLA targets: due date (null when the ticket has no such target) and when it was achieved. */
  ownDueAt: Date | null;
  ownedAt: Date | null;
  resolveDueAt: Date | null;
  resolvedAt: Date | null;
}

// ---------------------------------------------------------------------------------------------------
// Counts
// ---------------------------------------------------------------------------------------------------

export interface KeyCount<K> {
  key: K;
  count: number;
}

export interface TicketCounts {
  total: number;
  /** Every status, zero included. */
  byStatus: Record<TicketStatus, number>;
  /** Every priority 1–6, zero included. */
  byPriority: Record<Priority, number>;
  /** Categories present, most tickets first (ties by key, null last); null = no category. */
  byCategory: KeyCount<number | null>[];
  /** Technicians present, most tickets first; a ticket counts for each of its technicians; null = unassigned. */
  byTechnician: KeyCount<number | null>[];
}

function ranked(map: Map<number | null, number>): KeyCount<number | null>[] {
  return [...map]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key === null ? 1 : b.key === null ? -1 : a.key - b.key));
}

export function countTickets(records: readonly TicketRecord[]): TicketCounts {
  const byStatus = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;
  const byPriority = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  const byCategory = new Map<number | null, number>();
  const byTechnician = new Map<number | null, number>();
  for (const r of records) {
    byStatus[r.status]++;
    byPriority[r.priority]++;
    byCategory.set(r.categoryId, (byCategory.get(r.categoryId) ?? 0) + 1);
    const techs = r.technicianIds.length === 0 ? [null] : [...new Set(r.technicianIds)];
    for (const t of techs) byTechnician.set(t, (byTechnician.get(t) ?? 0) + 1);
  }
  return { total: records.length, byStatus, byPriority, byCategory: ranked(byCategory), byTechnician: ranked(byTechnician) };
}

// ---------------------------------------------------------------------------------------------------
// Opened / closed / backlog per day
// ---------------------------------------------------------------------------------------------------

export interface DailyFlow {
  /** Local date YYYY-MM-DD in the requested time zone. */
  date: string;
  opened: number;
  closed: number;
  /** Tickets open (created, not closed) at the end of that local day. */
  backlog: number;
}

export const MAX_PERIOD_DAYS = 3660;

/**
 * Opened and closed per local day of `timeZone` from `from` to `to` (YYYY-MM-DD, both included), with the
 * backlog at the end of each day. Tickets created before the period count in the backlog. A `closedAt`
 * before `createdAt` (bad data) is read as closed on creation.
 */
export function dailyFlow(records: readonly TicketRecord[], period: { from: string; to: string; timeZone: string }): DailyFlow[] {
  const first = dayNumberOf(period.from);
  const last = dayNumberOf(period.to);
  if (last < first) throw new RangeError(`period ends (${period.to}) before it starts (${period.from})`);
  if (last - first + 1 > MAX_PERIOD_DAYS) throw new RangeError(`period longer than ${MAX_PERIOD_DAYS} days`);
  const days = last - first + 1;
  const opened = new Array<number>(days).fill(0);
  const closed = new Array<number>(days).fill(0);
  let openBefore = 0;
  const dayOf = (d: Date): number => dayNumberOf(localDateOf(d, period.timeZone));
  for (const r of records) {
    const c = dayOf(r.createdAt);
    if (c > last) continue;
    if (c < first) openBefore++;
    else opened[c - first]!++;
    if (r.closedAt === null) continue;
    const x = Math.max(c, dayOf(r.closedAt));
    if (x > last) continue;
    if (x < first) openBefore--;
    else closed[x - first]!++;
  }
  const out: DailyFlow[] = [];
  let backlog = openBefore;
  for (let i = 0; i < days; i++) {
    backlog += opened[i]! - closed[i]!;
    out.push({ date: dateOfDayNumber(first + i), opened: opened[i]!, closed: closed[i]!, backlog });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Durations
// ---------------------------------------------------------------------------------------------------

/**
 * The p-quantile (0 ≤ p ≤ 1) by linear interpolation between closest ranks — Hyndman & Fan type 7, the
 * default of R, NumPy and spreadsheets' PERCENTILE.INC: on the sorted values x[0..n-1], h = (n − 1)·p and
 * the result is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). Chosen over nearest-rank so that p = 0.5 is the
 * usual median (mean of the two middle values for an even count) and small samples change smoothly.
 * Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be within [0, 1], got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return percentileOfSorted(sorted, p);
}

function percentileOfSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

export interface DurationSummary {
  /** How many tickets have the duration (achieved). */
  count: number;
  median: number | null;
  p90: number | null;
}

/** Median and 90th percentile (type 7, see `percentile`) of the non-null values. */
export function summariseDurations(values: readonly (number | null)[]): DurationSummary {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { count: 0, median: null, p90: null };
  return { count: sorted.length, median: percentileOfSorted(sorted, 0.5), p90: percentileOfSorted(sorted, 0.9) };
}

// ---------------------------------------------------------------------------------------------------
// SLA compliance
// ---------------------------------------------------------------------------------------------------

export interface Compliance {
  met: number;
  breached: number;
  /** Tickets with a target, not achieved and not yet past due: excluded from the rate. */
  running: number;
  /** met / (met + breached); null when both are 0. Tickets without a target are not counted at all. */
  rate: number | null;
}

/**
 * Per target: met = achieved at or before its due date; breached = achieved after it, or not achieved
 * and `now` is past it; running (excluded from the rate) = not achieved and not yet due. Open tickets that
 * have already breached count as breached — waiting would not cure them.
 */
export function slaCompliance(records: readonly TicketRecord[], target: 'own' | 'resolve', now: Date): Compliance {
  let met = 0;
  let breached = 0;
  let running = 0;
  for (const r of records) {
    const due = target === 'own' ? r.ownDueAt : r.resolveDueAt;
    if (due === null) continue;
    const achieved = target === 'own' ? r.ownedAt : r.resolvedAt;
    if (achieved !== null) {
      if (achieved.getTime() <= due.getTime()) met++;
      else breached++;
    } else if (now.getTime() > due.getTime()) breached++;
    else running++;
  }
  return { met, breached, running, rate: met + breached === 0 ? null : met / (met + breached) };
}

// ---------------------------------------------------------------------------------------------------
// All together
// ---------------------------------------------------------------------------------------------------

export interface TicketStatistics {
  counts: TicketCounts;
  daily: DailyFlow[];
  timeToOwn: DurationSummary;
  timeToResolve: DurationSummary;
  compliance: { timeToOwn: Compliance; timeToResolve: Compliance };
}

/**
 * Everything the statistics endpoint shows. Counts, durations and compliance cover the records given
 * (the caller filters them, e.g. tickets created in the period); `daily` covers the period.
 */
export function ticketStatistics(
  records: readonly TicketRecord[],
  options: { from: string; to: string; timeZone: string; now: Date },
): TicketStatistics {
  return {
    counts: countTickets(records),
    daily: dailyFlow(records, options),
    timeToOwn: summariseDurations(records.map((r) => r.timeToOwnMinutes)),
    timeToResolve: summariseDurations(records.map((r) => r.timeToResolveMinutes)),
    compliance: {
      timeToOwn: slaCompliance(records, 'own', options.now),
      timeToResolve: slaCompliance(records, 'resolve', options.now),
    },
  };
}
