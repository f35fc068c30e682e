import type { ItilKindName } from '@parc/shared/api/itil-enums';
import { DomainError, ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import { assertAssignable, isStaffUser } from './ticket-access.js';
import { actorOf, type TicketCtx } from './ticket-context.js';
import { hasPlannedTodo, insertTask, updateTask as updateTaskRow, type TaskChanges } from './ticket-tasks.repository.js';
import { insertEvents } from './ticket-timeline.repository.js';
import { applyWorkflow } from './ticket-workflow.js';
import { lockItem } from './tickets.repository.js';

/** Tasks on a ticket (staff only): planned dates move the ticket to "planned", the last one done moves it back. */

export async function addTask(
  ctx: TicketCtx,
  id: number,
  body: { description: string; private: boolean; state: 'todo' | 'done'; durationMinutes?: number | undefined; assigneeId?: number | undefined; plannedStart?: string | undefined; plannedEnd?: string | undefined },
  kind: ItilKindName = 'ticket',
) {
  const { db, user } = ctx;
  if (!isStaffUser(user)) throw new ForbiddenError('only helpdesk staff can add tasks');
  if (body.assigneeId) await assertAssignable(db, [body.assigneeId], []);
  return db.transaction().execute(async (tx) => {
    const t = await lockItem(tx, id, kind);
    if (!t) throw new NotFoundError(`${kind} ${id}`);
    if (t.status === 'closed') throw new DomainError(409, 'ticket_closed', `the ${kind} is closed: reopen it to add a task`);
    const now = ctx.clock.now();
    const taskId = await insertTask(tx, {
      ticket_id: id,
      description: body.description,
      state: body.state,
      private: body.private,
      duration_minutes: body.durationMinutes ?? null,
      assignee_id: body.assigneeId ?? null,
      planned_start: body.plannedStart ?? null,
      planned_end: body.plannedEnd ?? null,
      created_by: user.id,
      created_at: now,
      updated_at: now,
    });
    await insertEvents(tx, id, now, [{ kind: 'task', actorId: user.id, private: body.private, data: { taskId } }]);
    // A task with planned dates moves a ticket being worked to "planned", as in GLPI.
    if (body.plannedStart && body.plannedEnd && body.state === 'todo' && (t.status === 'assigned' || t.status === 'planned')) {
      const action = { type: 'plan' as const, start: new Date(body.plannedStart), end: new Date(body.plannedEnd) };
      await applyWorkflow(tx, id, { action, actor: actorOf(user), actorUser: user, now, email: ctx.email, privatePlan: body.private });
    }
    return taskId;
  });
}

export async function updateTask(ctx: TicketCtx, id: number, taskId: number, body: TaskChanges, kind: ItilKindName = 'ticket') {
  const { db, user } = ctx;
  if (!isStaffUser(user)) throw new ForbiddenError('only helpdesk staff can change tasks');
  if (body.assigneeId) await assertAssignable(db, [body.assigneeId], []);
  await db.transaction().execute(async (tx) => {
    const t = await lockItem(tx, id, kind);
    if (!t) throw new NotFoundError(`${kind} ${id}`);
    if (t.status === 'closed') throw new DomainError(409, 'ticket_closed', `the ${kind} is closed: reopen it to change its tasks`);
    const now = ctx.clock.now();
    const updated = await updateTaskRow(tx, id, taskId, body, now);
    if (!updated) throw new NotFoundError(`task ${taskId} of ${kind} ${id}`);
    await insertEvents(tx, id, now, [{ kind: 'task-updated', actorId: user.id, private: updated.private, data: { taskId, changes: body } }]);
    if (body.state === 'done' && t.status === 'planned' && !(await hasPlannedTodo(tx, id))) {
      await applyWorkflow(tx, id, { action: { type: 'unplan' }, actor: actorOf(user), actorUser: user, now, email: ctx.email });
    }
  });
}
