import { DEVICE_SORT_FIELDS, type DeviceSortField } from '@parc/shared/api';
import { z } from 'zod';
import { assetFilterShape } from './device-filters.js';

// Answers and the patch body are shared with the web client (shared/src/api/devices.ts); the list
// queries stay here, since only the server reads query strings (coercions, defaults).
export { changesResponseSchema, deviceDetailSchema, deviceSoftwarePageSchema, deviceSummarySchema, listDevicesResponseSchema, patchDeviceBodySchema, type PatchDeviceBody } from '@parc/shared/api';

export { type DeviceSortField };

const SORTABLE = DEVICE_SORT_FIELDS;

export const listDevicesQuerySchema = z.object({
  /** Hostname, serial, user, IP, MAC or installed software name. */
  search: z.string().trim().min(1).max(256).optional(),
  os: z.string().trim().min(1).max(128).optional(),
  manufacturer: z.string().trim().min(1).max(256).optional(),
  /** true: in use but not seen for PARC_STALE_DAYS; false: the others. */
  stale: z.enum(['true', 'false']).optional(),
  lastSeenBefore: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  lastSeenAfter: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  // The asset register's filters (type, state, location with sub-locations, user, source, warranty, contract).
  ...assetFilterShape,
  sort: z
    .string()
    .regex(new RegExp(`^-?(${SORTABLE.join('|')})$`), `one of ${SORTABLE.join(', ')}, with - for descending`)
    .default('hostname'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type ListDevicesQuery = z.infer<typeof listDevicesQuerySchema>;

/** The list's search and filters alone (no sort, no page): what the totals count. */
export const deviceFiltersQuerySchema = listDevicesQuerySchema.omit({ sort: true, limit: true, offset: true });
export type DeviceFiltersQuery = z.infer<typeof deviceFiltersQuerySchema>;

/** The CSV export takes the list's search, filters and sort; it has every row, so no page. */
export const exportDevicesQuerySchema = listDevicesQuerySchema.omit({ limit: true, offset: true });
export type ExportDevicesQuery = z.infer<typeof exportDevicesQuerySchema>;

export const changesQuerySchema = z.object({
  section: z.string().trim().max(64).optional(),
  since: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

export const deviceSoftwareQuerySchema = z.object({
  /** Part of the name, publisher or version, any case. */
  search: z.string().trim().min(1).max(256).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type DeviceSoftwareQuery = z.infer<typeof deviceSoftwareQuerySchema>;
