/**
 * The asset list as CSV: which columns, and one row from one exported record. Pure; the route streams
 * pages of records (devices-export.repository.ts) through it.
 */

export const EXPORT_COLUMNS = [
  'id',
  'type',
  'name',
  'manufacturer',
  'model',
  'serial',
  'asset_tag',
  'state',
  'location',
  'assigned_user',
  'source',
  'parent',
  'purchase_date',
  'cost',
  'currency',
  'warranty_end',
  'last_seen',
] as const;

export interface ExportRecord {
  id: number;
  type: string;
  hostname: string;
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  raw_serial: string | null;
  asset_tag: string | null;
  inventory_asset_tag: string | null;
  state: string;
  location_id: number | null;
  user_name: string | null;
  source: string;
  parent_hostname: string | null;
  purchase_date: string | null;
  cost: string | number | null;
  currency: string | null;
  warranty_end: string | null;
  last_seen_at: Date | string;
}

/**
 * One CSV row, in EXPORT_COLUMNS order. As on the list, the tag people set wins over the firmware's and a
 * placeholder serial is still shown (it is what the machine reports). "Last seen" only means something for
 * what an agent reports; manual records leave it blank.
 */
export function exportRow(r: ExportRecord, locationPath: ReadonlyMap<number, string>): unknown[] {
  return [
    r.id,
    r.type,
    r.hostname,
    r.manufacturer,
    r.model,
    r.serial ?? r.raw_serial,
    r.asset_tag ?? r.inventory_asset_tag,
    r.state,
    r.location_id === null ? null : (locationPath.get(r.location_id) ?? null),
    r.user_name,
    r.source,
    r.parent_hostname,
    r.purchase_date,
    r.cost === null ? null : String(r.cost),
    r.currency,
    r.warranty_end,
    r.source === 'manual' ? null : new Date(r.last_seen_at).toISOString(),
  ];
}

/** `assets-2026-11-30.csv`: the day of the export. */
export const exportFilename = (now: Date) => `assets-${now.toISOString().slice(0, 10)}.csv`;
