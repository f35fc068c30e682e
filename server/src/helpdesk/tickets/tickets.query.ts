import { systemClock } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import type { AuthUser } from '../../platform/http/context.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { findDevice } from '../../inventory/devices/devices.repository.js';
import { cleanSerial } from '../../inventory/ingest/identity-blacklist.js';
import { availableActions } from '../itil/ticket-kind.js';
import { getHelpdeskSettings } from '../settings/helpdesk-settings.service.js';
import { storedSlaState } from '../sla/ticket-sla.js';
import { ticketSlaView } from '../sla/ticket-sla.service.js';
import { assertCanSee, isStaffUser } from './ticket-access.js';
import { ticketActors } from './ticket-actors.repository.js';
import { deviceChangesBetween, ticketDevices } from './ticket-devices.repository.js';
import { usersByIds } from './ticket-people.repository.js';
import { searchTickets } from './ticket-search.repository.js';
import { tasks as ticketTasks, type TaskRow } from './ticket-tasks.repository.js';
import { statusHistory, timeline as ticketTimeline } from './ticket-timeline.repository.js';
import { problemsOfTicket } from './itil-links.repository.js';
import { findTicket, type TicketRow } from './tickets.repository.js';
import type { ListTicketsQuery } from './tickets.schemas.js';

/** Marks a snapshot's vendor placeholder serial, by the rules inventory matching uses (old snapshots included). */
function withSerialFlag(snapshot: Record<string, unknown>): Record<string, unknown> {
  const serial = snapshot.serial;
  return typeof serial === 'string' && serial.trim() ? { ...snapshot, serialPlaceholder: cleanSerial(serial) === undefined } : snapshot;
}

/** The read side of tickets: the list (and its CSV), a ticket's page, a device's tickets. */

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A page of tickets as the user may see them (requesters: their own and those they observe). */
export async function listTickets(db: Db, user: AuthUser, f: ListTicketsQuery, now: Date = systemClock.now()) {
  const { rows, total } = await searchTickets(db, f, isStaffUser(user) ? null : user.id, now);
  const ids = rows.map((r) => r.id);
  const devices = await ticketDevices(db, ids);
  return {
    items: rows.map((t) => ({
      ...summary(t, now),
      requester: requesterRef(t, t.requester_username, t.requester_display_name),
      deviceIds: devices.filter((d) => d.ticket_id === t.id).map((d) => d.device_id),
    })),
    total,
    limit: f.limit,
    offset: f.offset,
  };
}

function summary(t: TicketRow, now: Date) {
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
function requesterRef(t: Pick<TicketRow, 'requester_id' | 'requester_name'>, username: string | null, displayName: string | null) {
  return { id: t.requester_id, username, displayName, name: displayName ?? username ?? t.requester_name ?? 'unknown' };
}

const userRef = (id: number | null, username: string | null, displayName: string | null) =>
  id === null ? null : { id, username: username ?? '', displayName };

/** Everything a technician needs on one screen: the ticket, its devices as they were and what changed on them. */
export async function getTicketDetail(db: Db, user: AuthUser, id: number, now: Date = systemClock.now()) {
  const t = await findTicket(db, id);
  if (!t) throw new NotFoundError(`ticket ${id}`);
  await assertCanSee(db, user, t);
  const staff = isStaffUser(user);
  const [actors, devices, events, tasks, history, requesters, settings, problems] = await Promise.all([
    ticketActors(db, [id]),
    ticketDevices(db, [id]),
    ticketTimeline(db, id, staff),
    ticketTasks(db, id, staff),
    statusHistory(db, [id]),
    usersByIds(db, t.requester_id === null ? [] : [t.requester_id]),
    getHelpdeskSettings(db),
    problemsOfTicket(db, id),
  ]);
  const requester = requesters[0];
  const windowStart = new Date(new Date(t.created_at).getTime() - settings.deviceChangesDays * 86_400_000);
  const changes = staff ? await deviceChangesBetween(db, devices.map((d) => d.device_id), windowStart, now) : [];
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
      const toChange = (c: (typeof mine)[number]) => ({ at: iso(c.at), section: c.section, kind: c.kind, item: c.item, old: c.old_value, new: c.new_value, code: c.code, params: c.params });
      return {
        id: d.device_id,
        hostname: d.hostname,
        state: d.state,
        stateLabel: d.state_label ?? null,
        location: d.location,
        lastSeenAt: iso(d.last_seen_at),
        linkedAt: iso(d.linked_at),
        // Snapshot and changes are the technician's tools and describe the machine in detail (serial,
        // addresses, users, software): requesters and observers see which device, not its inventory.
        /** The device as it was when it was linked to the ticket. */
        snapshot: staff ? withSerialFlag(d.snapshot) : null,
        /** What changed in the days before the ticket: the first place to look. */
        changesBefore: staff ? mine.filter((c) => new Date(c.at) <= createdAt).map(toChange) : [],
        changesSince: staff ? mine.filter((c) => new Date(c.at) > createdAt).map(toChange) : [],
      };
    }),
    sla: await ticketSlaView(db, { categoryId: t.category_id, createdAt, priority: t.priority, ownedAt: t.owned_at ? new Date(t.owned_at) : null, history: history.get(id) ?? [], now }),
    timeline,
    availableActions: availableActions(workflow, { kind: 'user', userId: user.id, role: user.role }),
    problems: problems.map((p) => ({ id: p.id, title: p.title, status: p.status, workaround: p.workaround })),
  };
}

function toTask(k: TaskRow) {
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
export async function deviceTickets(db: Db, user: AuthUser, deviceId: number, now: Date = systemClock.now()) {
  if (!(await findDevice(db, deviceId))) throw new NotFoundError(`device ${deviceId}`);
  return listTickets(db, user, { deviceId, sort: '-id', limit: 500, offset: 0 }, now);
}
