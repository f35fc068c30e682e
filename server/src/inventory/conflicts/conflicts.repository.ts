import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { ConflictRow } from './conflicts.tables.js';

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
 * The oldest open conflict of this agent that names any of these devices, or of any agent that names
 * them all (the two agents of a refused takeover each see the same pair: one conflict, not two).
 */
export async function findOpenConflict(db: Db, agentId: string | null, deviceIds: number[]) {
  const row = await db
    .selectFrom('reconcile_conflicts')
    .select(['id', 'candidate_ids'])
    .where('resolved_at', 'is', null)
    // One array parameter: Kysely would expand a JS array into a row `($1, $2)`, which Postgres refuses.
    .where((eb) =>
      eb.or([
        eb.and([eb('agent_id', '=', agentId), sql<boolean>`candidate_ids && ${deviceIds}::int[]`]),
        sql<boolean>`candidate_ids @> ${deviceIds}::int[]`,
      ]),
    )
    .orderBy('id')
    .executeTakeFirst();
  return row ? { id: row.id, candidateIds: row.candidate_ids } : undefined;
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

/** Marks a conflict looked at; false when there is no such conflict. */
export async function resolveConflict(db: Db, id: number, now: Date): Promise<boolean> {
  const row = await db.updateTable('reconcile_conflicts').set({ resolved_at: now }).where('id', '=', id).returning('id').executeTakeFirst();
  return row !== undefined;
}
