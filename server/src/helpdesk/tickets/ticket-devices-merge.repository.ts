import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/**
 * A merged device's ticket links move to the device it was merged into. A ticket linked to both keeps
 * its link to the kept device; the absorbed device's duplicate goes. Copied then deleted rather than
 * updated: the device id is the key a distributed database (Citus) places rows by, and it cannot change
 * in place. Returns how many links moved.
 */
export async function moveTicketDeviceLinks(db: Db, fromDeviceId: number, toDeviceId: number): Promise<number> {
  const moved = await sql`
    insert into ticket_devices (ticket_id, device_id, snapshot, linked_at)
    select ticket_id, ${toDeviceId}, snapshot, linked_at from ticket_devices where device_id = ${fromDeviceId}
    on conflict (ticket_id, device_id) do nothing`.execute(db);
  await db.deleteFrom('ticket_devices').where('device_id', '=', fromDeviceId).execute();
  return Number(moved.numAffectedRows ?? 0);
}
