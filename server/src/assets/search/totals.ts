import { ASSET_TYPES, type AssetTotals, type AssetTypeCode } from '@parc/shared/api';
import { rootsOf, type TreeNode } from '../locations/location-tree.js';

/**
 * The dashboard's totals folded from grouped counts. Pure: the database counts per type, per state and per
 * location id; here each location's count rolls up into its top-level location.
 */

/** Every type, in tab order, with zero for those absent. */
export function foldTypes(rows: readonly { type: string; n: number }[]): AssetTotals['byType'] {
  const by = new Map(rows.map((r) => [r.type, r.n]));
  return ASSET_TYPES.map((type: AssetTypeCode) => ({ type, count: by.get(type) ?? 0 }));
}

/** States in their admin-set order: built-ins always, admin-added ones when some asset has them. */
export function foldStates(
  states: readonly { code: string; label: string | null; builtin: boolean }[],
  rows: readonly { state: string; n: number }[],
): AssetTotals['byState'] {
  const by = new Map(rows.map((r) => [r.state, r.n]));
  return states.filter((s) => s.builtin || (by.get(s.code) ?? 0) > 0).map((s) => ({ code: s.code, label: s.label, builtin: s.builtin, count: by.get(s.code) ?? 0 }));
}

/** Counts per location id rolled up to the top-level locations (biggest first, then by name); null ids are "no location". */
export function rollUpLocations(locations: readonly TreeNode[], rows: readonly { location_id: number | null; n: number }[]): Pick<AssetTotals, 'byLocation' | 'noLocation'> {
  const root = rootsOf(locations);
  const names = new Map(locations.map((l) => [l.id, l.name]));
  const sums = new Map<number, number>();
  let noLocation = 0;
  for (const r of rows) {
    const top = r.location_id === null ? undefined : root.get(r.location_id);
    // A device pointing at a location deleted meanwhile counts as having none.
    if (top === undefined) noLocation += r.n;
    else sums.set(top, (sums.get(top) ?? 0) + r.n);
  }
  const byLocation = [...sums]
    .map(([id, count]) => ({ id, name: names.get(id)!, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name) || a.id - b.id);
  return { byLocation, noLocation };
}
