import type { Clock } from '@parc/shared';
import type { AnswerApprovalBody, ApprovalItemKind, ApprovalMode, ApprovalRound, ApprovalSummary, ApprovalListState, CategoryApproval, CategoryApprovalBody, MyApproval } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';
import type { AuthUser } from '../../platform/http/context.js';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Logger } from '../../platform/log.js';
import { enqueueNotificationTo, type RecipientCandidate } from '../notifications/outbox.js';
import type { TimelineEntry } from '../itil/timeline.js';
import { insertEvents } from '../tickets/ticket-timeline.repository.js';
import { applyAnswer, approvalStatus, canAnswer, solveBlockedBy, type Answerer, type ApproverSlot } from './approval-outcome.js';
import { runApprovalSettled } from './approval-hooks.js';
import * as repo from './approvals.repository.js';

/** Approval rounds of ITIL items: requesting one, answering it, reading an item's and a person's approvals. */

export interface ApprovalCtx {
  db: Db;
  log: Logger;
  user: AuthUser;
  /** Queue emails (SMTP is configured); webhooks are queued regardless. */
  email: boolean;
  clock: Clock;
}

export interface RequestApproval {
  itemId: number;
  approverUserIds: readonly number[];
  approverGroupIds: readonly number[];
  mode: ApprovalMode;
  /** Who asks; null for the system. */
  requestedBy: number | null;
  now: Date;
  /** Why the approval is asked, shown to the approvers. */
  comment?: string | null;
  /** Queue emails (default true: without SMTP the dispatcher marks them failed, saying so). */
  email?: boolean;
}

const unique = (ids: readonly number[]) => [...new Set(ids)];

/**
 * Opens an approval round on an item inside the caller's transaction: supersedes the item's pending round,
 * records the approvers, writes the timeline line and notifies the approvers. Approvers are enabled staff
 * users and existing groups (else a 400 naming the field). Answers the round's id.
 */
export async function requestApproval(tx: Db, r: RequestApproval): Promise<number> {
  const userIds = unique(r.approverUserIds);
  const groupIds = unique(r.approverGroupIds);
  if (userIds.length + groupIds.length === 0) throw new ValidationError('name at least one approver (a user or a group)', 'approverUserIds');
  const item = await repo.findItem(tx, r.itemId);
  if (!item) throw new NotFoundError(`item ${r.itemId}`);
  const staff = new Set((await repo.activeStaff(tx, userIds)).map((u) => u.id));
  const badUsers = userIds.filter((id) => !staff.has(id));
  if (badUsers.length) throw new ValidationError(`approvers must be enabled staff users; not user(s) ${badUsers.join(', ')}`, 'approverUserIds');
  const groups = new Set(await repo.existingGroups(tx, groupIds));
  const badGroups = groupIds.filter((id) => !groups.has(id));
  if (badGroups.length) throw new ValidationError(`unknown group id(s): ${badGroups.join(', ')}`, 'approverGroupIds');

  const superseded = await repo.supersedePending(tx, r.itemId, r.now);
  const comment = r.comment?.trim() || null;
  const roundId = await repo.insertRound(tx, { itemId: r.itemId, mode: r.mode, comment, requestedBy: r.requestedBy, now: r.now, userIds, groupIds });
  await insertEvents(tx, r.itemId, r.now, [
    { kind: 'approval-requested', actorId: r.requestedBy, body: comment, data: { roundId, mode: r.mode, userIds, groupIds, ...(superseded ? { supersededRoundId: superseded } : {}) } },
  ]);
  const approvers: RecipientCandidate[] = (await repo.approverContacts(tx, roundId)).map((c) => ({
    source: 'approver',
    userId: c.user_id,
    groupId: c.group_id,
    email: c.email,
    role: c.role as RecipientCandidate['role'],
    // Requesters in a group are no approvers; they get no request to approve.
    disabled: c.disabled || c.role === 'requester',
  }));
  await enqueueNotificationTo(
    tx,
    { type: 'approval.requested', ticketId: r.itemId, actorId: r.requestedBy, summary: item.title, data: { roundId, itemKind: item.kind, mode: r.mode, userIds, groupIds, ...(comment ? { body: comment } : {}) } },
    approvers,
    r.now,
    { email: r.email ?? true },
  );
  return roundId;
}

function toRounds(rounds: repo.RoundRow[], approvers: repo.ApproverRow[], viewer: Answerer | null): ApprovalRound[] {
  return rounds.map((r) => {
    const mine = approvers.filter((a) => a.round_id === r.id);
    const slots: ApproverSlot[] = mine.map((a) => ({ id: a.id, userId: a.user_id, groupId: a.group_id, answer: a.answer, answeredBy: a.answered_by }));
    return {
      id: r.id,
      itemId: r.item_id,
      mode: r.mode,
      status: r.status,
      comment: r.comment,
      requestedBy: r.requested_by !== null && r.username !== null ? { id: r.requested_by, username: r.username, displayName: r.display_name } : null,
      createdAt: new Date(r.created_at).toISOString(),
      settledAt: r.settled_at ? new Date(r.settled_at).toISOString() : null,
      approvers: mine.map((a) => ({
        id: a.id,
        user: a.user_id !== null && a.username !== null ? { id: a.user_id, username: a.username, displayName: a.display_name } : null,
        group: a.group_id !== null && a.group_name !== null ? { id: a.group_id, name: a.group_name } : null,
        state: a.answer ?? 'pending',
        comment: a.comment,
        answeredAt: a.answered_at ? new Date(a.answered_at).toISOString() : null,
        answeredBy: a.answered_by !== null && a.by_username !== null ? { id: a.answered_by, username: a.by_username, displayName: a.by_display_name } : null,
      })),
      canAnswer: viewer !== null && canAnswer({ mode: r.mode, status: r.status, approvers: slots }, viewer),
    };
  });
}

async function answererOf(db: Db, user: AuthUser): Promise<Answerer | null> {
  if (user.role === 'requester') return null;
  return { userId: user.id, groupIds: await repo.answeringGroupIds(db, user.id) };
}

/**
 * An item's approval status (its latest round's; `none` without rounds) and its rounds, newest first.
 * With `viewer`, each round says whether that person may answer it now.
 */
export async function approvalSummary(db: Db, itemId: number, viewer?: AuthUser): Promise<ApprovalSummary> {
  const rounds = await repo.roundsOfItem(db, itemId);
  const approvers = await repo.approversOfRounds(db, rounds.map((r) => r.id));
  const who = viewer ? await answererOf(db, viewer) : null;
  return { status: approvalStatus(rounds), rounds: toRounds(rounds, approvers, who) };
}

/** The item's kind, or a 404 when it does not exist or is of another kind than the route's. */
export async function assertItemKind(db: Db, itemId: number, kind: ApprovalItemKind) {
  const item = await repo.findItem(db, itemId);
  if (!item || item.kind !== kind) throw new NotFoundError(`${kind} ${itemId}`);
  return item;
}

const REFUSALS = {
  settled: () => new ConflictError('this approval round is already settled (or replaced by a newer round): it takes no more answers'),
  'already-answered': () => new ConflictError('you already answered this approval round (or a fellow member answered for your group)'),
  'not-approver': () => new ForbiddenError('you are not an approver of this round, nor a member of a group asked to approve it'),
} as const;

/**
 * A person answers a round (POST /approvals/:id/answer): in one transaction the round is locked, the answer
 * recorded for every approver it speaks for, the timeline written, and when the round settles its status
 * set, the item kind's settle hook run and the item's people notified.
 */
export async function answerApproval(ctx: ApprovalCtx, roundId: number, body: AnswerApprovalBody): Promise<ApprovalRound> {
  const now = ctx.clock.now();
  const answer = body.answer === 'approve' ? 'approved' : 'refused';
  const comment = body.comment?.trim() || null;
  if (answer === 'refused' && !comment) throw new ValidationError('a refusal needs a comment saying why', 'comment');
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const round = await repo.lockRound(tx, roundId);
    if (!round) throw new NotFoundError(`approval round ${roundId}`);
    const who = await answererOf(tx, ctx.user);
    if (!who) throw REFUSALS['not-approver']();
    const slots = (await repo.approversOfRounds(tx, [roundId])).map((a) => ({ id: a.id, userId: a.user_id, groupId: a.group_id, answer: a.answer, answeredBy: a.answered_by }));
    const result = applyAnswer({ mode: round.mode, status: round.status, approvers: slots }, who, answer);
    if (!result.ok) throw REFUSALS[result.reason]();
    await repo.recordAnswer(tx, result.slotIds, { answer, comment, by: ctx.user.id, now });
    const groupIds = slots.filter((s) => result.slotIds.includes(s.id) && s.groupId !== null).map((s) => s.groupId!);
    const events: TimelineEntry[] = [{ kind: 'approval-answered', actorId: ctx.user.id, body: comment, data: { roundId, answer, groupIds } }];
    if (result.outcome !== 'pending') events.push({ kind: 'approval-settled', actorId: ctx.user.id, data: { roundId, outcome: result.outcome } });
    await insertEvents(tx, round.item_id, now, events);
    if (result.outcome !== 'pending') {
      await repo.settleRound(tx, roundId, result.outcome, now);
      const item = await repo.findItem(tx, round.item_id);
      if (!item) throw new NotFoundError(`item ${round.item_id}`);
      await runApprovalSettled(tx, item.kind, item.id, result.outcome, now);
      const asker = round.requested_by === null ? null : await repo.userContact(tx, round.requested_by);
      const extra: RecipientCandidate[] = asker ? [{ source: 'approver', userId: asker.id, groupId: null, email: asker.email, role: asker.role, disabled: asker.disabled }] : [];
      await enqueueNotificationTo(
        tx,
        { type: 'approval.settled', ticketId: item.id, actorId: ctx.user.id, summary: item.title, data: { roundId, itemKind: item.kind, outcome: result.outcome, ...(comment ? { body: comment } : {}) } },
        extra,
        now,
        { email: ctx.email, itemPeople: true },
      );
    }
    return { itemId: round.item_id, outcome: result.outcome };
  });
  ctx.log.info({ roundId, itemId: outcome.itemId, answer, outcome: outcome.outcome, userId: ctx.user.id }, 'approval answered');
  const round = await repo.roundById(ctx.db, roundId);
  const approvers = await repo.approversOfRounds(ctx.db, [roundId]);
  return toRounds([round!], approvers, await answererOf(ctx.db, ctx.user))[0]!;
}

function toMine(r: repo.ListedRound & { answer?: 'approved' | 'refused'; answered_at?: Date }, viaGroups: { id: number; name: string }[]): MyApproval {
  return {
    roundId: r.id,
    item: { id: r.item_id, kind: r.kind, title: r.title, status: r.item_status },
    mode: r.mode,
    status: r.status,
    comment: r.comment,
    requestedBy: r.requested_by !== null && r.username !== null ? { id: r.requested_by, username: r.username, displayName: r.display_name } : null,
    createdAt: new Date(r.created_at).toISOString(),
    viaGroups,
    answer: r.answer ?? 'pending',
    answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
  };
}

/** The caller's approvals: those waiting for their answer (named, or through a group), or those they answered. */
export async function myApprovals(db: Db, user: AuthUser, state: ApprovalListState): Promise<MyApproval[]> {
  const groupIds = await repo.answeringGroupIds(db, user.id);
  if (state === 'answered') return (await repo.answeredByUser(db, user.id)).map((r) => toMine(r, []));
  const rounds = await repo.pendingForUser(db, user.id, groupIds);
  const approvers = await repo.approversOfRounds(db, rounds.map((r) => r.id));
  const mine = new Set(groupIds);
  return rounds.map((r) => {
    const own = approvers.filter((a) => a.round_id === r.id && a.answer === null);
    const named = own.some((a) => a.user_id === user.id);
    const via = named ? [] : own.filter((a) => a.group_id !== null && mine.has(a.group_id)).map((a) => ({ id: a.group_id!, name: a.group_name ?? '' }));
    return toMine(r, via);
  });
}

// ---- requests by category ----

async function categorySetting(db: Db, categoryId: number): Promise<CategoryApproval> {
  const s = await repo.categoryApproval(db, categoryId);
  if (!s) return { categoryId, approval: null };
  return {
    categoryId,
    approval: {
      mode: s.mode,
      users: s.approvers.flatMap((a) => (a.user_id !== null && a.username !== null ? [{ id: a.user_id, username: a.username, displayName: a.display_name }] : [])),
      groups: s.approvers.flatMap((a) => (a.group_id !== null && a.group_name !== null ? [{ id: a.group_id, name: a.group_name }] : [])),
    },
  };
}

async function assertCategory(db: Db, categoryId: number) {
  const found = await db.selectFrom('ticket_categories').select('id').where('id', '=', categoryId).executeTakeFirst();
  if (!found) throw new NotFoundError(`category ${categoryId}`);
}

export async function getCategoryApproval(db: Db, categoryId: number): Promise<CategoryApproval> {
  await assertCategory(db, categoryId);
  return categorySetting(db, categoryId);
}

/** Sets which approvers a request opened in the category needs (the whole setting, replaced). */
export async function putCategoryApproval(ctx: ApprovalCtx, categoryId: number, body: CategoryApprovalBody): Promise<CategoryApproval> {
  const userIds = unique(body.approverUserIds);
  const groupIds = unique(body.approverGroupIds);
  await ctx.db.transaction().execute(async (tx) => {
    await assertCategory(tx, categoryId);
    const staff = new Set((await repo.activeStaff(tx, userIds)).map((u) => u.id));
    const badUsers = userIds.filter((id) => !staff.has(id));
    if (badUsers.length) throw new ValidationError(`approvers must be enabled staff users; not user(s) ${badUsers.join(', ')}`, 'approverUserIds');
    const groups = new Set(await repo.existingGroups(tx, groupIds));
    const badGroups = groupIds.filter((id) => !groups.has(id));
    if (badGroups.length) throw new ValidationError(`unknown group id(s): ${badGroups.join(', ')}`, 'approverGroupIds');
    await repo.putCategoryApproval(tx, categoryId, { mode: body.mode, userIds, groupIds, now: ctx.clock.now() });
  });
  ctx.log.info({ categoryId, mode: body.mode, users: userIds.length, groups: groupIds.length, userId: ctx.user.id }, 'category approval set');
  return categorySetting(ctx.db, categoryId);
}

export async function deleteCategoryApproval(ctx: ApprovalCtx, categoryId: number): Promise<void> {
  await assertCategory(ctx.db, categoryId);
  await repo.deleteCategoryApproval(ctx.db, categoryId);
  ctx.log.info({ categoryId, userId: ctx.user.id }, 'category approval removed');
}

/**
 * A request opened in a category with an approval setting gets a round at once, asked by whoever opened it.
 * Approvers who have since been disabled are left out; if none is left, the ticket opens without a round and
 * the log says so (an admin should fix the category's approvers).
 */
export async function approveRequestsByCategory(tx: Db, item: { itemId: number; kind: string; type: string | null; categoryId: number | null; actorId: number | null; now: Date; email: boolean }, log?: Logger) {
  if (item.kind !== 'ticket' || item.type !== 'request' || item.categoryId === null) return;
  const s = await repo.categoryApproval(tx, item.categoryId);
  if (!s) return;
  const userIds = s.approvers.flatMap((a) => (a.user_id !== null && !a.disabled && a.role !== 'requester' ? [a.user_id] : []));
  const groupIds = s.approvers.flatMap((a) => (a.group_id !== null ? [a.group_id] : []));
  if (userIds.length + groupIds.length === 0) {
    log?.warn({ ticketId: item.itemId, categoryId: item.categoryId }, 'category needs approval but none of its approvers can answer; set its approvers again (PUT /api/v1/ticket-categories/:id/approval)');
    return;
  }
  await requestApproval(tx, { itemId: item.itemId, approverUserIds: userIds, approverGroupIds: groupIds, mode: s.mode, requestedBy: item.actorId, now: item.now, email: item.email });
}

/** A ticket whose latest approval round is pending or refused cannot be solved (409 saying why). */
export async function guardSolve(tx: Db, step: { itemId: number; kind: string; action: string }) {
  if (step.action !== 'solve') return;
  const blocked = solveBlockedBy(approvalStatus(await repo.roundsOfItem(tx, step.itemId)));
  if (blocked) throw new DomainError(409, 'approval_required', `${step.kind} ${step.itemId} cannot be solved: ${blocked}`);
}
