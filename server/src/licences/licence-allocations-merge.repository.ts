import { sql } from 'kysely';
import type { Db } from '../platform/db/database.js';

/**
 * A merged device's licence allocations move to the device it was merged into (a licence allocated to
 * both keeps one); returns how many moved. Copied then deleted rather than updated: the device id is the
 * key a distributed database (Citus) places rows by, and it cannot change in place.
 */
export async function moveLicenceDeviceAllocations(db: Db, fromDeviceId: number, toDeviceId: number): Promise<number> {
  const moved = await sql`
    insert into licence_device_allocations (licence_id, device_id)
    select licence_id, ${toDeviceId} from licence_device_allocations where device_id = ${fromDeviceId}
    on conflict (licence_id, device_id) do nothing`.execute(db);
  await db.deleteFrom('licence_device_allocations').where('device_id', '=', fromDeviceId).execute();
  return Number(moved.numAffectedRows ?? 0);
}
