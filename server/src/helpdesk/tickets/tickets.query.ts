import { systemClock } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import type { AuthUser } from '../../platform/http/context.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { findDevice } from '../../inventory/devices/devices.repository.js';
import { availableActions } from '../itil/ticket-kind.js';
import { storedSlaState } from '../sla/ticket-sla.js';
import { ticketSlaView } from '../sla/ticket-sla.service.js';
import { assertCanSee, isStaffUser } from './ticket-access.js';
import { usersByIds } from './ticket-people.repository.js';
import type { ItilKindName } from '@parc/shared/api/itil-enums';
import { searchItems, searchTickets } from './ticket-search.repository.js';
import { ticketDevices } from './ticket-devices.repository.js';
import { statusHistory } from './ticket-timeline.repository.js';
import { iso, itemParts } from './item-detail.js';
import { problemsOfTicket } from './itil-links.repository.js';
import { findTicket, type TicketRow } from './tickets.repository.js';
import type { ListTicketsQuery } from './tickets.schemas.js';

/** The read side of tickets: the list (and its CSV), a ticket's page, a device's tickets. */


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

/** Everything a technician needs on one screen: the ticket, its devices as they were and what changed on them. */
export async function getTicketDetail(db: Db, user: AuthUser, id: number, now: Date = systemClock.now()) {
  const t = await findTicket(db, id);
  if (!t) throw new NotFoundError(`ticket ${id}`);
  await assertCanSee(db, user, t);
  const [parts, history, requesters, problems] = await Promise.all([
    itemParts(db, user, t, now),
    statusHistory(db, [id]),
    usersByIds(db, t.requester_id === null ? [] : [t.requester_id]),
    problemsOfTicket(db, id),
  ]);
  const requester = requesters[0];
  const createdAt = new Date(t.created_at);
  return {
    ...summary(t, now),
    requester: requesterRef(t, requester?.username ?? null, requester?.display_name ?? null),
    deviceIds: parts.deviceIds,
    description: t.description,
    location: t.location,
    dueAt: iso(t.due_at),
    solution: t.solution,
    pendingReason: t.pending_reason,
    assignees: parts.assignees,
    observers: parts.observers,
    devices: parts.devices,
    sla: await ticketSlaView(db, { categoryId: t.category_id, createdAt, priority: t.priority, ownedAt: t.owned_at ? new Date(t.owned_at) : null, history: history.get(id) ?? [], now }),
    timeline: parts.timeline,
    availableActions: availableActions({ ...parts.workflow, status: t.status, statusBeforePending: t.status_before_pending }, { kind: 'user', userId: user.id, role: user.role }),
    problems: problems.map((p) => ({ id: p.id, title: p.title, status: p.status, workaround: p.workaround })),
  };
}

/** A device's tickets, newest first, for the device page. */
export async function deviceTickets(db: Db, user: AuthUser, deviceId: number, now: Date = systemClock.now()) {
  if (!(await findDevice(db, deviceId))) throw new NotFoundError(`device ${deviceId}`);
  return listTickets(db, user, { deviceId, sort: '-id', limit: 500, offset: 0 }, now);
}

/** A device's tickets, problems and changes (staff; a requester sees only the tickets they may see), newest first. */
export async function deviceItil(db: Db, user: AuthUser, deviceId: number, now: Date = systemClock.now()) {
  if (!(await findDevice(db, deviceId))) throw new NotFoundError(`device ${deviceId}`);
  const staff = isStaffUser(user);
  const page = { deviceId, sort: '-id', limit: 500, offset: 0 };
  const refs = async (kind: ItilKindName) => {
    if (kind !== 'ticket' && !staff) return [];
    const { rows } = await searchItems(db, kind, page, staff ? null : user.id, now);
    return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, status: r.status, priority: r.priority, createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)! }));
  };
  const [tickets, problems, changes] = await Promise.all([refs('ticket'), refs('problem'), refs('change')]);
  return { tickets, problems, changes };
}
