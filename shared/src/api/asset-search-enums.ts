// No zod here: the web client imports this module at run time (`@parc/shared/api/asset-search-enums`)
// and stays small. The schemas in asset-search.ts build their enums from these lists.

/** Asset types (devices.type), in the order the asset list's tabs show them. */
export const ASSET_TYPES = ['computer', 'monitor', 'printer', 'phone', 'network', 'peripheral', 'other'] as const;
export type AssetTypeCode = (typeof ASSET_TYPES)[number];

/** Where an asset record came from (devices.source). */
export const ASSET_SOURCES = ['agent', 'manual', 'discovered'] as const;
export type AssetSourceCode = (typeof ASSET_SOURCES)[number];

/** The filter value meaning "no location" or "nobody assigned" (`locationId=none`, `userId=none`). */
export const NONE_FILTER = 'none';
