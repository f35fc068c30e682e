import { fail, type Step, type StepFailure } from './workflow.js';

/**
 * The handlers of the actions every ITIL object shares with GLPI's tickets — assignment, planning,
 * pending, solution and its verdict, closure, reopening — one per action. They are written against a
 * kind's lifecycle (which of its statuses is the queue, work in progress, pending, solved, closed), so a
 * problem or a change reuses them with its own statuses.
 */

export type LifecycleAction =
  /** Add users and/or groups of technicians as assignees. */
  | { type: 'assign'; userIds?: readonly number[]; groupIds?: readonly number[] }
  /** A technician assigns themselves ("take into account"). */
  | { type: 'take' }
  /** Remove assignees; an object left without any goes back to the queue. */
  | { type: 'unassign'; userIds?: readonly number[]; groupIds?: readonly number[] }
  /** A task with planned dates was scheduled (UTC instants, start < end). */
  | { type: 'plan'; start: Date; end: Date }
  /** The last planned task was done or removed: back to work in progress. */
  | { type: 'unplan' }
  | { type: 'set-pending'; reason: string }
  | { type: 'resume' }
  | { type: 'solve'; solution: string }
  | { type: 'accept-solution' }
  | { type: 'refuse-solution'; reason: string }
  /** Scheduler: an object solved for at least `afterDays` days (of 24 h) closes. */
  | { type: 'auto-close'; afterDays: number }
  /** Administrative closure of a solved object without the requester's answer. */
  | { type: 'close' }
  | { type: 'reopen'; reason?: string };

type ActionOf<T extends LifecycleAction['type']> = Extract<LifecycleAction, { type: T }>;

/**
 * Which of a kind's statuses plays each part of the lifecycle. A kind without a part (a change is never
 * pending or solved) leaves it out and offers none of the actions that lead there.
 */
export interface Lifecycle<S extends string, R extends S> {
  /** Nobody holds it: it waits in the queue. */
  queued: R;
  /** Someone holds it. */
  working: R;
  /** Work on it is scheduled. */
  planned?: R;
  pending?: S;
  solved?: S;
  closed: S;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function hasAssignees(users: readonly number[], groups: readonly number[]): boolean {
  return users.length > 0 || groups.length > 0;
}

function validIds(ids: readonly number[] | undefined): boolean {
  return (ids ?? []).every((id) => Number.isInteger(id) && id > 0);
}

function requiredText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

type Handler<S extends string, R extends S, T extends LifecycleAction['type']> = (step: Step<S, R>, action: ActionOf<T>) => StepFailure | undefined;
export type LifecycleHandlers<S extends string, R extends S> = { [T in LifecycleAction['type']]: Handler<S, R, T> };

/** One handler per lifecycle action, for a kind whose statuses play the parts in `l`. */
export function lifecycleHandlers<S extends string, R extends S>(l: Lifecycle<S, R>): LifecycleHandlers<S, R> {
  /** The status playing `part`; a kind offering an action whose part it lacks is a definition error. */
  const part = (name: 'planned' | 'pending' | 'solved'): S => {
    const status = l[name];
    if (status === undefined) throw new Error(`this kind has no ${name} status: do not offer the action leading there`);
    return status;
  };
  /** Where an object goes when it is worked again (resume, refusal, reopen): work in progress if someone holds it. */
  const workingStatus = (users: readonly number[], groups: readonly number[], wanted: R = l.working): R => {
    if (!hasAssignees(users, groups)) return l.queued;
    return wanted === l.queued ? l.working : wanted;
  };

  const addAssignees = (step: Step<S, R>, type: 'assign' | 'take', users: number[], groups: number[]) => {
    const { before } = step;
    const addUsers = users.filter((u) => !before.assigneeUserIds.includes(u));
    const addGroups = groups.filter((g) => !before.assigneeGroupIds.includes(g));
    if (addUsers.length === 0 && addGroups.length === 0) {
      return fail('no-change', type === 'take' ? `You are already assigned to this ${step.noun}.` : 'Everyone given is already assigned.');
    }
    step.set({ assigneeUserIds: [...before.assigneeUserIds, ...addUsers], assigneeGroupIds: [...before.assigneeGroupIds, ...addGroups] });
    step.emit({ type: 'assignees-added', userIds: addUsers, groupIds: addGroups });
    // A rule routing the object to a group is not a person taking it into account: time-to-own runs on.
    if (step.actor.kind === 'user') step.markOwned();
    if (before.status === l.queued) step.moveTo(l.working);
    return undefined;
  };

  return {
    assign(step, action) {
      if (!validIds(action.userIds)) return fail('invalid-input', 'User ids must be positive integers.', 'userIds');
      if (!validIds(action.groupIds)) return fail('invalid-input', 'Group ids must be positive integers.', 'groupIds');
      const users = [...new Set(action.userIds ?? [])];
      const groups = [...new Set(action.groupIds ?? [])];
      if (!hasAssignees(users, groups)) return fail('invalid-input', 'Give at least one user or group to assign.', 'userIds');
      return addAssignees(step, 'assign', users, groups);
    },

    take(step) {
      if (step.actor.kind !== 'user') return fail('forbidden', `take: only a person can take a ${step.noun}.`);
      return addAssignees(step, 'take', [step.actor.userId], []);
    },

    unassign(step, action) {
      const { before } = step;
      if (!validIds(action.userIds)) return fail('invalid-input', 'User ids must be positive integers.', 'userIds');
      if (!validIds(action.groupIds)) return fail('invalid-input', 'Group ids must be positive integers.', 'groupIds');
      const users = [...new Set(action.userIds ?? [])];
      const groups = [...new Set(action.groupIds ?? [])];
      if (!hasAssignees(users, groups)) return fail('invalid-input', 'Give at least one user or group to unassign.', 'userIds');
      const strangerUser = users.find((u) => !before.assigneeUserIds.includes(u));
      if (strangerUser !== undefined) return fail('not-assigned', `User ${strangerUser} is not assigned to this ${step.noun}.`, 'userIds');
      const strangerGroup = groups.find((g) => !before.assigneeGroupIds.includes(g));
      if (strangerGroup !== undefined) return fail('not-assigned', `Group ${strangerGroup} is not assigned to this ${step.noun}.`, 'groupIds');
      const leftUsers = before.assigneeUserIds.filter((u) => !users.includes(u));
      const leftGroups = before.assigneeGroupIds.filter((g) => !groups.includes(g));
      step.set({ assigneeUserIds: leftUsers, assigneeGroupIds: leftGroups });
      step.emit({ type: 'assignees-removed', userIds: users, groupIds: groups });
      if (!hasAssignees(leftUsers, leftGroups)) {
        // Nobody holds it any more: it waits in the queue again (a pending one resumes to the queue).
        if (before.status === l.pending) step.set({ statusBeforePending: l.queued });
        else step.moveTo(l.queued);
      }
      return undefined;
    },

    plan(step, action) {
      const { start, end } = action;
      if (!(start instanceof Date) || Number.isNaN(start.getTime())) return fail('invalid-input', 'The planned start must be a valid date.', 'start');
      if (!(end instanceof Date) || Number.isNaN(end.getTime())) return fail('invalid-input', 'The planned end must be a valid date.', 'end');
      if (end.getTime() <= start.getTime()) return fail('invalid-input', 'The planned end must be after its start.', 'end');
      step.emit({ type: 'planned', start, end });
      step.moveTo(part('planned'));
      return undefined;
    },

    unplan(step) {
      step.moveTo(l.working);
      return undefined;
    },

    'set-pending'(step, action) {
      const reason = requiredText(action.reason);
      if (reason === null) return fail('invalid-input', `Say why the ${step.noun} is pending (what or whom it waits for).`, 'reason');
      // The kind offers set-pending only from statuses it can resume to.
      step.set({ statusBeforePending: step.before.status as R });
      step.emit({ type: 'pending-set', reason });
      step.moveTo(part('pending'));
      return undefined;
    },

    resume(step) {
      const { before } = step;
      const to = workingStatus(before.assigneeUserIds, before.assigneeGroupIds, before.statusBeforePending ?? l.working);
      step.set({ statusBeforePending: null });
      step.moveTo(to);
      return undefined;
    },

    solve(step, action) {
      const solution = requiredText(action.solution);
      if (solution === null) return fail('invalid-input', `A solution is required to solve the ${step.noun}.`, 'solution');
      step.markOwned();
      step.set({ statusBeforePending: null, solvedAt: step.at });
      step.emit({ type: 'solution-added', solution });
      step.moveTo(part('solved'));
      return undefined;
    },

    'accept-solution'(step) {
      step.emit({ type: 'solution-accepted' });
      step.moveTo(l.closed);
      return undefined;
    },

    'refuse-solution'(step, action) {
      const reason = requiredText(action.reason);
      if (reason === null) return fail('invalid-input', 'Say why the solution does not solve the problem.', 'reason');
      step.set({ solvedAt: null });
      step.emit({ type: 'solution-refused', reason });
      step.moveTo(workingStatus(step.before.assigneeUserIds, step.before.assigneeGroupIds));
      return undefined;
    },

    'auto-close'(step, action) {
      const days = action.afterDays;
      if (!Number.isFinite(days) || days < 0) return fail('invalid-input', 'The auto-close delay must be a number of days ≥ 0.', 'afterDays');
      const { solvedAt } = step.before;
      if (solvedAt === null) return fail('invalid-input', `The ${step.noun} has no solution date.`, 'solvedAt');
      if (step.at.getTime() - solvedAt.getTime() < days * DAY_MS) return fail('too-early', `The ${step.noun} has not been solved for ${days} day(s) yet.`);
      step.emit({ type: 'auto-closed', afterDays: days });
      step.moveTo(l.closed);
      return undefined;
    },

    close(step) {
      step.moveTo(l.closed);
      return undefined;
    },

    reopen(step, action) {
      const reason = requiredText(action.reason);
      step.set({ solvedAt: null, statusBeforePending: null });
      step.emit({ type: 'reopened', reason });
      step.moveTo(workingStatus(step.before.assigneeUserIds, step.before.assigneeGroupIds));
      return undefined;
    },
  };
}
