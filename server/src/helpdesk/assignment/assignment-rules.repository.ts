import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

import { locationPathSql } from '../../assets/locations/location-path.sql.js';

const COLUMNS = ['id', 'name', 'position', 'category_id', 'location_id', 'group_id', 'active'] as const;
/** The rule's location as its full path, for the answer and for matching free text. */
const locationText = () => locationPathSql(sql.ref('assignment_rules.location_id')).as('location');

export function listRules(db: Db, onlyActive = false) {
  let q = db.selectFrom('assignment_rules').select(COLUMNS).select(locationText);
  if (onlyActive) q = q.where('active', '=', true);
  return q.orderBy('position').orderBy('id').execute();
}

export function findRule(db: Db, id: number) {
  return db.selectFrom('assignment_rules').select(COLUMNS).select(locationText).where('id', '=', id).executeTakeFirst();
}

export function findRuleByName(db: Db, name: string, exceptId?: number) {
  let q = db.selectFrom('assignment_rules').select('id').where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

/**
 * Serialises every change of order (create, delete, reorder): positions are computed from what is
 * there, and two concurrent appends must not both pick max + 1.
 */
export async function lockRules(db: Db) {
  await sql`lock table assignment_rules in share row exclusive mode`.execute(db);
}

export interface RuleColumns {
  name: string;
  category_id: number | null;
  location_id: number | null;
  group_id: number;
  active: boolean;
}

/** Appends the rule after the last one. Call under lockRules. */
export function appendRule(db: Db, r: RuleColumns) {
  return db
    .insertInto('assignment_rules')
    .values((eb) => ({
      ...r,
      position: eb.selectFrom('assignment_rules').select(sql<number>`coalesce(max(position), 0) + 1`.as('p')),
    }))
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function updateRule(db: Db, id: number, patch: Partial<RuleColumns>) {
  return db.updateTable('assignment_rules').set(patch).where('id', '=', id).returning('id').executeTakeFirst();
}

export function deleteRule(db: Db, id: number) {
  return db.deleteFrom('assignment_rules').where('id', '=', id).returning('id').executeTakeFirst();
}

export function allRuleIds(db: Db) {
  return db.selectFrom('assignment_rules').select('id').execute().then((rows) => rows.map((r) => r.id));
}

/**
 * Positions 1 … n in the order of `ids`, in one statement (the unique position constraint is checked at
 * its end, so the permutation never collides with itself).
 */
export async function setOrder(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return;
  await sql`
    update assignment_rules set position = o.pos
    from unnest(${sql`${ids}::int[]`}) with ordinality as o(id, pos)
    where assignment_rules.id = o.id and assignment_rules.position is distinct from o.pos`.execute(db);
}

/** Closes the gaps left by deletions: positions 1 … n, same order. */
export async function compactPositions(db: Db) {
  await sql`
    update assignment_rules set position = o.pos
    from (select id, row_number() over (order by position, id) as pos from assignment_rules) as o
    where assignment_rules.id = o.id and assignment_rules.position <> o.pos`.execute(db);
}
