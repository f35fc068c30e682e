import { z } from 'zod';
import { bodyIdSchema as id, bodyIdsSchema as ids, pageSchema, userRefSchema } from './common.js';
import { PROBLEM_STATUSES } from './itil-enums.js';
import { itilListQuerySchema, itilRefSchema } from './itil.js';
import { taskSchema, ticketDeviceSchema, timelineEntrySchema } from './tickets.js';

/**
 * Problems: the root cause behind several incidents. Opening (from a set of tickets), editing, the
 * workflow actions, and the list and page. Followups, tasks and devices take the same bodies as a
 * ticket's (`followupBodySchema`, `taskBodySchema`, `patchTaskBodySchema`, `linkDeviceBodySchema`);
 * links take `itilLinkBodySchema`.
 *
 * @example
 * // POST /api/v1/problems — three incidents with one cause
 * createProblemBodySchema.parse({ title: 'VPN drops', description: '…', ticketIds: [11, 12, 13] });
 */

const level = z.number().int().min(1).max(5);
const longText = z.string().trim().max(50_000);
const text = (field: string) => z.string().trim().min(1, `${field} is required`).max(50_000);

export const createProblemBodySchema = z.object({
  title: z.string().trim().min(1).max(255),
  description: text('description'),
  urgency: level.default(3),
  impact: level.default(3),
  /** Explicit priority (6 = major, admins only); absent means the urgency × impact matrix decides. */
  priority: z.number().int().min(1).max(6).optional(),
  categoryId: id.optional(),
  /** What the problem affects, in words. */
  impactAnalysis: longText.optional(),
  rootCause: longText.optional(),
  /** What users can do meanwhile; the linked tickets show it to their requesters. */
  workaround: longText.optional(),
  permanentFix: longText.optional(),
  /** The tickets (incidents) the problem gathers: a problem opened from a set of tickets. */
  ticketIds: ids.default([]),
  deviceIds: ids.default([]),
});
export type CreateProblemBody = z.infer<typeof createProblemBodySchema>;
export type CreateProblemInput = z.input<typeof createProblemBodySchema>;

export const patchProblemBodySchema = z
  .object({
    title: z.string().trim().min(1).max(255),
    description: text('description'),
    urgency: level,
    impact: level,
    priority: z.number().int().min(1).max(6),
    categoryId: id.nullable(),
    impactAnalysis: longText.nullable(),
    rootCause: longText.nullable(),
    workaround: longText.nullable(),
    permanentFix: longText.nullable(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type PatchProblemBody = z.infer<typeof patchProblemBodySchema>;

/** Workflow actions on a problem (staff only); see the server's helpdesk/itil/problem-kind.ts for the statuses that offer each. */
export const problemActionBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), userIds: ids.optional(), groupIds: ids.optional() }),
  z.object({ action: z.literal('take') }),
  z.object({ action: z.literal('unassign'), userIds: ids.optional(), groupIds: ids.optional() }),
  /** new → accepted: the problem is real and will be worked. */
  z.object({ action: z.literal('accept') }),
  /** new or accepted → analysis. */
  z.object({ action: z.literal('analyse') }),
  z.object({ action: z.literal('solve'), solution: text('solution') }),
  z.object({ action: z.literal('close') }),
  z.object({ action: z.literal('reopen'), reason: z.string().trim().max(5000).optional() }),
]);
export type ProblemActionBody = z.infer<typeof problemActionBodySchema>;

export const listProblemsQuerySchema = itilListQuerySchema(PROBLEM_STATUSES);
export type ListProblemsQuery = z.infer<typeof listProblemsQuerySchema>;
export type ListProblemsQueryInput = z.input<typeof listProblemsQuerySchema>;

// ---- answers ----

export const problemSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.enum(PROBLEM_STATUSES),
  urgency: z.number().int(),
  impact: z.number().int(),
  priority: z.number().int(),
  categoryId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** How many tickets the problem gathers. */
  ticketCount: z.number().int(),
  deviceIds: z.array(z.number().int()),
});
export type ProblemSummary = z.infer<typeof problemSummarySchema>;

export const listProblemsResponseSchema = pageSchema(problemSummarySchema);
export type ProblemPage = z.infer<typeof listProblemsResponseSchema>;

export const problemDetailSchema = problemSummarySchema.extend({
  description: z.string(),
  impactAnalysis: z.string().nullable(),
  rootCause: z.string().nullable(),
  workaround: z.string().nullable(),
  permanentFix: z.string().nullable(),
  /** The text given when solved (by hand, or naming the change that solved it). */
  solution: z.string().nullable(),
  /** Who opened it. */
  author: userRefSchema.nullable(),
  assignees: z.object({ users: z.array(userRefSchema), groups: z.array(z.object({ id: z.number().int(), name: z.string() })) }),
  devices: z.array(ticketDeviceSchema),
  tickets: z.array(itilRefSchema),
  changes: z.array(itilRefSchema),
  tasks: z.array(taskSchema),
  timeline: z.array(timelineEntrySchema),
  /** What the caller may do now, in the workflow's terms. */
  availableActions: z.array(z.string()),
});
export type ProblemDetail = z.infer<typeof problemDetailSchema>;
