// No zod here: the web client imports this module at run time (`@parc/shared/api/asset-search-enums`)
// and stays small. The schemas in asset-search.ts build their enums from these lists.

// Types and sources are the register's own lists (asset-enums.ts); the names here are the search's.
import { ASSET_SOURCES, ASSET_TYPES, type AssetSource, type AssetType } from './asset-enums.js';
export { ASSET_SOURCES, ASSET_TYPES };
export type AssetTypeCode = AssetType;
export type AssetSourceCode = AssetSource;

/** The filter value meaning "no location" or "nobody assigned" (`locationId=none`, `userId=none`). */
export const NONE_FILTER = 'none';
