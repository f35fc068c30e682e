import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { ConflictResolution, ConflictRow } from './conflicts.tables.js';

export interface NewConflict {
  agentId: string | null;
  hostname: string;
  identity: Record<string, unknown>;
  chosenDeviceId: number;
  candidateIds: number[];
  rule: string;
  reason: string;
  at: Date;
}

/**
 * The conflict an inventory's evidence belongs to: the oldest open one of this agent that names any of
 * these devices, or of any agent that names them all (the two agents of a refused takeover each see the
 * same pair: one conflict, not two); failing that, a conflict an admin dismissed (kept the devices
 * separate) that names them all, so the same evidence does not ask again.
 */
export async function findOpenConflict(db: Db, agentId: string | null, deviceIds: number[]) {
  // One array parameter: Kysely would expand a JS array into a row `($1, $2)`, which Postgres refuses.
  const covers = sql<boolean>`candidate_ids @> ${deviceIds}::int[]`;
  const row = await db
    .selectFrom('reconcile_conflicts')
    .select(['id', 'candidate_ids', 'resolution'])
    .where((eb) =>
      eb.or([
        eb.and([eb('resolved_at', 'is', null), eb.or([eb.and([eb('agent_id', '=', agentId), sql<boolean>`candidate_ids && ${deviceIds}::int[]`]), covers])]),
        eb.and([eb('resolution', '=', 'dismissed'), covers]),
      ]),
    )
    .orderBy(sql`resolved_at is not null`)
    .orderBy('id')
    .executeTakeFirst();
  return row ? { id: row.id, candidateIds: row.candidate_ids, dismissed: row.resolution === 'dismissed' } : undefined;
}

export async function insertConflict(db: Db, c: NewConflict): Promise<void> {
  await db
    .insertInto('reconcile_conflicts')
    .values({
      agent_id: c.agentId,
      hostname: c.hostname,
      identity: JSON.stringify(c.identity),
      chosen_device_id: c.chosenDeviceId,
      candidate_ids: c.candidateIds,
      rule: c.rule,
      reason: c.reason,
      at: c.at,
    })
    .execute();
}

export async function widenConflict(db: Db, id: number, c: Pick<NewConflict, 'chosenDeviceId' | 'candidateIds' | 'rule' | 'reason'>): Promise<void> {
  await db
    .updateTable('reconcile_conflicts')
    .set({ candidate_ids: c.candidateIds, chosen_device_id: c.chosenDeviceId, rule: c.rule, reason: c.reason })
    .where('id', '=', id)
    .execute();
}

export async function listConflicts(db: Db, f: { state: 'open' | 'resolved' | 'all'; limit: number; offset: number }): Promise<{ rows: ConflictRow[]; total: number }> {
  let q = db.selectFrom('reconcile_conflicts');
  if (f.state === 'open') q = q.where('resolved_at', 'is', null);
  if (f.state === 'resolved') q = q.where('resolved_at', 'is not', null);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** A conflict and whether it is open, locked until the transaction ends (two admins resolve it once). */
export function lockConflict(db: Db, id: number) {
  return db.selectFrom('reconcile_conflicts').select(['id', 'candidate_ids', 'resolved_at', 'hostname']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markResolved(db: Db, id: number, r: { at: Date; resolution: ConflictResolution; by: number | null }): Promise<void> {
  await db.updateTable('reconcile_conflicts').set({ resolved_at: r.at, resolution: r.resolution, resolved_by: r.by }).where('id', '=', id).execute();
}

/** The devices conflicts name, as they are now, with whether their agent is active (one statement). */
export async function conflictDevices(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('devices')
    .leftJoin('agents', 'agents.id', 'devices.agent_id')
    .select(['devices.id', 'devices.hostname', 'devices.serial', 'devices.agent_id', 'devices.last_seen_at'])
    .select((eb) => eb.and([eb('agents.id', 'is not', null), eb('agents.revoked_at', 'is', null)]).as('agent_active'))
    .where(sql<boolean>`devices.id = any(${ids}::int[])`)
    .execute();
}
