import { z } from 'zod';
import { MAX_ID } from './enums.js';

/** The audit log (`GET /api/v1/audit`, admins): who did what to which thing, from where, newest first. */

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  actor: z.object({ userId: z.number().int().nullable(), username: z.string().nullable(), agentId: z.string().nullable() }),
  address: z.string().nullable(),
  target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }).nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** One page; `nextBefore` is the `before` of the next (older) page, null on the last one. */
export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), nextBefore: z.number().int().nullable() });
export type AuditPage = z.infer<typeof auditPageSchema>;

const dateTime = z.string().trim().refine((s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), 'a date (2026-11-30) or date-time (2026-11-30T14:00:00Z)');

export const auditQuerySchema = z.object({
  /** One action or several, comma-separated (`auth.login_failed,user.role_changed`). */
  action: z.string().trim().max(2000).optional(),
  /** The actor's username, exactly (case-insensitive). */
  actor: z.string().trim().min(1).max(128).optional(),
  actorUserId: z.coerce.number().int().min(1).max(MAX_ID).optional(),
  targetType: z.string().trim().min(1).max(64).optional(),
  targetId: z.string().trim().min(1).max(128).optional(),
  address: z.string().trim().min(1).max(64).optional(),
  /** From this instant (inclusive); a bare date is its midnight UTC. */
  since: dateTime.optional(),
  /** Until this instant (exclusive); a bare date is its midnight UTC. */
  until: dateTime.optional(),
  /** Keyset paging: entries older than this id (the previous page's `nextBefore`). */
  before: z.coerce.number().int().min(1).max(MAX_ID).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;
