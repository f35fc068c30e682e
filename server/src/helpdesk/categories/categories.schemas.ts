import { z } from 'zod';

// Bodies and answers are shared with the web client (shared/src/api/categories.ts); the list query stays here.
export { categoryListSchema, categorySchema, createCategoryBodySchema, patchCategoryBodySchema, type CreateCategoryBody, type PatchCategoryBody } from '@parc/shared/api';

export const listCategoriesQuerySchema = z.object({
  /** 1 or true: nested (roots with children); otherwise a flat depth-first list. */
  tree: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});
