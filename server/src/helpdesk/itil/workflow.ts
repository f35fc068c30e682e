/**
 * The ticket state machine, pure: given a ticket's workflow state, an action and who performs it, say
 * whether it is allowed and what follows (next state and timeline events). Storage, notifications and
 * time-stamping of events belong to the service that calls it.
 *
 * Statuses follow GLPI: `new`, `assigned` (GLPI "processing (assigned)"), `planned` ("processing
 * (planned)"), `pending`, `solved`, `closed`.
 */

import { TICKET_STATUSES, type TicketStatus } from '@parc/shared/api/enums';

// Part of the API contract (shared/src/api/enums.ts): the web client lists and labels the same statuses.
export { TICKET_STATUSES, type TicketStatus };

/** Statuses in which the ticket is still being worked (not solved or closed). */
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'assigned', 'planned', 'pending'];

/** Statuses a pending ticket can come back to. */
export type ResumableStatus = 'new' | 'assigned' | 'planned';

export const WORKFLOW_ACTIONS = [
  'assign',
  'take',
  'unassign',
  'plan',
  'unplan',
  'set-pending',
  'resume',
  'solve',
  'accept-solution',
  'refuse-solution',
  'auto-close',
  'close',
  'reopen',
] as const;
export type WorkflowActionType = (typeof WORKFLOW_ACTIONS)[number];

export type WorkflowAction =
  /** Add users and/or groups of technicians as assignees. */
  | { type: 'assign'; userIds?: readonly number[]; groupIds?: readonly number[] }
  /** A technician assigns themselves ("take into account"). */
  | { type: 'take' }
  /** Remove assignees; a ticket left without any goes back to `new`. */
  | { type: 'unassign'; userIds?: readonly number[]; groupIds?: readonly number[] }
  /** A task with planned dates was scheduled (UTC instants, start < end). */
  | { type: 'plan'; start: Date; end: Date }
  /** The last planned task was done or removed: back to `assigned`. */
  | { type: 'unplan' }
  | { type: 'set-pending'; reason: string }
  | { type: 'resume' }
  | { type: 'solve'; solution: string }
  | { type: 'accept-solution' }
  | { type: 'refuse-solution'; reason: string }
  /** Scheduler: a ticket solved for at least `afterDays` days (of 24 h) closes. */
  | { type: 'auto-close'; afterDays: number }
  /** Administrative closure of a solved ticket without the requester's answer (admins only). */
  | { type: 'close' }
  | { type: 'reopen'; reason?: string };

export type ActorRole = 'admin' | 'technician' | 'licence-manager' | 'requester';

export type Actor = { kind: 'user'; userId: number; role: ActorRole } | { kind: 'system' };

/** What the state machine needs to know about a ticket. */
export interface WorkflowTicket {
  status: TicketStatus;
  /** The requesting user, or null when the ticket was opened for someone who is not a Parc user. */
  requesterId: number | null;
  assigneeUserIds: readonly number[];
  assigneeGroupIds: readonly number[];
  /** While pending: the status to resume to. Null otherwise. */
  statusBeforePending: ResumableStatus | null;
  /** When the current solution was given (UTC); null unless solved or closed. */
  solvedAt: Date | null;
  /** When staff first took the ticket into account (first assignment, take or solve); the SLA time-to-own stops there. */
  ownedAt: Date | null;
}

export type WorkflowEvent =
  | { type: 'status-changed'; from: TicketStatus; to: TicketStatus }
  | { type: 'assignees-added'; userIds: number[]; groupIds: number[] }
  | { type: 'assignees-removed'; userIds: number[]; groupIds: number[] }
  /** First time staff took charge: the SLA time-to-own is achieved at this event. */
  | { type: 'taken-into-account' }
  | { type: 'planned'; start: Date; end: Date }
  | { type: 'pending-set'; reason: string }
  | { type: 'solution-added'; solution: string }
  | { type: 'solution-accepted' }
  | { type: 'solution-refused'; reason: string }
  | { type: 'auto-closed'; afterDays: number }
  | { type: 'reopened'; reason: string | null };

export type WorkflowErrorCode =
  /** The action does not exist in the ticket's current status. */
  | 'invalid-transition'
  /** The actor may not perform this action on this ticket. */
  | 'forbidden'
  /** The action's payload is missing or wrong; `field` names it. */
  | 'invalid-input'
  /** The action would change nothing (e.g. assigning someone already assigned). */
  | 'no-change'
  /** Unassigning someone who is not assigned. */
  | 'not-assigned'
  /** Auto-close before the delay has passed. */
  | 'too-early';

export type TransitionResult =
  | { ok: true; status: TicketStatus; next: WorkflowTicket; events: WorkflowEvent[] }
  | { ok: false; code: WorkflowErrorCode; message: string; field?: string };

/** Which actions each status offers (whoever asks). Everything else is `invalid-transition`. */
export const ALLOWED_ACTIONS: Readonly<Record<TicketStatus, readonly WorkflowActionType[]>> = {
  new: ['assign', 'take', 'set-pending', 'solve'],
  assigned: ['assign', 'take', 'unassign', 'plan', 'set-pending', 'solve'],
  planned: ['assign', 'take', 'unassign', 'plan', 'unplan', 'set-pending', 'solve'],
  pending: ['assign', 'take', 'unassign', 'resume', 'solve'],
  solved: ['accept-solution', 'refuse-solution', 'auto-close', 'close', 'reopen'],
  closed: ['reopen'],
};

/**
 * Who may perform each action:
 * - staff: admins and technicians;
 * - admin: admins only;
 * - requester: the ticket's own requester (any role, so a technician can be a requester too);
 * - requester-or-staff: either (a requester answering a pending question resumes it, as in GLPI);
 * - staff-or-system: staff, or the system applying an auto-assignment rule;
 * - system: the scheduler, never a person.
 */
export type Permission = 'staff' | 'admin' | 'requester' | 'requester-or-staff' | 'staff-or-system' | 'system';

export const ACTION_PERMISSIONS: Readonly<Record<WorkflowActionType, Permission>> = {
  assign: 'staff-or-system',
  take: 'staff',
  unassign: 'staff',
  plan: 'staff',
  unplan: 'staff',
  'set-pending': 'staff',
  resume: 'requester-or-staff',
  solve: 'staff',
  'accept-solution': 'requester',
  'refuse-solution': 'requester',
  'auto-close': 'system',
  close: 'admin',
  reopen: 'staff',
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function isStaff(actor: Actor): boolean {
  return actor.kind === 'user' && (actor.role === 'admin' || actor.role === 'technician');
}

function isOwnRequester(ticket: WorkflowTicket, actor: Actor): boolean {
  return actor.kind === 'user' && ticket.requesterId !== null && actor.userId === ticket.requesterId;
}

/** Whether `actor` holds the permission for `action` on `ticket`, ignoring the status. */
export function mayPerform(ticket: WorkflowTicket, action: WorkflowActionType, actor: Actor): boolean {
  switch (ACTION_PERMISSIONS[action]) {
    case 'staff':
      return isStaff(actor);
    case 'admin':
      return actor.kind === 'user' && actor.role === 'admin';
    case 'requester':
      return isOwnRequester(ticket, actor);
    case 'requester-or-staff':
      return isStaff(actor) || isOwnRequester(ticket, actor);
    case 'staff-or-system':
      return isStaff(actor) || actor.kind === 'system';
    case 'system':
      return actor.kind === 'system';
  }
}

/** The actions this actor can perform on this ticket now (for the UI's buttons). */
export function availableActions(ticket: WorkflowTicket, actor: Actor): WorkflowActionType[] {
  return ALLOWED_ACTIONS[ticket.status].filter((a) => mayPerform(ticket, a, actor));
}

function fail(code: WorkflowErrorCode, message: string, field?: string): TransitionResult {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}

function hasAssignees(users: readonly number[], groups: readonly number[]): boolean {
  return users.length > 0 || groups.length > 0;
}

function validIds(ids: readonly number[] | undefined): boolean {
  return (ids ?? []).every((id) => Number.isInteger(id) && id > 0);
}

function requiredText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Where a ticket goes when it is worked again (resume, refusal, reopen): `assigned` if someone holds it. */
function workingStatus(users: readonly number[], groups: readonly number[], wanted: ResumableStatus = 'assigned'): ResumableStatus {
  if (!hasAssignees(users, groups)) return 'new';
  return wanted === 'new' ? 'assigned' : wanted;
}

const ACTOR_LABEL = (actor: Actor): string => (actor.kind === 'system' ? 'the system' : `a ${actor.role}`);

const PERMISSION_MESSAGES: Readonly<Record<Permission, string>> = {
  staff: 'only helpdesk staff (admins and technicians) can do this',
  admin: 'only an admin can do this',
  requester: "only the ticket's requester can do this",
  'requester-or-staff': "only the ticket's requester or helpdesk staff can do this",
  'staff-or-system': 'only helpdesk staff (admins and technicians) or an assignment rule can do this',
  system: 'only the scheduler does this',
};

/**
 * Applies `action` by `actor` at instant `at` (UTC; it stamps `solvedAt`/`ownedAt` and is "now" for
 * auto-close). Checks, in order: the status offers the action (`invalid-transition`), the actor may do it
 * (`forbidden`), the payload is valid (`invalid-input`, `no-change`, `not-assigned`, `too-early`).
 */
export function transition(ticket: WorkflowTicket, action: WorkflowAction, actor: Actor, at: Date): TransitionResult {
  const from = ticket.status;
  if (!ALLOWED_ACTIONS[from].includes(action.type)) {
    return fail('invalid-transition', `A ${from} ticket cannot be given "${action.type}".`);
  }
  if (!mayPerform(ticket, action.type, actor)) {
    return fail('forbidden', `${action.type}: ${PERMISSION_MESSAGES[ACTION_PERMISSIONS[action.type]]}, not ${ACTOR_LABEL(actor)}.`);
  }

  const events: WorkflowEvent[] = [];
  let next: WorkflowTicket = { ...ticket };
  const moveTo = (status: TicketStatus): void => {
    if (status !== next.status) events.push({ type: 'status-changed', from: next.status, to: status });
    next = { ...next, status };
  };
  const markOwned = (): void => {
    if (next.ownedAt === null) {
      next = { ...next, ownedAt: at };
      events.push({ type: 'taken-into-account' });
    }
  };
  const done = (): TransitionResult => ({ ok: true, status: next.status, next, events });

  switch (action.type) {
    case 'assign':
    case 'take': {
      let users: number[];
      let groups: number[];
      if (action.type === 'take') {
        if (actor.kind !== 'user') return fail('forbidden', 'take: only a person can take a ticket.');
        users = [actor.userId];
        groups = [];
      } else {
        if (!validIds(action.userIds)) return fail('invalid-input', 'User ids must be positive integers.', 'userIds');
        if (!validIds(action.groupIds)) return fail('invalid-input', 'Group ids must be positive integers.', 'groupIds');
        users = [...new Set(action.userIds ?? [])];
        groups = [...new Set(action.groupIds ?? [])];
        if (!hasAssignees(users, groups)) return fail('invalid-input', 'Give at least one user or group to assign.', 'userIds');
      }
      const addUsers = users.filter((u) => !ticket.assigneeUserIds.includes(u));
      const addGroups = groups.filter((g) => !ticket.assigneeGroupIds.includes(g));
      if (addUsers.length === 0 && addGroups.length === 0) {
        return fail('no-change', action.type === 'take' ? 'You are already assigned to this ticket.' : 'Everyone given is already assigned.');
      }
      next = {
        ...next,
        assigneeUserIds: [...ticket.assigneeUserIds, ...addUsers],
        assigneeGroupIds: [...ticket.assigneeGroupIds, ...addGroups],
      };
      events.push({ type: 'assignees-added', userIds: addUsers, groupIds: addGroups });
      // A rule routing the ticket to a group is not a person taking it into account: time-to-own runs on.
      if (actor.kind === 'user') markOwned();
      if (from === 'new') moveTo('assigned');
      return done();
    }

    case 'unassign': {
      if (!validIds(action.userIds)) return fail('invalid-input', 'User ids must be positive integers.', 'userIds');
      if (!validIds(action.groupIds)) return fail('invalid-input', 'Group ids must be positive integers.', 'groupIds');
      const users = [...new Set(action.userIds ?? [])];
      const groups = [...new Set(action.groupIds ?? [])];
      if (!hasAssignees(users, groups)) return fail('invalid-input', 'Give at least one user or group to unassign.', 'userIds');
      const strangerUser = users.find((u) => !ticket.assigneeUserIds.includes(u));
      if (strangerUser !== undefined) return fail('not-assigned', `User ${strangerUser} is not assigned to this ticket.`, 'userIds');
      const strangerGroup = groups.find((g) => !ticket.assigneeGroupIds.includes(g));
      if (strangerGroup !== undefined) return fail('not-assigned', `Group ${strangerGroup} is not assigned to this ticket.`, 'groupIds');
      const leftUsers = ticket.assigneeUserIds.filter((u) => !users.includes(u));
      const leftGroups = ticket.assigneeGroupIds.filter((g) => !groups.includes(g));
      next = { ...next, assigneeUserIds: leftUsers, assigneeGroupIds: leftGroups };
      events.push({ type: 'assignees-removed', userIds: users, groupIds: groups });
      if (!hasAssignees(leftUsers, leftGroups)) {
        // Nobody holds it any more: it waits in the queue again (a pending one resumes to `new`).
        if (from === 'pending') next = { ...next, statusBeforePending: 'new' };
        else moveTo('new');
      }
      return done();
    }

    case 'plan': {
      const { start, end } = action;
      if (!(start instanceof Date) || Number.isNaN(start.getTime())) return fail('invalid-input', 'The planned start must be a valid date.', 'start');
      if (!(end instanceof Date) || Number.isNaN(end.getTime())) return fail('invalid-input', 'The planned end must be a valid date.', 'end');
      if (end.getTime() <= start.getTime()) return fail('invalid-input', 'The planned end must be after its start.', 'end');
      events.push({ type: 'planned', start, end });
      moveTo('planned');
      return done();
    }

    case 'unplan':
      moveTo('assigned');
      return done();

    case 'set-pending': {
      const reason = requiredText(action.reason);
      if (reason === null) return fail('invalid-input', 'Say why the ticket is pending (what or whom it waits for).', 'reason');
      next = { ...next, statusBeforePending: from as ResumableStatus };
      events.push({ type: 'pending-set', reason });
      moveTo('pending');
      return done();
    }

    case 'resume': {
      const to = workingStatus(ticket.assigneeUserIds, ticket.assigneeGroupIds, ticket.statusBeforePending ?? 'assigned');
      next = { ...next, statusBeforePending: null };
      moveTo(to);
      return done();
    }

    case 'solve': {
      const solution = requiredText(action.solution);
      if (solution === null) return fail('invalid-input', 'A solution is required to solve the ticket.', 'solution');
      markOwned();
      next = { ...next, statusBeforePending: null, solvedAt: at };
      events.push({ type: 'solution-added', solution });
      moveTo('solved');
      return done();
    }

    case 'accept-solution':
      events.push({ type: 'solution-accepted' });
      moveTo('closed');
      return done();

    case 'refuse-solution': {
      const reason = requiredText(action.reason);
      if (reason === null) return fail('invalid-input', 'Say why the solution does not solve the problem.', 'reason');
      next = { ...next, solvedAt: null };
      events.push({ type: 'solution-refused', reason });
      moveTo(workingStatus(ticket.assigneeUserIds, ticket.assigneeGroupIds));
      return done();
    }

    case 'auto-close': {
      const days = action.afterDays;
      if (!Number.isFinite(days) || days < 0) return fail('invalid-input', 'The auto-close delay must be a number of days ≥ 0.', 'afterDays');
      if (ticket.solvedAt === null) return fail('invalid-input', 'The ticket has no solution date.', 'solvedAt');
      if (at.getTime() - ticket.solvedAt.getTime() < days * DAY_MS) {
        return fail('too-early', `The ticket has not been solved for ${days} day(s) yet.`);
      }
      events.push({ type: 'auto-closed', afterDays: days });
      moveTo('closed');
      return done();
    }

    case 'close':
      moveTo('closed');
      return done();

    case 'reopen': {
      const reason = requiredText(action.reason);
      next = { ...next, solvedAt: null, statusBeforePending: null };
      events.push({ type: 'reopened', reason });
      moveTo(workingStatus(ticket.assigneeUserIds, ticket.assigneeGroupIds));
      return done();
    }
  }
}
