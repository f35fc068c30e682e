import { sql, type ExpressionBuilder, type OrderByItemBuilder, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { cleanMac } from '../ingest/identity-blacklist.js';
import { staleCutoff } from './device-status.js';
import type { DeviceFiltersQuery, ExportDevicesQuery, ListDevicesQuery } from './devices.schemas.js';
import { applyAssetFilters, WARRANTY_END } from './device-filters.js';
import type { ExportRecord } from './devices-export.js';
import { containsPattern, escapeLike, prefixPattern } from '../../platform/db/like.js';

const SORT_COLUMNS = {
  hostname: 'devices.hostname',
  lastSeenAt: 'devices.last_seen_at',
  firstSeenAt: 'devices.first_seen_at',
  manufacturer: 'devices.manufacturer',
  model: 'devices.model',
  os: 'devices.os_name',
  serial: 'devices.serial',
  id: 'devices.id',
} as const;

// Text sorts ignore case, so "macOS" sorts between "Debian" and "Microsoft" whatever the database collation.
const CASE_INSENSITIVE = new Set(['hostname', 'manufacturer', 'model', 'os', 'serial']);

function searchFilter(eb: ExpressionBuilder<Database, 'devices'>, search: string) {
  const like = containsPattern(search);
  const mac = cleanMac(search);
  return eb.or([
    eb('devices.hostname', 'ilike', like),
    eb('devices.serial', 'ilike', like),
    eb('devices.raw_serial', 'ilike', like),
    eb('devices.last_user', 'ilike', like),
    eb('devices.asset_tag', 'ilike', like),
    eb('devices.inventory_asset_tag', 'ilike', like),
    sql<boolean>`exists (select 1 from unnest(devices.ipv4) ip where ip like ${prefixPattern(search)})`,
    ...(mac ? [sql<boolean>`${mac} = any(devices.macs)`] : []),
    // Uncorrelated, so Postgres runs it once (the few matching products, their installations by version)
    // and hashes the device ids; a per-device EXISTS scanned every device's installations (seconds at 10,000).
    eb(
      'devices.id',
      'in',
      eb
        .selectFrom('software_installations as i')
        .innerJoin('software_versions as v', 'v.id', 'i.version_id')
        .innerJoin('software_products as p', 'p.id', 'v.product_id')
        .select('i.device_id')
        .where('p.name', 'ilike', like),
    ),
  ]);
}

/** The list's search and filters (not its sort or page): the list, its CSV export and the totals share them. */
export function filteredDevices(db: Db, q: DeviceFiltersQuery, now: Date, staleDays: number) {
  const cutoff = staleCutoff(now, staleDays);
  let base = applyAssetFilters(db.selectFrom('devices'), q);
  if (q.search) base = base.where((eb) => searchFilter(eb, q.search!));
  if (q.os) base = base.where((eb) => eb.or([eb('devices.os_platform', 'ilike', escapeLike(q.os!)), eb('devices.os_name', 'ilike', containsPattern(q.os!))]));
  if (q.manufacturer) base = base.where('devices.manufacturer', 'ilike', containsPattern(q.manufacturer));
  // Stale: in use, yet silent for longer than the stale period; manual and discovered assets report
  // nothing themselves, so they are never stale (see toSummary).
  if (q.stale === 'true') base = base.where('devices.state', '=', 'in_use').where('devices.source', '=', 'agent').where('devices.last_seen_at', '<', cutoff);
  else if (q.stale === 'false') base = base.where((eb) => eb.or([eb('devices.state', '<>', 'in_use'), eb('devices.last_seen_at', '>=', cutoff), eb('devices.source', '<>', 'agent')]));
  if (q.lastSeenBefore) base = base.where('devices.last_seen_at', '<', new Date(q.lastSeenBefore));
  if (q.lastSeenAfter) base = base.where('devices.last_seen_at', '>', new Date(q.lastSeenAfter));
  return base;
}

/** The list's order from its `sort` parameter (text keys case-folded, nulls last, ties by id): the list and its export share it. */
function sortOrder(sort: string) {
  const desc = sort.startsWith('-');
  const field = sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS;
  const column = SORT_COLUMNS[field];
  const key = CASE_INSENSITIVE.has(field) ? sql`lower(${sql.ref(column)})` : sql.ref(column);
  return { key, desc, direction: (ob: OrderByItemBuilder) => (desc ? ob.desc().nullsLast() : ob.asc().nullsLast()) };
}

export async function listDevices(db: Db, q: ListDevicesQuery, now: Date, staleDays: number) {
  const base = filteredDevices(db, q, now, staleDays);
  const order = sortOrder(q.sort);
  const [rows, total] = await Promise.all([
    withPlacement(base.selectAll('devices'))
      .orderBy(order.key, order.direction)
      .orderBy('devices.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The state's label and the assigned user's names next to the device's columns. */
function withPlacement<O>(q: SelectQueryBuilder<Database, 'devices', O>) {
  return q.select((eb) => [
    eb.selectFrom('asset_states as st').select('st.label').whereRef('st.code', '=', 'devices.state').as('state_label'),
    eb.selectFrom('users as u').select('u.username').whereRef('u.id', '=', 'devices.user_id').as('user_username'),
    eb.selectFrom('users as u').select('u.display_name').whereRef('u.id', '=', 'devices.user_id').as('user_display_name'),
  ]);
}
export type DeviceRow = Awaited<ReturnType<typeof findDevice>> & {};

/** Where the export's last page ended: its sort key as text (the database reads it back in the column's type) and id. */
export interface ExportCursor {
  key: string | null;
  id: number;
}

/**
 * One page of the CSV export: the filtered devices after `after`, in the list's order (keyset paging on
 * the sort key and id stays fast at any depth), with their finance, assigned person and parent read alongside.
 */
export function exportPage(db: Db, q: ExportDevicesQuery, now: Date, staleDays: number, after: ExportCursor | null, limit: number): Promise<(ExportRecord & { sort_key: string | null })[]> {
  const { key, desc, direction } = sortOrder(q.sort);
  // Nulls come last in both directions: after a null key only nulls with a larger id remain.
  const beyond =
    after === null
      ? sql<boolean>`true`
      : after.key === null
        ? sql<boolean>`(${key} is null and devices.id > ${after.id})`
        : sql<boolean>`(${key} ${desc ? sql`<` : sql`>`} ${after.key} or (${key} = ${after.key} and devices.id > ${after.id}) or ${key} is null)`;
  return filteredDevices(db, q, now, staleDays)
    .leftJoin('asset_finance as f', 'f.device_id', 'devices.id')
    .select([
      'devices.id',
      'devices.type',
      'devices.hostname',
      'devices.manufacturer',
      'devices.model',
      'devices.serial',
      'devices.raw_serial',
      'devices.asset_tag',
      'devices.inventory_asset_tag',
      'devices.state',
      'devices.location_id',
      'devices.source',
      'devices.last_seen_at',
      // As text: numeric(14,2) keeps its two decimals ("1234.50") whichever driver reads it.
      sql<string | null>`f.cost::text`.as('cost'),
      'f.currency',
      sql<string | null>`f.purchase_date::text`.as('purchase_date'),
      sql<string | null>`${WARRANTY_END}::text`.as('warranty_end'),
      sql<string | null>`(select coalesce(u.display_name, u.username) from users u where u.id = devices.user_id)`.as('user_name'),
      sql<string | null>`(select p.hostname from devices p where p.id = devices.parent_device_id)`.as('parent_hostname'),
      sql<string | null>`${key}::text`.as('sort_key'),
    ])
    .where(beyond)
    .orderBy(key, direction)
    .orderBy('devices.id')
    .limit(limit)
    .execute();
}

export function findDevice(db: Db, id: number) {
  return withPlacement(db.selectFrom('devices').selectAll('devices')).where('id', '=', id).executeTakeFirst();
}

export function deviceComponents(db: Db, id: number) {
  return db.selectFrom('device_components').select(['kind', 'key', 'data']).where('device_id', '=', id).orderBy('kind').orderBy('key').execute();
}

export function deviceSoftware(db: Db, id: number) {
  return db
    .selectFrom('software_installations as i')
    .innerJoin('software_versions as v', 'v.id', 'i.version_id')
    .innerJoin('software_products as p', 'p.id', 'v.product_id')
    .select(['p.id as productId', 'p.name', 'p.publisher', 'v.version', 'i.arch', 'i.source', 'i.install_date', 'i.first_seen_at'])
    .where('i.device_id', '=', id)
    .orderBy('p.name_key')
    .orderBy('v.version')
    .execute();
}

/** One page of a device's software, filtered on name, publisher or version, with the filtered total. */
export async function deviceSoftwarePage(db: Db, id: number, f: { search?: string | undefined; limit: number; offset: number }) {
  let q = db
    .selectFrom('software_installations as i')
    .innerJoin('software_versions as v', 'v.id', 'i.version_id')
    .innerJoin('software_products as p', 'p.id', 'v.product_id')
    .where('i.device_id', '=', id);
  if (f.search) {
    const like = `%${escapeLike(f.search)}%`;
    q = q.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('p.publisher', 'ilike', like), eb('v.version', 'ilike', like)]));
  }
  const [rows, total] = await Promise.all([
    q
      .select(['p.id as productId', 'p.name', 'p.publisher', 'v.version', 'i.arch', 'i.source', 'i.install_date', 'i.first_seen_at'])
      .orderBy('p.name_key')
      .orderBy('v.version')
      .orderBy('i.arch')
      .orderBy('i.source')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function deviceChanges(db: Db, id: number, f: { section?: string | undefined; since?: string | undefined; limit: number; offset: number }) {
  let q = db.selectFrom('device_changes').where('device_id', '=', id);
  if (f.section) q = q.where('section', '=', f.section);
  if (f.since) q = q.where('at', '>=', new Date(f.since));
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function deviceAgent(db: Db, agentId: string | null) {
  if (!agentId) return Promise.resolve(undefined);
  return db.selectFrom('agents').select(['id', 'agent_version', 'last_contact_at']).where('id', '=', agentId).executeTakeFirst();
}

/** Display names of the given users (display name, else username). */
export async function userNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((u) => [u.id, u.display_name ?? u.username]));
}

/** Which of these state codes asset_states does not know. */
export async function unknownStates(db: Db, codes: readonly string[]): Promise<string[]> {
  const rows = await db.selectFrom('asset_states').select('code').where('code', 'in', [...codes]).execute();
  const known = new Set(rows.map((r) => r.code));
  return codes.filter((c) => !known.has(c));
}

/** Devices by id, as another device's page names them (a peripheral's computer). */
export function linkedDevices(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('devices').select(['id', 'hostname', 'type']).where('id', 'in', [...new Set(ids)]).execute();
}

/** The assets attached to a device (its monitors, printers…), by name. */
export function devicePeripherals(db: Db, id: number) {
  return db.selectFrom('devices').select(['id', 'hostname', 'type']).where('parent_device_id', '=', id).orderBy('type').orderBy(sql`lower(hostname)`).orderBy('id').execute();
}

/** Another asset of this type whose (clean) serial is this one: serials are stored cleaned (upper-case), placeholders as null. */
export function findSerialTwin(db: Db, type: string, serial: string, exceptId: number | null) {
  let q = db.selectFrom('devices').select(['id', 'hostname']).where('type', '=', type as never).where(sql<boolean>`lower(serial) = ${serial.toLowerCase()}`);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  return q.orderBy('id').executeTakeFirst();
}

/** Another asset carrying this asset tag (people's tag, any case). */
export function findAssetTagTwin(db: Db, tag: string, exceptId: number | null) {
  // The unique index's expression (devices_asset_tag_key), so the lookup uses it.
  let q = db.selectFrom('devices').select(['id', 'hostname']).where(sql<boolean>`lower(btrim(asset_tag)) = ${tag.trim().toLowerCase()}`).where(sql<boolean>`btrim(asset_tag) <> ''`);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  return q.orderBy('id').executeTakeFirst();
}
