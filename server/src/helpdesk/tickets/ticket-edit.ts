import type { Updateable } from 'kysely';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import { decidePriority, type Priority } from '../itil/priority.js';
import { getHelpdeskSettings } from '../settings/helpdesk-settings.service.js';
import { assertCategoryExists, assertUsersExist, isStaffUser } from './ticket-access.js';
import { replaceObservers } from './ticket-actors.repository.js';
import type { TicketCtx } from './ticket-context.js';
import { priorityOrThrow } from './ticket-creation.js';
import { insertEvents } from './ticket-timeline.repository.js';
import { refreshSla } from './sla-refresh.js';
import { lockTicket, updateTicket } from './tickets.repository.js';
import type { PatchTicketBody } from './tickets.schemas.js';
import type { TicketsTable } from './tickets.tables.js';

/** Staff edit a ticket's fields (title, description, urgency × impact, priority, category, observers…); the timeline says what changed. */
export async function patchTicket(ctx: TicketCtx, id: number, body: PatchTicketBody) {
  const { db, user } = ctx;
  if (!isStaffUser(user)) throw new ForbiddenError('only helpdesk staff can edit a ticket; add a followup instead');
  await assertCategoryExists(db, body.categoryId);
  if (body.observerIds) await assertUsersExist(db, body.observerIds, 'observerIds');
  await db.transaction().execute(async (tx) => {
    const t = await lockTicket(tx, id);
    if (!t) throw new NotFoundError(`ticket ${id}`);
    const now = ctx.clock.now();
    const matrix = (await getHelpdeskSettings(tx)).priorityMatrix;
    const urgency = body.urgency ?? t.urgency;
    const impact = body.impact ?? t.impact;
    const priority = priorityOrThrow(
      decidePriority({ urgency, impact, current: t.priority as Priority, requested: (body.priority as Priority | undefined) ?? null, actorRole: user.role, matrix }),
    );
    const { observerIds, categoryId, dueAt, ...fields } = body;
    const set: Updateable<TicketsTable> = {
      ...fields,
      urgency,
      impact,
      priority,
      ...(categoryId !== undefined ? { category_id: categoryId } : {}),
      ...(dueAt !== undefined ? { due_at: dueAt } : {}),
    };
    const before: Record<string, unknown> = { ...t };
    const changes: Record<string, { old: unknown; new: unknown }> = {};
    for (const [k, v] of Object.entries(set)) {
      const old = before[k] instanceof Date ? (before[k] as Date).toISOString() : before[k];
      if (old !== v) changes[k] = { old, new: v };
    }
    await updateTicket(tx, id, { ...set, updated_at: now });
    if (observerIds) {
      await replaceObservers(tx, id, [...new Set(observerIds)]);
      changes.observers = { old: null, new: observerIds };
    }
    if (Object.keys(changes).length) await insertEvents(tx, id, now, [{ kind: 'updated', actorId: user.id, data: { changes } }]);
    if (changes.priority || changes.category_id) await refreshSla(tx, id, now);
  });
}
