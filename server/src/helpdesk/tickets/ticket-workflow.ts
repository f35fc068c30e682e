import type { Db } from '../../platform/db/database.js';
import type { AuthUser } from '../../platform/http/context.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { Actor } from '../itil/permissions.js';
import { PAUSED_STATUSES, TICKET_KIND, type WorkflowAction, type WorkflowTicket } from '../itil/ticket-kind.js';
import { runItemActionGuards } from '../itil/item-hooks.js';
import { timelineEntries, type TimelineEntry } from '../itil/timeline.js';
import { workflowError } from '../itil/workflow-errors.js';
import { runAction } from '../itil/workflow.js';
import { assertAssignable, assertCanSee } from './ticket-access.js';
import { addActors, removeActors, ticketActors } from './ticket-actors.repository.js';
import { actorOf, notify, type TicketCtx } from './ticket-context.js';
import { insertEvents } from './ticket-timeline.repository.js';
import { refreshSla } from './sla-refresh.js';
import { lockTicket, updateTicket, type TicketRow } from './tickets.repository.js';
import type { TicketActionBody } from './tickets.schemas.js';

/**
 * Ticket workflow steps, persisted: the pure machine (itil, TICKET_KIND) decides; this writes the new
 * status, assignees, SLA clock and solution, the timeline, and queues the notifications.
 */

async function workflowState(db: Db, t: TicketRow): Promise<WorkflowTicket> {
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
  action: WorkflowAction;
  actor: Actor;
  /** The person acting, whose right to see the ticket is checked; null for the system. */
  actorUser: AuthUser | null;
  now: Date;
  email: boolean;
  /** Timeline entries written before the step's own (e.g. which assignment rule fired). */
  extraEvents?: TimelineEntry[];
  /** The planned dates come from a private task: keep them private. */
  privatePlan?: boolean;
}

/** Runs one workflow action inside the caller's transaction; returns the new status. */
export async function applyWorkflow(tx: Db, ticketId: number, step: WorkflowStep) {
  const { action, actor, actorUser, now, email } = step;
  const t = await lockTicket(tx, ticketId);
  if (!t) throw new NotFoundError(`ticket ${ticketId}`);
  if (actorUser) await assertCanSee(tx, actorUser, t);
  await runItemActionGuards(tx, { itemId: ticketId, kind: 'ticket', action: action.type });
  const result = runAction(TICKET_KIND, await workflowState(tx, t), action, actor, now);
  if (!result.ok) throw workflowError(result);
  const { next, events } = result;
  const actorId = actor.kind === 'user' ? actor.userId : null;

  const added = events.find((e) => e.type === 'assignees-added');
  const removed = events.find((e) => e.type === 'assignees-removed');
  if (added?.type === 'assignees-added') {
    await assertAssignable(tx, added.userIds, added.groupIds);
    await addActors(tx, ticketId, 'assignee', added.userIds, added.groupIds);
  }
  if (removed?.type === 'assignees-removed') await removeActors(tx, ticketId, 'assignee', removed.userIds, removed.groupIds);

  const pendingSet = events.find((e) => e.type === 'pending-set');
  const wasPaused = PAUSED_STATUSES.includes(t.status);
  const nowPaused = PAUSED_STATUSES.includes(next.status);
  const solution = events.find((e) => e.type === 'solution-added');
  await updateTicket(tx, ticketId, {
    status: next.status,
    status_before_pending: next.statusBeforePending,
    owned_at: next.ownedAt,
    solved_at: next.solvedAt,
    closed_at: next.status === 'closed' ? (t.closed_at ?? now) : null,
    pending_reason: next.status === 'pending' ? (pendingSet?.type === 'pending-set' ? pendingSet.reason : t.pending_reason) : null,
    sla_paused_at: nowPaused ? (wasPaused ? t.sla_paused_at : now) : null,
    ...(solution?.type === 'solution-added' ? { solution: solution.solution } : {}),
    updated_at: now,
  });
  await insertEvents(tx, ticketId, now, [...(step.extraEvents ?? []), ...timelineEntries(events, actorId, step.privatePlan ?? false)]);
  if (wasPaused !== nowPaused) await refreshSla(tx, ticketId, now);

  if (added?.type === 'assignees-added') {
    await notify(tx, { type: 'ticket.assigned', ticketId, actorId, summary: t.title, data: { userIds: added.userIds, groupIds: added.groupIds } }, now, email);
  }
  if (solution) await notify(tx, { type: 'ticket.solved', ticketId, actorId, summary: t.title }, now, email);
  return next.status;
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
    .execute((tx) => applyWorkflow(tx, id, { action: toWorkflowAction(body), actor: actorOf(ctx.user), actorUser: ctx.user, now, email: ctx.email }));
  ctx.log.info({ ticketId: id, action: body.action, status, userId: ctx.user.id }, 'ticket action');
  return status;
}
