import { z } from 'zod';

/** The one error shape every Parc route answers with. */
export const apiErrorSchema = z.object({
  error: z.object({
    /** Machine-readable: `validation_failed`, `unauthorized`, `reenroll_required`, `not_found`… */
    code: z.string(),
    message: z.string(),
    /** The offending field, dotted (`hardware.serial`), when one is to blame. */
    field: z.string().optional(),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** Error code a Parc server answers (with 401) when the agent must enroll again. */
export const REENROLL_REQUIRED = 'reenroll_required';

/**
 * Error code (with 401) when an administrator asked this agent to change its key: the agent calls
 * `POST /api/v1/agent/rekey` with its current key and uses the key it gets back from then on.
 */
export const REKEY_REQUIRED = 'rekey_required';

/** Enrollment refused (409): the agent id belongs to another enrolled agent, or to a revoked one. */
export const AGENT_ID_TAKEN = 'agent_id_taken';
export const AGENT_REVOKED = 'agent_revoked';

export const enrollRequestSchema = z.object({
  enrollmentToken: z.string().trim().min(1).max(256),
  hostname: z.string().trim().min(1).max(255),
  /** The agent's own stable id, when it already has one. */
  agentId: z.string().trim().min(1).max(128).optional(),
  serial: z.string().trim().max(256).optional(),
  uuid: z.string().trim().max(64).optional(),
  macs: z.array(z.string().trim().max(64)).max(256).optional(),
  platform: z.string().trim().max(32).optional(),
  agentVersion: z.string().trim().max(64).optional(),
});
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export const enrollResponseSchema = z.object({
  agentId: z.string(),
  agentKey: z.string(),
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

export const inventoryResponseSchema = z.object({
  deviceId: z.number().int(),
  /** `unchanged` when the inventory matched what was stored and only last-seen was written. */
  status: z.enum(['created', 'updated', 'unchanged']),
  changes: z.object({
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
  }),
  warnings: z.array(z.object({ path: z.string(), message: z.string() })),
  matchedBy: z.string(),
  /** The server lacks sections of this device (it was unknown, or its data was lost): send a full inventory next. */
  requestFull: z.boolean().optional(),
});
export type InventoryResponse = z.infer<typeof inventoryResponseSchema>;

/** `parc-agent ticket`: a ticket opened from the endpoint itself, linked to the agent's device. */
export const agentTicketRequestSchema = z.object({
  title: z.string().trim().min(1).max(255),
  description: z.string().trim().max(50_000).optional(),
  urgency: z.number().int().min(1).max(5).optional(),
  /** The user logged in on the machine (`DOMAIN\\user` or `user`); becomes the requester when Parc knows them. */
  username: z.string().trim().max(256).optional(),
});
export type AgentTicketRequest = z.infer<typeof agentTicketRequestSchema>;

export const agentTicketResponseSchema = z.object({
  ticketId: z.number().int(),
  /** Whether the logged-in user was found among Parc's users and is the requester. */
  requesterKnown: z.boolean(),
});
export type AgentTicketResponse = z.infer<typeof agentTicketResponseSchema>;
