import type { Db } from '../../platform/db/database.js';
import { DomainError, ForbiddenError } from '../../platform/http/errors.js';
import { matchAssignmentRule } from '../assignment/assignment-rules.service.js';
import { decidePriority, type Priority } from '../itil/priority.js';
import { getHelpdeskSettings } from '../settings/helpdesk-settings.service.js';
import { assertCategoryExists, assertUsersExist, isStaffUser } from './ticket-access.js';
import { addActors } from './ticket-actors.repository.js';
import { notify, type TicketCtx } from './ticket-context.js';
import { assertLinkableDevices } from './ticket-devices.js';
import { deviceLocations, linkDevices } from './ticket-devices.repository.js';
import { insertEvents } from './ticket-timeline.repository.js';
import { runItemOpenedHooks } from '../itil/item-hooks.js';
import { applyWorkflow } from './ticket-workflow.js';
import { refreshSla } from './sla-refresh.js';
import { insertTicket } from './tickets.repository.js';
import type { CreateTicketBody } from './tickets.schemas.js';

/** Opening a ticket: from the web interface or the API (here), or from an endpoint's agent (agent-tickets.ts). */

export function priorityOrThrow(r: ReturnType<typeof decidePriority>): Priority {
  if (!r.ok) throw new ForbiddenError(r.message);
  return r.priority;
}

export async function createTicket(ctx: TicketCtx, body: CreateTicketBody) {
  const { db, user } = ctx;
  const staff = isStaffUser(user);
  if (!staff && body.requesterId !== undefined && body.requesterId !== user.id) {
    throw new ForbiddenError('a requester opens tickets for themselves only');
  }
  const requesterId = body.requesterId ?? user.id;
  // Observers read the ticket and get its notifications: a requester choosing them could draw anyone
  // into their ticket (and probe which user ids exist). Staff add observers; a requester names nobody else.
  if (!staff && body.observerIds.some((o) => o !== user.id)) {
    throw new DomainError(403, 'forbidden', 'a requester cannot add observers to a ticket; ask the helpdesk to add them', 'observerIds');
  }
  const matrix = (await getHelpdeskSettings(db)).priorityMatrix;
  const priority = priorityOrThrow(
    decidePriority({ urgency: body.urgency, impact: body.impact, requested: (body.priority as Priority | undefined) ?? null, actorRole: user.role, matrix }),
  );
  const deviceIds = [...new Set(body.deviceIds)];
  const observerIds = [...new Set(body.observerIds)];
  await assertUsersExist(db, [requesterId], 'requesterId');
  await assertUsersExist(db, observerIds, 'observerIds');
  await assertLinkableDevices(db, user, deviceIds);
  await assertCategoryExists(db, body.categoryId);

  const now = ctx.clock.now();
  const id = await db.transaction().execute((tx) =>
    openTicket(tx, {
      ticket: { ...body, priority, categoryId: body.categoryId ?? null, location: body.location ?? null, dueAt: body.dueAt ?? null },
      requesterId,
      requesterName: null,
      actorId: user.id,
      observerIds,
      deviceIds,
      sourceKey: null,
      viaAgent: false,
      email: ctx.email,
      now,
    }),
  );
  ctx.log.info({ ticketId: id, requesterId, priority, devices: deviceIds.length }, 'ticket created');
  return id;
}

export interface OpenTicket {
  ticket: Pick<CreateTicketBody, 'title' | 'description' | 'type' | 'urgency' | 'impact'> & {
    priority: number;
    categoryId: number | null;
    location: string | null;
    dueAt: string | null;
  };
  requesterId: number | null;
  requesterName: string | null;
  /** The person opening it; null when an agent does. */
  actorId: number | null;
  observerIds: number[];
  deviceIds: number[];
  /** Idempotency key of an agent's request, so a retried request opens one ticket. */
  sourceKey: string | null;
  /** Opened by an agent from the endpoint (with or without an idempotency key). */
  viaAgent: boolean;
  email: boolean;
  now: Date;
}

/** Inserts a ticket with its observers, device snapshots and first timeline entries, then runs the rules. */
export async function openTicket(tx: Db, o: OpenTicket): Promise<number> {
  const { ticket, now } = o;
  const id = await insertTicket(tx, {
    title: ticket.title,
    description: ticket.description,
    type: ticket.type,
    category_id: ticket.categoryId,
    status: 'new',
    urgency: ticket.urgency,
    impact: ticket.impact,
    priority: ticket.priority,
    requester_id: o.requesterId,
    requester_name: o.requesterName,
    created_by: o.actorId,
    location: ticket.location,
    due_at: ticket.dueAt,
    source_key: o.sourceKey,
    created_at: now,
    updated_at: now,
  });
  await addActors(tx, id, 'observer', o.observerIds, []);
  const linked = await linkDevices(tx, id, o.deviceIds, now);
  await insertEvents(tx, id, now, [
    { kind: 'created', actorId: o.actorId, data: { priority: ticket.priority, urgency: ticket.urgency, impact: ticket.impact, requesterId: o.requesterId, requesterName: o.requesterName, viaAgent: o.viaAgent } },
    ...linked.map((deviceId) => ({ kind: 'link', actorId: o.actorId, data: { action: 'added', deviceId } })),
  ]);
  // What a webhook needs to act on a new ticket without calling back: its fields as opened.
  const data = {
    title: ticket.title,
    description: ticket.description,
    type: ticket.type,
    status: 'new',
    urgency: ticket.urgency,
    impact: ticket.impact,
    priority: ticket.priority,
    categoryId: ticket.categoryId,
    location: ticket.location,
    dueAt: ticket.dueAt,
    requesterId: o.requesterId,
    requesterName: o.requesterName,
    observerIds: o.observerIds,
    deviceIds: linked,
    viaAgent: o.viaAgent,
  };
  await notify(tx, { type: 'ticket.created', ticketId: id, actorId: o.actorId, summary: ticket.title, data }, now, o.email);

  // Auto-assignment: the first rule that matches the category (or an ancestor) or a device's location.
  const fired = await matchAssignmentRule(tx, { categoryId: ticket.categoryId, places: await deviceLocations(tx, linked), locations: [ticket.location] });
  if (fired) {
    await applyWorkflow(tx, id, {
      action: { type: 'assign', groupIds: [fired.groupId] },
      actor: { kind: 'system' },
      actorUser: null,
      now,
      email: o.email,
      extraEvents: [{ kind: 'rule', actorId: null, data: { ruleId: fired.ruleId, rule: fired.ruleName, groupId: fired.groupId, reasons: fired.reasons } }],
    });
  }
  await runItemOpenedHooks(tx, { itemId: id, kind: 'ticket', type: ticket.type, categoryId: ticket.categoryId, actorId: o.actorId, now, email: o.email });
  await refreshSla(tx, id, now);
  return id;
}
