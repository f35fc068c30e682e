import type { Db } from '../../platform/db/database.js';

/**
 * A merged device's ticket links move to the device it was merged into (one statement). A ticket linked
 * to both keeps its link to the kept device; the absorbed device's duplicate goes with that device.
 * Returns how many links moved.
 */
export async function moveTicketDeviceLinks(db: Db, fromDeviceId: number, toDeviceId: number): Promise<number> {
  const r = await db
    .updateTable('ticket_devices')
    .set({ device_id: toDeviceId })
    .where('device_id', '=', fromDeviceId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('ticket_devices as k').select('k.ticket_id').whereRef('k.ticket_id', '=', 'ticket_devices.ticket_id').where('k.device_id', '=', toDeviceId))))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
