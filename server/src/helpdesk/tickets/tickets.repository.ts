import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { TicketStatus } from './tickets.tables.js';

export function findTicket(db: Db, id: number) {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
}
export type TicketRow = NonNullable<Awaited<ReturnType<typeof findTicket>>>;

export function lockTicket(db: Db, id: number) {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function ticketActors(db: Db, ticketIds: number[]) {
  if (ticketIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ticket_actors as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .leftJoin('groups as g', 'g.id', 'a.group_id')
    .select(['a.ticket_id', 'a.role', 'a.user_id', 'a.group_id', 'u.username', 'u.display_name', 'g.name as group_name'])
    .where('a.ticket_id', 'in', ticketIds)
    .orderBy('a.id')
    .execute();
}

export async function addActors(db: Db, ticketId: number, role: 'assignee' | 'observer', userIds: number[], groupIds: number[]) {
  const rows = [
    ...userIds.map((u) => ({ ticket_id: ticketId, role, user_id: u, group_id: null })),
    ...groupIds.map((g) => ({ ticket_id: ticketId, role, user_id: null, group_id: g })),
  ];
  if (rows.length === 0) return;
  await db.insertInto('ticket_actors').values(rows).onConflict((oc) => oc.doNothing()).execute();
}

export async function removeActors(db: Db, ticketId: number, role: 'assignee' | 'observer', userIds: number[], groupIds: number[]) {
  if (userIds.length === 0 && groupIds.length === 0) return;
  await db
    .deleteFrom('ticket_actors')
    .where('ticket_id', '=', ticketId)
    .where('role', '=', role)
    .where((eb) =>
      eb.or([
        ...(userIds.length ? [eb('user_id', 'in', userIds)] : []),
        ...(groupIds.length ? [eb('group_id', 'in', groupIds)] : []),
      ]),
    )
    .execute();
}

export interface NewEvent {
  kind: string;
  actorId: number | null;
  private?: boolean;
  body?: string | null;
  data?: Record<string, unknown>;
}

export async function insertEvents(db: Db, ticketId: number, at: Date, events: NewEvent[]) {
  if (events.length === 0) return;
  await db
    .insertInto('ticket_events')
    .values(
      events.map((e) => ({
        ticket_id: ticketId,
        at,
        actor_id: e.actorId,
        kind: e.kind,
        private: e.private ?? false,
        body: e.body ?? null,
        data: JSON.stringify(e.data ?? {}),
      })),
    )
    .execute();
}

/**
 * Links devices and freezes what they looked like now: the technician later sees the machine as it was
 * when the problem was reported, next to what it is today. One statement for any number of devices.
 */
export async function linkDevices(db: Db, ticketId: number, deviceIds: number[], at: Date) {
  if (deviceIds.length === 0) return [];
  const rows = await sql<{ device_id: number }>`
    insert into ticket_devices (ticket_id, device_id, snapshot, linked_at)
    select ${ticketId}, d.id, jsonb_build_object(
        'hostname', d.hostname, 'serial', coalesce(d.serial, d.raw_serial), 'manufacturer', d.manufacturer, 'model', d.model,
        'os', jsonb_build_object('platform', d.os_platform, 'name', d.os_name, 'version', d.os_version, 'build', d.os_build, 'kernel', d.os_kernel, 'arch', d.os_arch),
        'lastUser', d.last_user, 'ipv4', to_jsonb(d.ipv4), 'location', d.location, 'lastSeenAt', d.last_seen_at,
        'components', coalesce((select jsonb_object_agg(c.kind, c.items) from (
            select kind, jsonb_agg(data order by key) as items from device_components where device_id = d.id group by kind) c), '{}'::jsonb),
        'softwareCount', (select count(*) from software_installations i where i.device_id = d.id)
      ), ${at}
    from devices d where d.id = any(${sql`${deviceIds}::int[]`})
    on conflict do nothing
    returning device_id`.execute(db);
  return rows.rows.map((r) => r.device_id);
}

export async function unlinkDevice(db: Db, ticketId: number, deviceId: number) {
  const r = await db.deleteFrom('ticket_devices').where('ticket_id', '=', ticketId).where('device_id', '=', deviceId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export function ticketDevices(db: Db, ticketIds: number[]) {
  if (ticketIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ticket_devices as td')
    .innerJoin('devices as d', 'd.id', 'td.device_id')
    .select(['td.ticket_id', 'td.device_id', 'td.snapshot', 'td.linked_at', 'd.hostname', 'd.status', 'd.last_seen_at', 'd.location'])
    .where('td.ticket_id', 'in', ticketIds)
    .orderBy('td.linked_at')
    .execute();
}

/** A device's changes in the window before a ticket (and since, to show what happened next). */
export function deviceChangesBetween(db: Db, deviceIds: number[], from: Date, to: Date) {
  if (deviceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('device_changes')
    .select(['device_id', 'at', 'section', 'kind', 'item', 'old_value', 'new_value'])
    .where('device_id', 'in', deviceIds)
    .where('at', '>=', from)
    .where('at', '<=', to)
    .orderBy('at', 'desc')
    .limit(2000)
    .execute();
}

export function timeline(db: Db, ticketId: number, includePrivate: boolean) {
  let q = db
    .selectFrom('ticket_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.kind', 'e.private', 'e.body', 'e.data', 'e.actor_id', 'u.username', 'u.display_name'])
    .where('e.ticket_id', '=', ticketId);
  if (!includePrivate) q = q.where('e.private', '=', false);
  return q.orderBy('e.at').orderBy('e.id').execute();
}

export function tasks(db: Db, ticketId: number, includePrivate: boolean) {
  let q = db.selectFrom('ticket_tasks').selectAll().where('ticket_id', '=', ticketId);
  if (!includePrivate) q = q.where('private', '=', false);
  return q.orderBy('id').execute();
}

/** Status changes after creation, in order, per ticket (the SLA clock is derived from them). */
export async function statusHistory(db: Db, ticketIds: number[]) {
  const out = new Map<number, { at: Date; status: TicketStatus }[]>();
  if (ticketIds.length === 0) return out;
  const rows = await db
    .selectFrom('ticket_events')
    .select(['ticket_id', 'at', sql<TicketStatus>`data->>'to'`.as('status')])
    .where('ticket_id', 'in', ticketIds)
    .where('kind', '=', 'status')
    .orderBy('at')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.ticket_id) ?? [];
    list.push({ at: new Date(r.at), status: r.status });
    out.set(r.ticket_id, list);
  }
  return out;
}

export async function updateStatus(db: Db, id: number, status: TicketStatus, at: Date) {
  await db.updateTable('tickets').set({ status, updated_at: at }).where('id', '=', id).execute();
}
