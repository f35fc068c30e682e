import { inRoleSet } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import type { AuthUser } from '../../platform/http/context.js';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Logger } from '../../platform/log.js';
import { decidePriority, type Priority } from '../itil/priority.js';
import { helpdeskContext } from './helpdesk-context.js';
import { enqueueNotification, type NotificationEvent } from '../notifications/outbox.js';
import * as repo from './tickets.repository.js';
import type { CreateTicketBody, PatchTicketBody, TicketActionBody } from './tickets.schemas.js';
import { recomputeTicketSla } from '../sla/ticket-sla.service.js';
import { PAUSED_STATUSES, transition, type Actor, type WorkflowAction, type WorkflowEvent, type WorkflowTicket } from '../itil/ticket-kind.js';
import { isUniqueViolation } from '../../platform/db/db-errors.js';

export interface TicketCtx {
  db: Db;
  log: Logger;
  user: AuthUser;
  /** Queue email notifications (SMTP is configured); webhooks are queued regardless. */
  email: boolean;
}

const notify = (db: Db, event: NotificationEvent, now: Date, email: boolean) => enqueueNotification(db, event, now, { email });

export const isStaffUser = (u: AuthUser) => inRoleSet(u.role, 'helpdeskStaff');
const actorOf = (u: AuthUser): Actor => ({ kind: 'user', userId: u.id, role: u.role });

/** Requesters (and licence managers, who are not helpdesk staff) see their own tickets and those they observe. */
export async function assertCanSee(db: Db, user: AuthUser, t: repo.TicketRow) {
  if (isStaffUser(user) || t.requester_id === user.id) return;
  const observer = await db
    .selectFrom('ticket_actors')
    .select('id')
    .where('ticket_id', '=', t.id)
    .where('role', '=', 'observer')
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  // 404 rather than 403: a requester must not learn which ticket numbers exist.
  if (!observer) throw new NotFoundError(`ticket ${t.id}`);
}

async function assertUsersExist(db: Db, ids: number[], field: string) {
  if (ids.length === 0) return;
  const found = await db.selectFrom('users').select('id').where('id', 'in', ids).execute();
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new ValidationError(`unknown user id(s): ${missing.join(', ')}`, field);
}

/**
 * The devices exist, and a requester links only their own: a machine whose owner or last logged-in user
 * is them. Otherwise any requester could read any machine's snapshot by guessing ids.
 */
async function assertLinkableDevices(db: Db, user: AuthUser, ids: number[], field: 'deviceIds' | 'deviceId' = 'deviceIds') {
  if (ids.length === 0) return;
  const found = await db.selectFrom('devices').select(['id', 'owner', 'last_user']).where('id', 'in', ids).execute();
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new ValidationError(`unknown device id(s): ${missing.join(', ')}`, field);
  if (isStaffUser(user)) return;
  const me = user.username.toLowerCase();
  const mine = (name: string | null) => name !== null && usernameCandidates(name).includes(me);
  const foreign = found.filter((d) => !mine(d.owner) && !mine(d.last_user)).map((d) => d.id);
  if (foreign.length) {
    throw new ForbiddenError(`you can link only your own devices (you are their owner or last user); not device(s) ${foreign.join(', ')}: ask the helpdesk to link them`);
  }
}

async function assertCategoryExists(db: Db, id: number | null | undefined) {
  if (id === null || id === undefined) return;
  const row = await db.selectFrom('ticket_categories').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new ValidationError(`unknown category id ${id}`, 'categoryId');
}

async function assertAssignable(db: Db, userIds: number[], groupIds: number[]) {
  if (userIds.length) {
    const rows = await db.selectFrom('users').select(['id', 'role']).where('id', 'in', userIds).execute();
    const bad = userIds.filter((id) => !rows.some((r) => r.id === id && inRoleSet(r.role, 'helpdeskStaff')));
    if (bad.length) throw new ValidationError(`only admins and technicians can be assigned; not user(s) ${bad.join(', ')}`, 'userIds');
  }
  if (groupIds.length) {
    const rows = await db.selectFrom('groups').select('id').where('id', 'in', groupIds).execute();
    const bad = groupIds.filter((id) => !rows.some((r) => r.id === id));
    if (bad.length) throw new ValidationError(`unknown group id(s): ${bad.join(', ')}`, 'groupIds');
  }
}

function priorityOrThrow(r: ReturnType<typeof decidePriority>): Priority {
  if (!r.ok) throw new ForbiddenError(r.message);
  return r.priority;
}

/**
 * Recomputes and stores the SLA policy and due dates from the ticket's clock (creation, priority, status
 * history): called whenever the clock starts or stops or the priority or category changes.
 */
async function refreshSla(db: Db, ticketId: number, now: Date) {
  const t = await repo.findTicket(db, ticketId);
  if (!t) return;
  const history = (await repo.statusHistory(db, [ticketId])).get(ticketId) ?? [];
  const sla = await recomputeTicketSla(db, { categoryId: t.category_id, createdAt: new Date(t.created_at), priority: t.priority, ownedAt: t.owned_at ? new Date(t.owned_at) : null, history, now });
  await db
    .updateTable('tickets')
    .set({
      sla_policy_id: sla.policyId,
      own_due_at: sla.ownDueAt,
      resolve_due_at: sla.resolveDueAt,
      own_at_risk_at: sla.ownAtRiskAt,
      resolve_at_risk_at: sla.resolveAtRiskAt,
    })
    .where('id', '=', ticketId)
    .execute();
}

export async function createTicket(ctx: TicketCtx, body: CreateTicketBody) {
  const { db, user } = ctx;
  const staff = isStaffUser(user);
  if (!staff && body.requesterId !== undefined && body.requesterId !== user.id) {
    throw new ForbiddenError('a requester opens tickets for themselves only');
  }
  const requesterId = body.requesterId ?? user.id;
  const config = helpdeskContext(db);
  const matrix = (await config.settings()).priorityMatrix;
  const priority = priorityOrThrow(
    decidePriority({ urgency: body.urgency, impact: body.impact, requested: (body.priority as Priority | undefined) ?? null, actorRole: user.role, matrix }),
  );
  const deviceIds = [...new Set(body.deviceIds)];
  const observerIds = [...new Set(body.observerIds)];
  await assertUsersExist(db, [requesterId], 'requesterId');
  await assertUsersExist(db, observerIds, 'observerIds');
  await assertLinkableDevices(db, user, deviceIds);
  await assertCategoryExists(db, body.categoryId);

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
    }),
  );
  ctx.log.info({ ticketId: id, requesterId, priority, devices: deviceIds.length }, 'ticket created');
  return id;
}

interface OpenTicket {
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
}

/** Inserts a ticket with its observers, device snapshots and first timeline entries, then runs the rules. */
async function openTicket(tx: Db, o: OpenTicket): Promise<number> {
  const now = new Date();
  const { ticket } = o;
  const { id } = await tx
    .insertInto('tickets')
    .values({
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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await repo.addActors(tx, id, 'observer', o.observerIds, []);
  const linked = await repo.linkDevices(tx, id, o.deviceIds, now);
  await repo.insertEvents(tx, id, now, [
    { kind: 'created', actorId: o.actorId, data: { priority: ticket.priority, urgency: ticket.urgency, impact: ticket.impact, requesterId: o.requesterId, requesterName: o.requesterName, viaAgent: o.viaAgent } },
    ...linked.map((deviceId) => ({ kind: 'link', actorId: o.actorId, data: { action: 'added', deviceId } })),
  ]);
  await notify(tx, { type: 'ticket.created', ticketId: id, actorId: o.actorId, summary: ticket.title }, now, o.email);

  // Auto-assignment: the first rule that matches the category (or an ancestor) or a device's location.
  const fired = await helpdeskContext(tx).matchAssignmentRule({
    categoryId: ticket.categoryId,
    locations: [ticket.location, ...(await deviceLocations(tx, linked))],
  });
  if (fired) {
    await applyWorkflow(tx, id, { type: 'assign', groupIds: [fired.groupId] }, { kind: 'system' }, null, now, o.email, [
      { kind: 'rule', actorId: null, data: { ruleId: fired.ruleId, rule: fired.ruleName, groupId: fired.groupId, reasons: fired.reasons } },
    ]);
  }
  await refreshSla(tx, id, now);
  return id;
}

/** `DOMAIN\user`, `user@domain` and `user` all name the same Parc user `user` when no exact match exists. */
export function usernameCandidates(raw: string): string[] {
  const name = raw.trim();
  const short = name.includes('\\') ? name.slice(name.lastIndexOf('\\') + 1) : name.includes('@') ? name.slice(0, name.indexOf('@')) : name;
  return [...new Set([name.toLowerCase(), short.toLowerCase()])].filter(Boolean);
}

/**
 * A ticket opened from an endpoint by its agent: linked to the agent's device, requested by the logged-in
 * user when Parc knows them (else their name is kept on the ticket). The idempotency key makes a retried
 * request return the ticket it already opened.
 */
export async function createTicketFromAgent(
  deps: { db: Db; log: Logger; email: boolean },
  agent: { id: string; deviceId: number | null },
  body: { title: string; description?: string | undefined; urgency?: number | undefined; username?: string | undefined },
  idempotencyKey: string | null,
): Promise<{ ticketId: number; requesterKnown: boolean; created: boolean }> {
  const { db } = deps;
  if (agent.deviceId === null) {
    throw new DomainError(409, 'no_inventory_yet', 'this machine has not sent an inventory yet: run "parc-agent send" first, then open the ticket');
  }
  const sourceKey = idempotencyKey ? `agent:${agent.id}:${idempotencyKey}` : null;
  const alreadyOpened = async () => {
    if (!sourceKey) return null;
    const existing = await db.selectFrom('tickets').select(['id', 'requester_id']).where('source_key', '=', sourceKey).executeTakeFirst();
    return existing ? { ticketId: existing.id, requesterKnown: existing.requester_id !== null, created: false } : null;
  };
  const earlier = await alreadyOpened();
  if (earlier) return earlier;
  const candidates = body.username ? usernameCandidates(body.username) : [];
  const users = candidates.length
    ? await db.selectFrom('users').select(['id', 'username']).where((eb) => eb(eb.fn('lower', ['username']), 'in', candidates)).where('disabled', '=', false).execute()
    : [];
  // The exact name wins over the short one.
  const requester = candidates.map((c) => users.find((u) => u.username.toLowerCase() === c)).find(Boolean) ?? null;
  const urgency = body.urgency ?? 3;
  const matrix = (await helpdeskContext(db).settings()).priorityMatrix;
  const priority = priorityOrThrow(decidePriority({ urgency, impact: 3, actorRole: 'requester', matrix }));
  let ticketId: number;
  try {
    ticketId = await db.transaction().execute((tx) =>
      openTicket(tx, {
        ticket: { title: body.title, description: body.description || body.title, type: 'incident', urgency, impact: 3, priority, categoryId: null, location: null, dueAt: null },
        requesterId: requester?.id ?? null,
        requesterName: requester ? null : (body.username ?? null),
        actorId: null,
        observerIds: [],
        deviceIds: [agent.deviceId!],
        sourceKey,
        viaAgent: true,
        email: deps.email,
      }),
    );
  } catch (err) {
    // A retry that raced the first try (the client timed out while it was still running): the unique
    // source key refused the second ticket, so answer with the first.
    const raced = isUniqueViolation(err) ? await alreadyOpened() : null;
    if (raced) return raced;
    throw err;
  }
  deps.log.info({ ticketId, agentId: agent.id, deviceId: agent.deviceId, requesterKnown: requester !== null }, 'ticket opened from an endpoint');
  return { ticketId, requesterKnown: requester !== null, created: true };
}

async function deviceLocations(db: Db, deviceIds: number[]): Promise<(string | null)[]> {
  if (deviceIds.length === 0) return [];
  const rows = await db.selectFrom('devices').select('location').where('id', 'in', deviceIds).execute();
  return rows.map((r) => r.location);
}

async function workflowState(db: Db, t: repo.TicketRow): Promise<WorkflowTicket> {
  const actors = await repo.ticketActors(db, [t.id]);
  const assignees = actors.filter((a) => a.role === 'assignee');
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

const WORKFLOW_ERRORS: Record<string, (m: string, f?: string) => DomainError> = {
  'invalid-transition': (m) => new DomainError(409, 'invalid_transition', m),
  forbidden: (m) => new ForbiddenError(m),
  'invalid-input': (m, f) => new ValidationError(m, f),
  'no-change': (m) => new DomainError(409, 'no_change', m),
  'not-assigned': (m, f) => new ValidationError(m, f),
  'too-early': (m) => new DomainError(409, 'too_early', m),
};

function timelineEvents(events: WorkflowEvent[], actorId: number | null, privatePlan: boolean): repo.NewEvent[] {
  const out: repo.NewEvent[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'status-changed':
        out.push({ kind: 'status', actorId, data: { from: e.from, to: e.to } });
        break;
      case 'assignees-added':
        out.push({ kind: 'assignment', actorId, data: { added: { userIds: e.userIds, groupIds: e.groupIds } } });
        break;
      case 'assignees-removed':
        out.push({ kind: 'assignment', actorId, data: { removed: { userIds: e.userIds, groupIds: e.groupIds } } });
        break;
      case 'planned':
        // The dates of a private task stay as private as the task.
        out.push({ kind: 'planned', actorId, private: privatePlan, data: { start: e.start.toISOString(), end: e.end.toISOString() } });
        break;
      case 'pending-set':
        out.push({ kind: 'pending', actorId, body: e.reason });
        break;
      case 'solution-added':
        out.push({ kind: 'solution', actorId, body: e.solution });
        break;
      case 'solution-accepted':
        out.push({ kind: 'solution-accepted', actorId });
        break;
      case 'solution-refused':
        out.push({ kind: 'solution-refused', actorId, body: e.reason });
        break;
      case 'auto-closed':
        out.push({ kind: 'auto-closed', actorId, data: { afterDays: e.afterDays } });
        break;
      case 'reopened':
        out.push({ kind: 'reopened', actorId, body: e.reason });
        break;
      case 'taken-into-account':
        // Recorded as owned_at; the status and assignment events already tell the story.
        break;
    }
  }
  return out;
}

/**
 * Runs one workflow action inside a transaction: the pure state machine decides, this persists the new
 * status, assignees, SLA clock and solution, writes the timeline and queues notifications.
 */
async function applyWorkflow(
  tx: Db,
  ticketId: number,
  action: WorkflowAction,
  actor: Actor,
  actorUser: AuthUser | null,
  now: Date,
  email: boolean,
  extraEvents: repo.NewEvent[] = [],
  privatePlan = false,
) {
  const t = await repo.lockTicket(tx, ticketId);
  if (!t) throw new NotFoundError(`ticket ${ticketId}`);
  if (actorUser) await assertCanSee(tx, actorUser, t);
  const state = await workflowState(tx, t);
  const result = transition(state, action, actor, now);
  if (!result.ok) throw WORKFLOW_ERRORS[result.code]!(result.message, result.field);
  const { next, events } = result;
  const actorId = actor.kind === 'user' ? actor.userId : null;

  const added = events.find((e) => e.type === 'assignees-added');
  const removed = events.find((e) => e.type === 'assignees-removed');
  if (added?.type === 'assignees-added') {
    await assertAssignable(tx, added.userIds, added.groupIds);
    await repo.addActors(tx, ticketId, 'assignee', added.userIds, added.groupIds);
  }
  if (removed?.type === 'assignees-removed') await repo.removeActors(tx, ticketId, 'assignee', removed.userIds, removed.groupIds);

  const nowPending = next.status === 'pending';
  const pendingSet = events.find((e) => e.type === 'pending-set');
  const wasPaused = PAUSED_STATUSES.includes(t.status);
  const nowPaused = PAUSED_STATUSES.includes(next.status);

  const solution = events.find((e) => e.type === 'solution-added');
  await tx
    .updateTable('tickets')
    .set({
      status: next.status,
      status_before_pending: next.statusBeforePending,
      owned_at: next.ownedAt,
      solved_at: next.solvedAt,
      closed_at: next.status === 'closed' ? (t.closed_at ?? now) : null,
      pending_reason: nowPending ? (pendingSet?.type === 'pending-set' ? pendingSet.reason : t.pending_reason) : null,
      sla_paused_at: nowPaused ? (wasPaused ? t.sla_paused_at : now) : null,
      ...(solution?.type === 'solution-added' ? { solution: solution.solution } : {}),
      updated_at: now,
    })
    .where('id', '=', ticketId)
    .execute();
  await repo.insertEvents(tx, ticketId, now, [...extraEvents, ...timelineEvents(events, actorId, privatePlan)]);
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

export async function actOnTicket(ctx: TicketCtx, id: number, body: TicketActionBody) {
  const status = await ctx.db.transaction().execute((tx) => applyWorkflow(tx, id, toWorkflowAction(body), actorOf(ctx.user), ctx.user, new Date(), ctx.email));
  ctx.log.info({ ticketId: id, action: body.action, status, userId: ctx.user.id }, 'ticket action');
  return status;
}

export async function patchTicket(ctx: TicketCtx, id: number, body: PatchTicketBody) {
  const { db, user } = ctx;
  if (!isStaffUser(user)) throw new ForbiddenError('only helpdesk staff can edit a ticket; add a followup instead');
  await assertCategoryExists(db, body.categoryId);
  if (body.observerIds) await assertUsersExist(db, body.observerIds, 'observerIds');
  await db.transaction().execute(async (tx) => {
    const t = await repo.lockTicket(tx, id);
    if (!t) throw new NotFoundError(`ticket ${id}`);
    const now = new Date();
    const matrix = (await helpdeskContext(tx).settings()).priorityMatrix;
    const urgency = body.urgency ?? t.urgency;
    const impact = body.impact ?? t.impact;
    const priority = priorityOrThrow(
      decidePriority({ urgency, impact, current: t.priority as Priority, requested: (body.priority as Priority | undefined) ?? null, actorRole: user.role, matrix }),
    );
    const { observerIds, categoryId, dueAt, ...fields } = body;
    const changes: Record<string, { old: unknown; new: unknown }> = {};
    const set: Record<string, unknown> = { ...fields, urgency, impact, priority };
    if (categoryId !== undefined) set.category_id = categoryId;
    if (dueAt !== undefined) set.due_at = dueAt;
    const before: Record<string, unknown> = { ...t, dueAt: t.due_at };
    for (const [k, v] of Object.entries(set)) {
      const old = before[k] instanceof Date ? (before[k] as Date).toISOString() : before[k];
      if (old !== v) changes[k] = { old, new: v };
    }
    await tx.updateTable('tickets').set({ ...set, updated_at: now }).where('id', '=', id).execute();
    if (observerIds) {
      await tx.deleteFrom('ticket_actors').where('ticket_id', '=', id).where('role', '=', 'observer').execute();
      await repo.addActors(tx, id, 'observer', [...new Set(observerIds)], []);
      changes.observers = { old: null, new: observerIds };
    }
    if (Object.keys(changes).length) await repo.insertEvents(tx, id, now, [{ kind: 'updated', actorId: user.id, data: { changes } }]);
    if (changes.priority || changes.category_id) await refreshSla(tx, id, now);
  });
}

export async function addFollowup(ctx: TicketCtx, id: number, body: { body: string; private: boolean }) {
  const { db, user } = ctx;
  if (body.private && !isStaffUser(user)) throw new ValidationError('only helpdesk staff can write private followups', 'private');
  await db.transaction().execute(async (tx) => {
    const t = await repo.lockTicket(tx, id);
    if (!t) throw new NotFoundError(`ticket ${id}`);
    await assertCanSee(tx, user, t);
    if (t.status === 'closed') throw new DomainError(409, 'ticket_closed', 'the ticket is closed: reopen it to add a followup');
    const now = new Date();
    await repo.insertEvents(tx, id, now, [{ kind: 'followup', actorId: user.id, private: body.private, body: body.body }]);
    await tx.updateTable('tickets').set({ updated_at: now }).where('id', '=', id).execute();
    await notify(tx, { type: 'ticket.followup', ticketId: id, actorId: user.id, summary: t.title, data: { private: body.private, body: body.body } }, now, ctx.email);
  });
}

export async function addTask(
  ctx: TicketCtx,
  id: number,
  body: { description: string; private: boolean; state: 'todo' | 'done'; durationMinutes?: number | undefined; assigneeId?: number | undefined; plannedStart?: string | undefined; plannedEnd?: string | undefined },
) {
  const { db, user } = ctx;
  if (!isStaffUser(user)) throw new ForbiddenError('only helpdesk staff can add tasks');
  if (body.assigneeId) await assertAssignable(db, [body.assigneeId], []);
  return db.transaction().execute(async (tx) => {
    const t = await repo.lockTicket(tx, id);
    if (!t) throw new NotFoundError(`ticket ${id}`);
    if (t.status === 'closed') throw new DomainError(409, 'ticket_closed', 'the ticket is closed: reopen it to add a task');
    const now = new Date();
    const task = await tx
      .insertInto('ticket_tasks')
      .values({
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
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await repo.insertEvents(tx, id, now, [{ kind: 'task', actorId: user.id, private: body.private, data: { taskId: task.id } }]);
    // A task with planned dates moves a ticket being worked to "planned", as in GLPI.
    if (body.plannedStart && body.plannedEnd && body.state === 'todo' && (t.status === 'assigned' || t.status === 'planned')) {
      await applyWorkflow(tx, id, { type: 'plan', start: new Date(body.plannedStart), end: new Date(body.plannedEnd) }, actorOf(user), user, now, ctx.email, [], body.private);
    }
    return task.id;
  });
}

export async function updateTask(
  ctx: TicketCtx,
  id: number,
  taskId: number,
  body: Partial<{ description: string; private: boolean; state: 'todo' | 'done'; durationMinutes: number | null; assigneeId: number | null }>,
) {
  const { db, user } = ctx;
  if (!isStaffUser(user)) throw new ForbiddenError('only helpdesk staff can change tasks');
  if (body.assigneeId) await assertAssignable(db, [body.assigneeId], []);
  await db.transaction().execute(async (tx) => {
    const t = await repo.lockTicket(tx, id);
    if (!t) throw new NotFoundError(`ticket ${id}`);
    if (t.status === 'closed') throw new DomainError(409, 'ticket_closed', 'the ticket is closed: reopen it to change its tasks');
    const now = new Date();
    const updated = await tx
      .updateTable('ticket_tasks')
      .set({
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.private !== undefined ? { private: body.private } : {}),
        ...(body.state !== undefined ? { state: body.state } : {}),
        ...(body.durationMinutes !== undefined ? { duration_minutes: body.durationMinutes } : {}),
        ...(body.assigneeId !== undefined ? { assignee_id: body.assigneeId } : {}),
        updated_at: now,
      })
      .where('id', '=', taskId)
      .where('ticket_id', '=', id)
      .returning(['private'])
      .executeTakeFirst();
    if (!updated) throw new NotFoundError(`task ${taskId} of ticket ${id}`);
    await repo.insertEvents(tx, id, now, [{ kind: 'task-updated', actorId: user.id, private: updated.private, data: { taskId, changes: body } }]);
    if (body.state === 'done' && t.status === 'planned') {
      const stillPlanned = await tx
        .selectFrom('ticket_tasks')
        .select('id')
        .where('ticket_id', '=', id)
        .where('state', '=', 'todo')
        .where('planned_start', 'is not', null)
        .executeTakeFirst();
      if (!stillPlanned) await applyWorkflow(tx, id, { type: 'unplan' }, actorOf(user), user, now, ctx.email);
    }
  });
}

export async function linkDevice(ctx: TicketCtx, id: number, deviceId: number) {
  const { db, user } = ctx;
  await db.transaction().execute(async (tx) => {
    const t = await repo.lockTicket(tx, id);
    if (!t) throw new NotFoundError(`ticket ${id}`);
    // The ticket first: someone who may not see it learns nothing about the device either.
    await assertCanSee(tx, user, t);
    if (!isStaffUser(user) && t.requester_id !== user.id) throw new ForbiddenError('only staff or the requester can link devices');
    await assertLinkableDevices(tx, user, [deviceId], 'deviceId');
    const now = new Date();
    const linked = await repo.linkDevices(tx, id, [deviceId], now);
    if (linked.length === 0) throw new ConflictError(`device ${deviceId} is already linked to ticket ${id}`, 'deviceId');
    await repo.insertEvents(tx, id, now, [{ kind: 'link', actorId: user.id, data: { action: 'added', deviceId } }]);
  });
}

export async function unlinkDevice(ctx: TicketCtx, id: number, deviceId: number) {
  const { db, user } = ctx;
  if (!isStaffUser(user)) throw new ForbiddenError('only helpdesk staff can unlink devices');
  await db.transaction().execute(async (tx) => {
    const t = await repo.lockTicket(tx, id);
    if (!t) throw new NotFoundError(`ticket ${id}`);
    if (!(await repo.unlinkDevice(tx, id, deviceId))) throw new NotFoundError(`device ${deviceId} on ticket ${id}`);
    await repo.insertEvents(tx, id, new Date(), [{ kind: 'link', actorId: user.id, data: { action: 'removed', deviceId } }]);
  });
}

/** Scheduler: closes tickets solved for longer than the configured number of days. */
export async function autoCloseSolved(db: Db, log: Logger, email: boolean, now = new Date()) {
  const { autoCloseDays } = await helpdeskContext(db).settings();
  if (autoCloseDays <= 0) return 0;
  const due = await db
    .selectFrom('tickets')
    .select('id')
    .where('status', '=', 'solved')
    .where('solved_at', '<=', new Date(now.getTime() - autoCloseDays * 86_400_000))
    .execute();
  let closed = 0;
  for (const { id } of due) {
    // One transaction per ticket: a ticket someone is working right now must not hold back the others.
    try {
      await db.transaction().execute((tx) => applyWorkflow(tx, id, { type: 'auto-close', afterDays: autoCloseDays }, { kind: 'system' }, null, now, email));
      closed++;
    } catch (err) {
      log.warn({ err, ticketId: id }, 'auto-close skipped this ticket; it will be retried at the next run');
    }
  }
  if (closed) log.info({ closed, afterDays: autoCloseDays }, 'solved tickets closed automatically');
  return closed;
}
