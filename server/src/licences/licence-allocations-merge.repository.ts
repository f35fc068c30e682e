import type { Db } from '../platform/db/database.js';

/** A merged device's licence allocations move to the device it was merged into; returns how many moved. */
export async function moveLicenceDeviceAllocations(db: Db, fromDeviceId: number, toDeviceId: number): Promise<number> {
  const r = await db
    .updateTable('licence_device_allocations')
    .set({ device_id: toDeviceId })
    .where('device_id', '=', fromDeviceId)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('licence_device_allocations as k').select('k.licence_id').whereRef('k.licence_id', '=', 'licence_device_allocations.licence_id').where('k.device_id', '=', toDeviceId))),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
