import type { ItilKindName } from '@parc/shared/api/itil-enums';
import type { Db } from '../../platform/db/database.js';
import type { AuthUser } from '../../platform/http/context.js';
import { runItemOpenedHooks } from '../itil/item-hooks.js';
import { decidePriority, type Priority } from '../itil/priority.js';
import { getHelpdeskSettings } from '../settings/helpdesk-settings.service.js';
import { assertCategoryExists } from './ticket-access.js';
import { notify } from './ticket-context.js';
import { priorityOrThrow } from './ticket-creation.js';
import { assertLinkableDevices } from './ticket-devices.js';
import { linkDevices } from './ticket-devices.repository.js';
import { insertEvents } from './ticket-timeline.repository.js';
import { insertTicket } from './tickets.repository.js';

/**
 * Opening a problem or a change: the row in the shared table (its author stands as requester), its
 * devices frozen as they are, the first timeline entries and the `ticket.created` notification, as a
 * ticket opens (ticket-creation.ts adds what only tickets have: type, observers, assignment rules, SLA).
 */

export interface ItemFields {
  title: string;
  description: string;
  urgency: number;
  impact: number;
  priority?: number | undefined;
  categoryId?: number | undefined;
  deviceIds: number[];
}

/** Checks what a new object names and decides its priority, outside the transaction. */
export async function prepareItem(db: Db, user: AuthUser, f: ItemFields) {
  const matrix = (await getHelpdeskSettings(db)).priorityMatrix;
  const priority = priorityOrThrow(decidePriority({ urgency: f.urgency, impact: f.impact, requested: (f.priority as Priority | undefined) ?? null, actorRole: user.role, matrix }));
  const deviceIds = [...new Set(f.deviceIds)];
  await assertLinkableDevices(db, user, deviceIds);
  await assertCategoryExists(db, f.categoryId);
  return { priority, deviceIds };
}

export async function openItem(tx: Db, kind: Exclude<ItilKindName, 'ticket'>, f: ItemFields & { priority: number }, actorId: number, now: Date, email: boolean): Promise<number> {
  const id = await insertTicket(tx, {
    kind,
    title: f.title,
    description: f.description,
    type: null,
    category_id: f.categoryId ?? null,
    status: 'new',
    urgency: f.urgency,
    impact: f.impact,
    priority: f.priority,
    requester_id: actorId,
    requester_name: null,
    created_by: actorId,
    location: null,
    due_at: null,
    source_key: null,
    created_at: now,
    updated_at: now,
  });
  const linked = await linkDevices(tx, id, f.deviceIds, now);
  await insertEvents(tx, id, now, [
    { kind: 'created', actorId, data: { priority: f.priority, urgency: f.urgency, impact: f.impact } },
    ...linked.map((deviceId) => ({ kind: 'link', actorId, data: { action: 'added', deviceId } })),
  ]);
  await notify(tx, { type: 'ticket.created', ticketId: id, actorId, summary: f.title, data: { kind, title: f.title, status: 'new', priority: f.priority, deviceIds: linked } }, now, email);
  await runItemOpenedHooks(tx, { itemId: id, kind, type: null, categoryId: f.categoryId ?? null, actorId, now, email });
  return id;
}
