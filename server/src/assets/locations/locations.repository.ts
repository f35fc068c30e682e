import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { kindForDepth, locationPathKey, type TreeNode } from './location-tree.js';

const textArr = (v: (string | null)[]) => sql`${v}::text[]`;
const intArr = (v: (number | null)[]) => sql`${v}::int[]`;

/** The whole tree (a few hundred nodes at most) with each node's directly placed assets. */
export function allLocations(db: Db) {
  return db
    .selectFrom('locations as l')
    .select(['l.id', 'l.parent_id as parentId', 'l.name', 'l.kind'])
    .select((eb) => eb.selectFrom('devices').select(sql<number>`count(*)::int`.as('n')).whereRef('devices.location_id', '=', 'l.id').as('directAssetCount'))
    .execute();
}

/** The tree's shape alone (id, parent, name), for paths and roll-ups. */
export function locationNodes(db: Db): Promise<TreeNode[]> {
  return db.selectFrom('locations').select(['id', 'parent_id as parentId', 'name']).execute();
}

/**
 * Creates the missing levels of these paths, level by level (one statement each, siblings reused case
 * aside), and returns every path's location id keyed by locationPathKey (the import's new paths, the one place
 * locations are created from paths).
 */
export async function ensureLocationPaths(db: Db, paths: readonly string[][]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const maxDepth = Math.max(0, ...paths.map((p) => p.length));
  for (let depth = 1; depth <= maxDepth; depth++) {
    const level = new Map<string, { parentKey: string; name: string }>();
    for (const p of paths) {
      if (p.length < depth) continue;
      const key = locationPathKey(p.slice(0, depth));
      if (!level.has(key)) level.set(key, { parentKey: locationPathKey(p.slice(0, depth - 1)), name: p[depth - 1]! });
    }
    const entries = [...level.entries()];
    const parents = entries.map(([, e]) => (depth === 1 ? null : ids.get(e.parentKey)!));
    const names = entries.map(([, e]) => e.name);
    await sql`
      insert into locations (parent_id, name, kind)
      select parent_id, name, ${kindForDepth(depth - 1)} from unnest(${intArr(parents)}, ${textArr(names)}) as v(parent_id, name)
      on conflict (coalesce(parent_id, 0), lower(name)) do nothing`.execute(db);
    const found = await sql<{ id: number; parent_id: number | null; name: string }>`
      select l.id, l.parent_id, l.name from locations l
      join unnest(${intArr(parents)}, ${textArr(names.map((n) => n.toLowerCase()))}) as v(parent_id, name)
        on coalesce(l.parent_id, 0) = coalesce(v.parent_id, 0) and lower(l.name) = v.name`.execute(db);
    const byParentName = new Map(found.rows.map((r) => [`${r.parent_id ?? 0}\u0000${r.name.toLowerCase()}`, r.id]));
    entries.forEach(([key, e], i) => ids.set(key, byParentName.get(`${parents[i] ?? 0}\u0000${e.name.toLowerCase()}`)!));
  }
  return ids;
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
