import type { AssetImportField } from '@parc/shared/api';
import type { AssetSource, AssetType } from '../../inventory/ingest/ingest.tables.js';
import type { AssetRecord, RowResult } from './asset-import.js';
import { problem, rowError, type ImportProblem } from './asset-import-errors.js';
import { locationPathKey } from '../locations/location-tree.js';

/**
 * What valid rows do to the register, pure: each is matched to a stored asset (asset tag first, case
 * aside; then real serial and type) and compared with it, giving create, update (with the fields that
 * change) or unchanged. Locations are resolved in the tree; the missing levels are listed to be created.
 */

export interface StoredAsset {
  id: number;
  type: AssetType;
  source: AssetSource;
  name: string;
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  rawSerial: string | null;
  assetTag: string | null;
  notes: string | null;
  state: string;
  locationId: number | null;
  userId: number | null;
  finance: StoredFinance | null;
}

export interface StoredFinance {
  purchaseDate: string | null;
  orderNumber: string | null;
  invoiceNumber: string | null;
  supplier: string | null;
  cost: number | null;
  currency: string | null;
  warrantyStart: string | null;
  warrantyMonths: number | null;
  depreciationMonths: number | null;
}

export interface StoredLocation {
  id: number;
  parentId: number | null;
  name: string;
}

export interface PlanContext {
  /** Stored assets by lower-cased asset tag. */
  byTag: ReadonlyMap<string, StoredAsset[]>;
  /** Stored assets by `type \0 cleaned serial`. */
  bySerial: ReadonlyMap<string, StoredAsset[]>;
  locations: readonly StoredLocation[];
}

/** Where a row's asset goes: a stored location, or a path with levels still to create. */
export type LocationTarget = { id: number } | { path: string[] };

export interface PlannedRow {
  row: number;
  outcome: 'create' | 'update' | 'unchanged' | 'error';
  deviceId: number | null;
  /** Fields the import writes (all given ones for a create). */
  changes: AssetImportField[];
  record: AssetRecord | null;
  location: LocationTarget | null;
  /** The matched asset is an agent's (or discovered): its inventory columns stay the inventory's. */
  inventoryOwned: boolean;
  result: RowResult;
}

/** Columns an agent's inventory owns: an import never overwrites them on an inventoried asset. */
const INVENTORY_FIELDS: ReadonlySet<AssetImportField> = new Set(['type', 'name', 'manufacturer', 'model', 'serial']);
export const FINANCE_FIELDS = ['purchaseDate', 'orderNumber', 'invoiceNumber', 'supplier', 'cost', 'currency', 'warrantyStart', 'warrantyMonths', 'depreciationMonths'] as const satisfies readonly AssetImportField[];

const lower = (s: string) => s.toLowerCase();
export const serialIndexKey = (type: string, serialKey: string) => `${type}\u0000${serialKey}`;


/** Resolves location paths against the tree: each path to a stored id, or to itself when levels are missing. */
export function locationResolver(locations: readonly StoredLocation[]) {
  const children = new Map<string, StoredLocation>();
  const byName = new Map<string, StoredLocation[]>();
  for (const l of locations) {
    children.set(`${l.parentId ?? 0}\u0000${lower(l.name)}`, l);
    byName.set(lower(l.name), [...(byName.get(lower(l.name)) ?? []), l]);
  }
  return (path: readonly string[]): LocationTarget | { error: ImportProblem } => {
    // A single name is found anywhere in the tree when it is unique there; else it is a new site.
    if (path.length === 1) {
      const root = children.get(`0\u0000${lower(path[0]!)}`);
      if (root) return { id: root.id };
      const found = byName.get(lower(path[0]!)) ?? [];
      if (found.length === 1) return { id: found[0]!.id };
      if (found.length > 1) return { error: problem('location-ambiguous', { name: path[0]! }) };
      return { path: [...path] };
    }
    let parent = 0;
    for (let i = 0; i < path.length; i++) {
      const node = children.get(`${parent}\u0000${lower(path[i]!)}`);
      if (!node) return { path: [...path] };
      parent = node.id;
    }
    return { id: parent };
  };
}

function sameText(a: string | null, b: string | null): boolean {
  return (a ?? null) === (b ?? null);
}

/** The fields of a record that differ from the stored asset (blank cells never count: they keep the value). */
function changedFields(rec: AssetRecord, stored: StoredAsset, location: LocationTarget | null): AssetImportField[] {
  const out: AssetImportField[] = [];
  const inventory = stored.source !== 'manual';
  const diff = (field: AssetImportField, given: unknown, differs: boolean) => {
    if (given === null || given === undefined) return;
    if (inventory && INVENTORY_FIELDS.has(field)) return;
    if (differs) out.push(field);
  };
  diff('type', rec.typeGiven ? rec.type : null, rec.type !== stored.type);
  diff('name', rec.name, rec.name !== stored.name);
  diff('manufacturer', rec.manufacturer, !sameText(rec.manufacturer, stored.manufacturer));
  diff('model', rec.model, !sameText(rec.model, stored.model));
  diff('serial', rec.serial, !sameText(rec.serial, stored.rawSerial ?? stored.serial));
  // The tag matched case aside: a case-only difference is not worth a write.
  diff('assetTag', rec.assetTag, rec.assetTag?.toLowerCase() !== stored.assetTag?.toLowerCase());
  diff('notes', rec.notes, !sameText(rec.notes, stored.notes));
  diff('state', rec.state, rec.state !== stored.state);
  diff('location', location, location !== null && !('id' in location && location.id === stored.locationId));
  diff('user', rec.userId, rec.userId !== stored.userId);
  const f = stored.finance;
  for (const field of FINANCE_FIELDS) {
    const given = rec[field];
    diff(field, given, given !== (f?.[field] ?? null));
  }
  return out;
}

/** The fields a new asset gets from its record. */
function givenFields(rec: AssetRecord): AssetImportField[] {
  const out: AssetImportField[] = ['type', 'name'];
  for (const field of ['manufacturer', 'model', 'serial', 'assetTag', 'notes', 'state', 'purchaseDate', 'orderNumber', 'invoiceNumber', 'supplier', 'cost', 'currency', 'warrantyStart', 'warrantyMonths', 'depreciationMonths'] as const) {
    if (rec[field] !== null) out.push(field);
  }
  if (rec.location) out.push('location');
  if (rec.userId !== null) out.push('user');
  return out;
}

export function planRows(results: readonly RowResult[], ctx: PlanContext, columnOf: Partial<Record<AssetImportField, string>>): PlannedRow[] {
  const resolve = locationResolver(ctx.locations);
  const claimed = new Map<number, number>();
  return results.map((result) => {
    const rec = result.record;
    const planned: PlannedRow = { row: result.row, outcome: 'error', deviceId: null, changes: [], record: null, location: null, inventoryOwned: false, result };
    if (!rec) return planned;
    const fail = (field: AssetImportField | null, p: ImportProblem) => {
      result.errors.push(rowError(columnOf, field, p));
      result.record = null;
      return planned;
    };
    let location: LocationTarget | null = null;
    if (rec.location) {
      const l = resolve(rec.location);
      if ('error' in l) return fail('location', l.error);
      location = l;
    }
    let stored: StoredAsset | undefined;
    if (rec.assetTag) {
      const found = ctx.byTag.get(lower(rec.assetTag)) ?? [];
      if (found.length > 1) return fail('assetTag', problem('tag-on-several-assets', { tag: rec.assetTag, ids: found.map((d) => `#${d.id}`).join(', ') }));
      stored = found[0];
    }
    if (!stored && rec.serialKey) {
      const found = ctx.bySerial.get(serialIndexKey(rec.type, rec.serialKey)) ?? [];
      if (found.length > 1) return fail('serial', problem('serial-on-several-assets', { serial: rec.serial ?? rec.serialKey, type: rec.type, ids: found.map((d) => `#${d.id}`).join(', ') }));
      stored = found[0];
    }
    if (stored) {
      const first = claimed.get(stored.id);
      if (first !== undefined) return fail(null, problem('rows-match-one-asset', { row: first, deviceId: stored.id }));
      claimed.set(stored.id, rec.row);
      planned.deviceId = stored.id;
      planned.inventoryOwned = stored.source !== 'manual';
      planned.changes = changedFields(rec, stored, location);
      planned.outcome = planned.changes.length > 0 ? 'update' : 'unchanged';
    } else {
      planned.outcome = 'create';
      planned.changes = givenFields(rec);
    }
    planned.record = rec;
    planned.location = location;
    return planned;
  });
}

/** The location paths the plan creates (the levels that are missing), as "A / B / C", sorted. */
export function newLocationPaths(plan: readonly PlannedRow[], locations: readonly StoredLocation[]): string[][] {
  const resolve = locationResolver(locations);
  const out = new Map<string, string[]>();
  for (const p of plan) {
    if (p.outcome === 'error' || p.outcome === 'unchanged' || !p.location || !('path' in p.location)) continue;
    const path = p.location.path;
    for (let depth = 1; depth <= path.length; depth++) {
      const prefix = path.slice(0, depth);
      const key = locationPathKey(prefix);
      if (out.has(key)) continue;
      // A prefix already in the tree is not new (only the single-name rule differs, for depth 1 alone).
      const r = depth === 1 && path.length > 1 ? rootOnly(locations, prefix[0]!) : resolve(prefix);
      if ('id' in r) continue;
      out.set(key, prefix);
    }
  }
  return [...out.values()].sort((a, b) => locationPathKey(a).localeCompare(locationPathKey(b)));
}

function rootOnly(locations: readonly StoredLocation[], name: string): LocationTarget {
  const root = locations.find((l) => l.parentId === null && lower(l.name) === lower(name));
  return root ? { id: root.id } : { path: [name] };
}
