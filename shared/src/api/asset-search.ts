import { z } from 'zod';
import { ASSET_TYPES } from './asset-search-enums.js';

export { ASSET_SOURCES, ASSET_TYPES, NONE_FILTER, type AssetSourceCode, type AssetTypeCode } from './asset-search-enums.js';

/**
 * The asset register as a searchable list: totals for the dashboard (`GET /api/v1/assets/totals`) and what
 * the list's filter form offers (`GET /api/v1/assets/filter-options`). The filters themselves are query
 * parameters of `GET /api/v1/devices` (see the server's devices.schemas.ts).
 */

const count = z.number().int().min(0);

export const assetTotalsSchema = z.object({
  /** Assets matching the filters. */
  total: count,
  /** Every type present, in ASSET_TYPES order (zero counts included). */
  byType: z.array(z.object({ type: z.enum(ASSET_TYPES), count })),
  /** States in their admin-set order; only those with at least one asset or built in. */
  byState: z.array(z.object({ code: z.string(), label: z.string().nullable(), builtin: z.boolean(), count })),
  /** Each top-level location with its whole subtree rolled up (biggest first), then `noLocation`. */
  byLocation: z.array(z.object({ id: z.number().int(), name: z.string(), count })),
  noLocation: count,
});
export type AssetTotals = z.infer<typeof assetTotalsSchema>;

export const assetFilterOptionsSchema = z.object({
  /** Every location with its full path ("Paris / Building A / Floor 2"), ordered by path. */
  locations: z.array(z.object({ id: z.number().int(), path: z.string() })),
  states: z.array(z.object({ code: z.string(), label: z.string().nullable(), builtin: z.boolean() })),
  /** People at least one asset is assigned to. */
  users: z.array(z.object({ id: z.number().int(), name: z.string() })),
  contracts: z.array(z.object({ id: z.number().int(), name: z.string(), number: z.string().nullable() })),
});
export type AssetFilterOptions = z.infer<typeof assetFilterOptionsSchema>;
