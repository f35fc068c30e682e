import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { locationAncestrySql, locationPathSql } from '../../assets/locations/location-path.sql.js';

/**
 * The `ticket_devices` table (a ticket's machines, frozen as they were when linked): only this repository
 * writes it. It reads the inventory's device tables, which only the inventory writes.
 */

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
        'lastUser', d.last_user, 'ipv4', to_jsonb(d.ipv4), 'location', ${locationPathSql(sql.ref('d.location_id'))}, 'lastSeenAt', d.last_seen_at,
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
    .select(['td.ticket_id', 'td.device_id', 'td.snapshot', 'td.linked_at', 'd.hostname', 'd.state', 'd.last_seen_at'])
    .select((eb) => [
      locationPathSql(sql.ref('d.location_id')).as('location'),
      eb.selectFrom('asset_states as st').select('st.label').whereRef('st.code', '=', 'd.state').as('state_label'),
    ])
    .where('td.ticket_id', 'in', ticketIds)
    .orderBy('td.linked_at')
    .execute();
}

/** Who a device belongs to, for the rule that requesters link only their own machines. */
export function deviceOwnership(db: Db, deviceIds: number[]) {
  if (deviceIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('devices').select(['id', 'owner', 'last_user', 'user_id']).where('id', 'in', deviceIds).execute();
}

/** Where the devices are, as paths and id ancestries (auto-assignment rules match on locations). */
export async function deviceLocations(db: Db, deviceIds: number[]): Promise<{ path: string; ancestry: number[] }[]> {
  if (deviceIds.length === 0) return [];
  const rows = await db
    .selectFrom('devices as d')
    .select([locationPathSql(sql.ref('d.location_id')).as('path'), locationAncestrySql(sql.ref('d.location_id')).as('ancestry')])
    .where('d.id', 'in', deviceIds)
    .where('d.location_id', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.path && r.ancestry ? [{ path: r.path, ancestry: r.ancestry.map(Number) }] : []));
}

/** A device's changes in the window before a ticket (and since, to show what happened next). */
export function deviceChangesBetween(db: Db, deviceIds: number[], from: Date, to: Date) {
  if (deviceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('device_changes')
    .select(['device_id', 'at', 'section', 'kind', 'item', 'old_value', 'new_value', 'code', 'params'])
    .where('device_id', 'in', deviceIds)
    .where('at', '>=', from)
    .where('at', '<=', to)
    .orderBy('at', 'desc')
    .limit(2000)
    .execute();
}
