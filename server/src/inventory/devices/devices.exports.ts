/**
 * What the devices feature offers the asset register (assets/search): the list's filters and query, and
 * location paths. Other features import these from here only.
 */
export { applyAssetFilters, assetFilterShape, subtreeIds, type AssetFilter } from './device-filters.js';
export { deviceFiltersQuerySchema, type DeviceFiltersQuery } from './devices.schemas.js';
export { filteredDevices } from './devices.repository.js';
export { assertKnownStates } from './devices.service.js';
