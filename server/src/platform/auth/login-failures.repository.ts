import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { RecentFailures, ThrottleLimits } from './login-throttle.js';

/** The newest failures within the window for the pair, the address and the username: one statement, each list capped at its limit. */
export async function recentFailures(db: Db, username: string, address: string, limits: ThrottleLimits, now: Date): Promise<RecentFailures> {
  const since = new Date(now.getTime() - limits.windowMs);
  const pick = (kind: 'pair' | 'address' | 'username', cap: number) => {
    let q = db.selectFrom('login_failures').select([sql<string>`${kind}::text`.as('kind'), 'at']).where('at', '>', since);
    if (kind !== 'address') q = q.where('username', '=', username);
    if (kind !== 'username') q = q.where('address', '=', address);
    return q.orderBy('at', 'desc').limit(cap);
  };
  // Each member a sub-select, so each keeps its own order and limit inside the union.
  const rows = await db
    .selectFrom(pick('pair', limits.perPair).as('p'))
    .selectAll()
    .unionAll(db.selectFrom(pick('address', limits.perAddress).as('a')).selectAll())
    .unionAll(db.selectFrom(pick('username', limits.perUsername).as('u')).selectAll())
    .execute();
  const out: { pair: Date[]; address: Date[]; username: Date[] } = { pair: [], address: [], username: [] };
  for (const r of rows) out[r.kind as keyof typeof out].push(new Date(r.at));
  for (const list of Object.values(out)) list.sort((a, b) => b.getTime() - a.getTime());
  return out;
}

export async function insertFailure(db: Db, username: string, address: string, at: Date): Promise<void> {
  await db.insertInto('login_failures').values({ username, address, at }).execute();
}

/** A successful login forgives that pair's earlier typos (not the other addresses' failures). */
export async function deletePairFailures(db: Db, username: string, address: string): Promise<void> {
  await db.deleteFrom('login_failures').where('username', '=', username).where('address', '=', address).execute();
}

/** Failures older than the window count for nothing: one indexed range delete. */
export async function deleteFailuresBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('login_failures').where('at', '<', before).execute();
}
