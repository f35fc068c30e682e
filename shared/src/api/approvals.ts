import { z } from 'zod';
import {
  APPROVAL_ANSWERS,
  APPROVAL_ITEM_KINDS,
  APPROVAL_LIST_STATES,
  APPROVAL_MODES,
  APPROVAL_ROUND_STATUSES,
  APPROVAL_STATUSES,
  APPROVER_STATES,
  MAX_APPROVERS,
} from './approval-enums.js';
import { bodyIdSchema, listSchema, userRefSchema } from './common.js';

/**
 * Approvals (validations) of an ITIL object — a ticket, a problem or a change: a round names approvers (users,
 * or groups any of whose active members may answer) and a mode (any-of / all-of); each approver approves or
 * refuses (with a comment), once; the round settles as approved or refused. A new round on the same item
 * supersedes a pending one.
 *
 * @example
 * // ask two people and the CAB group, all of them must approve
 * const body: RequestApprovalBody = { approverUserIds: [4, 9], approverGroupIds: [2], mode: 'all' };
 * // answer a round
 * const answer: AnswerApprovalBody = { answer: 'refuse', comment: 'No rollback plan' };
 */

export {
  APPROVAL_ANSWERS,
  APPROVAL_ITEM_KINDS,
  APPROVAL_LIST_STATES,
  APPROVAL_MODES,
  APPROVAL_ROUND_STATUSES,
  APPROVAL_STATUSES,
  APPROVER_STATES,
  MAX_APPROVERS,
  type ApprovalAnswer,
  type ApprovalItemKind,
  type ApprovalListState,
  type ApprovalMode,
  type ApprovalRoundStatus,
  type ApprovalStatus,
  type ApproverState,
} from './approval-enums.js';

const approverIds = z.array(bodyIdSchema).max(MAX_APPROVERS);
const comment = z.string().trim().max(5000);

/**
 * The approver fields of a request, without the "at least one approver" rule: other bodies (a change's
 * `submit-for-approval` action) extend it, then apply `hasApprovers`.
 */
export const approvalRequestFieldsSchema = z.object({
  approverUserIds: approverIds.default([]),
  approverGroupIds: approverIds.default([]),
  mode: z.enum(APPROVAL_MODES).default('all'),
  /** Why the approval is asked, shown to the approvers. */
  comment: comment.optional(),
});

/** True when a request names at least one approver and no more than MAX_APPROVERS in all. */
export function hasApprovers(v: { approverUserIds: readonly number[]; approverGroupIds: readonly number[] }): boolean {
  const n = new Set(v.approverUserIds).size + new Set(v.approverGroupIds).size;
  return n > 0 && n <= MAX_APPROVERS;
}
const approversMessage = { message: `name between 1 and ${MAX_APPROVERS} approvers (users or groups)`, path: ['approverUserIds'] };

/** `POST /api/v1/tickets/:id/approvals`: ask for a new round (supersedes a pending one). */
export const requestApprovalBodySchema = approvalRequestFieldsSchema.strict().refine(hasApprovers, approversMessage);
export type RequestApprovalBody = z.infer<typeof requestApprovalBodySchema>;
export type RequestApprovalInput = z.input<typeof requestApprovalBodySchema>;

/** `POST /api/v1/approvals/:id/answer` (`:id` the round): approve, or refuse with a comment. */
export const answerApprovalBodySchema = z
  .strictObject({ answer: z.enum(APPROVAL_ANSWERS), comment: comment.optional() })
  .refine((v) => v.answer === 'approve' || (v.comment ?? '').length > 0, {
    message: 'a refusal needs a comment saying why',
    path: ['comment'],
  });
export type AnswerApprovalBody = z.infer<typeof answerApprovalBodySchema>;

/** `GET /api/v1/approvals?state=pending|answered`: the caller's approvals. */
export const approvalListQuerySchema = z.object({ state: z.enum(APPROVAL_LIST_STATES).default('pending') });
export type ApprovalListQuery = z.infer<typeof approvalListQuerySchema>;

/** A category's approval setting: a request opened in it gets a round with these approvers. */
export const categoryApprovalBodySchema = approvalRequestFieldsSchema
  .omit({ comment: true })
  .strict()
  .refine(hasApprovers, approversMessage);
export type CategoryApprovalBody = z.infer<typeof categoryApprovalBodySchema>;
export type CategoryApprovalInput = z.input<typeof categoryApprovalBodySchema>;

// ---- answers ----

const groupRefSchema = z.object({ id: z.number().int(), name: z.string() });

/** One approver of a round: a user, or a group (then `answeredBy` is the member who answered). */
export const approverSchema = z.object({
  id: z.number().int(),
  user: userRefSchema.nullable(),
  group: groupRefSchema.nullable(),
  state: z.enum(APPROVER_STATES),
  comment: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: userRefSchema.nullable(),
});
export type Approver = z.infer<typeof approverSchema>;

/** One round: its mode, who asked, its approvers and their answers, and how it settled. */
export const approvalRoundSchema = z.object({
  id: z.number().int(),
  itemId: z.number().int(),
  mode: z.enum(APPROVAL_MODES),
  status: z.enum(APPROVAL_ROUND_STATUSES),
  comment: z.string().nullable(),
  requestedBy: userRefSchema.nullable(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
  approvers: z.array(approverSchema),
  /** True when the caller may answer this round now. */
  canAnswer: z.boolean(),
});
export type ApprovalRound = z.infer<typeof approvalRoundSchema>;

/** `GET /api/v1/{tickets|problems|changes}/:id/approvals`: the item's status (its latest round's) and rounds, newest first. */
export const approvalSummarySchema = z.object({
  status: z.enum(APPROVAL_STATUSES),
  rounds: z.array(approvalRoundSchema),
});
export type ApprovalSummary = z.infer<typeof approvalSummarySchema>;

/** One line of the caller's approvals list: the round, the item it is about, and how the caller is asked. */
export const myApprovalSchema = z.object({
  roundId: z.number().int(),
  item: z.object({ id: z.number().int(), kind: z.enum(APPROVAL_ITEM_KINDS), title: z.string(), status: z.string() }),
  mode: z.enum(APPROVAL_MODES),
  status: z.enum(APPROVAL_ROUND_STATUSES),
  comment: z.string().nullable(),
  requestedBy: userRefSchema.nullable(),
  createdAt: z.string(),
  /** The groups through which the caller is asked (empty when named in person). */
  viaGroups: z.array(groupRefSchema),
  /** For `state=answered`: the caller's answer. */
  answer: z.enum(APPROVER_STATES),
  answeredAt: z.string().nullable(),
});
export type MyApproval = z.infer<typeof myApprovalSchema>;

export const myApprovalListSchema = listSchema(myApprovalSchema);
export type MyApprovalList = z.infer<typeof myApprovalListSchema>;

/** `GET|PUT /api/v1/ticket-categories/:id/approval`: the category's setting (null: requests in it need no approval). */
export const categoryApprovalSchema = z.object({
  categoryId: z.number().int(),
  approval: z
    .object({
      mode: z.enum(APPROVAL_MODES),
      users: z.array(userRefSchema),
      groups: z.array(groupRefSchema),
    })
    .nullable(),
});
export type CategoryApproval = z.infer<typeof categoryApprovalSchema>;
