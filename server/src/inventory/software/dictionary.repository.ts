import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { targetKey, type RenameTarget, type Resolved, type StoredTitleVersion } from './dictionary-plan.js';

// Set-based, as ingest writes: whole columns as arrays, unnested; a fixed number of statements whatever
// the number of rows.
const textArr = (v: (string | null)[]) => sql`${v}::text[]`;
const intArr = (v: (number | null)[]) => sql`${v}::int[]`;
const boolArr = (v: boolean[]) => sql`${v}::boolean[]`;

/**
 * Inventoried title-versions with their placement. `unclassified`: only those the dictionary has not
 * placed yet (new since the last classification), locked so two ingests never classify one row twice;
 * rows another transaction holds are left to it.
 */
export async function loadTitleVersions(db: Db, opts: { unclassified?: boolean; limit?: number } = {}): Promise<StoredTitleVersion[]> {
  const rows = await sql<{
    version_id: number;
    product_id: number;
    version: string;
    effective_product_id: number | null;
    ignored: boolean;
    rule_id: number | null;
    name: string;
    publisher: string | null;
  }>`
    select v.id as version_id, v.product_id, v.version, v.effective_product_id, v.ignored, v.rule_id, p.name, p.publisher
    from software_versions v join software_products p on p.id = v.product_id
    ${opts.unclassified ? sql`where v.effective_product_id is null order by v.id limit ${opts.limit ?? 10_000} for update of v skip locked` : sql`order by v.product_id, v.id`}`.execute(db);
  return rows.rows.map((r) => ({
    versionId: r.version_id,
    productId: r.product_id,
    name: r.name,
    publisher: r.publisher,
    version: r.version,
    effectiveProductId: r.effective_product_id,
    ignored: r.ignored,
    ruleId: r.rule_id,
  }));
}

/**
 * The product ids of rename targets, by catalogue key; with `create`, the missing ones are created first
 * (sorted, as ingest does, so concurrent writers lock in one order). Returns how many were created.
 */
export async function resolveTargets(db: Db, targets: readonly RenameTarget[], create: boolean): Promise<{ ids: Map<string, number>; created: number }> {
  if (targets.length === 0) return { ids: new Map(), created: 0 };
  const sorted = [...targets].sort((a, b) => (targetKey(a) < targetKey(b) ? -1 : 1));
  let created = 0;
  if (create) {
    const inserted = await sql<{ id: number }>`
      insert into software_products (name, publisher, name_key, publisher_key)
      select * from unnest(${textArr(sorted.map((t) => t.name))}, ${textArr(sorted.map((t) => t.publisher))},
                           ${textArr(sorted.map((t) => t.nameKey))}, ${textArr(sorted.map((t) => t.publisherKey))})
      on conflict (name_key, publisher_key) do nothing
      returning id`.execute(db);
    created = inserted.rows.length;
  }
  const found = await sql<{ id: number; name_key: string; publisher_key: string }>`
    select p.id, p.name_key, p.publisher_key from software_products p
    join unnest(${textArr(sorted.map((t) => t.nameKey))}, ${textArr(sorted.map((t) => t.publisherKey))}) as k(n, pk)
      on p.name_key = k.n and p.publisher_key = k.pk`.execute(db);
  return { ids: new Map(found.rows.map((r) => [targetKey({ nameKey: r.name_key, publisherKey: r.publisher_key }), r.id])), created };
}

/** Writes the new placement of the changed rows in one statement. */
export async function writePlacements(db: Db, changed: readonly Resolved[]) {
  if (changed.length === 0) return;
  await sql`
    update software_versions v
    set effective_product_id = k.effective, ignored = k.ignored, rule_id = k.rule_id
    from unnest(${intArr(changed.map((r) => r.row.versionId))}, ${intArr(changed.map((r) => r.effectiveProductId))},
                ${boolArr(changed.map((r) => r.ignored))}, ${intArr(changed.map((r) => r.ruleId))}) as k(id, effective, ignored, rule_id)
    where v.id = k.id`.execute(db);
}

/**
 * Rule-given categories. `replace`: these are every product's categories now (a full re-apply: others
 * lose theirs); `fill`: only set where a product has none yet (ingest sees a few new rows, not all).
 * Returns how many products changed.
 */
export async function writeCategories(db: Db, categories: ReadonlyMap<number, string>, mode: 'replace' | 'fill'): Promise<number> {
  const ids = [...categories.keys()];
  const values = ids.map((id) => categories.get(id)!);
  let changed = 0;
  if (ids.length > 0) {
    const r = await sql`
      update software_products p set rule_category = k.category
      from unnest(${intArr(ids)}, ${textArr(values)}) as k(id, category)
      where p.id = k.id and ${mode === 'fill' ? sql`p.rule_category is null` : sql`p.rule_category is distinct from k.category`}`.execute(db);
    changed += Number(r.numAffectedRows ?? 0);
  }
  if (mode === 'replace') {
    const r = await sql`update software_products set rule_category = null where rule_category is not null and not (id = any(${intArr(ids)}))`.execute(db);
    changed += Number(r.numAffectedRows ?? 0);
  }
  return changed;
}

/** Installations of these title-versions, and the distinct devices they are on. */
export async function installationCounts(db: Db, versionIds: readonly number[]): Promise<{ installations: number; devices: number; byVersion: Map<number, number> }> {
  if (versionIds.length === 0) return { installations: 0, devices: 0, byVersion: new Map() };
  const rows = await sql<{ version_id: number | null; installations: number; devices: number }>`
    select version_id, count(*)::int as installations, count(distinct device_id)::int as devices
    from software_installations where version_id = any(${intArr([...versionIds])})
    group by grouping sets ((version_id), ())`.execute(db);
  const total = rows.rows.find((r) => r.version_id === null);
  return {
    installations: total?.installations ?? 0,
    devices: total?.devices ?? 0,
    byVersion: new Map(rows.rows.filter((r) => r.version_id !== null).map((r) => [r.version_id!, r.devices])),
  };
}

export async function productRefs(db: Db, ids: readonly number[]): Promise<Map<number, { id: number; name: string; publisher: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('software_products').select(['id', 'name', 'publisher']).where('id', '=', sql<number>`any(${intArr([...ids])})`).execute();
  return new Map(rows.map((r) => [r.id, r]));
}
