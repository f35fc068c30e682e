import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { AssetRecord } from './asset-import.js';
import type { PlannedRow, StoredAsset, StoredLocation } from './asset-import-plan.js';

/**
 * The import's reads (what the file names: users, states, locations, assets by tag or serial) and its
 * set-based writes: whole columns passed as arrays and unnested, so a statement has a fixed number of
 * parameters whatever the row count.
 */

const textArr = (v: readonly (string | null)[]) => sql`${v}::text[]`;
const intArr = (v: readonly (number | null)[]) => sql`${v}::int[]`;

export async function usersByKey(db: Db, keys: string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username', 'email'])
    .where((eb) => eb.or([eb(eb.fn('lower', ['username']), 'in', keys), eb(eb.fn('lower', ['email']), 'in', keys)]))
    .orderBy('id')
    .execute();
  const map = new Map<string, number>();
  // A username wins over another user's identical email.
  for (const r of rows) if (r.email && !map.has(r.email.toLowerCase())) map.set(r.email.toLowerCase(), r.id);
  for (const r of rows) map.set(r.username.toLowerCase(), r.id);
  return map;
}

export async function listStates(db: Db) {
  return db.selectFrom('asset_states').select(['code', 'label']).execute();
}

export async function listLocations(db: Db): Promise<StoredLocation[]> {
  const rows = await db.selectFrom('locations').select(['id', 'parent_id', 'name']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name }));
}

/** Stored assets whose asset tag (any case) or serial is among these, with their finance row. */
export async function findAssets(db: Db, tags: string[], serials: string[]): Promise<StoredAsset[]> {
  if (tags.length + serials.length === 0) return [];
  const rows = await sql<{
    id: number;
    type: StoredAsset['type'];
    source: StoredAsset['source'];
    hostname: string;
    manufacturer: string | null;
    model: string | null;
    serial: string | null;
    raw_serial: string | null;
    asset_tag: string | null;
    notes: string | null;
    state: string;
    location_id: number | null;
    user_id: number | null;
    has_finance: boolean;
    purchase_date: string | null;
    order_number: string | null;
    invoice_number: string | null;
    supplier: string | null;
    cost: number | null;
    currency: string | null;
    warranty_start: string | null;
    warranty_months: number | null;
    depreciation_months: number | null;
  }>`
    select d.id, d.type, d.source, d.hostname, d.manufacturer, d.model, d.serial, d.raw_serial, d.asset_tag, d.notes,
           d.state, d.location_id, d.user_id, f.device_id is not null as has_finance,
           f.purchase_date::text as purchase_date, f.order_number, f.invoice_number, f.supplier, f.cost::float8 as cost,
           f.currency, f.warranty_start::text as warranty_start, f.warranty_months, f.depreciation_months
    from devices d left join asset_finance f on f.device_id = d.id
    where lower(btrim(d.asset_tag)) = any(${textArr(tags)}) or lower(d.serial) = any(${textArr(serials)})
    order by d.id`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    type: r.type,
    source: r.source,
    name: r.hostname,
    manufacturer: r.manufacturer,
    model: r.model,
    serial: r.serial,
    rawSerial: r.raw_serial,
    assetTag: r.asset_tag,
    notes: r.notes,
    state: r.state,
    locationId: r.location_id,
    userId: r.user_id,
    finance: r.has_finance
      ? {
          purchaseDate: r.purchase_date,
          orderNumber: r.order_number,
          invoiceNumber: r.invoice_number,
          supplier: r.supplier,
          cost: r.cost === null ? null : Number(r.cost),
          currency: r.currency,
          warrantyStart: r.warranty_start,
          warrantyMonths: r.warranty_months,
          depreciationMonths: r.depreciation_months,
        }
      : null,
  }));
}

const col = <T>(rows: readonly PlannedRow[], pick: (r: AssetRecord, p: PlannedRow) => T) => rows.map((p) => pick(p.record!, p));

/** New assets, ids taken from the sequence first so each row knows its id without relying on insert order. */
export async function insertAssets(db: Db, rows: readonly PlannedRow[], locationIds: readonly (number | null)[], now: Date): Promise<number[]> {
  if (rows.length === 0) return [];
  const ids = (await sql<{ id: number }>`select nextval(pg_get_serial_sequence('devices', 'id'))::int as id from generate_series(1, ${rows.length})`.execute(db)).rows.map((r) => r.id);
  await sql`
    insert into devices (id, type, source, hostname, manufacturer, model, serial, raw_serial, asset_tag, notes, state, location_id, user_id,
                         match_rule, matched_at, first_seen_at, last_seen_at, updated_at)
    select id, type, 'manual', name, manufacturer, model, serial, raw_serial, asset_tag, notes, coalesce(state, 'in_use'), location_id, user_id,
           'manual', ${now}, ${now}, ${now}, ${now}
    from unnest(${intArr(ids)}, ${textArr(col(rows, (r) => r.type))}, ${textArr(col(rows, (r) => r.name))}, ${textArr(col(rows, (r) => r.manufacturer))},
                ${textArr(col(rows, (r) => r.model))}, ${textArr(col(rows, (r) => r.serialKey))}, ${textArr(col(rows, (r) => r.serial))},
                ${textArr(col(rows, (r) => r.assetTag))}, ${textArr(col(rows, (r) => r.notes))}, ${textArr(col(rows, (r) => r.state))},
                ${intArr(locationIds)}, ${intArr(col(rows, (r) => r.userId))})
         as v(id, type, name, manufacturer, model, serial, raw_serial, asset_tag, notes, state, location_id, user_id)`.execute(db);
  return ids;
}

/**
 * Updates matched assets with the fields that changed (null: keep). Inventory columns arrive null for an
 * agent's asset (the plan leaves them out), so inventory data is never overwritten.
 */
export async function updateAssets(db: Db, rows: readonly PlannedRow[], locationIds: readonly (number | null)[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const changed = <T>(field: PlannedRow['changes'][number], pick: (r: AssetRecord) => T | null) => col(rows, (r, p) => (p.changes.includes(field) ? pick(r) : null));
  await sql`
    update devices d set
      type = coalesce(v.type, d.type),
      hostname = coalesce(v.name, d.hostname),
      manufacturer = coalesce(v.manufacturer, d.manufacturer),
      model = coalesce(v.model, d.model),
      serial = case when v.raw_serial is null then d.serial else v.serial end,
      raw_serial = coalesce(v.raw_serial, d.raw_serial),
      asset_tag = coalesce(v.asset_tag, d.asset_tag),
      notes = coalesce(v.notes, d.notes),
      state = coalesce(v.state, d.state),
      location_id = coalesce(v.location_id, d.location_id),
      user_id = coalesce(v.user_id, d.user_id),
      updated_at = ${now}
    from unnest(${intArr(col(rows, (_r, p) => p.deviceId))}, ${textArr(changed('type', (r) => r.type))}, ${textArr(changed('name', (r) => r.name))},
                ${textArr(changed('manufacturer', (r) => r.manufacturer))}, ${textArr(changed('model', (r) => r.model))},
                ${textArr(changed('serial', (r) => r.serialKey))}, ${textArr(changed('serial', (r) => r.serial))},
                ${textArr(changed('assetTag', (r) => r.assetTag))}, ${textArr(changed('notes', (r) => r.notes))}, ${textArr(changed('state', (r) => r.state))},
                ${intArr(locationIds.map((id, i) => (rows[i]!.changes.includes('location') ? id : null)))}, ${intArr(changed('user', (r) => r.userId))})
         as v(id, type, name, manufacturer, model, serial, raw_serial, asset_tag, notes, state, location_id, user_id)
    where d.id = v.id`.execute(db);
}

/** Finance of created and updated assets: inserted, or merged into the stored row (a blank cell keeps the stored value). */
export async function upsertFinance(db: Db, rows: readonly { deviceId: number; record: AssetRecord }[], now: Date): Promise<void> {
  const withFinance = rows.filter(
    ({ record: r }) =>
      r.purchaseDate !== null || r.orderNumber !== null || r.invoiceNumber !== null || r.supplier !== null || r.cost !== null || r.currency !== null || r.warrantyStart !== null || r.warrantyMonths !== null || r.depreciationMonths !== null,
  );
  if (withFinance.length === 0) return;
  const c = <T>(pick: (r: AssetRecord) => T) => withFinance.map((x) => pick(x.record));
  await sql`
    insert into asset_finance as f (device_id, purchase_date, order_number, invoice_number, supplier, cost, currency, warranty_start,
                                     warranty_months, depreciation_method, depreciation_months, updated_at)
    select device_id, purchase_date, order_number, invoice_number, supplier, cost, currency, warranty_start, warranty_months,
           case when depreciation_months is null then 'none' else 'linear' end, depreciation_months, ${now}
    from unnest(${intArr(withFinance.map((x) => x.deviceId))}, ${sql`${c((r) => r.purchaseDate)}::date[]`}, ${textArr(c((r) => r.orderNumber))},
                ${textArr(c((r) => r.invoiceNumber))}, ${textArr(c((r) => r.supplier))}, ${sql`${c((r) => r.cost)}::numeric[]`}, ${textArr(c((r) => r.currency))},
                ${sql`${c((r) => r.warrantyStart)}::date[]`}, ${intArr(c((r) => r.warrantyMonths))}, ${intArr(c((r) => r.depreciationMonths))})
         as v(device_id, purchase_date, order_number, invoice_number, supplier, cost, currency, warranty_start, warranty_months, depreciation_months)
    on conflict (device_id) do update set
      purchase_date = coalesce(excluded.purchase_date, f.purchase_date),
      order_number = coalesce(excluded.order_number, f.order_number),
      invoice_number = coalesce(excluded.invoice_number, f.invoice_number),
      supplier = coalesce(excluded.supplier, f.supplier),
      cost = coalesce(excluded.cost, f.cost),
      currency = coalesce(excluded.currency, f.currency),
      warranty_start = coalesce(excluded.warranty_start, f.warranty_start),
      warranty_months = coalesce(excluded.warranty_months, f.warranty_months),
      depreciation_method = case when excluded.depreciation_months is null then f.depreciation_method else 'linear' end,
      depreciation_months = coalesce(excluded.depreciation_months, f.depreciation_months),
      updated_at = excluded.updated_at`.execute(db);
}

/**
 * One history line per asset the import created or changed (code `asset-imported` or
 * `asset-import-updated`, worded by the interface; the English text stays in item/new_value).
 */
export async function recordImportHistory(db: Db, lines: readonly { deviceId: number; created: boolean; fields: readonly string[] }[], now: Date): Promise<void> {
  if (lines.length === 0) return;
  await sql`
    insert into device_changes (device_id, at, section, kind, item, old_value, new_value, code, params)
    select device_id, ${now}, 'device', kind, item, null, new_value, code, params::jsonb
    from unnest(${intArr(lines.map((l) => l.deviceId))}, ${textArr(lines.map((l) => (l.created ? 'added' : 'changed')))},
                ${textArr(lines.map((l) => (l.created ? 'imported from CSV' : 'updated by CSV import')))}, ${textArr(lines.map((l) => l.fields.join(', ')))},
                ${textArr(lines.map((l) => (l.created ? 'asset-imported' : 'asset-import-updated')))},
                ${textArr(lines.map((l) => JSON.stringify({ fields: l.fields.length })))})
         as v(device_id, kind, item, new_value, code, params)`.execute(db);
}
