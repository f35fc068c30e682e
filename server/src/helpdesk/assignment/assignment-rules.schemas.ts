import { z } from 'zod';
import { locationPath } from './assignment-rules.js';
import { bodyIdSchema } from '@parc/shared/api';

// The answers and the reorder body are shared with the web client (shared/src/api/assignment-rules.ts);
// the rule bodies stay here, next to how rules compare locations.
export { reorderBodySchema, ruleListSchema, ruleSchema } from '@parc/shared/api';

const name = z.string().trim().min(1, 'a rule needs a name').max(200);
const categoryId = bodyIdSchema.nullable();
// Locations compare as paths ("Paris > Building A"), so one made only of separators names nothing.
const location = z
  .string()
  .trim()
  .max(256)
  .refine((l) => locationPath(l).length > 0, 'must name a location (not empty, not only separators)')
  .nullable();
const groupId = bodyIdSchema;

const needsCondition = { error: 'give a categoryId, a location or both', path: ['categoryId'] };

export const createRuleBodySchema = z
  .strictObject({ name, categoryId: categoryId.optional(), location: location.optional(), groupId, active: z.boolean().default(true) })
  .refine((r) => (r.categoryId ?? null) !== null || (r.location ?? null) !== null, needsCondition);
export type CreateRuleBody = z.infer<typeof createRuleBodySchema>;

export const patchRuleBodySchema = z
  .strictObject({ name, categoryId, location, groupId, active: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type PatchRuleBody = z.infer<typeof patchRuleBodySchema>;
