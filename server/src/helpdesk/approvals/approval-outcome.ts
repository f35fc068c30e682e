import type { ApprovalMode, ApprovalRoundStatus, ApprovalStatus } from '@parc/shared/api/approval-enums';

/**
 * The rules of an approval round, pure: who answers for which approver, and when a round settles.
 *
 * - An approver is a user, or a group any of whose active members answers for it.
 * - A person answers a round once: the answer fills their own approver and every still-unanswered group
 *   approver they are an active member of (they speak for themselves and for the groups that asked them).
 * - `any`: approved as soon as one approver approves; refused only when every approver refused (until
 *   then someone may still approve).
 * - `all`: approved when every approver approved; refused as soon as one refuses.
 * - A settled or superseded round takes no more answers; a new round on an item supersedes its pending one.
 */

export type Answer = 'approved' | 'refused';

export interface ApproverSlot {
  id: number;
  userId: number | null;
  groupId: number | null;
  answer: Answer | null;
  answeredBy: number | null;
}

export interface RoundFacts {
  mode: ApprovalMode;
  status: ApprovalRoundStatus;
  approvers: readonly ApproverSlot[];
}

/** The person answering: their id and the groups they are an active member of. */
export interface Answerer {
  userId: number;
  groupIds: readonly number[];
}

/** The outcome the answers given so far lead to. */
export function roundOutcome(mode: ApprovalMode, answers: readonly (Answer | null)[]): 'pending' | Answer {
  if (answers.length === 0) return 'pending';
  if (mode === 'any') {
    if (answers.includes('approved')) return 'approved';
    return answers.every((a) => a === 'refused') ? 'refused' : 'pending';
  }
  if (answers.includes('refused')) return 'refused';
  return answers.every((a) => a === 'approved') ? 'approved' : 'pending';
}

/** The approvers a person's answer fills (empty when they are not asked, or no longer). */
export function slotsFor(approvers: readonly ApproverSlot[], who: Answerer): ApproverSlot[] {
  const groups = new Set(who.groupIds);
  return approvers.filter((a) => a.answer === null && (a.userId === who.userId || (a.groupId !== null && groups.has(a.groupId))));
}

export type AnswerRefusal = 'settled' | 'already-answered' | 'not-approver';

export type AnswerResult =
  | { ok: true; slotIds: number[]; outcome: 'pending' | Answer; approvers: ApproverSlot[] }
  | { ok: false; reason: AnswerRefusal };

/** What one person's answer does to a round: which approvers it fills, and the round's outcome after it. */
export function applyAnswer(round: RoundFacts, who: Answerer, answer: Answer): AnswerResult {
  if (round.status !== 'pending') return { ok: false, reason: 'settled' };
  if (round.approvers.some((a) => a.answeredBy === who.userId)) return { ok: false, reason: 'already-answered' };
  const slots = slotsFor(round.approvers, who);
  if (slots.length === 0) {
    const named = round.approvers.some((a) => a.userId === who.userId || (a.groupId !== null && who.groupIds.includes(a.groupId)));
    // Named, but a fellow group member already answered for every group that asked them.
    return { ok: false, reason: named ? 'already-answered' : 'not-approver' };
  }
  const ids = new Set(slots.map((s) => s.id));
  const approvers = round.approvers.map((a) => (ids.has(a.id) ? { ...a, answer, answeredBy: who.userId } : a));
  return { ok: true, slotIds: [...ids], outcome: roundOutcome(round.mode, approvers.map((a) => a.answer)), approvers };
}

/** True when the person may answer the round now. */
export function canAnswer(round: RoundFacts, who: Answerer): boolean {
  return round.status === 'pending' && !round.approvers.some((a) => a.answeredBy === who.userId) && slotsFor(round.approvers, who).length > 0;
}

/** An item's approval status: its latest round's (superseded rounds never are the latest). */
export function approvalStatus(roundsNewestFirst: readonly { status: ApprovalRoundStatus }[]): ApprovalStatus {
  const latest = roundsNewestFirst.find((r) => r.status !== 'superseded');
  return latest ? (latest.status as Exclude<ApprovalRoundStatus, 'superseded'>) : 'none';
}

/** Why an item's approval blocks solving it, or null: a pending or refused latest round does. */
export function solveBlockedBy(status: ApprovalStatus): string | null {
  if (status === 'pending') return 'its approval is still pending: it can be solved once approved';
  if (status === 'refused') return 'its approval was refused: ask for a new approval round before solving it';
  return null;
}
