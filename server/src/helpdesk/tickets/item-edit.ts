import type { ItilKindName } from '@parc/shared/api/itil-enums';
import type { Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { decidePriority, type Priority } from '../itil/priority.js';
import { getHelpdeskSettings } from '../settings/helpdesk-settings.service.js';
import { assertCategoryExists } from './ticket-access.js';
import type { TicketCtx } from './ticket-context.js';
import { priorityOrThrow } from './ticket-creation.js';
import { insertEvents } from './ticket-timeline.repository.js';
import { lockItem, updateItem, type ItemRow } from './tickets.repository.js';
import type { TicketsTable } from './tickets.tables.js';

/**
 * Staff edit a problem's or a change's fields: the shared columns here, the kind's own through
 * `details`; one `updated` timeline entry says what changed, as for tickets.
 */

export interface CoreFields {
  title?: string | undefined;
  description?: string | undefined;
  urgency?: number | undefined;
  impact?: number | undefined;
  priority?: number | undefined;
  categoryId?: number | null | undefined;
}

export interface DetailsWriter {
  /** Refuses the edit in the object's state (e.g. a change waiting for approval). */
  guard?: (row: ItemRow) => void;
  /** Writes the kind's own columns; answers their values before. */
  write: (tx: Db, id: number) => Promise<Record<string, unknown>>;
  /** The kind's columns being set (snake_case, as stored). */
  set: Record<string, unknown>;
}

const plain = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

/** What `set` changes of `before`, column by column. */
export function changedColumns(before: Record<string, unknown>, set: Record<string, unknown>) {
  const changes: Record<string, { old: unknown; new: unknown }> = {};
  for (const [k, v] of Object.entries(set)) {
    const old = plain(before[k]) ?? null;
    const now = plain(v) ?? null;
    if (old !== now && !(typeof old === 'string' && typeof now === 'string' && new Date(old).getTime() === new Date(now).getTime() && /^\d{4}-/.test(old))) changes[k] = { old, new: now };
  }
  return changes;
}

export async function patchItem(ctx: TicketCtx, kind: ItilKindName, id: number, body: CoreFields, details: DetailsWriter) {
  const { db, user } = ctx;
  await assertCategoryExists(db, body.categoryId);
  await db.transaction().execute(async (tx) => {
    const t = await lockItem(tx, id, kind);
    if (!t) throw new NotFoundError(`${kind} ${id}`);
    details.guard?.(t);
    const now = ctx.clock.now();
    const matrix = (await getHelpdeskSettings(tx)).priorityMatrix;
    const urgency = body.urgency ?? t.urgency;
    const impact = body.impact ?? t.impact;
    const priority = priorityOrThrow(
      decidePriority({ urgency, impact, current: t.priority as Priority, requested: (body.priority as Priority | undefined) ?? null, actorRole: user.role, matrix }),
    );
    const set: Updateable<TicketsTable> = {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      urgency,
      impact,
      priority,
      ...(body.categoryId !== undefined ? { category_id: body.categoryId } : {}),
    };
    const changes = changedColumns(t, set);
    await updateItem(tx, id, { ...set, updated_at: now });
    if (Object.keys(details.set).length) Object.assign(changes, changedColumns(await details.write(tx, id), details.set));
    if (Object.keys(changes).length) await insertEvents(tx, id, now, [{ kind: 'updated', actorId: user.id, data: { changes } }]);
  });
}
