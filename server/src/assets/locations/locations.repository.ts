import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/** The whole tree (a few hundred nodes at most) with each node's directly placed assets. */
export function allLocations(db: Db) {
  return db
    .selectFrom('locations as l')
    .select(['l.id', 'l.parent_id as parentId', 'l.name', 'l.kind'])
    .select((eb) => eb.selectFrom('devices').select(sql<number>`count(*)::int`.as('n')).whereRef('devices.location_id', '=', 'l.id').as('directAssetCount'))
    .execute();
}

export function findLocation(db: Db, id: number) {
  return db.selectFrom('locations').select(['id', 'parent_id as parentId', 'name', 'kind']).where('id', '=', id).executeTakeFirst();
}

/** A sibling (same parent) with this name in any case, other than `exceptId`. */
export function siblingNamed(db: Db, parentId: number | null, name: string, exceptId?: number) {
  let q = db
    .selectFrom('locations')
    .select(['id', 'name'])
    .where(sql<boolean>`coalesce(parent_id, 0) = ${parentId ?? 0}`)
    .where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export async function usage(db: Db, id: number) {
  const row = await db
    .selectFrom('locations as l')
    .select((eb) => [
      eb.selectFrom('locations as c').select(sql<number>`count(*)::int`.as('n')).whereRef('c.parent_id', '=', 'l.id').as('children'),
      eb.selectFrom('devices').select(sql<number>`count(*)::int`.as('n')).whereRef('devices.location_id', '=', 'l.id').as('assets'),
      eb.selectFrom('assignment_rules as r').select(sql<number>`count(*)::int`.as('n')).whereRef('r.location_id', '=', 'l.id').as('rules'),
    ])
    .where('l.id', '=', id)
    .executeTakeFirst();
  return row && { children: Number(row.children), assets: Number(row.assets), rules: Number(row.rules) };
}
