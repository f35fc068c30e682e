import { z } from 'zod';
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS, API_TOKEN_SCOPES, API_TOKEN_STATES } from './token-scopes.js';

/** Personal API tokens: `/api/v1/me/tokens` (your own) and `/api/v1/api-tokens` (admins: everyone's). */

export const apiTokenScopeSchema = z.enum(API_TOKEN_SCOPES as unknown as [string, ...string[]]);

export const createApiTokenBodySchema = z.object({
  name: z.string().trim().min(1, 'a name, to recognise the token by').max(100),
  scopes: z
    .array(apiTokenScopeSchema)
    .min(1, 'at least one scope')
    .max(API_TOKEN_SCOPES.length)
    .refine((s) => new Set(s).size === s.length, 'each scope once'),
  expiresInDays: z.number().int().min(1).max(API_TOKEN_MAX_DAYS).default(API_TOKEN_DEFAULT_DAYS),
});
export type CreateApiTokenBody = z.input<typeof createApiTokenBodySchema>;

export const apiTokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The token's first characters, to recognise it. */
  prefix: z.string(),
  scopes: z.array(z.string()),
  state: z.enum(API_TOKEN_STATES),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  lastUsedAddress: z.string().nullable(),
  revokedAt: z.string().nullable(),
  owner: z.object({ id: z.number().int(), username: z.string() }),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });

/** The answer to a creation: the token itself, shown this once. */
export const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

export const apiTokenListQuerySchema = z.object({
  userId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  state: z.enum(API_TOKEN_STATES).optional(),
});
