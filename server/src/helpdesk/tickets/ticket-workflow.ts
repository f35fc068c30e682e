import type { Db } from '../../platform/db/database.js';
import type { AuthUser } from '../../platform/http/context.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { Actor } from '../itil/permissions.js';
import type { ItilKindName } from '@parc/shared/api/itil-enums';
import { runItemActionGuards } from '../itil/item-hooks.js';
import { hasAction, ITIL_KIND_BY_NAME, type ItilAction } from '../itil/kinds.js';
import type { ResumableStatus, WorkflowAction } from '../itil/ticket-kind.js';
import { timelineEntries, type TimelineEntry } from '../itil/timeline.js';
import { workflowError } from '../itil/workflow-errors.js';
import { fail, runAction, type ItilState, type WorkflowEvent as ItilEvent } from '../itil/workflow.js';
import { assertAssignable, assertCanSee } from './ticket-access.js';
import { addActors, removeActors, ticketActors } from './ticket-actors.repository.js';
import { actorOf, notify, type TicketCtx } from './ticket-context.js';
import { insertEvents } from './ticket-timeline.repository.js';
import { refreshSla } from './sla-refresh.js';
import { lockItem, updateItem, type ItemRow } from './tickets.repository.js';
import type { ItilStatus } from './tickets.tables.js';
import type { TicketActionBody } from './tickets.schemas.js';

/**
 * Workflow steps of any ITIL object (ticket, problem, change), persisted: the pure machine of the row's
 * kind (itil/kinds.ts) decides; this writes the new status, assignees, SLA clock and solution, the
 * timeline, and queues the notifications. Problems and changes go through here too: one implementation.
 */

async function workflowState(db: Db, t: ItemRow): Promise<ItilState<string, string>> {
  const assignees = (await ticketActors(db, [t.id])).filter((a) => a.role === 'assignee');
  return {
    status: t.status,
    requesterId: t.requester_id,
    assigneeUserIds: assignees.flatMap((a) => (a.user_id !== null ? [a.user_id] : [])),
    assigneeGroupIds: assignees.flatMap((a) => (a.group_id !== null ? [a.group_id] : [])),
    statusBeforePending: t.status_before_pending,
    solvedAt: t.solved_at ? new Date(t.solved_at) : null,
    ownedAt: t.owned_at ? new Date(t.owned_at) : null,
  };
}

export interface WorkflowStep {
  action: ItilAction;
  actor: Actor;
  /** The person acting, whose right to see the object is checked; null for the system. */
  actorUser: AuthUser | null;
  now: Date;
  email: boolean;
  /** The kind the caller expects (a ticket route given a change's id answers 404); absent: whatever the row is. */
  kind?: ItilKindName;
  /** Timeline entries written before the step's own (e.g. which assignment rule fired). */
  extraEvents?: TimelineEntry[];
  /** The planned dates come from a private task: keep them private. */
  privatePlan?: boolean;
}

export interface AppliedStep {
  status: string;
  /** What happened, for the caller's own effects (a change's approval round, its devices' history). */
  events: ItilEvent<string>[];
  row: ItemRow;
}

/** Runs one workflow action inside the caller's transaction, with the machine of the row's kind. */
export async function applyWorkflowStep(tx: Db, id: number, step: WorkflowStep): Promise<AppliedStep> {
  const { action, actor, actorUser, now, email } = step;
  const t = await lockItem(tx, id, step.kind);
  if (!t) throw new NotFoundError(`${step.kind ?? 'ticket'} ${id}`);
  if (actorUser) await assertCanSee(tx, actorUser, t);
  const kind = ITIL_KIND_BY_NAME[t.kind];
  if (!hasAction(kind, action.type)) throw workflowError(fail('invalid-transition', `A ${kind.name} cannot be given "${action.type}".`));
  await runItemActionGuards(tx, { itemId: id, kind: t.kind, action: action.type });
  const result = runAction(kind, await workflowState(tx, t), action, actor, now);
  if (!result.ok) throw workflowError(result);
  const { next, events } = result;
  const actorId = actor.kind === 'user' ? actor.userId : null;

  const added = events.find((e) => e.type === 'assignees-added');
  const removed = events.find((e) => e.type === 'assignees-removed');
  if (added?.type === 'assignees-added') {
    await assertAssignable(tx, added.userIds, added.groupIds);
    await addActors(tx, id, 'assignee', added.userIds, added.groupIds);
  }
  if (removed?.type === 'assignees-removed') await removeActors(tx, id, 'assignee', removed.userIds, removed.groupIds);

  const pendingSet = events.find((e) => e.type === 'pending-set');
  const wasPaused = kind.paused.includes(t.status);
  const nowPaused = kind.paused.includes(next.status);
  const solution = events.find((e) => e.type === 'solution-added');
  await updateItem(tx, id, {
    status: next.status as ItilStatus,
    status_before_pending: next.statusBeforePending as ResumableStatus | null,
    owned_at: next.ownedAt,
    solved_at: next.solvedAt,
    closed_at: next.status === 'closed' ? (t.closed_at ?? now) : null,
    pending_reason: next.status === 'pending' ? (pendingSet?.type === 'pending-set' ? pendingSet.reason : t.pending_reason) : null,
    sla_paused_at: nowPaused ? (wasPaused ? t.sla_paused_at : now) : null,
    ...(solution?.type === 'solution-added' ? { solution: solution.solution } : {}),
    updated_at: now,
  });
  await insertEvents(tx, id, now, [...(step.extraEvents ?? []), ...timelineEntries(events, actorId, step.privatePlan ?? false)]);
  // Only tickets have SLA targets (refreshSla reads tickets only).
  if (wasPaused !== nowPaused) await refreshSla(tx, id, now);

  // Problems and changes reuse the ticket events; `kind` in the data tells a webhook which object it is.
  const about = t.kind === 'ticket' ? {} : { kind: t.kind };
  if (added?.type === 'assignees-added') {
    await notify(tx, { type: 'ticket.assigned', ticketId: id, actorId, summary: t.title, data: { ...about, userIds: added.userIds, groupIds: added.groupIds } }, now, email);
  }
  if (solution) await notify(tx, { type: 'ticket.solved', ticketId: id, actorId, summary: t.title, ...(t.kind === 'ticket' ? {} : { data: about }) }, now, email);
  return { status: next.status, events, row: t };
}

/** Runs one workflow action inside the caller's transaction; returns the new status. */
export async function applyWorkflow(tx: Db, id: number, step: WorkflowStep): Promise<string> {
  return (await applyWorkflowStep(tx, id, step)).status;
}

export function toWorkflowAction(body: TicketActionBody): WorkflowAction {
  switch (body.action) {
    case 'assign':
    case 'unassign':
      return { type: body.action, userIds: body.userIds ?? [], groupIds: body.groupIds ?? [] };
    case 'set-pending':
    case 'refuse-solution':
      return { type: body.action, reason: body.reason };
    case 'solve':
      return { type: 'solve', solution: body.solution };
    case 'reopen':
      return { type: 'reopen', ...(body.reason ? { reason: body.reason } : {}) };
    default:
      return { type: body.action };
  }
}

/** A person moves a ticket through its workflow (POST /tickets/:id/actions). */
export async function actOnTicket(ctx: TicketCtx, id: number, body: TicketActionBody) {
  const now = ctx.clock.now();
  const status = await ctx.db
    .transaction()
    .execute((tx) => applyWorkflow(tx, id, { action: toWorkflowAction(body), kind: 'ticket', actor: actorOf(ctx.user), actorUser: ctx.user, now, email: ctx.email }));
  ctx.log.info({ ticketId: id, action: body.action, status, userId: ctx.user.id }, 'ticket action');
  return status;
}
