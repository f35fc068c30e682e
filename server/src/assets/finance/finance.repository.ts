import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/** What people write on an asset's finance record: dates and money as text, so neither a time zone nor a float touches them. */
export interface FinanceColumns {
  purchase_date: string | null;
  order_number: string | null;
  invoice_number: string | null;
  supplier: string | null;
  cost: string | null;
  currency: string | null;
  warranty_start: string | null;
  warranty_months: number | null;
  depreciation_method: 'none' | 'linear';
  depreciation_months: number | null;
}

/** An asset_finance row as read. */
export interface FinanceRow extends FinanceColumns {
  device_id: number;
  updated_at: Date | string;
}

export async function deviceExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('devices').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function findFinance(db: Db, deviceId: number): Promise<FinanceRow | undefined> {
  return db
    .selectFrom('asset_finance')
    .select([
      'device_id',
      sql<string | null>`purchase_date::text`.as('purchase_date'),
      'order_number',
      'invoice_number',
      'supplier',
      sql<string | null>`cost::text`.as('cost'),
      'currency',
      sql<string | null>`warranty_start::text`.as('warranty_start'),
      'warranty_months',
      'depreciation_method',
      'depreciation_months',
      'updated_at',
    ])
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
}

/** One statement: insert or replace the asset's row. */
export async function upsertFinance(db: Db, deviceId: number, c: FinanceColumns, now: Date): Promise<void> {
  const cost = c.cost === null ? null : sql<number>`${c.cost}::numeric`;
  const values = { ...c, cost, updated_at: now };
  await db
    .insertInto('asset_finance')
    .values({ device_id: deviceId, ...values })
    .onConflict((oc) => oc.column('device_id').doUpdateSet(values))
    .execute();
}
