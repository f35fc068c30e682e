import { z } from 'zod';

// Answers are shared with the web client (shared/src/api/conflicts.ts); the list query stays here, since
// only the server reads query strings (coercions, defaults).
export { conflictSchema, listConflictsResponseSchema } from '@parc/shared/api';

export const listConflictsQuerySchema = z.object({
  state: z.enum(['open', 'resolved', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListConflictsQuery = z.infer<typeof listConflictsQuerySchema>;
