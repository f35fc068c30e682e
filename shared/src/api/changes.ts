import { z } from 'zod';
import { bodyIdsSchema as ids, pageSchema } from './common.js';
import { CHANGE_APPROVAL_MODES, CHANGE_APPROVAL_STATES, CHANGE_RISKS, CHANGE_STATUSES } from './itil-enums.js';
import { itilCreateFields, itilDetailFields, itilLongText as longText, itilPatchFields, itilSummaryFields } from './itil-fields.js';
import { itilListQuerySchema, itilRefSchema } from './itil.js';
import { ticketInstantSchema } from './tickets.js';

/**
 * Changes: a planned modification of systems, assessed and approved before it is carried out. Opening,
 * editing, the workflow actions (submitting for approval names the approvers), and the list and page.
 * Followups, tasks and devices take the same bodies as a ticket's; links take `itilLinkBodySchema`.
 *
 * @example
 * // POST /api/v1/changes/7/actions — two approvers must both say yes
 * changeActionBodySchema.parse({ action: 'submit-for-approval', approverUserIds: [3, 4], mode: 'all' });
 */

const when = ticketInstantSchema;

const plannedOrder = <T extends { plannedStart?: string | null; plannedEnd?: string | null }>(v: T) =>
  !v.plannedStart || !v.plannedEnd || new Date(v.plannedEnd) > new Date(v.plannedStart);
const plannedOrderIssue = { message: 'plannedEnd must be after plannedStart', path: ['plannedEnd'] };

export const createChangeBodySchema = z
  .object({
    ...itilCreateFields,
    risk: z.enum(CHANGE_RISKS).default('medium'),
    impactAnalysis: longText.optional(),
    rolloutPlan: longText.optional(),
    backupPlan: longText.optional(),
    rollbackPlan: longText.optional(),
    plannedStart: when.optional(),
    plannedEnd: when.optional(),
    /** The devices the change will be applied to. */
    deviceIds: ids.default([]),
    ticketIds: ids.default([]),
    /** The problems this change fixes: each is solved when the change closes. */
    problemIds: ids.default([]),
  })
  .refine(plannedOrder, plannedOrderIssue);
export type CreateChangeBody = z.infer<typeof createChangeBodySchema>;
export type CreateChangeInput = z.input<typeof createChangeBodySchema>;

/** Editing a change; refused while it waits for approval (what the approvers judge must not move under them). */
export const patchChangeBodySchema = z
  .object({
    ...itilPatchFields,
    risk: z.enum(CHANGE_RISKS),
    impactAnalysis: longText.nullable(),
    rolloutPlan: longText.nullable(),
    backupPlan: longText.nullable(),
    rollbackPlan: longText.nullable(),
    plannedStart: when.nullable(),
    plannedEnd: when.nullable(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change')
  .refine(plannedOrder, plannedOrderIssue);
export type PatchChangeBody = z.infer<typeof patchChangeBodySchema>;

/**
 * Workflow actions on a change (staff only); see the server's helpdesk/itil/change-kind.ts. Nobody moves a
 * change out of `approval` by hand: the approvers' answers do (approved → accepted, refused → refused).
 */
export const changeActionBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), userIds: ids.optional(), groupIds: ids.optional() }),
  z.object({ action: z.literal('take') }),
  z.object({ action: z.literal('unassign'), userIds: ids.optional(), groupIds: ids.optional() }),
  /** new → evaluation. */
  z.object({ action: z.literal('evaluate') }),
  /** evaluation → approval: opens an approval round with these approvers. */
  z
    .object({
      action: z.literal('submit-for-approval'),
      approverUserIds: ids.default([]),
      approverGroupIds: ids.default([]),
      mode: z.enum(CHANGE_APPROVAL_MODES).default('all'),
      comment: z.string().trim().max(5000).optional(),
    })
    .refine((a) => a.approverUserIds.length + a.approverGroupIds.length > 0, {
      message: 'name at least one approver (user or group)',
      path: ['approverUserIds'],
    }),
  /** refused → evaluation, after amending the change. */
  z.object({ action: z.literal('re-evaluate'), reason: z.string().trim().max(5000).optional() }),
  /** accepted → test. */
  z.object({ action: z.literal('start-test') }),
  /** test → qualification. */
  z.object({ action: z.literal('qualify') }),
  /** accepted, test or qualification → applied: writes a line in each linked device's history. */
  z.object({ action: z.literal('apply'), note: z.string().trim().max(5000).optional() }),
  /** applied → review. */
  z.object({ action: z.literal('review') }),
  /** applied or review → closed: the linked problems it fixes are solved. */
  z.object({ action: z.literal('close') }),
]);
export type ChangeActionBody = z.infer<typeof changeActionBodySchema>;
export type ChangeActionInput = z.input<typeof changeActionBodySchema>;

export const listChangesQuerySchema = itilListQuerySchema(CHANGE_STATUSES);
export type ListChangesQuery = z.infer<typeof listChangesQuerySchema>;
export type ListChangesQueryInput = z.input<typeof listChangesQuerySchema>;

// ---- answers ----

export const changeSummarySchema = z.object({
  ...itilSummaryFields,
  status: z.enum(CHANGE_STATUSES),
  risk: z.enum(CHANGE_RISKS),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
});
export type ChangeSummary = z.infer<typeof changeSummarySchema>;

export const listChangesResponseSchema = pageSchema(changeSummarySchema);
export type ChangePage = z.infer<typeof listChangesResponseSchema>;

export const changeDetailSchema = changeSummarySchema.extend({
  ...itilDetailFields,
  impactAnalysis: z.string().nullable(),
  rolloutPlan: z.string().nullable(),
  backupPlan: z.string().nullable(),
  rollbackPlan: z.string().nullable(),
  /** When it was applied to its devices; null before. */
  appliedAt: z.string().nullable(),
  /** Where its approval stands (the rounds themselves: GET /api/v1/changes/:id/approvals). */
  approvalStatus: z.enum(CHANGE_APPROVAL_STATES),
  tickets: z.array(itilRefSchema),
  problems: z.array(itilRefSchema),
});
export type ChangeDetail = z.infer<typeof changeDetailSchema>;
