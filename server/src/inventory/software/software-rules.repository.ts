import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { DictionaryRule } from './dictionary.js';
import type { SoftwareRulesTable } from './software-rules.tables.js';

export type RuleRow = Selectable<SoftwareRulesTable>;
export type RuleColumns = Omit<RuleRow, 'id' | 'position' | 'created_at' | 'updated_at'>;

export function listRules(db: Db): Promise<RuleRow[]> {
  return db.selectFrom('software_rules').selectAll().orderBy('position').orderBy('id').execute();
}

export function findRule(db: Db, id: number): Promise<RuleRow | undefined> {
  return db.selectFrom('software_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Serialises changes of order (create, delete, reorder) and re-applies against rule edits. */
export async function lockRules(db: Db) {
  await sql`lock table software_rules in share row exclusive mode`.execute(db);
}

/** Inserts at `position` (1 = first), shifting the rules from there down; appends when absent or past the end. Call under lockRules. */
export async function insertRule(db: Db, r: RuleColumns, position: number | undefined, now: Date): Promise<number> {
  const { max } = await db.selectFrom('software_rules').select(sql<number>`coalesce(max(position), 0)`.as('max')).executeTakeFirstOrThrow();
  const at = position === undefined || position > Number(max) ? Number(max) + 1 : position;
  if (at <= Number(max)) await sql`update software_rules set position = position + 1 where position >= ${at}`.execute(db);
  const row = await db.insertInto('software_rules').values({ ...r, position: at, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function updateRule(db: Db, id: number, patch: Partial<RuleColumns>, now: Date) {
  return db.updateTable('software_rules').set({ ...patch, updated_at: now }).where('id', '=', id).returning('id').executeTakeFirst();
}

export function deleteRule(db: Db, id: number) {
  return db.deleteFrom('software_rules').where('id', '=', id).returning('id').executeTakeFirst();
}

/** Positions 1 … n in the order of `ids`, in one statement. */
export async function setOrder(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return;
  await sql`
    update software_rules set position = o.pos
    from unnest(${sql`${ids}::int[]`}) with ordinality as o(id, pos)
    where software_rules.id = o.id and software_rules.position is distinct from o.pos`.execute(db);
}

/** Closes the gaps left by deletions: positions 1 … n, same order. */
export async function compactPositions(db: Db) {
  await sql`
    update software_rules set position = o.pos
    from (select id, row_number() over (order by position, id) as pos from software_rules) as o
    where software_rules.id = o.id and software_rules.position <> o.pos`.execute(db);
}

export async function productExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('software_products').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

const condition = (match: RuleRow['name_match'], value: string | null) => (match && value !== null ? { match, value } : null);

/** A stored rule in the shape the pure dictionary takes. */
export function toDictionaryRule(r: RuleRow): DictionaryRule {
  return {
    id: r.id,
    position: r.position,
    active: r.active,
    name: condition(r.name_match, r.name_value),
    publisher: condition(r.publisher_match, r.publisher_value),
    version: condition(r.version_match, r.version_value),
    action: r.action,
    renameTo: r.action === 'rename' && r.rename_name !== null ? { name: r.rename_name, publisher: r.rename_publisher } : null,
    productId: r.product_id,
    category: r.category,
  };
}

/** The columns of a rule in its API shape. */
export function ruleColumns(r: Omit<DictionaryRule, 'id' | 'position'> & { label: string | null }): RuleColumns {
  return {
    label: r.label,
    active: r.active,
    name_match: r.name?.match ?? null,
    name_value: r.name?.value ?? null,
    publisher_match: r.publisher?.match ?? null,
    publisher_value: r.publisher?.value ?? null,
    version_match: r.version?.match ?? null,
    version_value: r.version?.value ?? null,
    action: r.action,
    rename_name: r.renameTo?.name ?? null,
    rename_publisher: r.renameTo?.publisher ?? null,
    product_id: r.productId,
    category: r.category,
  };
}
