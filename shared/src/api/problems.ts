import { z } from 'zod';
import { bodyIdsSchema as ids, pageSchema } from './common.js';
import { PROBLEM_STATUSES } from './itil-enums.js';
import { itilCreateFields, itilDetailFields, itilLongText as longText, itilPatchFields, itilSummaryFields, itilText as text } from './itil-fields.js';
import { itilListQuerySchema, itilRefSchema } from './itil.js';

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

export const createProblemBodySchema = z.object({
  ...itilCreateFields,
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
    ...itilPatchFields,
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
  ...itilSummaryFields,
  status: z.enum(PROBLEM_STATUSES),
  /** How many tickets the problem gathers. */
  ticketCount: z.number().int(),
});
export type ProblemSummary = z.infer<typeof problemSummarySchema>;

export const listProblemsResponseSchema = pageSchema(problemSummarySchema);
export type ProblemPage = z.infer<typeof listProblemsResponseSchema>;

export const problemDetailSchema = problemSummarySchema.extend({
  ...itilDetailFields,
  impactAnalysis: z.string().nullable(),
  rootCause: z.string().nullable(),
  workaround: z.string().nullable(),
  permanentFix: z.string().nullable(),
  /** The text given when solved (by hand, or naming the change that solved it). */
  solution: z.string().nullable(),
  tickets: z.array(itilRefSchema),
  changes: z.array(itilRefSchema),
});
export type ProblemDetail = z.infer<typeof problemDetailSchema>;
