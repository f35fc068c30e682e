import { z } from 'zod';

export const createTokenBodySchema = z
  .object({
    description: z.string().trim().max(256).optional(),
    /** Days until the token stops working; absent means it never expires (revoke it instead). */
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .default({});

export const tokenSchema = z.object({
  id: z.number().int(),
  prefix: z.string(),
  description: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  useCount: z.number().int(),
  state: z.enum(['active', 'expired', 'revoked']),
});

export const createdTokenSchema = tokenSchema.extend({
  /** Shown once: only its hash is stored. */
  token: z.string(),
});
