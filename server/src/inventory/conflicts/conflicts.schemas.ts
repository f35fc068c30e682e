import { z } from 'zod';

export const conflictSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  agentId: z.string().nullable(),
  hostname: z.string().nullable(),
  identity: z.record(z.string(), z.unknown()),
  chosenDeviceId: z.number().int().nullable(),
  candidateIds: z.array(z.number().int()),
  rule: z.string(),
  reason: z.string(),
  resolvedAt: z.string().nullable(),
});

export const listConflictsQuerySchema = z.object({
  state: z.enum(['open', 'resolved', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListConflictsQuery = z.infer<typeof listConflictsQuerySchema>;

export const listConflictsResponseSchema = z.object({ items: z.array(conflictSchema), total: z.number().int() });
