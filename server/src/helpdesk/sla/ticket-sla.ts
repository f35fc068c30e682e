import type { BusinessCalendar } from './business-calendar.js';
import { achievedTimes, slaClockFromHistory, slaDueAt, ticketSla, type SlaClock, type SlaRule, type SlaState, type SlaTargetStatus } from './sla.js';
import type { TicketStatus } from '../itil/ticket-kind.js';

/**
 * A ticket's SLA under a stored policy, pure: the due dates to store on the ticket, what its page shows,
 * its state from the stored dates, and the achieved times statistics aggregate.
 */

/** An SLA policy row made ready for arithmetic: its calendar parsed, its targets per priority "1" … "6". */
export interface ResolvedSlaPolicy {
  id: number;
  name: string;
  calendarId: number;
  categoryId: number | null;
  calendar: BusinessCalendar;
  atRiskRatio: number;
  targets: Partial<Record<string, { ownMinutes: number; resolveMinutes: number }>>;
}

export type { SlaState } from './sla.js';

export interface TicketClockInput {
  createdAt: Date;
  priority: number;
  ownedAt: Date | null;
  /** Status changes after creation, in order. */
  history: readonly { at: Date; status: TicketStatus }[];
  now: Date;
}

/** The SLA columns of a ticket: what the tickets service stores after every change of the clock. */
export interface TicketSlaDates {
  ownDueAt: Date | null;
  resolveDueAt: Date | null;
  ownAtRiskAt: Date | null;
  resolveAtRiskAt: Date | null;
}

function ruleFor(policy: ResolvedSlaPolicy, priority: number): SlaRule | null {
  const t = policy.targets[String(priority)];
  if (!t) return null;
  return { priority: priority as SlaRule['priority'], categoryId: policy.categoryId, timeToOwnMinutes: t.ownMinutes, timeToResolveMinutes: t.resolveMinutes };
}

function clockOf(policy: Pick<ResolvedSlaPolicy, 'calendar'>, input: Omit<TicketClockInput, 'priority'>) {
  const history = [{ at: input.createdAt, status: 'new' as TicketStatus }, ...input.history];
  const { paused, resolvedAt } = slaClockFromHistory(history);
  // A solved or closed ticket is judged as of its solution: the pause that follows must not keep moving
  // its due dates.
  const now = resolvedAt ?? input.now;
  const clock: SlaClock = { calendar: policy.calendar, paused, now };
  return { clock, paused, resolvedAt, now };
}

/**
 * Due dates and at-risk instants to store on the ticket, as of `now` (an open pause counts up to now, so
 * they are recomputed whenever the clock starts or stops). Null when the policy sets no target for the
 * ticket's priority.
 */
export function slaDates(policy: ResolvedSlaPolicy, input: TicketClockInput): TicketSlaDates | null {
  const rule = ruleFor(policy, input.priority);
  if (!rule) return null;
  const { clock } = clockOf(policy, input);
  const at = (minutes: number | null) => (minutes === null ? null : slaDueAt(input.createdAt, minutes, clock));
  return {
    ownDueAt: at(rule.timeToOwnMinutes),
    resolveDueAt: at(rule.timeToResolveMinutes),
    ownAtRiskAt: at(rule.timeToOwnMinutes === null ? null : rule.timeToOwnMinutes * policy.atRiskRatio),
    resolveAtRiskAt: at(rule.timeToResolveMinutes === null ? null : rule.timeToResolveMinutes * policy.atRiskRatio),
  };
}

const targetView = (t: SlaTargetStatus | null) =>
  t && {
    budgetMinutes: t.budgetMinutes,
    dueAt: t.dueAt.toISOString(),
    achievedAt: t.achievedAt?.toISOString() ?? null,
    usedMinutes: Math.round(t.usedMinutes * 100) / 100,
    state: t.state,
    outcome: t.outcome,
  };

/** What a ticket page shows of its SLA: for each target, due time, business minutes used, state. */
export function slaView(policy: ResolvedSlaPolicy, input: TicketClockInput) {
  const rule = ruleFor(policy, input.priority);
  if (!rule) return { policy: { id: policy.id, name: policy.name }, timeToOwn: null, timeToResolve: null, paused: false };
  const { paused, resolvedAt, now } = clockOf(policy, input);
  const sla = ticketSla({ createdAt: input.createdAt, ownedAt: input.ownedAt, resolvedAt, paused, now }, rule, policy);
  return {
    policy: { id: policy.id, name: policy.name },
    timeToOwn: targetView(sla.timeToOwn),
    timeToResolve: targetView(sla.timeToResolve),
    paused: resolvedAt === null && paused.some((p) => p.end === null),
  };
}

/** The stored SLA facts of a ticket (its columns). */
export interface StoredSla {
  status: TicketStatus;
  resolve_due_at: Date | string | null;
  resolve_at_risk_at: Date | string | null;
  solved_at: Date | string | null;
}

/** SLA state from the stored due dates, as of now; a pending ticket's clock is stopped where it paused. */
export function storedSlaState(t: StoredSla, now: Date, pausedAt: Date | null): SlaState | 'met' | 'none' {
  if (!t.resolve_due_at) return 'none';
  const due = new Date(t.resolve_due_at).getTime();
  if (t.status === 'solved' || t.status === 'closed') {
    return t.solved_at && new Date(t.solved_at).getTime() <= due ? 'met' : 'breached';
  }
  const at = (pausedAt ?? now).getTime();
  if (at > due) return 'breached';
  if (t.resolve_at_risk_at && at >= new Date(t.resolve_at_risk_at).getTime()) return 'at-risk';
  return 'on-track';
}

/** What statistics need of one ticket's SLA: achieved times in business minutes and due dates as of now. */
export interface TicketSlaFigures {
  timeToOwnMinutes: number | null;
  timeToResolveMinutes: number | null;
  ownDueAt: Date | null;
  resolveDueAt: Date | null;
  resolvedAt: Date | null;
}

/**
 * A ticket's SLA figures for statistics: durations are business minutes of the policy's calendar
 * (`wallClock` for a ticket without policy), pauses excluded. The stored due dates of a ticket pending
 * right now leave out the pause still running; as of now it pushes them out, so a ticket that paused in
 * time is still running, not breached.
 */
export function ticketSlaFigures(
  policy: ResolvedSlaPolicy | null,
  input: TicketClockInput,
  stored: { ownDueAt: Date | null; resolveDueAt: Date | null },
  wallClock: BusinessCalendar,
): TicketSlaFigures {
  const { createdAt, ownedAt, now } = input;
  const { paused, resolvedAt } = slaClockFromHistory([{ at: createdAt, status: 'new' }, ...input.history]);
  const times = achievedTimes({ createdAt, ownedAt, resolvedAt, paused, now }, policy?.calendar ?? wallClock);
  const pausedNow = resolvedAt === null && paused.some((p) => p.end === null);
  const due = pausedNow && policy ? slaDates(policy, input) : null;
  return {
    ...times,
    ownDueAt: due ? due.ownDueAt : stored.ownDueAt,
    resolveDueAt: due ? due.resolveDueAt : stored.resolveDueAt,
    resolvedAt,
  };
}
