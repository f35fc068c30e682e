import { sql, type Insertable } from 'kysely';
import type { LicenceListQuery, LicenceState } from '@parc/shared/api';
import type { Db } from '../platform/db/database.js';
import type { LicencesTable } from './licences.tables.js';
import { containsPattern } from '../platform/db/like.js';

const intArr = (v: number[]) => sql`${v}::int[]`;
const textArr = (v: string[]) => sql`${v}::text[]`;

export type LicenceColumns = Omit<Insertable<LicencesTable>, 'id' | 'created_at' | 'updated_at' | 'created_by'>;

/** One licence as read: dates as `YYYY-MM-DD` text, money as a number, with its product and allocation counts. */
function selectLicences(db: Db) {
  return db
    .selectFrom('licences as l')
    .innerJoin('software_products as p', 'p.id', 'l.product_id')
    .select([
      'l.id',
      'l.product_id',
      'p.name as product_name',
      'p.publisher as product_publisher',
      'l.version_from',
      'l.version_to',
      'l.metric',
      'l.quantity',
      sql<string | null>`l.starts_on::text`.as('starts_on'),
      sql<string | null>`l.expires_on::text`.as('expires_on'),
      sql<number | null>`l.unit_cost::float8`.as('unit_cost'),
      'l.currency',
      'l.vendor',
      'l.reference',
      'l.notes',
      'l.created_at',
      'l.updated_at',
      sql<number>`(select count(*)::int from licence_device_allocations a where a.licence_id = l.id)`.as('allocated_devices'),
      sql<number>`(select count(*)::int from licence_user_allocations a where a.licence_id = l.id)`.as('allocated_users'),
    ]);
}

export type LicenceRow = Awaited<ReturnType<ReturnType<typeof selectLicences>['executeTakeFirstOrThrow']>>;

/** State on `today` in SQL, the same rule as licenceState. */
const stateIs = (state: LicenceState, today: string) =>
  state === 'future'
    ? sql<boolean>`l.starts_on > ${today}::date`
    : state === 'expired'
      ? sql<boolean>`l.expires_on < ${today}::date`
      : sql<boolean>`(l.starts_on is null or l.starts_on <= ${today}::date) and (l.expires_on is null or l.expires_on >= ${today}::date)`;

export async function listLicences(db: Db, q: LicenceListQuery, today: string) {
  let base = db.selectFrom('licences as l').innerJoin('software_products as p', 'p.id', 'l.product_id');
  if (q.productId !== undefined) base = base.where('l.product_id', '=', q.productId);
  if (q.state) base = base.where(stateIs(q.state, today));
  if (q.expiringWithinDays !== undefined) {
    base = base.where(sql<boolean>`l.expires_on between ${today}::date and ${today}::date + ${q.expiringWithinDays}::int`);
  }
  if (q.search) {
    const like = containsPattern(q.search);
    base = base.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('l.vendor', 'ilike', like), eb('l.reference', 'ilike', like)]));
  }
  const ids = base.select('l.id');
  const [rows, total] = await Promise.all([
    selectLicences(db)
      .where('l.id', 'in', ids)
      .orderBy(sql`lower(p.name)`)
      .orderBy(sql`l.expires_on nulls last`)
      .orderBy('l.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function findLicence(db: Db, id: number) {
  return selectLicences(db).where('l.id', '=', id).executeTakeFirst();
}

export async function allocations(db: Db, id: number) {
  const [devices, users] = await Promise.all([
    db
      .selectFrom('licence_device_allocations as a')
      .innerJoin('devices as d', 'd.id', 'a.device_id')
      .select(['d.id', 'd.hostname'])
      .where('a.licence_id', '=', id)
      .orderBy(sql`lower(d.hostname)`)
      .orderBy('d.id')
      .execute(),
    db.selectFrom('licence_user_allocations').select('username').where('licence_id', '=', id).orderBy('username').execute(),
  ]);
  return { devices, users: users.map((u) => u.username) };
}

/** Inserts licences in one statement, whatever their number (columns as arrays: no parameter limit). */
export async function insertLicences(db: Db, rows: (LicenceColumns & { created_by: number | null })[], now: Date): Promise<number[]> {
  if (rows.length === 0) return [];
  const col = <K extends keyof LicenceColumns | 'created_by'>(k: K) => rows.map((r) => (r[k] ?? null) as unknown);
  const inserted = await sql<{ id: number }>`
    insert into licences (product_id, version_from, version_to, metric, quantity, starts_on, expires_on, unit_cost, currency, vendor,
                          reference, notes, created_by, created_at, updated_at)
    select k.product_id, k.version_from, k.version_to, k.metric, k.quantity, k.starts_on, k.expires_on, k.unit_cost, k.currency,
           k.vendor, k.reference, k.notes, k.created_by, ${now}, ${now}
    from unnest(${col('product_id')}::int[], ${col('version_from')}::text[], ${col('version_to')}::text[], ${col('metric')}::text[],
                ${col('quantity')}::int[], ${col('starts_on')}::date[], ${col('expires_on')}::date[], ${col('unit_cost')}::numeric[],
                ${col('currency')}::text[], ${col('vendor')}::text[], ${col('reference')}::text[], ${col('notes')}::text[],
                ${col('created_by')}::int[])
         with ordinality as k(product_id, version_from, version_to, metric, quantity, starts_on, expires_on, unit_cost, currency,
                              vendor, reference, notes, created_by, n)
    order by k.n
    returning id`.execute(db);
  return inserted.rows.map((r) => r.id);
}

export function updateLicence(db: Db, id: number, patch: Partial<LicenceColumns>, now: Date) {
  return db.updateTable('licences').set({ ...patch, updated_at: now }).where('id', '=', id).returning('id').executeTakeFirst();
}

export function deleteLicence(db: Db, id: number) {
  return db.deleteFrom('licences').where('id', '=', id).returning('id').executeTakeFirst();
}

/** Replaces a licence's allocations: two deletes, two set-based inserts. */
export async function setAllocations(db: Db, licenceId: number, a: { deviceIds: number[]; users: string[] }) {
  await db.deleteFrom('licence_device_allocations').where('licence_id', '=', licenceId).execute();
  await db.deleteFrom('licence_user_allocations').where('licence_id', '=', licenceId).execute();
  if (a.deviceIds.length > 0) {
    await sql`insert into licence_device_allocations (licence_id, device_id)
              select ${licenceId}, d from unnest(${intArr([...new Set(a.deviceIds)])}) as d`.execute(db);
  }
  if (a.users.length > 0) {
    await sql`insert into licence_user_allocations (licence_id, username)
              select ${licenceId}, u from unnest(${textArr([...new Set(a.users)])}) as u`.execute(db);
  }
}

/** Of `ids`, those that are not devices. */
export async function missingDevices(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const found = await sql<{ id: number }>`select id from devices where id = any(${intArr(ids)})`.execute(db);
  const known = new Set(found.rows.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

export async function productExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('software_products').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The metrics of a product's other licences (a product counts devices or users, not both). */
export async function otherMetrics(db: Db, productId: number, exceptId?: number): Promise<Set<string>> {
  let q = db.selectFrom('licences').select('metric').distinct().where('product_id', '=', productId);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return new Set((await q.execute()).map((r) => r.metric));
}
