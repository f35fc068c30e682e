import type { Db } from '../../platform/db/database.js';
import { filteredDevices, type DeviceFiltersQuery } from '../../inventory/devices/devices.exports.js';

/**
 * Grouped counts of the filtered devices (by type, by state, by location id): three index-friendly
 * aggregates, each a handful of rows whatever the size of the fleet.
 */
export async function groupedCounts(db: Db, q: DeviceFiltersQuery, now: Date, staleDays: number) {
  const base = () => filteredDevices(db, q, now, staleDays);
  const [types, states, locations] = await Promise.all([
    base().select(['devices.type as type', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('devices.type').execute(),
    base().select(['devices.state as state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('devices.state').execute(),
    base().select(['devices.location_id as location_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('devices.location_id').execute(),
  ]);
  const num = <R extends { n: unknown }>(rows: R[]) => rows.map((r) => ({ ...r, n: Number(r.n) }));
  return { types: num(types), states: num(states), locations: num(locations) };
}

export function assetStates(db: Db) {
  return db.selectFrom('asset_states').select(['code', 'label', 'builtin']).orderBy('position').orderBy('code').execute();
}

/** People some asset is assigned to (the filter form offers only those). */
export function assignedUsers(db: Db) {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.username', 'users.display_name'])
    .where((eb) => eb.exists(eb.selectFrom('devices').select('devices.id').whereRef('devices.user_id', '=', 'users.id')))
    .orderBy((eb) => eb.fn.coalesce('users.display_name', 'users.username'))
    .execute();
}

export function contracts(db: Db) {
  return db.selectFrom('maintenance_contracts').select(['id', 'name', 'number']).orderBy('name').orderBy('id').execute();
}
