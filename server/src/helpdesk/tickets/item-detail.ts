import type { Db } from '../../platform/db/database.js';
import type { AuthUser } from '../../platform/http/context.js';
import { cleanSerial } from '../../inventory/ingest/identity-blacklist.js';
import { getHelpdeskSettings } from '../settings/helpdesk-settings.service.js';
import type { ItilState } from '../itil/workflow.js';
import { isStaffUser } from './ticket-access.js';
import { ticketActors } from './ticket-actors.repository.js';
import { deviceChangesBetween, ticketDevices } from './ticket-devices.repository.js';
import { tasks as itemTasks, type TaskRow } from './ticket-tasks.repository.js';
import { timeline as itemTimeline } from './ticket-timeline.repository.js';
import { findItem, type ItemRow } from './tickets.repository.js';
import { searchItems, type ItemFilters, type TicketPage } from './ticket-search.repository.js';
import { usersByIds } from './ticket-people.repository.js';
import type { ItilKindName } from '@parc/shared/api/itil-enums';
import { NotFoundError } from '../../platform/http/errors.js';
import { ITIL_KIND_BY_NAME } from '../itil/kinds.js';
import { actionsFor } from '../itil/workflow.js';
import { linkedItems, type LinkedItemRow } from './itil-links.repository.js';

/**
 * What the page of any ITIL object shows the same way — assignees, devices (as they were and what
 * changed), tasks, timeline, links and the workflow state — read once here for tickets, problems and
 * changes alike.
 */

export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const userRef = (id: number | null, username: string | null, displayName: string | null) => (id === null ? null : { id, username: username ?? '', displayName });

/** Marks a snapshot's vendor placeholder serial, by the rules inventory matching uses (old snapshots included). */
function withSerialFlag(snapshot: Record<string, unknown>): Record<string, unknown> {
  const serial = snapshot.serial;
  return typeof serial === 'string' && serial.trim() ? { ...snapshot, serialPlaceholder: cleanSerial(serial) === undefined } : snapshot;
}

export function toTask(k: TaskRow) {
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

export const toRef = (r: LinkedItemRow) => ({ id: r.id, kind: r.kind, title: r.title, status: r.status, priority: r.priority, createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)! });

/** The parts every object's page shares, as the user may see them. */
export async function itemParts(db: Db, user: AuthUser, t: ItemRow, now: Date) {
  const id = t.id;
  const staff = isStaffUser(user);
  const [actors, devices, events, tasks, settings, links] = await Promise.all([
    ticketActors(db, [id]),
    ticketDevices(db, [id]),
    itemTimeline(db, id, staff),
    itemTasks(db, id, staff),
    getHelpdeskSettings(db),
    linkedItems(db, id),
  ]);
  const windowStart = new Date(new Date(t.created_at).getTime() - settings.deviceChangesDays * 86_400_000);
  const changes = staff ? await deviceChangesBetween(db, devices.map((d) => d.device_id), windowStart, now) : [];
  const createdAt = new Date(t.created_at);

  const taskById = new Map(tasks.map((k) => [k.id, k]));
  const timeline = events.flatMap((e) => {
    const base = { id: Number(e.id), at: iso(e.at)!, kind: e.kind, private: e.private, actor: userRef(e.actor_id, e.username, e.display_name), body: e.body, data: e.data };
    if (e.kind === 'task') {
      const task = taskById.get(Number(e.data.taskId));
      if (!task) return [];
      return [{ ...base, task: toTask(task) }];
    }
    return [base];
  });
  const assignees = actors.filter((a) => a.role === 'assignee');
  const workflow: ItilState<string, string> = {
    status: t.status,
    requesterId: t.requester_id,
    assigneeUserIds: assignees.filter((a) => a.user_id !== null).map((a) => a.user_id!),
    assigneeGroupIds: assignees.filter((a) => a.group_id !== null).map((a) => a.group_id!),
    statusBeforePending: t.status_before_pending,
    solvedAt: t.solved_at ? new Date(t.solved_at) : null,
    ownedAt: t.owned_at ? new Date(t.owned_at) : null,
  };
  return {
    workflow,
    deviceIds: devices.map((d) => d.device_id),
    assignees: {
      users: assignees.filter((a) => a.user_id !== null).map((a) => userRef(a.user_id, a.username, a.display_name)!),
      groups: assignees.filter((a) => a.group_id !== null).map((a) => ({ id: a.group_id!, name: a.group_name ?? '' })),
    },
    observers: actors.filter((a) => a.role === 'observer' && a.user_id !== null).map((a) => userRef(a.user_id, a.username, a.display_name)!),
    devices: devices.map((d) => {
      const mine = changes.filter((c) => c.device_id === d.device_id);
      const toChange = (c: (typeof mine)[number]) => ({ at: iso(c.at)!, section: c.section, kind: c.kind, item: c.item, old: c.old_value, new: c.new_value, code: c.code, params: c.params });
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
        /** The device as it was when it was linked. */
        snapshot: staff ? withSerialFlag(d.snapshot) : null,
        /** What changed in the days before the object was opened: the first place to look. */
        changesBefore: staff ? mine.filter((c) => new Date(c.at) <= createdAt).map(toChange) : [],
        changesSince: staff ? mine.filter((c) => new Date(c.at) > createdAt).map(toChange) : [],
      };
    }),
    tasks: tasks.map(toTask),
    timeline,
    links: links.map(toRef),
  };
}

/** What a problem's or change's list line shows of its row. */
function summaryOf(t: Pick<ItemRow, 'id' | 'title' | 'status' | 'urgency' | 'impact' | 'priority' | 'category_id' | 'created_at' | 'updated_at'>, deviceIds: number[]) {
  return { id: t.id, title: t.title, status: t.status, urgency: t.urgency, impact: t.impact, priority: t.priority, categoryId: t.category_id, createdAt: iso(t.created_at)!, updatedAt: iso(t.updated_at)!, deviceIds };
}

/** The page of a problem or change: its row, the shared parts, its author and what the caller may do now. */
export async function itemDetail(db: Db, user: AuthUser, kind: Exclude<ItilKindName, 'ticket'>, id: number, now: Date) {
  const t = await findItem(db, id, kind);
  if (!t) throw new NotFoundError(`${kind} ${id}`);
  const [parts, authors] = await Promise.all([itemParts(db, user, t, now), usersByIds(db, t.created_by === null ? [] : [t.created_by])]);
  const author = authors[0];
  const actor = { kind: 'user' as const, userId: user.id, role: user.role };
  const taken = parts.workflow.assigneeUserIds.includes(user.id);
  return {
    row: t,
    parts,
    base: {
      ...summaryOf(t, parts.deviceIds),
      description: t.description,
      solution: t.solution,
      author: author ? userRef(author.id, author.username, author.display_name) : null,
      assignees: parts.assignees,
      devices: parts.devices,
      tasks: parts.tasks,
      timeline: parts.timeline,
      // The buttons: actions the system alone performs are never offered; "take" not to someone holding it.
      availableActions: actionsFor(ITIL_KIND_BY_NAME[kind], parts.workflow, actor).filter((a) => !(a === 'take' && taken)),
    },
    linksOf: (k: ItilKindName) => parts.links.filter((l) => l.kind === k),
  };
}

/** A page of problems or changes (staff see them all), with their devices. */
export async function listItems(db: Db, kind: Exclude<ItilKindName, 'ticket'>, f: Omit<ItemFilters, 'priority'> & { priority?: number | undefined } & TicketPage, now: Date) {
  const { priority, ...rest } = f;
  const { rows, total } = await searchItems(db, kind, { ...rest, ...(priority ? { priority: [priority] } : {}) }, null, now);
  const devices = await ticketDevices(db, rows.map((r) => r.id));
  return {
    rows: rows.map((t) => ({
      row: t,
      base: summaryOf(t, devices.filter((d) => d.ticket_id === t.id).map((d) => d.device_id)),
    })),
    total,
  };
}
