import type { Db } from '../../platform/db/database.js';

// The agent ↔ device binding as admins change it (device merge and reassignment); ingest records an
// agent's own contact through enrollment.repository's linkAgentToDevice. Kept apart from enrollment's
// key handling: nothing here touches keys, tokens or revocation.

export function findAgent(db: Db, agentId: string) {
  return db.selectFrom('agents').select(['id', 'device_id', 'revoked_at']).where('id', '=', agentId).executeTakeFirst();
}

/** Points the agent at a device (or at none); its tickets from the machine are then filed against it. */
export async function setAgentDevice(db: Db, agentId: string, deviceId: number | null): Promise<void> {
  await db.updateTable('agents').set({ device_id: deviceId }).where('id', '=', agentId).execute();
}

/** Agents pointing at any of these devices, except `keep`, point at none. */
export async function detachAgentsFrom(db: Db, deviceIds: number[], keep: string | null): Promise<void> {
  let q = db.updateTable('agents').set({ device_id: null }).where('device_id', 'in', deviceIds);
  if (keep !== null) q = q.where('id', '<>', keep);
  await q.execute();
}
