import { sql, type ExpressionBuilder } from 'kysely';
import type { SoftwareListQuery } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { containsPattern } from '../../platform/db/like.js';

/**
 * The catalogue as people count it: a product is what the dictionary places title-versions under
 * (`coalesce(effective_product_id, product_id)`), ignored ones left out. Counts are distinct devices,
 * read from the (version_id, device_id) index.
 */

export const EFFECTIVE = sql<number>`coalesce(v.effective_product_id, v.product_id)`;
const intArr = (v: number[]) => sql`${v}::int[]`;

type Eb = ExpressionBuilder<Database & { p: Database['software_products'] }, 'p'>;

/** At least one counted installation: products only inventoried long ago, or only under other names, are not listed. */
const installed = (eb: Eb) =>
  eb.exists(
    eb
      .selectFrom('software_versions as v')
      .innerJoin('software_installations as i', 'i.version_id', 'v.id')
      .select(sql`1`.as('one'))
      .where(EFFECTIVE, '=', eb.ref('p.id'))
      .where('v.ignored', '=', false),
  );

function filtered(db: Db, q: SoftwareListQuery) {
  let base = db.selectFrom('software_products as p').where((eb) => eb.or([eb('p.licensable', '=', true), installed(eb)]));
  if (q.search) {
    const like = containsPattern(q.search);
    base = base.where((eb) =>
      eb.or([
        eb('p.name', 'ilike', like),
        eb('p.publisher', 'ilike', like),
        // An inventoried spelling finds the product it counts under.
        eb.exists(
          eb
            .selectFrom('software_versions as v')
            .innerJoin('software_products as a', 'a.id', 'v.product_id')
            .select(sql`1`.as('one'))
            .where(EFFECTIVE, '=', eb.ref('p.id'))
            .where('v.ignored', '=', false)
            .where('a.name', 'ilike', like),
        ),
      ]),
    );
  }
  if (q.licensable !== undefined) base = base.where('p.licensable', '=', q.licensable);
  if (q.category) base = base.where(sql`lower(coalesce(p.category, p.rule_category))`, '=', q.category.toLowerCase());
  return base;
}

const PRODUCT_COLUMNS = ['p.id', 'p.name', 'p.publisher', 'p.licensable', sql<string | null>`coalesce(p.category, p.rule_category)`.as('category')] as const;

export async function listProducts(db: Db, q: SoftwareListQuery) {
  const base = filtered(db, q);
  const [rows, total] = await Promise.all([
    base.select(PRODUCT_COLUMNS).orderBy(sql`lower(p.name)`).orderBy('p.id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function findProduct(db: Db, id: number) {
  return db.selectFrom('software_products as p').select(PRODUCT_COLUMNS).where('p.id', '=', id).executeTakeFirst();
}

/** Distinct devices per product and per (product, version string), for a page of products: one statement. */
export async function installCounts(db: Db, productIds: number[]) {
  if (productIds.length === 0) return [];
  const rows = await sql<{ product_id: number; version: string | null; n: number }>`
    select ${EFFECTIVE} as product_id, v.version, count(distinct i.device_id)::int as n
    from software_versions v join software_installations i on i.version_id = v.id
    where ${EFFECTIVE} = any(${intArr(productIds)}) and not v.ignored
    group by grouping sets ((${EFFECTIVE}, v.version), (${EFFECTIVE}))`.execute(db);
  return rows.rows;
}

/** The inventoried titles counted under a product. */
export function aliases(db: Db, productId: number) {
  return db
    .selectFrom('software_versions as v')
    .innerJoin('software_products as a', 'a.id', 'v.product_id')
    .select(['a.id', 'a.name', 'a.publisher'])
    .distinct()
    .where(EFFECTIVE, '=', productId)
    .where('v.ignored', '=', false)
    .orderBy('a.name')
    .orderBy('a.id')
    .execute();
}

/**
 * A page of the devices with the product installed, by hostname. `state` is the asset state, or
 * `stale` for a device in use not seen since `staleBefore` (as inventory/devices/device-status.ts).
 */
export async function productDevices(db: Db, productId: number, page: { limit: number; offset: number }, staleBefore: Date) {
  const rows = await sql<{ id: number; hostname: string; last_user: string | null; last_seen_at: Date; state: string; versions: string[] }>`
    select d.id, d.hostname, d.last_user, d.last_seen_at,
           case when d.state = 'in_use' and d.last_seen_at < ${staleBefore} then 'stale' else d.state end as state,
           array_agg(distinct v.version) as versions
    from software_versions v
    join software_installations i on i.version_id = v.id
    join devices d on d.id = i.device_id
    where ${EFFECTIVE} = ${productId} and not v.ignored
    group by d.id
    order by lower(d.hostname), d.id
    limit ${page.limit} offset ${page.offset}`.execute(db);
  return rows.rows;
}

export function setAttributes(db: Db, id: number, patch: { licensable?: boolean; category?: string | null }) {
  return db.updateTable('software_products').set(patch).where('id', '=', id).returning('id').executeTakeFirst();
}
