import type { BusinessCalendar } from './business-calendar.js';
import { slaClockFromHistory, slaDueAt, ticketSla, type SlaClock, type SlaRule, type SlaTargetStatus } from './sla.js';
import type { TicketStatus } from '../itil/ticket-kind.js';

/** An SLA policy row made ready for arithmetic: its calendar parsed, its targets per priority. */
export interface ResolvedSlaPolicy {
  id: number;
  name: string;
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

function ruleFor(policy: ResolvedSlaPolicy, priority: number): SlaRule | null {
  const t = policy.targets[String(priority)];
  if (!t) return null;
  return { priority: priority as SlaRule['priority'], categoryId: policy.categoryId, timeToOwnMinutes: t.ownMinutes, timeToResolveMinutes: t.resolveMinutes };
}

function clockOf(policy: ResolvedSlaPolicy, input: TicketClockInput) {
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
export function slaDates(policy: ResolvedSlaPolicy, input: TicketClockInput) {
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
