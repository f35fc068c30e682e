import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/** One installation's catalogue identity: the normalised product keys, how to show it, and its version. */
export interface CatalogueEntry {
  name: string;
  publisher: string | null;
  nameKey: string;
  publisherKey: string;
  version: string;
}

// Whole columns pass as arrays and are unnested: one statement and a fixed number of bound parameters
// whatever the row count (Postgres caps a statement at 65,535 parameters).
const textArr = (v: (string | null)[]) => sql`${v}::text[]`;
const intArr = (v: number[]) => sql`${v}::int[]`;

const entryKey = (nameKey: string, publisherKey: string, version: string) => `${nameKey}\u0000${publisherKey}\u0000${version}`;

/**
 * The software_versions id of each entry, in order, and how many versions were new to the catalogue.
 * Entries the catalogue knows (in a fleet, nearly all) cost one statement; the others are created in
 * four more, whatever the count.
 */
export async function resolveVersionIds(db: Db, rows: readonly CatalogueEntry[]): Promise<{ ids: number[]; created: number }> {
  if (rows.length === 0) return { ids: [], created: 0 };
  const known = await sql<{ id: number; name_key: string; publisher_key: string; version: string }>`
    select v.id, p.name_key, p.publisher_key, v.version
    from (select distinct * from unnest(${textArr(rows.map((r) => r.nameKey))}, ${textArr(rows.map((r) => r.publisherKey))}, ${textArr(rows.map((r) => r.version))})) as k(n, pk, ver)
    join software_products p on p.name_key = k.n and p.publisher_key = k.pk
    join software_versions v on v.product_id = p.id and v.version = k.ver`.execute(db);
  const ids = new Map(known.rows.map((r) => [entryKey(r.name_key, r.publisher_key, r.version), r.id]));
  const missing = rows.filter((r) => !ids.has(entryKey(r.nameKey, r.publisherKey, r.version)));
  let created = 0;
  if (missing.length > 0) {
    const made = await createVersions(db, missing);
    created = made.created;
    missing.forEach((r, i) => ids.set(entryKey(r.nameKey, r.publisherKey, r.version), made.ids[i]!));
  }
  return { ids: rows.map((r) => ids.get(entryKey(r.nameKey, r.publisherKey, r.version))!), created };
}

/**
 * Creates the products and versions of these entries where missing; their ids, in order. Each table is
 * one statement: the rows it inserts come back from `returning`, the others from the statement's
 * snapshot. A row another upload committed after that snapshot (its insert made ours do nothing) is in
 * neither, and is read again by a second statement, which sees it.
 */
async function createVersions(db: Db, rows: readonly CatalogueEntry[]): Promise<{ ids: number[]; created: number }> {
  // Sorted so concurrent ingests take row locks in the same order and do not deadlock each other.
  const products = [...new Map(rows.map((r) => [`${r.nameKey}\u0000${r.publisherKey}`, r])).values()].sort((a, b) =>
    a.nameKey === b.nameKey ? (a.publisherKey < b.publisherKey ? -1 : 1) : a.nameKey < b.nameKey ? -1 : 1,
  );
  const productKey = (nameKey: string, publisherKey: string) => `${nameKey}\u0000${publisherKey}`;
  const productRows = (only?: string[]) => {
    const keyed = only === undefined ? products : products.filter((p) => only.includes(productKey(p.nameKey, p.publisherKey)));
    const k = sql`unnest(${textArr(keyed.map((p) => p.nameKey))}, ${textArr(keyed.map((p) => p.publisherKey))})`;
    return only !== undefined
      ? sql<{ id: number; name_key: string; publisher_key: string }>`
          select p.id, p.name_key, p.publisher_key from software_products p join ${k} as k(n, pk) on p.name_key = k.n and p.publisher_key = k.pk`
      : sql<{ id: number; name_key: string; publisher_key: string }>`
          with ins as (
            insert into software_products (name, publisher, name_key, publisher_key)
            select * from unnest(${textArr(products.map((p) => p.name))}, ${textArr(products.map((p) => p.publisher))},
                                 ${textArr(products.map((p) => p.nameKey))}, ${textArr(products.map((p) => p.publisherKey))})
            on conflict (name_key, publisher_key) do nothing
            returning id, name_key, publisher_key)
          select id, name_key, publisher_key from ins
          union all
          select p.id, p.name_key, p.publisher_key from software_products p join ${k} as k(n, pk) on p.name_key = k.n and p.publisher_key = k.pk`;
  };
  const productId = new Map<string, number>();
  for (const r of (await productRows().execute(db)).rows) productId.set(productKey(r.name_key, r.publisher_key), r.id);
  const lateProducts = products.map((p) => productKey(p.nameKey, p.publisherKey)).filter((k) => !productId.has(k));
  if (lateProducts.length > 0) for (const r of (await productRows(lateProducts).execute(db)).rows) productId.set(productKey(r.name_key, r.publisher_key), r.id);
  const pids = rows.map((r) => productId.get(productKey(r.nameKey, r.publisherKey))!);

  const pairs = [...new Map(rows.map((r, i) => [`${pids[i]}\u0000${r.version}`, { pid: pids[i]!, version: r.version }])).values()].sort((a, b) =>
    a.pid - b.pid || (a.version < b.version ? -1 : a.version > b.version ? 1 : 0),
  );
  const pairKey = (pid: number, version: string) => `${pid}\u0000${version}`;
  const versionId = new Map<string, number>();
  const { rows: got } = await sql<{ id: number; product_id: number; version: string; created: boolean }>`
    with k as (select * from unnest(${intArr(pairs.map((p) => p.pid))}, ${textArr(pairs.map((p) => p.version))}) as k(pid, ver)),
    ins as (
      insert into software_versions (product_id, version)
      select pid, ver from k order by 1, 2
      on conflict (product_id, version) do nothing
      returning id, product_id, version)
    select id, product_id, version, true as created from ins
    union all
    select v.id, v.product_id, v.version, false from software_versions v join k on v.product_id = k.pid and v.version = k.ver`.execute(db);
  for (const r of got) versionId.set(pairKey(r.product_id, r.version), r.id);
  const late = pairs.filter((p) => !versionId.has(pairKey(p.pid, p.version)));
  if (late.length > 0) {
    const { rows: again } = await sql<{ id: number; product_id: number; version: string }>`
      select v.id, v.product_id, v.version from software_versions v
      join unnest(${intArr(late.map((p) => p.pid))}, ${textArr(late.map((p) => p.version))}) as k(pid, ver) on v.product_id = k.pid and v.version = k.ver`.execute(db);
    for (const r of again) versionId.set(pairKey(r.product_id, r.version), r.id);
  }
  return { ids: rows.map((r, i) => versionId.get(pairKey(pids[i]!, r.version))!), created: got.filter((r) => r.created).length };
}
