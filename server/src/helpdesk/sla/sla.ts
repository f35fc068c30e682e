import { z } from 'zod';
import { workingIntervalsBetween, workingIntervalsFrom, type BusinessCalendar, type Interval } from './business-calendar.js';
import { businessCalendarSchema } from './calendar-config.js';
import { prioritySchema, type Priority } from '../itil/priority.js';
import { PAUSED_STATUSES, type TicketStatus } from '../itil/ticket-kind.js';
import { bodyIdSchema } from '@parc/shared/api';

/**
 * SLA arithmetic, pure. A ticket's SLA clock counts business minutes of a calendar from its creation and
 * stands still while the ticket is paused: pending, and solved (waiting for the requester's verdict; if the
 * solution is refused the clock runs again). Units: minutes (business minutes, exact, fractional when the
 * instants carry seconds), `Date` instants (UTC).
 *
 * - Due date: the earliest instant at which the budget is used up, counting only running time. A pause
 *   moves it later by the business time the pause covered, and only pauses that begin before the budget
 *   runs out matter (pending after a breach does not cure it).
 * - Breached: the target was not achieved by its due date (`achievedAt ?? now` is after `dueAt`; achieving
 *   it exactly at the due instant is met).
 * - At risk: not breached, not achieved, and at least `atRiskRatio` of the budget is used.
 */

export type SlaState = 'on-track' | 'at-risk' | 'breached';
export type SlaOutcome = 'met' | 'breached' | 'running';

export const DEFAULT_AT_RISK_RATIO = 0.8;

/** A period when the clock stands still; `end` null = still paused (taken as ending at `now`). */
export interface PausedInterval {
  start: Date;
  end: Date | null;
}

/** Targets for one priority, optionally for one category (and, by inheritance, its subcategories). */
export interface SlaRule {
  priority: Priority;
  /** Null: any category. */
  categoryId: number | null;
  /** Business minutes from creation to being taken into account; null = no such target. */
  timeToOwnMinutes: number | null;
  /** Business minutes from creation to the (last) solution; null = no such target. */
  timeToResolveMinutes: number | null;
}

export interface SlaPolicy {
  calendar: BusinessCalendar;
  /** Share of the budget (0 < r ≤ 1) from which a running target is "at risk". */
  atRiskRatio: number;
  rules: readonly SlaRule[];
}

const budgetSchema = z.number().int().positive().max(10_000_000).nullable();

export const slaRuleSchema = z
  .object({
    priority: prioritySchema,
    categoryId: bodyIdSchema.nullable().default(null),
    timeToOwnMinutes: budgetSchema.default(null),
    timeToResolveMinutes: budgetSchema.default(null),
  })
  .refine((r) => r.timeToOwnMinutes !== null || r.timeToResolveMinutes !== null, {
    error: 'give a time to own or a time to resolve (in business minutes)',
    path: ['timeToOwnMinutes'],
  })
  .refine((r) => r.timeToOwnMinutes === null || r.timeToResolveMinutes === null || r.timeToResolveMinutes >= r.timeToOwnMinutes, {
    error: 'must not be shorter than the time to own',
    path: ['timeToResolveMinutes'],
  });

/** A policy as configured: a calendar config, an at-risk ratio (default 0.8) and rules. */
export const slaPolicySchema = z
  .object({
    calendar: businessCalendarSchema,
    atRiskRatio: z.number().gt(0).max(1).default(DEFAULT_AT_RISK_RATIO),
    rules: z.array(slaRuleSchema),
  })
  .superRefine((p, ctx) => {
    const seen = new Map<string, number>();
    p.rules.forEach((r, i) => {
      const key = `${r.priority}/${r.categoryId ?? '*'}`;
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i],
          message: `duplicates rules[${first}] (priority ${r.priority}, ${r.categoryId === null ? 'any category' : `category ${r.categoryId}`})`,
        });
      } else seen.set(key, i);
    });
  });

/**
 * The rule for a ticket: the one for its priority and the nearest category of `categoryPath` (the
 * ticket's category first, then its ancestors), else the priority's category-less rule, else null.
 */
export function findSlaRule(rules: readonly SlaRule[], priority: Priority, categoryPath: readonly number[]): SlaRule | null {
  for (const categoryId of categoryPath) {
    const hit = rules.find((r) => r.priority === priority && r.categoryId === categoryId);
    if (hit) return hit;
  }
  return rules.find((r) => r.priority === priority && r.categoryId === null) ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Pauses
// ---------------------------------------------------------------------------------------------------


/**
 * Pauses and resolution instant from a ticket's status history (each change with its instant, in order).
 * `resolvedAt` is the last entry into `solved` when the ticket is solved or closed now (a refused or
 * reopened solution does not count), else null.
 */
export function slaClockFromHistory(history: readonly { at: Date; status: TicketStatus }[]): {
  paused: PausedInterval[];
  resolvedAt: Date | null;
} {
  const paused: PausedInterval[] = [];
  let open: Date | null = null;
  let lastSolved: Date | null = null;
  let lastStatus: TicketStatus | null = null;
  for (const { at, status } of history) {
    const pausing = PAUSED_STATUSES.includes(status);
    if (pausing && open === null) open = at;
    if (!pausing && open !== null) {
      paused.push({ start: open, end: at });
      open = null;
    }
    if (status === 'solved' && lastStatus !== 'solved') lastSolved = at;
    if (status === 'closed' && lastStatus !== 'solved' && lastStatus !== 'closed') lastSolved = at; // closed without a solve
    lastStatus = status;
  }
  if (open !== null) paused.push({ start: open, end: null });
  const resolved = lastStatus === 'solved' || lastStatus === 'closed';
  return { paused, resolvedAt: resolved ? lastSolved : null };
}

/** Pauses as sorted, merged ms intervals, open ends closed at `nowMs`. Throws on an end before its start. */
function normalisePauses(paused: readonly PausedInterval[], nowMs: number): Interval[] {
  const list = paused.map((p, i) => {
    const start = p.start.getTime();
    const end = p.end === null ? Math.max(start, nowMs) : p.end.getTime();
    if (Number.isNaN(start) || Number.isNaN(end)) throw new RangeError(`paused[${i}] has an invalid date`);
    if (end < start) throw new RangeError(`paused[${i}] ends before it starts`);
    return { start, end };
  });
  list.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const i of list) {
    const last = merged[merged.length - 1];
    if (last !== undefined && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else if (i.end > i.start) merged.push({ ...i });
  }
  return merged;
}

/** Working intervals minus pauses (both sorted; pauses merged). */
function* running(work: Iterable<Interval>, pauses: readonly Interval[]): Generator<Interval> {
  let p = 0;
  for (const w of work) {
    while (p < pauses.length && pauses[p]!.end <= w.start) p++;
    let s = w.start;
    for (let q = p; s < w.end; q++) {
      const pause = pauses[q];
      if (pause === undefined || pause.start >= w.end) {
        yield { start: s, end: w.end };
        break;
      }
      if (pause.start > s) yield { start: s, end: pause.start };
      s = Math.max(s, pause.end);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Clock arithmetic
// ---------------------------------------------------------------------------------------------------

export interface SlaClock {
  calendar: BusinessCalendar;
  /** Pauses (pending, solved); open ones end at `now`. */
  paused: readonly PausedInterval[];
  /** The present, for open pauses and running targets. */
  now: Date;
}

/** Running business minutes in [from, to): business time minus pauses. */
export function slaElapsedMinutes(from: Date, to: Date, clock: SlaClock): number {
  if (!(to.getTime() > from.getTime())) return 0;
  const pauses = normalisePauses(clock.paused, clock.now.getTime());
  let ms = 0;
  for (const i of running(workingIntervalsBetween(from, to, clock.calendar), pauses)) ms += i.end - i.start;
  return ms / 60_000;
}

/** The earliest instant at which `budgetMinutes` running business minutes have elapsed since `from`. */
export function slaDueAt(from: Date, budgetMinutes: number, clock: SlaClock): Date {
  if (!Number.isFinite(budgetMinutes) || budgetMinutes < 0) throw new RangeError(`budget must be ≥ 0 minutes, got ${budgetMinutes}`);
  let remaining = Math.round(budgetMinutes * 60_000);
  if (remaining === 0) return new Date(from.getTime());
  const pauses = normalisePauses(clock.paused, clock.now.getTime());
  for (const i of running(workingIntervalsFrom(from.getTime(), clock.calendar), pauses)) {
    const len = i.end - i.start;
    if (remaining <= len) return new Date(i.start + remaining);
    remaining -= len;
  }
  /* c8 ignore next: workingIntervalsFrom never ends, it throws past its horizon */
  throw new Error('unreachable');
}

/**
 * The state of one target. `usedMinutes` is the running business time consumed (until `achievedAt` when
 * achieved, else until now); `at`, the instant judged: `achievedAt ?? now`.
 */
export function slaState(input: { at: Date; dueAt: Date; usedMinutes: number; budgetMinutes: number; atRiskRatio: number }): SlaState {
  if (input.at.getTime() > input.dueAt.getTime()) return 'breached';
  if (input.budgetMinutes === 0 || input.usedMinutes >= input.atRiskRatio * input.budgetMinutes) return 'at-risk';
  return 'on-track';
}

export interface SlaTargetStatus {
  budgetMinutes: number;
  /** Due date with the pauses known so far (an open pause keeps pushing it as time passes). */
  dueAt: Date;
  achievedAt: Date | null;
  /** Running business minutes used: until `achievedAt` if achieved, else until now. */
  usedMinutes: number;
  /** Frozen at `achievedAt` once achieved. */
  state: SlaState;
  outcome: SlaOutcome;
}

export function evaluateSlaTarget(input: {
  start: Date;
  budgetMinutes: number;
  achievedAt: Date | null;
  atRiskRatio: number;
  clock: SlaClock;
}): SlaTargetStatus {
  const { start, budgetMinutes, achievedAt, atRiskRatio, clock } = input;
  const dueAt = slaDueAt(start, budgetMinutes, clock);
  const at = achievedAt ?? clock.now;
  const usedMinutes = slaElapsedMinutes(start, at, clock);
  const state = slaState({ at, dueAt, usedMinutes, budgetMinutes, atRiskRatio });
  const outcome: SlaOutcome = state === 'breached' ? 'breached' : achievedAt !== null ? 'met' : 'running';
  return { budgetMinutes, dueAt, achievedAt, usedMinutes, state, outcome };
}

export interface TicketSlaInput {
  createdAt: Date;
  /** When staff first took the ticket into account (WorkflowTicket.ownedAt). */
  ownedAt: Date | null;
  /** The last solution of a currently solved/closed ticket (see slaClockFromHistory). */
  resolvedAt: Date | null;
  paused: readonly PausedInterval[];
  now: Date;
}

export interface TicketSla {
  rule: SlaRule;
  timeToOwn: SlaTargetStatus | null;
  timeToResolve: SlaTargetStatus | null;
}

/** Both targets of a ticket under a rule (null for a target the rule does not set). */
export function ticketSla(ticket: TicketSlaInput, rule: SlaRule, policy: Pick<SlaPolicy, 'calendar' | 'atRiskRatio'>): TicketSla {
  const clock: SlaClock = { calendar: policy.calendar, paused: ticket.paused, now: ticket.now };
  const target = (budget: number | null, achievedAt: Date | null): SlaTargetStatus | null =>
    budget === null ? null : evaluateSlaTarget({ start: ticket.createdAt, budgetMinutes: budget, achievedAt, atRiskRatio: policy.atRiskRatio, clock });
  return {
    rule,
    timeToOwn: target(rule.timeToOwnMinutes, ticket.ownedAt),
    timeToResolve: target(rule.timeToResolveMinutes, ticket.resolvedAt),
  };
}

/**
 * Achieved times in running business minutes (creation → owned, creation → resolved), null while not
 * achieved. These are what statistics aggregate.
 */
export function achievedTimes(ticket: TicketSlaInput, calendar: BusinessCalendar): { timeToOwnMinutes: number | null; timeToResolveMinutes: number | null } {
  const clock: SlaClock = { calendar, paused: ticket.paused, now: ticket.now };
  return {
    timeToOwnMinutes: ticket.ownedAt === null ? null : slaElapsedMinutes(ticket.createdAt, ticket.ownedAt, clock),
    timeToResolveMinutes: ticket.resolvedAt === null ? null : slaElapsedMinutes(ticket.createdAt, ticket.resolvedAt, clock),
  };
}
