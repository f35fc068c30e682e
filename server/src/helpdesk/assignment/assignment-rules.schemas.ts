import { z } from 'zod';
import { bodyIdSchema } from '@parc/shared/api';

// The answers and the reorder body are shared with the web client (shared/src/api/assignment-rules.ts);
// the rule bodies stay here, next to how rules compare locations.
export { reorderBodySchema, ruleListSchema, ruleSchema } from '@parc/shared/api';

const name = z.string().trim().min(1, 'a rule needs a name').max(200);
const categoryId = bodyIdSchema.nullable();
// A node of the location tree; tickets from devices placed there or below match.
const locationId = bodyIdSchema.nullable();
const groupId = bodyIdSchema;

const needsCondition = { error: 'give a categoryId, a locationId or both', path: ['categoryId'] };

export const createRuleBodySchema = z
  .strictObject({ name, categoryId: categoryId.optional(), locationId: locationId.optional(), groupId, active: z.boolean().default(true) })
  .refine((r) => (r.categoryId ?? null) !== null || (r.locationId ?? null) !== null, needsCondition);
export type CreateRuleBody = z.infer<typeof createRuleBodySchema>;

export const patchRuleBodySchema = z
  .strictObject({ name, categoryId, locationId, groupId, active: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type PatchRuleBody = z.infer<typeof patchRuleBodySchema>;
