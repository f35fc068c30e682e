import { z } from 'zod';
import { COMPLIANCE_STATUSES, LICENCE_METRICS, LICENCE_STATES, type LicenceMetric } from './licence-enums.js';
import { deviceStateSchema } from './software.js';
import { bodyIdSchema } from './common.js';

export { COMPLIANCE_STATUSES, LICENCE_CSV_COLUMNS, LICENCE_METRICS, LICENCE_STATES, type ComplianceStatus, type LicenceMetric, type LicenceState } from './licence-enums.js';

/**
 * Licences and compliance (`/api/v1/licences`, `/api/v1/compliance`): what is owned, counted against what
 * the inventory says is installed.
 *
 * Routes (read: admin, technician, licence-manager; write: admin, licence-manager):
 * - `GET /api/v1/licences` (licenceListQuerySchema → licenceListSchema)
 * - `POST /api/v1/licences` (licenceCreateBodySchema → 201 licenceDetailSchema)
 * - `GET|PATCH|DELETE /api/v1/licences/:id` (licencePatchBodySchema → licenceDetailSchema; 204)
 * - `POST /api/v1/licences/import/preview` (licenceImportBodySchema → licenceImportPreviewSchema)
 * - `POST /api/v1/licences/import` (licenceImportBodySchema → 201 licenceImportResultSchema, or 400 with details.errors)
 * - `GET /api/v1/compliance` (complianceQuerySchema → complianceSummarySchema)
 * - `GET /api/v1/compliance.csv` (complianceQuerySchema → text/csv of the summary, one row per product)
 * - `GET /api/v1/compliance/history` (complianceHistoryQuerySchema → complianceHistorySchema)
 * - `GET /api/v1/compliance/:productId` (complianceDrillQuerySchema → complianceDrillSchema; current position only)
 * Retired devices and active devices not seen for PARC_STALE_DAYS are not counted (`excluded` says how many).
 *
 * @example
 * // POST /api/v1/licences
 * const body: LicenceCreateBody = { productId: 12, metric: 'device', quantity: 500, versionFrom: '16.0',
 *   versionTo: null, startsOn: '2026-01-01', expiresOn: '2028-12-31', unitCost: 249.5, currency: 'EUR',
 *   vendor: 'SoftwareOne', reference: 'PO-2026-0042', notes: null };
 */

const id = bodyIdSchema;
const count = z.number().int().nonnegative();
const limit = (max: number, byDefault: number) => z.coerce.number().int().min(1).max(max).default(byDefault);
const offset = z.coerce.number().int().min(0).max(10_000_000).default(0);
/** A calendar date, `YYYY-MM-DD`. */
export const calendarDateSchema = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * - `device`: one seat per device with a covered version installed;
 * - `user`: one seat per distinct primary user of those devices (the device's owner, else its last
 *   logged-in user; a device with neither counts as one user);
 * - `site`: unlimited while valid (`quantity` ignored).
 * A product's licences count either devices or users (site licences go with either).
 */
export const licenceMetricSchema = z.enum(LICENCE_METRICS);

/** Valid on a date: started (or no start) and not expired (`expiresOn` is the last valid day). */
export const licenceStateSchema = z.enum(LICENCE_STATES);

/** ISO 4217 code. */
export const currencySchema = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code, e.g. EUR');
/** Money: up to 4 decimals, below one billion. */
export const moneySchema = z.number().nonnegative().max(999_999_999).refine((n) => Math.abs(Math.round(n * 10_000) - n * 10_000) < 1e-6, 'at most 4 decimals');
/** A version bound, compared as versions ("10.0.2" > "9.9"; "2019" > "2016"); inclusive. */
export const versionBoundSchema = z.string().trim().min(1).max(64);

export const licenceAllocationsInputSchema = z.strictObject({
  /** Devices the licence is assigned to (reporting only: counting never depends on it). */
  deviceIds: z.array(id).max(100_000).default([]),
  /** People (user names as the inventory reports them, e.g. `CORP\\alice`). */
  users: z.array(text(256)).max(100_000).default([]),
});

const licenceFields = {
  productId: id,
  versionFrom: versionBoundSchema.nullable(),
  versionTo: versionBoundSchema.nullable(),
  metric: licenceMetricSchema,
  /** Seats; ignored (stored as null) for `site`. */
  quantity: z.number().int().min(0).max(10_000_000).nullable(),
  startsOn: calendarDateSchema.nullable(),
  /** Last valid day; null for perpetual. */
  expiresOn: calendarDateSchema.nullable(),
  unitCost: moneySchema.nullable(),
  currency: currencySchema.nullable(),
  vendor: text(200).nullable(),
  /** Order or contract reference. */
  reference: text(200).nullable(),
  notes: z.string().trim().max(10_000).nullable(),
};

export const licenceCreateBodySchema = z
  .strictObject({
    productId: licenceFields.productId,
    metric: licenceFields.metric,
    quantity: licenceFields.quantity.default(null),
    versionFrom: licenceFields.versionFrom.default(null),
    versionTo: licenceFields.versionTo.default(null),
    startsOn: licenceFields.startsOn.default(null),
    expiresOn: licenceFields.expiresOn.default(null),
    unitCost: licenceFields.unitCost.default(null),
    currency: licenceFields.currency.default(null),
    vendor: licenceFields.vendor.default(null),
    reference: licenceFields.reference.default(null),
    notes: licenceFields.notes.default(null),
    allocations: licenceAllocationsInputSchema.optional(),
  })
  .superRefine((l, ctx) => {
    const p = licenceShapeProblem(l);
    if (p) ctx.addIssue({ code: 'custom', message: p.message, path: [p.field] });
  });
export type LicenceCreateBody = z.infer<typeof licenceCreateBodySchema>;

/** PATCH: the licence must be whole after the change; `allocations` replaces the whole allocation list. */
export const licencePatchBodySchema = z
  .strictObject({ ...licenceFields, allocations: licenceAllocationsInputSchema })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type LicencePatchBody = z.infer<typeof licencePatchBodySchema>;

/** The field to blame when a licence does not hold together, or null. Shared by the API and the CSV import. */
export function licenceShapeProblem(l: {
  metric: LicenceMetric;
  quantity: number | null;
  startsOn: string | null;
  expiresOn: string | null;
  unitCost: number | null;
  currency: string | null;
}): { field: string; message: string } | null {
  if (l.metric !== 'site' && l.quantity === null) return { field: 'quantity', message: `a ${l.metric} licence needs a quantity` };
  if (l.startsOn !== null && l.expiresOn !== null && l.expiresOn < l.startsOn) return { field: 'expiresOn', message: 'expiresOn is before startsOn' };
  if (l.unitCost !== null && l.currency === null) return { field: 'currency', message: 'give the currency of unitCost' };
  return null;
}

export const licenceListQuerySchema = z.object({
  productId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  state: licenceStateSchema.optional(),
  /** Licences whose expiresOn is within this many days from today (expired ones excluded). */
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  /** Part of the product name, vendor or reference. */
  search: z.string().trim().min(1).max(200).optional(),
  limit: limit(500, 50),
  offset,
});
export type LicenceListQuery = z.infer<typeof licenceListQuerySchema>;

export const licenceSchema = z.object({
  id,
  productId: id,
  product: z.object({ id, name: z.string(), publisher: z.string().nullable() }),
  versionFrom: z.string().nullable(),
  versionTo: z.string().nullable(),
  metric: licenceMetricSchema,
  quantity: count.nullable(),
  startsOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  unitCost: z.number().nullable(),
  currency: z.string().nullable(),
  vendor: z.string().nullable(),
  reference: z.string().nullable(),
  notes: z.string().nullable(),
  /** As of today. */
  state: licenceStateSchema,
  allocationCounts: z.object({ devices: count, users: count }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Licence = z.infer<typeof licenceSchema>;

export const licenceListSchema = z.object({ items: z.array(licenceSchema), total: count, limit: count, offset: count });
export type LicenceList = z.infer<typeof licenceListSchema>;

export const licenceDetailSchema = licenceSchema.extend({
  allocations: z.object({
    devices: z.array(z.object({ id, hostname: z.string() })),
    users: z.array(z.string()),
  }),
});
export type LicenceDetail = z.infer<typeof licenceDetailSchema>;

// ---------------------------------------------------------------------------------------------------
// CSV import
// ---------------------------------------------------------------------------------------------------

/**
 * The CSV columns (header row required; names case-insensitive, spaces and underscores ignored; `,` or
 * `;` separated; UTF-8 with or without BOM): `product` (a catalogue product name) and optionally
 * `publisher`, or `productId`; `metric`, `quantity`, `versionFrom`, `versionTo`, `startsOn`, `expiresOn`
 * (YYYY-MM-DD), `unitCost` (`.` or `,` decimal), `currency`, `vendor`, `reference`, `notes`
 * (LICENCE_CSV_COLUMNS). Common spellings are understood too ("Seats", "Expiry date", "PO number"…).
 */
export const licenceImportBodySchema = z.strictObject({
  /** The file's text. At most 20,000 rows. */
  csv: z.string().min(1, 'the CSV is empty').max(5 * 1024 * 1024),
});
export type LicenceImportBody = z.infer<typeof licenceImportBodySchema>;

/** One problem, where a spreadsheet user finds it: line 1 is the header. `column` is null for a whole-row problem. */
export const licenceImportErrorSchema = z.object({ line: z.number().int().min(1), column: z.string().nullable(), message: z.string() });
export type LicenceImportError = z.infer<typeof licenceImportErrorSchema>;

export const licenceImportRowSchema = z.object({
  line: z.number().int().min(2),
  /** What would be created; null when the row has errors. */
  licence: licenceCreateBodySchema.nullable(),
  /** The catalogue product the row resolved to. */
  product: z.object({ id, name: z.string(), publisher: z.string().nullable() }).nullable(),
  errors: z.array(licenceImportErrorSchema),
});
export type LicenceImportRow = z.infer<typeof licenceImportRowSchema>;

/** POST /api/v1/licences/import/preview: nothing is written. */
export const licenceImportPreviewSchema = z.object({
  /** Header names recognised, in file order (unknown columns are reported in `errors` at line 1). */
  columns: z.array(z.string()),
  rows: z.array(licenceImportRowSchema),
  /** Every problem, header problems included, in line order. */
  errors: z.array(licenceImportErrorSchema),
  valid: count,
  invalid: count,
});
export type LicenceImportPreview = z.infer<typeof licenceImportPreviewSchema>;

/**
 * POST /api/v1/licences/import: all or nothing. Any error (the same ones the preview lists) refuses the
 * whole file with a 400 whose `details.errors` lists them, so fixing the file and importing it again never
 * duplicates rows; otherwise every row is created in one transaction.
 */
export const licenceImportResultSchema = z.object({ created: count, ids: z.array(id) });
export type LicenceImportResult = z.infer<typeof licenceImportResultSchema>;

// ---------------------------------------------------------------------------------------------------
// Compliance
// ---------------------------------------------------------------------------------------------------

/**
 * - `unlicensed`: installed but no valid licence;
 * - `over-deployed`: installed beyond the owned count;
 * - `under-used`: fewer installed than owned;
 * - `compliant`: exactly as many as owned, a site licence, or nothing installed and nothing owned.
 */
export const complianceStatusSchema = z.enum(COMPLIANCE_STATUSES);

export const complianceVersionSchema = z.object({
  version: z.string(),
  /** Counted devices (not retired, not stale) with this version installed. */
  installed: count,
  /** Within the version range of at least one of the product's licences (or every licence is unbounded). */
  covered: z.boolean(),
  /** Licences (valid or not) whose range includes this version. */
  licenceIds: z.array(id),
});
export type ComplianceVersion = z.infer<typeof complianceVersionSchema>;

export const complianceItemSchema = z.object({
  productId: id,
  product: z.string(),
  publisher: z.string().nullable(),
  /** What is counted: devices, or users when the product's licences are per user; null with no licence (devices are counted). */
  metric: z.enum(['device', 'user']).nullable(),
  /** Distinct counted devices (or primary users) with a covered version installed. */
  installed: count,
  /** Seats of valid licences; null when a valid site licence makes it unlimited. */
  owned: count.nullable(),
  shortfall: count,
  /** null when owned is unlimited. */
  surplus: count.nullable(),
  /** shortfall × the unit cost of the product's latest licence that has one (latest startsOn, then id); null when none has. */
  trueUpCost: z.number().nullable(),
  unitCost: z.number().nullable(),
  currency: z.string().nullable(),
  status: complianceStatusSchema,
  licensable: z.boolean(),
  /** All the product's licences and the valid ones on the date answered. */
  licences: z.object({ total: count, valid: count }),
  /** Newest version first. */
  versions: z.array(complianceVersionSchema),
  /** Devices with a covered version that were not counted. */
  excluded: z.object({ retired: count, stale: count }),
});
export type ComplianceItem = z.infer<typeof complianceItemSchema>;

export const complianceQuerySchema = z.object({
  /** The position on a past date, from the daily snapshots (the latest one on or before it). Default: now, computed live. */
  at: calendarDateSchema.optional(),
});
export type ComplianceQuery = z.infer<typeof complianceQuerySchema>;

export const complianceSummarySchema = z.object({
  /** The date answered (today, or the snapshot's date for `at`). */
  date: z.string(),
  /** `live`: computed now; `snapshot`: read from the daily snapshot of `date`. */
  source: z.enum(['live', 'snapshot']),
  staleDays: count,
  /** Over-deployed first, then unlicensed, under-used, compliant; by true-up cost, then name. */
  items: z.array(complianceItemSchema),
  /** Sum of true-up costs per currency. */
  trueUpTotals: z.array(z.object({ currency: z.string().nullable(), amount: z.number() })),
});
export type ComplianceSummary = z.infer<typeof complianceSummarySchema>;

export const complianceDrillQuerySchema = z.object({
  /** A device not seen for this many days is a reclaim candidate. */
  reclaimDays: z.coerce.number().int().min(1).max(3650).default(30),
  /** `counted`: devices that count; `beyond`: counted beyond the owned seats; `reclaim`: reclaim candidates; `excluded`: retired or stale. */
  only: z.enum(['counted', 'beyond', 'reclaim', 'excluded']).optional(),
  limit: limit(1000, 100),
  offset,
});
export type ComplianceDrillQuery = z.infer<typeof complianceDrillQuerySchema>;

export const complianceDeviceSchema = z.object({
  deviceId: id,
  hostname: z.string(),
  lastUser: z.string().nullable(),
  /** Who a per-user licence counts: the owner, else the last user; null when neither is known. */
  primaryUser: z.string().nullable(),
  lastSeenAt: z.string(),
  state: deviceStateSchema,
  /** Covered versions installed, newest first. */
  versions: z.array(z.string()),
  /** Counted in `installed` (not retired, not stale). */
  counted: z.boolean(),
  /**
   * Beyond the owned seats: seats go first to allocated devices (or users), then by the earliest
   * installation; whatever is left over is beyond.
   */
  beyondOwned: z.boolean(),
  /** Not seen for `reclaimDays` days (and not retired): its installation can likely be taken back. */
  reclaimCandidate: z.boolean(),
  /** The device (or its primary user) is allocated one of the product's licences. */
  allocated: z.boolean(),
});
export type ComplianceDevice = z.infer<typeof complianceDeviceSchema>;

export const complianceDrillSchema = z.object({
  item: complianceItemSchema,
  reclaimDays: count,
  /** Counted first, then by hostname. */
  devices: z.object({ items: z.array(complianceDeviceSchema), total: count, limit: count, offset: count }),
  /** Counts over all devices, whatever `only`, `limit` and `offset` say. */
  counts: z.object({ counted: count, beyond: count, reclaim: count, excluded: count }),
});
export type ComplianceDrill = z.infer<typeof complianceDrillSchema>;

export const complianceHistoryQuerySchema = z.object({
  productId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** Default: 90 days before `to`. */
  from: calendarDateSchema.optional(),
  /** Default: today. */
  to: calendarDateSchema.optional(),
});
export type ComplianceHistoryQuery = z.infer<typeof complianceHistoryQuerySchema>;

export const complianceHistoryPointSchema = z.object({
  date: z.string(),
  productId: id,
  product: z.string(),
  installed: count,
  owned: count.nullable(),
  shortfall: count,
  status: complianceStatusSchema,
});
export type ComplianceHistoryPoint = z.infer<typeof complianceHistoryPointSchema>;

/** GET /api/v1/compliance/history: one point per product and snapshot day, by date then product. */
export const complianceHistorySchema = z.object({ from: z.string(), to: z.string(), items: z.array(complianceHistoryPointSchema) });
export type ComplianceHistory = z.infer<typeof complianceHistorySchema>;
