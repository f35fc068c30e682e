import { z } from 'zod';
import { ENROLLMENT_TOKEN_STATES } from './enums.js';

/** Enrollment tokens: what an admin hands to agents so they can enroll. */

export const createTokenBodySchema = z
  .object({
    description: z.string().trim().max(256).optional(),
    /** Days until the token stops working; absent means it never expires (revoke it instead). */
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .default({});
export type CreateTokenInput = z.input<typeof createTokenBodySchema>;

export const tokenSchema = z.object({
  id: z.number().int(),
  prefix: z.string(),
  description: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  useCount: z.number().int(),
  state: z.enum(ENROLLMENT_TOKEN_STATES),
});
export type EnrollmentToken = z.infer<typeof tokenSchema>;

export const tokenListSchema = z.object({ items: z.array(tokenSchema) });

export const createdTokenSchema = tokenSchema.extend({
  /** Shown once: only its hash is stored. */
  token: z.string(),
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;
