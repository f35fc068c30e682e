import { z } from 'zod';
import { DEVICE_STATES, RULE_ACTIONS, RULE_MATCH_KINDS } from './licence-enums.js';
import { bodyIdSchema } from './common.js';

export { DEVICE_STATES, RULE_ACTIONS, RULE_MATCH_KINDS, type DeviceState, type RuleAction, type RuleMatchKind } from './licence-enums.js';

/**
 * The software catalogue and its normalisation dictionary (`/api/v1/software`, `/api/v1/software-rules`).
 *
 * A product here is what people count: the inventoried titles ("Microsoft Office Professional Plus 2019 -
 * en-us", "Microsoft Office Standard 2019") that the dictionary maps together appear once, under the
 * product they map to. Counts are distinct devices.
 *
 * Routes (read: admin, technician, licence-manager; write: admin, licence-manager):
 * - `GET /api/v1/software` (softwareListQuerySchema → softwareListSchema)
 * - `GET /api/v1/software/:id` (softwareDetailQuerySchema → softwareDetailSchema)
 * - `PATCH /api/v1/software/:id` (softwarePatchBodySchema → softwareProductSchema)
 * - `GET|POST /api/v1/software-rules` (→ softwareRuleListSchema; softwareRuleCreateBodySchema → 201 softwareRuleSchema)
 * - `GET|PATCH|DELETE /api/v1/software-rules/:id` (softwareRulePatchBodySchema → softwareRuleSchema; 204)
 * - `POST /api/v1/software-rules/reorder` (softwareRuleReorderBodySchema → softwareRuleListSchema)
 * - `POST /api/v1/software-rules/preview` (softwareRulePreviewBodySchema → softwareRulePreviewSchema; writes nothing)
 * - `POST /api/v1/software-rules/apply` (no body → softwareRuleApplyResultSchema)
 * Saving a rule does not move what is stored: new inventories follow it at once, stored installations
 * when the rules are re-applied (`apply`).
 *
 * @example
 * // GET /api/v1/software?search=office&limit=20
 * const page: SoftwareList = { items: [{ id: 12, name: 'Microsoft Office 2019', publisher: 'Microsoft',
 *   category: 'Office suite', licensable: true, installCount: 840,
 *   versions: [{ version: '16.0.10827.20138', installCount: 812 }, { version: '16.0.10000', installCount: 30 }] }],
 *   total: 1, limit: 20, offset: 0 };
 */

const id = bodyIdSchema;
const count = z.number().int().nonnegative();
const limit = (max: number, byDefault: number) => z.coerce.number().int().min(1).max(max).default(byDefault);
const offset = z.coerce.number().int().min(0).max(10_000_000).default(0);
/** `true`/`false` in a query string (also `1`/`0`). */
const queryFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** One of DEVICE_STATES, or the code of a state an admin added. */
export const deviceStateSchema = z.string().describe(`${DEVICE_STATES.join(', ')} or an added state's code`);

// ---------------------------------------------------------------------------------------------------
// Catalogue
// ---------------------------------------------------------------------------------------------------

export const softwareListQuerySchema = z.object({
  /** Part of the product name or publisher, case-insensitive. */
  search: z.string().trim().min(1).max(200).optional(),
  licensable: queryFlag.optional(),
  category: z.string().trim().min(1).max(100).optional(),
  limit: limit(500, 50),
  offset,
});
export type SoftwareListQuery = z.infer<typeof softwareListQuerySchema>;

export const softwareVersionCountSchema = z.object({
  version: z.string(),
  /** Distinct devices with this version installed. */
  installCount: count,
});
export type SoftwareVersionCount = z.infer<typeof softwareVersionCountSchema>;

export const softwareProductSchema = z.object({
  id,
  name: z.string(),
  publisher: z.string().nullable(),
  /** Set by hand (PATCH) or by a dictionary rule; the hand-set value wins. */
  category: z.string().nullable(),
  /** Whether licences are counted for it: a product attribute licence managers set. */
  licensable: z.boolean(),
  /** Distinct devices (any state) with at least one non-ignored version installed. */
  installCount: count,
  /** Newest first (version order, not text order). */
  versions: z.array(softwareVersionCountSchema),
});
export type SoftwareProduct = z.infer<typeof softwareProductSchema>;

export const softwareListSchema = z.object({
  items: z.array(softwareProductSchema),
  total: count,
  limit: count,
  offset: count,
});
export type SoftwareList = z.infer<typeof softwareListSchema>;

export const softwareDetailQuerySchema = z.object({
  /** Page of the devices that have the product. */
  limit: limit(500, 50),
  offset,
});
export type SoftwareDetailQuery = z.infer<typeof softwareDetailQuerySchema>;

export const softwareDeviceSchema = z.object({
  deviceId: id,
  hostname: z.string(),
  lastUser: z.string().nullable(),
  lastSeenAt: z.string(),
  state: deviceStateSchema,
  /** The product's versions installed on the device, newest first. */
  versions: z.array(z.string()),
});
export type SoftwareDevice = z.infer<typeof softwareDeviceSchema>;

export const softwareDetailSchema = softwareProductSchema.extend({
  /** The inventoried titles counted under this product (itself included when inventoried under its own name). */
  aliases: z.array(z.object({ id, name: z.string(), publisher: z.string().nullable() })),
  devices: z.object({ items: z.array(softwareDeviceSchema), total: count, limit: count, offset: count }),
});
export type SoftwareDetail = z.infer<typeof softwareDetailSchema>;

/** PATCH /api/v1/software/:id (licence managers and admins). */
export const softwarePatchBodySchema = z
  .strictObject({
    licensable: z.boolean(),
    category: z.string().trim().min(1).max(100).nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give licensable, category or both');
export type SoftwarePatchBody = z.infer<typeof softwarePatchBodySchema>;

// ---------------------------------------------------------------------------------------------------
// Normalisation rules (the dictionary)
// ---------------------------------------------------------------------------------------------------

/**
 * How a condition compares: `exact` and `prefix` ignore case, spacing and Unicode width; `regex` is a
 * JavaScript regular expression tested case-insensitively against the value as shown, refused when it
 * could backtrack catastrophically (nested or alternated quantified groups, back-references, more than
 * two unbounded repetitions, over 200 characters); values are tested on their first 160 characters.
 */
export const ruleMatchKindSchema = z.enum(RULE_MATCH_KINDS);

export const ruleConditionSchema = z.strictObject({
  match: ruleMatchKindSchema,
  value: z.string().trim().min(1).max(200),
});
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

/**
 * - `rename`: count under the product named `renameTo` (created when no inventoried product has that name);
 * - `map`: count under the existing product `productId`;
 * - `category`: set the category of the product it ends up in, and let later rules decide where that is;
 * - `ignore`: hide it from the catalogue and from compliance (update packages, runtimes…).
 * The first active matching `rename`, `map` or `ignore` rule decides; `category` may accompany `rename`
 * and `map` too. The first matching rule that carries a category gives it.
 */
export const ruleActionSchema = z.enum(RULE_ACTIONS);

const ruleFields = {
  /** What the rule is for, shown in lists. */
  label: z.string().trim().max(200).nullable(),
  active: z.boolean(),
  /** Conditions on the inventoried name, publisher and version; at least one is needed; all given must match. */
  name: ruleConditionSchema.nullable(),
  publisher: ruleConditionSchema.nullable(),
  version: ruleConditionSchema.nullable(),
  action: ruleActionSchema,
  /** `rename`: the product name, and its publisher (null keeps the inventoried publisher). */
  renameTo: z.strictObject({ name: z.string().trim().min(1).max(255), publisher: z.string().trim().min(1).max(255).nullable() }).nullable(),
  /** `map`: the product to count under. */
  productId: id.nullable(),
  /** Required for `category`; optional with `rename` and `map`. */
  category: z.string().trim().min(1).max(100).nullable(),
};

type RuleShape = z.infer<z.ZodObject<typeof ruleFields>>;

/** The field to blame when a rule's action lacks what it needs, or null when it is whole. */
export function ruleShapeProblem(r: Pick<RuleShape, 'name' | 'publisher' | 'version' | 'action' | 'renameTo' | 'productId' | 'category'>): { field: string; message: string } | null {
  if (!r.name && !r.publisher && !r.version) return { field: 'name', message: 'give at least one condition: name, publisher or version' };
  if (r.action === 'rename' && !r.renameTo) return { field: 'renameTo', message: 'a rename rule needs renameTo' };
  if (r.action === 'map' && !r.productId) return { field: 'productId', message: 'a map rule needs productId' };
  if (r.action === 'category' && !r.category) return { field: 'category', message: 'a category rule needs category' };
  if (r.action !== 'rename' && r.renameTo) return { field: 'renameTo', message: 'renameTo is only for rename rules' };
  if (r.action !== 'map' && r.productId) return { field: 'productId', message: 'productId is only for map rules' };
  if (r.action === 'ignore' && r.category) return { field: 'category', message: 'an ignore rule sets no category' };
  return null;
}

const checkWhole = (r: RuleShape, ctx: z.RefinementCtx) => {
  const p = ruleShapeProblem(r);
  if (p) ctx.addIssue({ code: 'custom', message: p.message, path: [p.field] });
};

/** A rule as written in a create or preview body: everything but the action has a default. */
const ruleInput = {
  label: ruleFields.label.default(null),
  active: ruleFields.active.default(true),
  name: ruleFields.name.default(null),
  publisher: ruleFields.publisher.default(null),
  version: ruleFields.version.default(null),
  action: ruleFields.action,
  renameTo: ruleFields.renameTo.default(null),
  productId: ruleFields.productId.default(null),
  category: ruleFields.category.default(null),
};

/** POST /api/v1/software-rules: appended last unless `position` is given (1 = first). */
export const softwareRuleCreateBodySchema = z
  .strictObject({ ...ruleInput, position: z.number().int().min(1).max(100_000).optional() })
  .superRefine(checkWhole);
export type SoftwareRuleCreateBody = z.infer<typeof softwareRuleCreateBodySchema>;

/** PATCH /api/v1/software-rules/:id: the rule must be whole after the change. */
export const softwareRulePatchBodySchema = z
  .strictObject(ruleFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type SoftwareRulePatchBody = z.infer<typeof softwareRulePatchBodySchema>;

export const softwareRuleSchema = z.object({
  id,
  /** Evaluation order: ascending, 1 first. */
  position: z.number().int(),
  ...ruleFields,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SoftwareRule = z.infer<typeof softwareRuleSchema>;

export const softwareRuleListSchema = z.object({ items: z.array(softwareRuleSchema) });
export type SoftwareRuleList = z.infer<typeof softwareRuleListSchema>;

/** POST /api/v1/software-rules/reorder: every rule id exactly once, first evaluated first. */
export const softwareRuleReorderBodySchema = z.strictObject({ ids: z.array(id).max(10_000) });

/**
 * POST /api/v1/software-rules/preview: what saving this rule and re-applying would move, nothing written.
 * Give `id` to preview a change to that rule (the body replaces it), else it is previewed as a new rule at
 * `position` (default last).
 */
export const softwareRulePreviewBodySchema = z
  .strictObject({
    ...ruleInput,
    id: id.optional(),
    position: z.number().int().min(1).max(100_000).optional(),
    /** Most moves listed. */
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .superRefine(checkWhole);
export type SoftwareRulePreviewBody = z.infer<typeof softwareRulePreviewBodySchema>;

const productRef = z.object({ id: id.nullable(), name: z.string(), publisher: z.string().nullable() });

/** One inventoried title and version whose placement would change. */
export const softwareRuleMoveSchema = z.object({
  /** The title as inventoried. */
  inventoried: z.object({ productId: id, name: z.string(), publisher: z.string().nullable(), version: z.string() }),
  /** Where it is counted now; null when it is ignored now. */
  from: productRef.nullable(),
  /** Where it would be counted; null when it would be ignored. `id` is null for a product a rename would create. */
  to: productRef.nullable(),
  /** The category this title-version gives its product, before and after (rule-given; a hand-set product category still wins). */
  category: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  /** Devices with this title and version installed. */
  devices: count,
});
export type SoftwareRuleMove = z.infer<typeof softwareRuleMoveSchema>;

export const softwareRulePreviewSchema = z.object({
  /** Inventoried title-versions the rule matches (whether or not an earlier rule already decides them). */
  matched: count,
  /** Title-versions whose product, ignored flag or category would change. */
  changed: count,
  /** Distinct devices whose installations would move or be hidden or shown. */
  devices: count,
  moves: z.array(softwareRuleMoveSchema),
  /** More moves exist than `limit` listed. */
  truncated: z.boolean(),
});
export type SoftwareRulePreview = z.infer<typeof softwareRulePreviewSchema>;

/** POST /api/v1/software-rules/apply: re-applies every rule to what is stored, in one transaction. */
export const softwareRuleApplyResultSchema = z.object({
  /** Inventoried title-versions examined. */
  examined: count,
  /** Title-versions now counted under another product. */
  moved: count,
  /** Title-versions newly ignored (hidden) and newly shown again. */
  hidden: count,
  shown: count,
  /** Installations (device × title-version) whose placement changed. */
  installations: count,
  /** Products created by rename rules. */
  productsCreated: count,
  /** Products whose rule-given category changed. */
  categoriesChanged: count,
});
export type SoftwareRuleApplyResult = z.infer<typeof softwareRuleApplyResultSchema>;
