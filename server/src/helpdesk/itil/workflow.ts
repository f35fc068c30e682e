import { actorLabel, permits, type Actor, type Permission } from './permissions.js';

/**
 * The ITIL workflow machine, pure and generic: an object kind (ticket, problem, change) is described as
 * data — its statuses, which of them are open or pause the SLA clock, and per action the statuses that
 * offer it, who may perform it and the one handler that says what follows. Given an object's state, an
 * action and who performs it, the machine says whether it is allowed and what follows (next state and
 * timeline events). Storage, notifications and time-stamping of events belong to the caller.
 */

/** What the machine knows about an object. `R` is the statuses a pending object can come back to. */
export interface ItilState<S extends string, R extends S = S> {
  status: S;
  /** The requesting user, or null when the object was opened for someone who is not a Parc user. */
  requesterId: number | null;
  assigneeUserIds: readonly number[];
  assigneeGroupIds: readonly number[];
  /** While pending: the status to resume to. Null otherwise. */
  statusBeforePending: R | null;
  /** When the current solution was given (UTC); null unless solved or closed. */
  solvedAt: Date | null;
  /** When staff first took the object into account (first assignment, take or solve); the SLA time-to-own stops there. */
  ownedAt: Date | null;
}

export type WorkflowEvent<S extends string = string> =
  | { type: 'status-changed'; from: S; to: S }
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
  | { type: 'reopened'; reason: string | null }
  /** A change went to its approvers (the approval round itself is stored by the approvals module). */
  | { type: 'approval-requested'; userIds: number[]; groupIds: number[]; mode: 'any' | 'all'; comment: string | null }
  /** The approvers' answers settled the round. */
  | { type: 'approval-settled'; outcome: 'approved' | 'refused' }
  /** A change was carried out on its devices. */
  | { type: 'applied'; note: string | null };

export type WorkflowErrorCode =
  /** The action does not exist in the object's current status. */
  | 'invalid-transition'
  /** The actor may not perform this action on this object. */
  | 'forbidden'
  /** The action's payload is missing or wrong; `field` names it. */
  | 'invalid-input'
  /** The action would change nothing (e.g. assigning someone already assigned). */
  | 'no-change'
  /** Unassigning someone who is not assigned. */
  | 'not-assigned'
  /** Auto-close before the delay has passed. */
  | 'too-early';

export interface StepFailure {
  ok: false;
  code: WorkflowErrorCode;
  message: string;
  field?: string;
}

export type TransitionResult<S extends string, R extends S = S> =
  | { ok: true; status: S; next: ItilState<S, R>; events: WorkflowEvent<S>[] }
  | StepFailure;

export function fail(code: WorkflowErrorCode, message: string, field?: string): StepFailure {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}

/** What a handler works with: the state before, the state being built, and helpers that record events. */
export interface Step<S extends string, R extends S> {
  readonly before: ItilState<S, R>;
  readonly actor: Actor;
  /** The kind's name, for messages ("ticket"). */
  readonly noun: string;
  /** The instant of the action (UTC): stamps `solvedAt`/`ownedAt`, and is "now" for auto-close. */
  readonly at: Date;
  readonly next: ItilState<S, R>;
  set(patch: Partial<ItilState<S, R>>): void;
  /** Moves to `status`, recording the change when it is one. */
  moveTo(status: S): void;
  /** Records the first time staff take the object into account. */
  markOwned(): void;
  emit(event: WorkflowEvent<S>): void;
}

/** One action of a kind: where it is offered, who may perform it, and its handler. */
export interface ActionDef<S extends string, R extends S, A> {
  from: readonly S[];
  who: Permission;
  /** Checks the payload and builds the next state through `step`; returns a failure or nothing. */
  run(step: Step<S, R>, action: A): StepFailure | undefined;
}

export type ActionTable<S extends string, R extends S, A extends { type: string }> = {
  readonly [T in A['type']]: ActionDef<S, R, Extract<A, { type: T }>>;
};

/** An ITIL object kind as data: tickets instantiate it (itil/ticket-kind.ts); problems and changes will. */
export interface ItilKind<S extends string, R extends S, A extends { type: string }> {
  /** Names the object in messages: "A closed ticket cannot be given …". */
  name: string;
  statuses: readonly S[];
  /** Statuses in which the object is still being worked. */
  open: readonly S[];
  /** Statuses in which the SLA clock stands still. */
  paused: readonly S[];
  /** In the order the web interface shows its buttons. */
  actions: ActionTable<S, R, A>;
}

type AnyKind<S extends string, R extends S, A extends { type: string }> = ItilKind<S, R, A>;

function definition<S extends string, R extends S, A extends { type: string }>(kind: AnyKind<S, R, A>, type: A['type']): ActionDef<S, R, A> {
  return kind.actions[type] as unknown as ActionDef<S, R, A>;
}

/** The kind's action types, in table order. */
export function actionTypes<S extends string, R extends S, A extends { type: string }>(kind: AnyKind<S, R, A>): A['type'][] {
  return Object.keys(kind.actions) as A['type'][];
}

/** The actions a status offers, whoever asks. */
export function offeredActions<S extends string, R extends S, A extends { type: string }>(kind: AnyKind<S, R, A>, status: S): A['type'][] {
  return actionTypes(kind).filter((t) => definition(kind, t).from.includes(status));
}

/** Whether `actor` holds the permission for `type` on `state`, ignoring the status. */
export function mayAct<S extends string, R extends S, A extends { type: string }>(kind: AnyKind<S, R, A>, state: ItilState<S, R>, type: A['type'], actor: Actor): boolean {
  return permits(definition(kind, type).who, state, actor);
}

/** The actions this actor can perform on this object now (the web interface's buttons). */
export function actionsFor<S extends string, R extends S, A extends { type: string }>(kind: AnyKind<S, R, A>, state: ItilState<S, R>, actor: Actor): A['type'][] {
  return offeredActions(kind, state.status).filter((t) => mayAct(kind, state, t, actor));
}

/**
 * Applies `action` by `actor` at instant `at`. Checks, in order: the status offers the action
 * (`invalid-transition`), the actor may do it (`forbidden`), then the handler checks the payload
 * (`invalid-input`, `no-change`, `not-assigned`, `too-early`). Never mutates `state`.
 */
export function runAction<S extends string, R extends S, A extends { type: string }>(
  kind: AnyKind<S, R, A>,
  state: ItilState<S, R>,
  action: A,
  actor: Actor,
  at: Date,
): TransitionResult<S, R> {
  const def = definition(kind, action.type);
  if (!def.from.includes(state.status)) {
    return fail('invalid-transition', `A ${state.status} ${kind.name} cannot be given "${action.type}".`);
  }
  if (!permits(def.who, state, actor)) {
    return fail('forbidden', `${action.type}: ${def.who.label}, not ${actorLabel(actor)}.`);
  }
  const events: WorkflowEvent<S>[] = [];
  let next: ItilState<S, R> = { ...state };
  const step: Step<S, R> = {
    before: state,
    actor,
    noun: kind.name,
    at,
    get next() {
      return next;
    },
    set(patch) {
      next = { ...next, ...patch };
    },
    moveTo(status) {
      if (status !== next.status) events.push({ type: 'status-changed', from: next.status, to: status });
      next = { ...next, status };
    },
    markOwned() {
      if (next.ownedAt === null) {
        next = { ...next, ownedAt: at };
        events.push({ type: 'taken-into-account' });
      }
    },
    emit(event) {
      events.push(event);
    },
  };
  const failure = def.run(step, action);
  if (failure) return failure;
  return { ok: true, status: next.status, next, events };
}
