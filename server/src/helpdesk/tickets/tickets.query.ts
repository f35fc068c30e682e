import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { AuthUser } from '../../platform/http/context.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { helpdeskContext } from './helpdesk-context.js';
import { slaView, storedSlaState } from '../sla/ticket-sla.js';
import { slaStateCondition } from '../sla/sla-state-filter.js';
import * as repo from './tickets.repository.js';
import type { ListTicketsQuery } from './tickets.schemas.js';
import { assertCanSee, isStaffUser } from './tickets.service.js';
import { availableActions, OPEN_STATUSES, TICKET_STATUSES } from '../itil/ticket-kind.js';
import { MAX_ID } from '../../platform/http/params.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

type TicketQuery = SelectQueryBuilder<Database, 'tickets', object>;

function applyFilters(q: TicketQuery, f: ListTicketsQuery, user: AuthUser, now: Date): TicketQuery {
  if (!isStaffUser(user)) {
    q = q.where((eb) =>
      eb.or([
        eb('tickets.requester_id', '=', user.id),
        eb.exists(
          eb.selectFrom('ticket_actors as o').select('o.id').whereRef('o.ticket_id', '=', 'tickets.id').where('o.role', '=', 'observer').where('o.user_id', '=', user.id),
        ),
      ]),
    );
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // "#12" or "12" also finds ticket 12; a number beyond the id range finds no id (and is no SQL error).
    const n = /^#?\d+$/.test(f.q) ? Number(f.q.replace('#', '')) : null;
    const asId = n !== null && n <= MAX_ID ? n : null;
    q = q.where((eb) => eb.or([eb('tickets.title', 'ilike', like), eb('tickets.description', 'ilike', like), ...(asId ? [eb('tickets.id', '=', asId)] : [])]));
  }
  if (f.status) {
    const statuses = f.status.flatMap((s) => (s === 'open' ? [...OPEN_STATUSES] : [s]));
    q = q.where('tickets.status', 'in', statuses);
  }
  if (f.priority) q = q.where('tickets.priority', 'in', f.priority);
  if (f.type) q = q.where('tickets.type', '=', f.type);
  if (f.categoryId) q = q.where('tickets.category_id', '=', f.categoryId);
  if (f.requesterId) q = q.where('tickets.requester_id', '=', f.requesterId);
  if (f.assigneeId) {
    const uid = f.assigneeId;
    q = q.where((eb) => eb.exists(eb.selectFrom('ticket_actors as a').select('a.id').whereRef('a.ticket_id', '=', 'tickets.id').where('a.role', '=', 'assignee').where('a.user_id', '=', uid)));
  }
  if (f.groupId) {
    const gid = f.groupId;
    q = q.where((eb) => eb.exists(eb.selectFrom('ticket_actors as a').select('a.id').whereRef('a.ticket_id', '=', 'tickets.id').where('a.role', '=', 'assignee').where('a.group_id', '=', gid)));
  }
  if (f.deviceId) {
    const did = f.deviceId;
    q = q.where((eb) => eb.exists(eb.selectFrom('ticket_devices as td').select('td.device_id').whereRef('td.ticket_id', '=', 'tickets.id').where('td.device_id', '=', did)));
  }
  if (f.createdAfter) q = q.where('tickets.created_at', '>=', new Date(f.createdAfter));
  if (f.createdBefore) q = q.where('tickets.created_at', '<', new Date(f.createdBefore));
  if (f.slaState) q = q.where((eb) => slaStateCondition(eb, f.slaState!, now));
  return q;
}

/**
 * Sort keys. Status sorts in workflow order (new … closed), not alphabetically; titles sort without
 * regard to case, the same on PGlite (C collation) and on Postgres (the server's locale).
 */
const SORT = {
  id: sql`tickets.id`,
  createdAt: sql`tickets.created_at`,
  updatedAt: sql`tickets.updated_at`,
  priority: sql`tickets.priority`,
  status: sql`array_position(${sql.val([...TICKET_STATUSES])}::text[], tickets.status::text)`,
  title: sql`lower(tickets.title)`,
  resolveDueAt: sql`tickets.resolve_due_at`,
} as const;

export async function listTickets(db: Db, user: AuthUser, f: ListTicketsQuery) {
  const now = new Date();
  const base = applyFilters(db.selectFrom('tickets'), f, user, now);
  const desc = f.sort.startsWith('-');
  const column = SORT[f.sort.replace(/^-/, '') as keyof typeof SORT];
  const [rows, total] = await Promise.all([
    base
      .leftJoin('users as r', 'r.id', 'tickets.requester_id')
      .selectAll('tickets')
      .select(['r.username as requester_username', 'r.display_name as requester_display_name'])
      .orderBy(column, (ob) => (desc ? ob.desc().nullsLast() : ob.asc().nullsLast()))
      .orderBy('tickets.id', desc ? 'desc' : 'asc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.id);
  const devices = await repo.ticketDevices(db, ids);
  return {
    items: rows.map((t) => ({
      ...summary(t, now),
      requester: requesterRef(t, t.requester_username, t.requester_display_name),
      deviceIds: devices.filter((d) => d.ticket_id === t.id).map((d) => d.device_id),
    })),
    total: Number(total.n),
    limit: f.limit,
    offset: f.offset,
  };
}

function summary(t: repo.TicketRow, now: Date) {
  const pausedAt = t.status === 'pending' && t.sla_paused_at ? new Date(t.sla_paused_at) : null;
  return {
    id: t.id,
    title: t.title,
    type: t.type,
    status: t.status,
    urgency: t.urgency,
    impact: t.impact,
    priority: t.priority,
    categoryId: t.category_id,
    createdAt: iso(t.created_at)!,
    updatedAt: iso(t.updated_at)!,
    resolveDueAt: iso(t.resolve_due_at),
    slaState: storedSlaState(t, now, pausedAt),
  };
}

const CSV_COLUMNS = ['id', 'title', 'type', 'status', 'priority', 'urgency', 'impact', 'categoryId', 'requester', 'createdAt', 'updatedAt', 'resolveDueAt', 'slaState', 'deviceIds'] as const;

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function toCsv(items: Awaited<ReturnType<typeof listTickets>>['items']): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(' ') : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const t of items) {
    const row: Record<(typeof CSV_COLUMNS)[number], unknown> = { ...t, requester: t.requester.name };
    lines.push(CSV_COLUMNS.map((c) => cell(row[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The requester: a Parc user, or just a name for tickets opened from an endpoint by someone Parc does not know. */
function requesterRef(t: Pick<repo.TicketRow, 'requester_id' | 'requester_name'>, username: string | null, displayName: string | null) {
  return { id: t.requester_id, username, displayName, name: displayName ?? username ?? t.requester_name ?? 'unknown' };
}

const userRef = (id: number | null, username: string | null, displayName: string | null) =>
  id === null ? null : { id, username: username ?? '', displayName };

/** Everything a technician needs on one screen: the ticket, its devices as they were and what changed on them. */
export async function getTicketDetail(db: Db, user: AuthUser, id: number) {
  const t = await repo.findTicket(db, id);
  if (!t) throw new NotFoundError(`ticket ${id}`);
  await assertCanSee(db, user, t);
  const staff = isStaffUser(user);
  const now = new Date();
  const ctx = helpdeskContext(db);
  const [actors, devices, events, tasks, history, requester, settings, sla] = await Promise.all([
    repo.ticketActors(db, [id]),
    repo.ticketDevices(db, [id]),
    repo.timeline(db, id, staff),
    repo.tasks(db, id, staff),
    repo.statusHistory(db, [id]),
    t.requester_id === null
      ? Promise.resolve(undefined)
      : db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', '=', t.requester_id).executeTakeFirst(),
    ctx.settings(),
    ctx.slaFor(t.category_id),
  ]);
  const windowStart = new Date(new Date(t.created_at).getTime() - settings.deviceChangesDays * 86_400_000);
  const changes = staff ? await repo.deviceChangesBetween(db, devices.map((d) => d.device_id), windowStart, now) : [];
  const createdAt = new Date(t.created_at);

  const taskById = new Map(tasks.map((k) => [k.id, k]));
  const timeline = events.flatMap((e) => {
    const base = { id: Number(e.id), at: iso(e.at), kind: e.kind, private: e.private, actor: userRef(e.actor_id, e.username, e.display_name), body: e.body, data: e.data };
    if (e.kind === 'task') {
      const task = taskById.get(Number(e.data.taskId));
      if (!task) return [];
      return [{ ...base, task: toTask(task) }];
    }
    return [base];
  });

  const workflow = {
    status: t.status,
    requesterId: t.requester_id,
    assigneeUserIds: actors.filter((a) => a.role === 'assignee' && a.user_id !== null).map((a) => a.user_id!),
    assigneeGroupIds: actors.filter((a) => a.role === 'assignee' && a.group_id !== null).map((a) => a.group_id!),
    statusBeforePending: t.status_before_pending,
    solvedAt: t.solved_at ? new Date(t.solved_at) : null,
    ownedAt: t.owned_at ? new Date(t.owned_at) : null,
  };

  return {
    ...summary(t, now),
    requester: requesterRef(t, requester?.username ?? null, requester?.display_name ?? null),
    deviceIds: devices.map((d) => d.device_id),
    description: t.description,
    location: t.location,
    dueAt: iso(t.due_at),
    solution: t.solution,
    pendingReason: t.pending_reason,
    assignees: {
      users: actors.filter((a) => a.role === 'assignee' && a.user_id !== null).map((a) => userRef(a.user_id, a.username, a.display_name)!),
      groups: actors.filter((a) => a.role === 'assignee' && a.group_id !== null).map((a) => ({ id: a.group_id!, name: a.group_name ?? '' })),
    },
    observers: actors.filter((a) => a.role === 'observer' && a.user_id !== null).map((a) => userRef(a.user_id, a.username, a.display_name)!),
    devices: devices.map((d) => {
      const mine = changes.filter((c) => c.device_id === d.device_id);
      const toChange = (c: (typeof mine)[number]) => ({ at: iso(c.at), section: c.section, kind: c.kind, item: c.item, old: c.old_value, new: c.new_value });
      return {
        id: d.device_id,
        hostname: d.hostname,
        status: d.status,
        location: d.location,
        lastSeenAt: iso(d.last_seen_at),
        linkedAt: iso(d.linked_at),
        // Snapshot and changes are the technician's tools and describe the machine in detail (serial,
        // addresses, users, software): requesters and observers see which device, not its inventory.
        /** The device as it was when it was linked to the ticket. */
        snapshot: staff ? d.snapshot : null,
        /** What changed in the days before the ticket: the first place to look. */
        changesBefore: staff ? mine.filter((c) => new Date(c.at) <= createdAt).map(toChange) : [],
        changesSince: staff ? mine.filter((c) => new Date(c.at) > createdAt).map(toChange) : [],
      };
    }),
    sla: sla.policy
      ? slaView(sla.policy, {
          createdAt,
          priority: t.priority,
          ownedAt: t.owned_at ? new Date(t.owned_at) : null,
          history: history.get(id) ?? [],
          now,
        })
      : { policy: null },
    timeline,
    availableActions: availableActions(workflow, { kind: 'user', userId: user.id, role: user.role }),
  };
}

function toTask(k: Awaited<ReturnType<typeof repo.tasks>>[number]) {
  return {
    id: k.id,
    description: k.description,
    state: k.state,
    private: k.private,
    durationMinutes: k.duration_minutes,
    assigneeId: k.assignee_id,
    plannedStart: iso(k.planned_start),
    plannedEnd: iso(k.planned_end),
    updatedAt: iso(k.updated_at),
  };
}

/** A device's tickets, newest first, for the device page. */
export async function deviceTickets(db: Db, user: AuthUser, deviceId: number) {
  const device = await db.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst();
  if (!device) throw new NotFoundError(`device ${deviceId}`);
  return listTickets(db, user, { deviceId, sort: '-id', limit: 500, offset: 0 });
}
