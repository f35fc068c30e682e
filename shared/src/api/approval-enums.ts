// No zod here: the web client imports this module at run time (`@parc/shared/api/approval-enums`) and stays
// small. The schemas in approvals.ts build their enums from these lists.

/** How a round's approvers decide: `any` — one approval suffices; `all` — every approver must approve. */
export const APPROVAL_MODES = ['any', 'all'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

/** What an approver answers (request body). */
export const APPROVAL_ANSWERS = ['approve', 'refuse'] as const;
export type ApprovalAnswer = (typeof APPROVAL_ANSWERS)[number];

/** Where one approver of a round stands. */
export const APPROVER_STATES = ['pending', 'approved', 'refused'] as const;
export type ApproverState = (typeof APPROVER_STATES)[number];

/**
 * Where a round stands: pending until its approvers' answers settle it; `superseded` when a newer round on the
 * same item replaced it while it was still pending (its answers no longer count).
 */
export const APPROVAL_ROUND_STATUSES = ['pending', 'approved', 'refused', 'superseded'] as const;
export type ApprovalRoundStatus = (typeof APPROVAL_ROUND_STATUSES)[number];

/** An item's approval status: that of its latest round, `none` when it never had one. */
export const APPROVAL_STATUSES = ['none', 'pending', 'approved', 'refused'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** The ITIL objects approvals are about (rows of the tickets table, told apart by their kind). */
export const APPROVAL_ITEM_KINDS = ['ticket', 'problem', 'change'] as const;
export type ApprovalItemKind = (typeof APPROVAL_ITEM_KINDS)[number];

/** Which approvals the caller lists: those waiting for their answer, or those they answered. */
export const APPROVAL_LIST_STATES = ['pending', 'answered'] as const;
export type ApprovalListState = (typeof APPROVAL_LIST_STATES)[number];

/** Most approvers (users plus groups) one round may name. */
export const MAX_APPROVERS = 50;
