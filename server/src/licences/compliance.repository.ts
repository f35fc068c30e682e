import { sql } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { LicenceFacts, PresenceFacts, ProductFacts } from './compliance.js';

/**
 * The set-based reads that feed the pure compliance functions: the products in scope with their
 * licences, their title-versions, and their materialised presence (migration 20261130T1020), each in
 * one statement whatever the number of products: the summary never reads the installations themselves.
 */

const intArr = (v: number[]) => sql`${v}::int[]`;
const EFFECTIVE = sql<number>`coalesce(v.effective_product_id, v.product_id)`;

/** Products that are licensable or have a licence (tracked: their presence is materialised), or the one asked for among them. */
export async function productsInScope(db: Db, productId?: number): Promise<ProductFacts[]> {
  const products = await db
    .selectFrom('software_products as p')
    .select(['p.id', 'p.name', 'p.publisher', 'p.licensable'])
    .where('p.tracked', '=', true)
    .$if(productId !== undefined, (q) => q.where('p.id', '=', productId!))
    .execute();
  if (products.length === 0) return [];
  const licences = await sql<{
    id: number;
    product_id: number;
    metric: LicenceFacts['metric'];
    quantity: number | null;
    version_from: string | null;
    version_to: string | null;
    starts_on: string | null;
    expires_on: string | null;
    unit_cost: number | null;
    currency: string | null;
  }>`
    select id, product_id, metric, quantity, version_from, version_to, starts_on::text as starts_on, expires_on::text as expires_on,
           unit_cost::float8 as unit_cost, currency
    from licences where product_id = any(${intArr(products.map((p) => p.id))}) order by id`.execute(db);
  const byProduct = new Map<number, LicenceFacts[]>();
  for (const l of licences.rows) {
    const list = byProduct.get(l.product_id) ?? [];
    list.push({
      id: l.id,
      metric: l.metric,
      quantity: l.quantity,
      versionFrom: l.version_from,
      versionTo: l.version_to,
      startsOn: l.starts_on,
      expiresOn: l.expires_on,
      unitCost: l.unit_cost === null ? null : Number(l.unit_cost),
      currency: l.currency,
    });
    byProduct.set(l.product_id, list);
  }
  return products.map((p) => ({ productId: p.id, name: p.name, publisher: p.publisher, licensable: p.licensable, licences: byProduct.get(p.id) ?? [] }));
}

export interface TitleVersionRef {
  versionId: number;
  productId: number;
  version: string;
}

/** The counted (not ignored) title-versions of these products, as the dictionary places them. */
export async function versionsOf(db: Db, productIds: number[]): Promise<TitleVersionRef[]> {
  if (productIds.length === 0) return [];
  const rows = await sql<{ id: number; product_id: number; version: string }>`
    select v.id, ${EFFECTIVE} as product_id, v.version from software_versions v
    where ${EFFECTIVE} = any(${intArr(productIds)}) and not v.ignored`.execute(db);
  return rows.rows.map((r) => ({ versionId: r.id, productId: r.product_id, version: r.version }));
}

/** The person a per-user licence counts for a device `d`: its owner, else its last user, case-folded; a device with neither stands for one user of its own. */
export const primaryUserKey = sql<string>`parc_primary_user(d.owner, d.last_user, d.id)`;

/** `d`'s state takes it out of the counts (retired, or any state an admin set not to count). */
const notCounting = sql<boolean>`exists (select 1 from asset_states cs where cs.code = d.state and not cs.counts_in_compliance)`;
/** `d` is left out of the counts: in a state that does not count (reported as retired), or in use and not seen since the cutoff. */
const standingOf = (staleBefore: Date) =>
  sql<'counted' | 'retired' | 'stale'>`case when ${notCounting} then 'retired' when d.state = 'in_use' and d.last_seen_at < ${staleBefore} then 'stale' else 'counted' end`;

/**
 * Each device's standing for counting (`retired`, `stale` or `counted`) and its primary user, as a
 * derived table of `devices`.
 */
export const deviceStanding = (staleBefore: Date) => sql`select d.id, ${standingOf(staleBefore)} as k, ${primaryUserKey} as who from devices d`;

/**
 * The materialised presence of the products, in three statements run side by side whatever their
 * number: the set counts, the sets of the left-out devices (counted per set; there are few, found from
 * the devices), and for per-user products the distinct primary users (kept on the presence rows) of
 * counted devices with a covered version.
 */
export async function presenceOf(
  db: Db,
  productIds: number[],
  perUser: { productId: number; coveredVersionIds: number[] }[],
  staleBefore: Date,
): Promise<Map<number, PresenceFacts>> {
  const out = new Map<number, PresenceFacts>(productIds.map((id) => [id, { groups: [], excluded: [], users: 0 }]));
  if (productIds.length === 0) return out;
  const pairs = perUser.flatMap((p) => p.coveredVersionIds.map((v) => [p.productId, v] as const));
  const [groups, excluded, users] = await Promise.all([
    sql<{ product_id: number; version_ids: number[]; n: number }>`
      select product_id, version_ids, sum(delta)::int as n from software_set_counts
      where product_id = any(${intArr(productIds)})
      group by product_id, version_ids having sum(delta) <> 0`.execute(db),
    // Left-out devices are few: found first, then their rows by device (a join would read every row of the products).
    sql<{ product_id: number; version_ids: number[]; k: 'retired' | 'stale'; n: number }>`
      select s.product_id, s.version_ids, 'retired' as k, count(*)::int as n from software_presence s
      where s.device_id = any(array(select d.id from devices d where ${notCounting})) and s.product_id = any(${intArr(productIds)})
      group by 1, 2
      union all
      select s.product_id, s.version_ids, 'stale' as k, count(*)::int as n from software_presence s
      where s.device_id = any(array(select d.id from devices d where d.state = 'in_use' and not ${notCounting} and d.last_seen_at < ${staleBefore})) and s.product_id = any(${intArr(productIds)})
      group by 1, 2`.execute(db),
    pairs.length === 0
      ? Promise.resolve({ rows: [] as { product_id: number; users: number }[] })
      : // Title-version ids belong to one product, so one array of every covered id filters every product's sets.
        sql<{ product_id: number; users: number }>`
          select product_id, count(*)::int as users from (
            select distinct s.product_id, s.who
            from software_presence s
            where s.product_id = any(${intArr(perUser.map((p) => p.productId))}) and s.version_ids && ${intArr(pairs.map((x) => x[1]))}
              and not exists (
                select 1 from devices d
                where d.id = s.device_id and (${notCounting} or (d.state = 'in_use' and d.last_seen_at < ${staleBefore})))
          ) as people
          group by product_id`.execute(db),
  ]);
  for (const g of groups.rows) out.get(g.product_id)!.groups.push({ versionIds: g.version_ids, devices: g.n });
  for (const e of excluded.rows) out.get(e.product_id)!.excluded.push({ versionIds: e.version_ids, standing: e.k, devices: e.n });
  for (const u of users.rows) out.get(u.product_id)!.users = u.users;
  return out;
}
