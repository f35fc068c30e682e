import { sql } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { InstalledCounts, LicenceFacts, ProductFacts } from './compliance.js';

/**
 * The set-based reads that feed the pure compliance functions: the products in scope with their
 * licences, their title-versions, and distinct-device counts over the installations, each in one
 * statement whatever the number of products.
 */

const intArr = (v: number[]) => sql`${v}::int[]`;
const boolArr = (v: boolean[]) => sql`${v}::boolean[]`;
const EFFECTIVE = sql<number>`coalesce(v.effective_product_id, v.product_id)`;

/** Products that are licensable or have a licence (or the one asked for). */
export async function productsInScope(db: Db, productId?: number): Promise<ProductFacts[]> {
  const products = await db
    .selectFrom('software_products as p')
    .select(['p.id', 'p.name', 'p.publisher', 'p.licensable'])
    .$if(productId === undefined, (q) => q.where((eb) => eb.or([eb('p.licensable', '=', true), eb.exists(eb.selectFrom('licences as l').select('l.id').whereRef('l.product_id', '=', 'p.id'))])))
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

/**
 * Each device's standing for counting: `retired`, `stale` (active, not seen since the cutoff) or
 * `counted`; and its primary user for per-user licences (owner, else last user, case-folded; a device
 * with neither stands for one user of its own).
 */
export const deviceStanding = (staleBefore: Date) => sql`
  select d.id,
         case when d.status = 'retired' then 'retired'
              when d.status = 'active' and d.last_seen_at < ${staleBefore} then 'stale'
              else 'counted' end as k,
         lower(coalesce(nullif(d.owner, ''), nullif(d.last_user, ''), '#device:' || d.id)) as who
  from devices d`;

export interface CountScope {
  versions: (TitleVersionRef & { covered: boolean; perUser: boolean })[];
}

/**
 * Distinct-device counts for every product of the scope in one statement: per product over its covered
 * versions (counted devices, their primary users, retired and stale ones), and per version string over
 * counted devices. Installations are read through the (version_id, device_id) index only.
 */
export async function installedCounts(db: Db, scope: CountScope, staleBefore: Date): Promise<Map<number, InstalledCounts>> {
  const out = new Map<number, InstalledCounts>();
  const v = scope.versions;
  if (v.length === 0) return out;
  const rows = await sql<{ product_id: number; version: string | null; installed: number; devices: number; users: number; retired: number; stale: number }>`
    with scope(version_id, product_id, version, covered, per_user) as (
      select * from unnest(${intArr(v.map((x) => x.versionId))}, ${intArr(v.map((x) => x.productId))},
                           ${sql`${v.map((x) => x.version)}::text[]`}, ${boolArr(v.map((x) => x.covered))}, ${boolArr(v.map((x) => x.perUser))})
    ),
    standing as (${deviceStanding(staleBefore)}),
    hits as (
      select s.product_id, s.version, s.covered, s.per_user, i.device_id, st.k, st.who
      from scope s
      join software_installations i on i.version_id = s.version_id
      join standing st on st.id = i.device_id
    )
    select product_id, version,
           count(distinct device_id) filter (where k = 'counted')::int as installed,
           count(distinct device_id) filter (where covered and k = 'counted')::int as devices,
           count(distinct who) filter (where covered and per_user and k = 'counted')::int as users,
           count(distinct device_id) filter (where covered and k = 'retired')::int as retired,
           count(distinct device_id) filter (where covered and k = 'stale')::int as stale
    from hits
    group by grouping sets ((product_id, version), (product_id))`.execute(db);
  for (const r of rows.rows) {
    let c = out.get(r.product_id);
    if (!c) out.set(r.product_id, (c = { devices: 0, users: 0, retired: 0, stale: 0, versions: [] }));
    if (r.version === null) Object.assign(c, { devices: r.devices, users: r.users, retired: r.retired, stale: r.stale });
    else if (r.installed > 0) c.versions.push({ version: r.version, installed: r.installed });
  }
  return out;
}
