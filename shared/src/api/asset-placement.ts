import { z } from 'zod';
import { bodyIdSchema } from './common.js';
import { LOCATION_KINDS } from './enums.js';

/** Where an asset is, what state it is in and who has it: locations, states, check-outs. */

const name = z.string().trim().min(1).max(128).refine((s) => !/[/>\\]/.test(s), 'a location name may not contain /, > or \\ (they separate levels of a path)');

export const locationSchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  kind: z.enum(LOCATION_KINDS),
  /** Names from the root down, joined with " / ". */
  path: z.string(),
  depth: z.number().int(),
  /** Assets placed here or anywhere below. */
  assetCount: z.number().int(),
  /** Assets placed exactly here. */
  directAssetCount: z.number().int(),
});
export type Location = z.infer<typeof locationSchema>;
/** Depth-first, siblings by name: the tree as an indented list. */
export const locationListSchema = z.object({ items: z.array(locationSchema) });
export type LocationList = z.infer<typeof locationListSchema>;

export const locationCreateBodySchema = z.object({ name, kind: z.enum(LOCATION_KINDS).default('other'), parentId: bodyIdSchema.nullable().default(null) }).strict();
export type LocationCreateBody = z.infer<typeof locationCreateBodySchema>;
export const locationPatchBodySchema = z
  .object({ name, kind: z.enum(LOCATION_KINDS), parentId: bodyIdSchema.nullable() })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one of name, kind, parentId');
export type LocationPatchBody = z.infer<typeof locationPatchBodySchema>;

const stateCode = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/);
export const assetStateSchema = z.object({
  code: z.string(),
  /** Null for built-ins: the interface words them from their code. */
  label: z.string().nullable(),
  builtin: z.boolean(),
  countsInCompliance: z.boolean(),
  position: z.number().int(),
  assetCount: z.number().int(),
});
export type AssetState = z.infer<typeof assetStateSchema>;
export const assetStateListSchema = z.object({ items: z.array(assetStateSchema) });
export type AssetStateList = z.infer<typeof assetStateListSchema>;

const label = z.string().trim().min(1).max(64);
export const assetStateCreateBodySchema = z
  .object({ label, countsInCompliance: z.boolean().default(true), code: stateCode.optional(), position: z.number().int().min(0).max(100_000).optional() })
  .strict();
export type AssetStateCreateBody = z.infer<typeof assetStateCreateBodySchema>;
export const assetStatePatchBodySchema = z
  .object({ label, countsInCompliance: z.boolean(), position: z.number().int().min(0).max(100_000) })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one of label, countsInCompliance, position');
export type AssetStatePatchBody = z.infer<typeof assetStatePatchBodySchema>;
export const assetStateCodeParamSchema = z.object({ code: stateCode });

const notes = z.string().trim().max(2000);
export const checkoutBodySchema = z
  .object({ userId: bodyIdSchema, dueOn: z.iso.date().optional(), notes: notes.optional(), state: stateCode.default('in_use') })
  .strict();
export type CheckoutBody = z.infer<typeof checkoutBodySchema>;
export const checkinBodySchema = z.object({ state: stateCode.default('in_stock'), notes: notes.optional() }).strict();
export type CheckinBody = z.infer<typeof checkinBodySchema>;

const personSchema = z.object({ id: z.number().int(), username: z.string(), displayName: z.string().nullable() });
export const checkoutSchema = z.object({
  id: z.number().int(),
  deviceId: z.number().int(),
  user: personSchema.nullable(),
  checkedOutAt: z.string(),
  dueOn: z.string().nullable(),
  checkedOutBy: personSchema.nullable(),
  checkedInAt: z.string().nullable(),
  checkedInBy: personSchema.nullable(),
  notes: z.string().nullable(),
  /** Still open and its due date has passed (UTC day). */
  overdue: z.boolean(),
});
export type Checkout = z.infer<typeof checkoutSchema>;
export const checkoutListSchema = z.object({ items: z.array(checkoutSchema) });
export type CheckoutList = z.infer<typeof checkoutListSchema>;
