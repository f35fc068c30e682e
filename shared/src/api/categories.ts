import { z } from 'zod';
import { bodyIdSchema } from './common.js';

/** Ticket categories: a tree whose paths read "Hardware > Laptop". */

const name = z
  .string()
  .trim()
  .min(1, 'a category needs a name')
  .max(128)
  // ">" separates levels in paths ("Hardware > Laptop"); allowing it would make paths ambiguous.
  .refine((s) => !s.includes('>') && !/\p{Cc}/u.test(s), 'must not contain ">" or control characters');

const parentId = bodyIdSchema.nullable();

export const createCategoryBodySchema = z.strictObject({ name, parentId: parentId.optional() });
export type CreateCategoryBody = z.infer<typeof createCategoryBodySchema>;

export const patchCategoryBodySchema = z
  .strictObject({ name, parentId })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one of name, parentId');
export type PatchCategoryBody = z.infer<typeof patchCategoryBodySchema>;

export const categorySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  parentId: z.number().int().nullable(),
  /** Names from the root, joined by " > ". */
  path: z.string(),
  depth: z.number().int(),
});
export type Category = z.infer<typeof categorySchema>;

export const categoryListSchema = z.object({
  items: z.array(
    categorySchema.extend({
      children: z.array(z.record(z.string(), z.unknown())).optional().describe('With ?tree=1: the subcategories, each of this same shape'),
    }),
  ),
});
