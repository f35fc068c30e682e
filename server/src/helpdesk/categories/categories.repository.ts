import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

export function allCategories(db: Db) {
  return db.selectFrom('ticket_categories').select(['id', 'parent_id as parentId', 'name']).execute();
}

export function findCategory(db: Db, id: number) {
  return db.selectFrom('ticket_categories').select(['id', 'parent_id as parentId', 'name']).where('id', '=', id).executeTakeFirst();
}

export function findSibling(db: Db, parentId: number | null, name: string, exceptId?: number) {
  let q = db
    .selectFrom('ticket_categories')
    .select('id')
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .where('parent_id', parentId === null ? 'is' : '=', parentId);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

/**
 * The category and its ancestors, nearest first: [id, parent, grandparent, …]; [] when it does not exist.
 * For assignment rules and SLA policies, which a category inherits from its ancestors.
 */
export async function categoryAncestors(db: Db, id: number): Promise<number[]> {
  const rows = await db
    .withRecursive('up(id, parent_id, depth)', (qb) =>
      qb
        .selectFrom('ticket_categories')
        .select(['id', 'parent_id', sql<number>`0`.as('depth')])
        .where('id', '=', id)
        .unionAll((u) =>
          u
            .selectFrom('ticket_categories as c')
            .innerJoin('up', 'up.parent_id', 'c.id')
            .select(['c.id', 'c.parent_id', sql<number>`up.depth + 1`.as('depth')])
            // A corrupt cycle cannot be stored through the API; this bound still stops the recursion.
            .where(sql<number>`up.depth`, '<', 1000),
        ),
    )
    .selectFrom('up')
    .select(['id', 'depth'])
    .orderBy('depth')
    .execute();
  return rows.map((r) => r.id);
}

export function insertCategory(db: Db, c: { name: string; parent_id: number | null }) {
  return db.insertInto('ticket_categories').values(c).returning('id').executeTakeFirstOrThrow();
}

export function updateCategory(db: Db, id: number, patch: { name?: string; parent_id?: number | null }) {
  return db.updateTable('ticket_categories').set(patch).where('id', '=', id).returning('id').executeTakeFirst();
}

export function deleteCategory(db: Db, id: number) {
  return db.deleteFrom('ticket_categories').where('id', '=', id).returning('id').executeTakeFirst();
}

/** What refers to a category; children and tickets block deletion, and so do policies and rules (they would vanish by cascade). */
export async function categoryUsage(db: Db, id: number) {
  const n = (q: Promise<{ n: number | string }>) => q.then((r) => Number(r.n));
  const count = {
    children: db.selectFrom('ticket_categories').where('parent_id', '=', id).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    tickets: db.selectFrom('tickets').where('category_id', '=', id).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    slaPolicies: db.selectFrom('sla_policies').where('category_id', '=', id).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    rules: db.selectFrom('assignment_rules').where('category_id', '=', id).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  };
  const [children, tickets, slaPolicies, rules] = await Promise.all([n(count.children), n(count.tickets), n(count.slaPolicies), n(count.rules)]);
  return { children, tickets, slaPolicies, rules };
}

/** Serialises tree moves so two concurrent moves cannot together make a cycle. */
export async function lockTree(db: Db) {
  await sql`lock table ticket_categories in share row exclusive mode`.execute(db);
}

/** Whether a category exists; for the features that refer to categories (tickets, SLA policies, assignment rules). */
export async function categoryExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('ticket_categories').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
