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

/**
 * The software_versions id of each entry, in order, creating the products and versions not yet in the
 * catalogue: four statements whatever the count.
 */
export async function resolveVersionIds(db: Db, rows: readonly CatalogueEntry[]): Promise<number[]> {
  if (rows.length === 0) return [];
  // Sorted so concurrent ingests take row locks in the same order and do not deadlock each other.
  const products = [...new Map(rows.map((r) => [`${r.nameKey}\u0000${r.publisherKey}`, r])).values()].sort((a, b) =>
    a.nameKey === b.nameKey ? (a.publisherKey < b.publisherKey ? -1 : 1) : a.nameKey < b.nameKey ? -1 : 1,
  );
  await sql`
    insert into software_products (name, publisher, name_key, publisher_key)
    select * from unnest(${textArr(products.map((p) => p.name))}, ${textArr(products.map((p) => p.publisher))},
                         ${textArr(products.map((p) => p.nameKey))}, ${textArr(products.map((p) => p.publisherKey))})
    on conflict (name_key, publisher_key) do nothing`.execute(db);
  const productIds = await sql<{ id: number; name_key: string; publisher_key: string }>`
    select p.id, p.name_key, p.publisher_key from software_products p
    join unnest(${textArr(products.map((p) => p.nameKey))}, ${textArr(products.map((p) => p.publisherKey))}) as k(n, pk)
      on p.name_key = k.n and p.publisher_key = k.pk`.execute(db);
  const productId = new Map(productIds.rows.map((r) => [`${r.name_key}\u0000${r.publisher_key}`, r.id]));
  const pids = rows.map((r) => productId.get(`${r.nameKey}\u0000${r.publisherKey}`)!);
  const versions = rows.map((r) => r.version);
  await sql`
    insert into software_versions (product_id, version)
    select distinct * from unnest(${intArr(pids)}, ${textArr(versions)}) order by 1, 2
    on conflict (product_id, version) do nothing`.execute(db);
  const versionIds = await sql<{ id: number; product_id: number; version: string }>`
    select v.id, v.product_id, v.version from software_versions v
    join (select distinct * from unnest(${intArr(pids)}, ${textArr(versions)})) as k(pid, ver)
      on v.product_id = k.pid and v.version = k.ver`.execute(db);
  const versionId = new Map(versionIds.rows.map((r) => [`${r.product_id}\u0000${r.version}`, r.id]));
  return rows.map((r, i) => versionId.get(`${pids[i]}\u0000${r.version}`)!);
}
