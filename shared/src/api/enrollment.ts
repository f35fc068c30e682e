import { z } from 'zod';
import { pageSchema } from './common.js';
import { AGENT_STATES, ENROLLMENT_TOKEN_STATES, MAX_ID } from './enums.js';

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
  /** Agents enrolled with this token and not revoked (what revoking it with `revokeAgents` would stop). */
  activeAgents: z.number().int(),
});
export type EnrollmentToken = z.infer<typeof tokenSchema>;

export const tokenListSchema = z.object({ items: z.array(tokenSchema) });

export const createdTokenSchema = tokenSchema.extend({
  /** Shown once: only its hash is stored. */
  token: z.string(),
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;

/** `DELETE /api/v1/enrollment-tokens/:id?revokeAgents=true` also revokes every agent enrolled with it. */
export const revokeTokenQuerySchema = z.object({
  revokeAgents: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

/** Agents: each enrolled agent, its machine and the token it enrolled with. */
export const agentSchema = z.object({
  id: z.string(),
  hostname: z.string(),
  platform: z.string().nullable(),
  agentVersion: z.string().nullable(),
  enrolledAt: z.string(),
  lastContactAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  rekeyRequestedAt: z.string().nullable(),
  state: z.enum(AGENT_STATES),
  device: z.object({ id: z.number().int(), hostname: z.string() }).nullable(),
  enrollmentToken: z.object({ id: z.number().int(), prefix: z.string(), description: z.string().nullable() }).nullable(),
});
export type Agent = z.infer<typeof agentSchema>;

export const agentPageSchema = pageSchema(agentSchema);
export type AgentPage = z.infer<typeof agentPageSchema>;

export const listAgentsQuerySchema = z.object({
  state: z.enum(AGENT_STATES).optional(),
  /** Agent id, agent hostname or device hostname (part of). */
  search: z.string().trim().min(1).max(256).optional(),
  tokenId: z.coerce.number().int().positive().max(MAX_ID).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type ListAgentsQuery = z.input<typeof listAgentsQuerySchema>;

/** Agent ids are the agents' own (UUIDs), at most 128 characters as at enrollment. */
export const agentIdParamSchema = z.object({ id: z.string().trim().min(1).max(128) });
