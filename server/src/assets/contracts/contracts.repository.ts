import { sql } from 'kysely';
import type { ContractListQuery } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';

/** What people write on a contract (dates and money as text). */
export interface ContractColumns {
  name: string;
  number: string | null;
  supplier: string | null;
  starts_on: string | null;
  ends_on: string | null;
  cost: string | null;
  currency: string | null;
  notice_days: number;
  notes: string | null;
}

/** A contract as read, with how many assets it covers. */
export interface ContractRow extends ContractColumns {
  id: number;
  device_count: number;
  created_at: Date | string;
  updated_at: Date | string;
}

const base = (db: Db) =>
  db
    .selectFrom('maintenance_contracts as c')
    .select([
      'c.id',
      'c.name',
      'c.number',
      'c.supplier',
      sql<string | null>`c.starts_on::text`.as('starts_on'),
      sql<string | null>`c.ends_on::text`.as('ends_on'),
      sql<string | null>`c.cost::text`.as('cost'),
      'c.currency',
      'c.notice_days',
      'c.notes',
      sql<number>`(select count(*)::int from contract_devices cd where cd.contract_id = c.id)`.as('device_count'),
      'c.created_at',
      'c.updated_at',
    ]);

export async function listContracts(db: Db, q: ContractListQuery): Promise<{ rows: ContractRow[]; total: number }> {
  const like = q.search ? `%${q.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : undefined;
  const conditions = [
    ...(like ? [sql<boolean>`(c.name ilike ${like} or c.number ilike ${like} or c.supplier ilike ${like})`] : []),
    ...(q.endingBefore ? [sql<boolean>`c.ends_on < ${q.endingBefore}::date`] : []),
  ];
  const where = conditions.length > 0 ? sql<boolean>`${sql.join(conditions, sql` and `)}` : sql<boolean>`true`;
  const total = Number((await db.selectFrom('maintenance_contracts as c').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow()).n);
  const rows = await base(db).where(where).orderBy(sql`c.ends_on nulls last`).orderBy('c.id').limit(q.limit).offset(q.offset).execute();
  return { rows, total };
}

export function findContract(db: Db, id: number): Promise<ContractRow | undefined> {
  return base(db).where('c.id', '=', id).executeTakeFirst();
}

const money = (cost: string | null) => (cost === null ? null : sql<number>`${cost}::numeric`);

export async function insertContract(db: Db, c: ContractColumns, by: number | null, now: Date): Promise<number> {
  const r = await db
    .insertInto('maintenance_contracts')
    .values({ ...c, cost: money(c.cost), created_by: by, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateContract(db: Db, id: number, c: Partial<ContractColumns>, now: Date): Promise<void> {
  const { cost, ...rest } = c;
  await db
    .updateTable('maintenance_contracts')
    .set({ ...rest, ...(cost !== undefined ? { cost: money(cost) } : {}), updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteContract(db: Db, id: number): Promise<boolean> {
  const r = await db.deleteFrom('maintenance_contracts').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export function coveredDevices(db: Db, contractId: number) {
  return db
    .selectFrom('contract_devices as cd')
    .innerJoin('devices as d', 'd.id', 'cd.device_id')
    .select(['d.id', 'd.hostname', 'd.type', 'd.asset_tag'])
    .where('cd.contract_id', '=', contractId)
    .orderBy('d.hostname')
    .orderBy('d.id')
    .execute();
}

export async function missingDevices(db: Db, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const found = new Set((await db.selectFrom('devices').select('id').where('id', 'in', [...ids]).execute()).map((r) => r.id));
  return ids.filter((id) => !found.has(id));
}

/** Set-based: one insert for the additions (existing pairs kept), one delete for the removals. */
export async function addDevices(db: Db, contractId: number, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.insertInto('contract_devices').values([...new Set(ids)].map((device_id) => ({ contract_id: contractId, device_id }))).onConflict((oc) => oc.doNothing()).execute();
}

export async function removeDevices(db: Db, contractId: number, ids: readonly number[] | 'all-but', keep: readonly number[] = []): Promise<void> {
  let q = db.deleteFrom('contract_devices').where('contract_id', '=', contractId);
  if (ids === 'all-but') {
    if (keep.length > 0) q = q.where('device_id', 'not in', [...keep]);
  } else {
    if (ids.length === 0) return;
    q = q.where('device_id', 'in', [...ids]);
  }
  await q.execute();
}

/** Contracts covering a device, soonest end first. */
export function contractsOfDevice(db: Db, deviceId: number): Promise<ContractRow[]> {
  return base(db)
    .where('c.id', 'in', (eb) => eb.selectFrom('contract_devices').select('contract_id').where('device_id', '=', deviceId))
    .orderBy(sql`c.ends_on nulls last`)
    .orderBy('c.id')
    .execute();
}

export async function covers(db: Db, contractId: number, deviceId: number): Promise<boolean> {
  return (await db.selectFrom('contract_devices').select('device_id').where('contract_id', '=', contractId).where('device_id', '=', deviceId).executeTakeFirst()) !== undefined;
}
