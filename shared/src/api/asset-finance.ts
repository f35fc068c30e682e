import { z } from 'zod';
import { bodyIdSchema } from './common.js';
import { calendarDateSchema, currencySchema } from './licences.js';

/**
 * Finance and warranty of an asset, maintenance contracts and interventions (issue #12, items 4 and 5).
 * Money is a number with at most 2 decimals (stored as numeric(14, 2), computed in integer cents).
 */

/** An amount: non-negative, at most 2 decimals, below one billion. */
export const assetMoneySchema = z.number().nonnegative().max(999_999_999.99).refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'at most 2 decimals');
const text = (max: number) => z.string().trim().max(max).transform((s) => (s === '' ? null : s)).nullable();
const limit = z.coerce.number().int().min(1).max(500).default(50);
const offset = z.coerce.number().int().min(0).max(10_000_000).default(0);

export const DEPRECIATION_METHODS = ['none', 'linear'] as const;
export const WARRANTY_STATUSES = ['none', 'active', 'expiring', 'expired'] as const;

export const assetFinanceBodySchema = z.strictObject({
  purchaseDate: calendarDateSchema.nullable().default(null),
  orderNumber: text(200).default(null),
  invoiceNumber: text(200).default(null),
  supplier: text(200).default(null),
  cost: assetMoneySchema.nullable().default(null),
  currency: currencySchema.nullable().default(null),
  warrantyStart: calendarDateSchema.nullable().default(null),
  /** 0: no warranty. */
  warrantyMonths: z.number().int().min(0).max(1200).nullable().default(null),
  depreciationMethod: z.enum(DEPRECIATION_METHODS).default('none'),
  depreciationMonths: z.number().int().min(1).max(1200).nullable().default(null),
});
export type AssetFinanceBody = z.infer<typeof assetFinanceBodySchema>;

export const assetFinanceSchema = z.object({
  deviceId: z.number().int(),
  purchaseDate: z.string().nullable(),
  orderNumber: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  supplier: z.string().nullable(),
  cost: z.number().nullable(),
  currency: z.string().nullable(),
  warrantyStart: z.string().nullable(),
  warrantyMonths: z.number().nullable(),
  depreciationMethod: z.enum(DEPRECIATION_METHODS),
  depreciationMonths: z.number().nullable(),
  /** First day no longer covered (start + months, calendar months); null without a warranty. */
  warrantyEndsOn: z.string().nullable(),
  /** On today (UTC): `expiring` when it ends within PARC_WARRANTY_ALERT_DAYS. */
  warrantyStatus: z.enum(WARRANTY_STATUSES),
  daysLeft: z.number().nullable(),
  /** Linear depreciation by elapsed whole months; null without cost, method or period. */
  currentValue: z.number().nullable(),
  updatedAt: z.string().nullable(),
});
export type AssetFinance = z.infer<typeof assetFinanceSchema>;

// ---- maintenance contracts ----

const contractFields = {
  name: z.string().trim().min(1).max(200),
  number: text(200),
  supplier: text(200),
  startsOn: calendarDateSchema.nullable(),
  /** Last day of the contract. */
  endsOn: calendarDateSchema.nullable(),
  cost: assetMoneySchema.nullable(),
  currency: currencySchema.nullable(),
  /** Days before the end to be told (renewal alert). */
  noticeDays: z.number().int().min(0).max(3650),
  notes: z.string().trim().max(10_000).transform((s) => (s === '' ? null : s)).nullable(),
};
export const contractCreateBodySchema = z.strictObject({
  name: contractFields.name,
  number: contractFields.number.default(null),
  supplier: contractFields.supplier.default(null),
  startsOn: contractFields.startsOn.default(null),
  endsOn: contractFields.endsOn.default(null),
  cost: contractFields.cost.default(null),
  currency: contractFields.currency.default(null),
  noticeDays: contractFields.noticeDays.default(30),
  notes: contractFields.notes.default(null),
});
export type ContractCreateBody = z.infer<typeof contractCreateBodySchema>;
export const contractPatchBodySchema = z.strictObject(contractFields).partial();
export type ContractPatchBody = z.infer<typeof contractPatchBodySchema>;

export const contractSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  number: z.string().nullable(),
  supplier: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  cost: z.number().nullable(),
  currency: z.string().nullable(),
  noticeDays: z.number().int(),
  notes: z.string().nullable(),
  deviceCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contract = z.infer<typeof contractSchema>;

export const contractDeviceSchema = z.object({ id: z.number().int(), hostname: z.string(), type: z.string(), assetTag: z.string().nullable() });
export type ContractDevice = z.infer<typeof contractDeviceSchema>;
export const contractDetailSchema = contractSchema.extend({ devices: z.array(contractDeviceSchema) });
export type ContractDetail = z.infer<typeof contractDetailSchema>;

export const contractListQuerySchema = z.object({
  search: z.string().trim().min(1).max(200).optional(),
  /** Contracts whose last day is before this date. */
  endingBefore: calendarDateSchema.optional(),
  limit,
  offset,
});
export type ContractListQuery = z.infer<typeof contractListQuerySchema>;
export const contractListSchema = z.object({ items: z.array(contractSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export type ContractList = z.infer<typeof contractListSchema>;

/** Covered assets: PUT replaces the set, POST adds, DELETE removes. */
export const contractDevicesBodySchema = z.strictObject({ deviceIds: z.array(bodyIdSchema).max(10_000) });
export type ContractDevicesBody = z.infer<typeof contractDevicesBodySchema>;
export const contractDevicesSchema = z.object({ devices: z.array(contractDeviceSchema) });

// ---- interventions ----

const interventionFields = {
  performedOn: calendarDateSchema,
  performedBy: text(200),
  description: z.string().trim().min(1).max(10_000),
  cost: assetMoneySchema.nullable(),
  currency: currencySchema.nullable(),
  ticketId: bodyIdSchema.nullable(),
  contractId: bodyIdSchema.nullable(),
};
export const interventionCreateBodySchema = z.strictObject({
  performedOn: interventionFields.performedOn,
  performedBy: interventionFields.performedBy.default(null),
  description: interventionFields.description,
  cost: interventionFields.cost.default(null),
  currency: interventionFields.currency.default(null),
  ticketId: interventionFields.ticketId.default(null),
  contractId: interventionFields.contractId.default(null),
});
export type InterventionCreateBody = z.infer<typeof interventionCreateBodySchema>;
export const interventionPatchBodySchema = z.strictObject(interventionFields).partial();
export type InterventionPatchBody = z.infer<typeof interventionPatchBodySchema>;

export const interventionSchema = z.object({
  id: z.number().int(),
  deviceId: z.number().int(),
  deviceName: z.string(),
  performedOn: z.string(),
  performedBy: z.string().nullable(),
  description: z.string(),
  cost: z.number().nullable(),
  currency: z.string().nullable(),
  ticketId: z.number().int().nullable(),
  contractId: z.number().int().nullable(),
  contractName: z.string().nullable(),
  authorId: z.number().int().nullable(),
  createdAt: z.string(),
});
export type Intervention = z.infer<typeof interventionSchema>;
export const interventionListSchema = z.object({ items: z.array(interventionSchema) });
export type InterventionList = z.infer<typeof interventionListSchema>;
