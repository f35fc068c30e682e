import { z } from 'zod';

/**
 * CSV import of assets (`/api/v1/assets/import`), as people bring them from Snipe-IT, GLPI or a
 * spreadsheet: a preview that writes nothing, then the import of the rows the preview found valid.
 *
 * Routes (admin, technician):
 * - `POST /api/v1/assets/import/preview` (assetImportPreviewBodySchema → assetImportReportSchema)
 * - `POST /api/v1/assets/import` (assetImportBodySchema → assetImportReportSchema; 409 when the file
 *   or the database changed since the preview)
 *
 * @example
 * const preview = await api.post('/api/v1/assets/import/preview', { csv, defaultType: 'monitor' });
 * await api.post('/api/v1/assets/import', { csv, mapping: preview.mapping, defaultType: 'monitor', previewId: preview.previewId });
 */

/** What a column can feed. `null` in a mapping leaves the column out. */
export const ASSET_IMPORT_FIELDS = [
  'type',
  'name',
  'manufacturer',
  'model',
  'serial',
  'assetTag',
  'notes',
  'state',
  'location',
  'user',
  'purchaseDate',
  'orderNumber',
  'invoiceNumber',
  'supplier',
  'cost',
  'currency',
  'warrantyStart',
  'warrantyMonths',
  'depreciationMonths',
] as const;
export const assetImportFieldSchema = z.enum(ASSET_IMPORT_FIELDS);
export type AssetImportField = z.infer<typeof assetImportFieldSchema>;

export const ASSET_IMPORT_TYPES = ['computer', 'monitor', 'printer', 'phone', 'network', 'peripheral', 'other'] as const;

/** At most this many data rows in one file. */
export const ASSET_IMPORT_MAX_ROWS = 20_000;

export const assetImportPreviewBodySchema = z.strictObject({
  /** The file's text: comma or semicolon separated, first row the column names. */
  csv: z.string().min(1, 'the CSV is empty').max(7 * 1024 * 1024, 'the CSV is larger than 7 MiB; split it'),
  /** One entry per column of the file, in order: the field it feeds, or null to ignore it. Absent: guessed from the headers. */
  mapping: z.array(assetImportFieldSchema.nullable()).max(500).optional(),
  /** The type of rows with no type column or a blank type. Default: computer. */
  defaultType: z.enum(ASSET_IMPORT_TYPES).optional(),
});
export type AssetImportPreviewBody = z.infer<typeof assetImportPreviewBodySchema>;

export const assetImportBodySchema = assetImportPreviewBodySchema.extend({
  /** The previewId the preview of this same input returned. */
  previewId: z.string().regex(/^[0-9a-f]{64}$/, 'previewId is the 64-hex-digit id the preview returned'),
});
export type AssetImportBody = z.infer<typeof assetImportBodySchema>;

/**
 * What can be wrong with a row, stable for clients to word in their language from `params` (the values
 * each names: `value` the cell as written, `max`/`min` limits, `row` another row of the file, `tag`,
 * `serial`, `type` an asset type code, `ids` assets as "#12, #15", `deviceId`, `name` a location name).
 */
export const ASSET_IMPORT_ERROR_CODES = [
  'too-long',
  'name-required',
  'type-unknown',
  'state-unknown',
  'user-unknown',
  'date-invalid',
  'date-not-a-day',
  'cost-invalid',
  'cost-too-high',
  'currency-invalid',
  'months-invalid',
  'months-out-of-range',
  'location-empty-level',
  'location-too-deep',
  'location-name-too-long',
  'location-ambiguous',
  'tag-in-file-twice',
  'serial-in-file-twice',
  'tag-on-several-assets',
  'serial-on-several-assets',
  'rows-match-one-asset',
] as const;
export const assetImportErrorCodeSchema = z.enum(ASSET_IMPORT_ERROR_CODES);
export type AssetImportErrorCode = z.infer<typeof assetImportErrorCodeSchema>;

/**
 * One problem of a row: the column as the file names it (null for the whole row), its stable `code` and
 * `params`, and `message`, the same in English for API users.
 */
export const assetImportErrorSchema = z.object({
  column: z.string().nullable(),
  field: assetImportFieldSchema.nullable(),
  code: assetImportErrorCodeSchema,
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});
export type AssetImportError = z.infer<typeof assetImportErrorSchema>;

export const ASSET_IMPORT_OUTCOMES = ['create', 'update', 'unchanged', 'error'] as const;

export const assetImportRowSchema = z.object({
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: z.number().int().min(2),
  outcome: z.enum(ASSET_IMPORT_OUTCOMES),
  /** The asset updated or left unchanged (or created, after the import). */
  deviceId: z.number().int().nullable(),
  name: z.string().nullable(),
  assetTag: z.string().nullable(),
  serial: z.string().nullable(),
  type: z.enum(ASSET_IMPORT_TYPES).nullable(),
  /** The fields an update changes. */
  changes: z.array(assetImportFieldSchema),
  errors: z.array(assetImportErrorSchema),
});
export type AssetImportRow = z.infer<typeof assetImportRowSchema>;

const count = z.number().int().min(0);

export const assetImportReportSchema = z.object({
  /** The header's column names, in file order. */
  columns: z.array(z.string()),
  /** The field each column feeds (null: ignored), guessed or as sent. */
  mapping: z.array(assetImportFieldSchema.nullable()),
  /** Columns left out, by name. */
  unmapped: z.array(z.string()),
  /** Every field a column may feed, for choosing a mapping. */
  fields: z.array(assetImportFieldSchema),
  defaultType: z.enum(ASSET_IMPORT_TYPES),
  rows: z.array(assetImportRowSchema),
  totals: z.object({ rows: count, create: count, update: count, unchanged: count, error: count }),
  /** Locations (paths) the import creates. */
  newLocations: z.array(z.string()),
  /** Pass it back to POST /api/v1/assets/import: it proves the import is the one previewed. */
  previewId: z.string(),
  /** True on the answer of the import itself (rows written), false on a preview. */
  imported: z.boolean(),
});
export type AssetImportReport = z.infer<typeof assetImportReportSchema>;
