import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { TicketTasksTable } from './tickets.tables.js';

/** The `ticket_tasks` table: only this repository writes it. */

export function tasks(db: Db, ticketId: number, includePrivate: boolean) {
  let q = db.selectFrom('ticket_tasks').selectAll().where('ticket_id', '=', ticketId);
  if (!includePrivate) q = q.where('private', '=', false);
  return q.orderBy('id').execute();
}
export type TaskRow = Awaited<ReturnType<typeof tasks>>[number];

export async function insertTask(db: Db, row: Insertable<TicketTasksTable>): Promise<number> {
  const { id } = await db.insertInto('ticket_tasks').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export interface TaskChanges {
  description?: string;
  private?: boolean;
  state?: 'todo' | 'done';
  durationMinutes?: number | null;
  assigneeId?: number | null;
}

/** Applies the changes to a task of this ticket; undefined when the ticket has no such task. */
export function updateTask(db: Db, ticketId: number, taskId: number, c: TaskChanges, at: Date) {
  return db
    .updateTable('ticket_tasks')
    .set({
      ...(c.description !== undefined ? { description: c.description } : {}),
      ...(c.private !== undefined ? { private: c.private } : {}),
      ...(c.state !== undefined ? { state: c.state } : {}),
      ...(c.durationMinutes !== undefined ? { duration_minutes: c.durationMinutes } : {}),
      ...(c.assigneeId !== undefined ? { assignee_id: c.assigneeId } : {}),
      updated_at: at,
    })
    .where('id', '=', taskId)
    .where('ticket_id', '=', ticketId)
    .returning(['private'])
    .executeTakeFirst();
}

/** Whether the ticket still has a planned task to do (else it is no longer "planned"). */
export async function hasPlannedTodo(db: Db, ticketId: number): Promise<boolean> {
  const row = await db
    .selectFrom('ticket_tasks')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .where('state', '=', 'todo')
    .where('planned_start', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}
