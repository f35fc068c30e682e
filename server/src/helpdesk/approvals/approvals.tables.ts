import type { Generated } from 'kysely';
import type { Timestamp } from '../column-types.js';
import type { ApprovalMode, ApprovalRoundStatus } from '@parc/shared/api/approval-enums';

export interface ApprovalRoundsTable {
  id: Generated<number>;
  /** A row of `tickets`: a ticket, a problem or a change. */
  item_id: number;
  mode: ApprovalMode;
  status: Generated<ApprovalRoundStatus>;
  comment: string | null;
  requested_by: number | null;
  created_at: Timestamp;
  settled_at: Timestamp | null;
}

export interface ApprovalApproversTable {
  id: Generated<number>;
  round_id: number;
  user_id: number | null;
  group_id: number | null;
  answer: 'approved' | 'refused' | null;
  comment: string | null;
  answered_at: Timestamp | null;
  answered_by: number | null;
}

export interface CategoryApprovalsTable {
  category_id: number;
  mode: ApprovalMode;
  updated_at: Timestamp;
}

export interface CategoryApproversTable {
  id: Generated<number>;
  category_id: number;
  user_id: number | null;
  group_id: number | null;
}

/** Written only by the approvals feature's repository. */
export interface ApprovalTables {
  approval_rounds: ApprovalRoundsTable;
  approval_approvers: ApprovalApproversTable;
  category_approvals: CategoryApprovalsTable;
  category_approvers: CategoryApproversTable;
}
