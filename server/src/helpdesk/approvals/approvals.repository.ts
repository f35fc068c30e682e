import { sql } from 'kysely';
import type { ApprovalItemKind, ApprovalMode } from '@parc/shared/api/approval-enums';
import type { Db } from '../../platform/db/database.js';
import type { Answer } from './approval-outcome.js';

/**
 * The approval tables (only this repository writes them), and what approvals read of items, users and groups.
 * Every list is read in one statement; every write is one set-based statement.
 */

/**
 * An ITIL item as approvals see it. `tickets.kind` (ticket, problem, change) arrives with problems and
 * changes; read through to_jsonb so this works on a schema with or without that column (no kind: a ticket).
 */
const itemKind = sql<ApprovalItemKind>`coalesce(to_jsonb(t) ->> 'kind', 'ticket')`;

export function findItem(db: Db, itemId: number) {
  return db
    .selectFrom('tickets as t')
    .select(['t.id', 't.title', 't.status', 't.type', 't.requester_id', itemKind.as('kind')])
    .where('t.id', '=', itemId)
    .executeTakeFirst();
}

/** Active staff users among `ids` (approvers must be), with their role. */
export function activeStaff(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id']).where('id', 'in', [...ids]).where('disabled', '=', false).where('role', '!=', 'requester').execute();
}

export async function existingGroups(db: Db, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('groups').select('id').where('id', 'in', [...ids]).execute();
  return rows.map((r) => r.id);
}

/** The groups a user answers for: those they are a member of, while enabled and staff. */
export async function answeringGroupIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('group_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('m.group_id')
    .where('m.user_id', '=', userId)
    .where('u.disabled', '=', false)
    .where('u.role', '!=', 'requester')
    .orderBy('m.group_id')
    .execute();
  return rows.map((r) => r.group_id);
}

/** Marks the item's pending round superseded; answers its id, if there was one. */
export async function supersedePending(db: Db, itemId: number, now: Date): Promise<number | null> {
  const row = await db
    .updateTable('approval_rounds')
    .set({ status: 'superseded', settled_at: now })
    .where('item_id', '=', itemId)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertRound(
  db: Db,
  r: { itemId: number; mode: ApprovalMode; comment: string | null; requestedBy: number | null; now: Date; userIds: readonly number[]; groupIds: readonly number[] },
): Promise<number> {
  const { id } = await db
    .insertInto('approval_rounds')
    .values({ item_id: r.itemId, mode: r.mode, comment: r.comment, requested_by: r.requestedBy, created_at: r.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('approval_approvers')
    .values([
      ...r.userIds.map((user_id) => ({ round_id: id, user_id, group_id: null, answer: null, comment: null, answered_at: null, answered_by: null })),
      ...r.groupIds.map((group_id) => ({ round_id: id, user_id: null, group_id, answer: null, comment: null, answered_at: null, answered_by: null })),
    ])
    .execute();
  return id;
}

/** The round, locked for the answer being recorded (two answers at once settle it once). */
export function lockRound(db: Db, roundId: number) {
  return db.selectFrom('approval_rounds').selectAll().where('id', '=', roundId).forUpdate().executeTakeFirst();
}

export function settleRound(db: Db, roundId: number, outcome: Answer, now: Date) {
  return db.updateTable('approval_rounds').set({ status: outcome, settled_at: now }).where('id', '=', roundId).where('status', '=', 'pending').execute();
}

export function recordAnswer(db: Db, slotIds: readonly number[], a: { answer: Answer; comment: string | null; by: number; now: Date }) {
  return db
    .updateTable('approval_approvers')
    .set({ answer: a.answer, comment: a.comment, answered_by: a.by, answered_at: a.now })
    .where('id', 'in', [...slotIds])
    .where('answer', 'is', null)
    .execute();
}

/** A round with the name of who requested it. */
const rounds = (db: Db) =>
  db
    .selectFrom('approval_rounds as r')
    .leftJoin('users as u', 'u.id', 'r.requested_by')
    .select(['r.id', 'r.item_id', 'r.mode', 'r.status', 'r.comment', 'r.created_at', 'r.settled_at', 'r.requested_by', 'u.username', 'u.display_name']);

export function roundsOfItem(db: Db, itemId: number) {
  return rounds(db).where('r.item_id', '=', itemId).orderBy('r.id', 'desc').execute();
}

export function roundById(db: Db, roundId: number) {
  return rounds(db).where('r.id', '=', roundId).executeTakeFirst();
}

export type RoundRow = NonNullable<Awaited<ReturnType<typeof roundById>>>;

/** The approvers of these rounds with the names of the user, group and answerer. */
export function approversOfRounds(db: Db, roundIds: readonly number[]) {
  if (roundIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('approval_approvers as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .leftJoin('groups as g', 'g.id', 'a.group_id')
    .leftJoin('users as b', 'b.id', 'a.answered_by')
    .select([
      'a.id',
      'a.round_id',
      'a.user_id',
      'a.group_id',
      'a.answer',
      'a.comment',
      'a.answered_at',
      'a.answered_by',
      'u.username',
      'u.display_name',
      'g.name as group_name',
      'b.username as by_username',
      'b.display_name as by_display_name',
    ])
    .where('a.round_id', 'in', [...roundIds])
    .orderBy('a.id')
    .execute();
}

export type ApproverRow = Awaited<ReturnType<typeof approversOfRounds>>[number];

/**
 * The rounds a user is asked to answer now: pending, naming them or a group they answer for with that
 * approver still unanswered, and not yet answered by them. Newest first.
 */
export function pendingForUser(db: Db, userId: number, groupIds: readonly number[]) {
  return db
    .selectFrom('approval_rounds as r')
    .innerJoin('tickets as t', 't.id', 'r.item_id')
    .leftJoin('users as u', 'u.id', 'r.requested_by')
    .select(['r.id', 'r.item_id', 'r.mode', 'r.status', 'r.comment', 'r.created_at', 'r.requested_by', 'u.username', 'u.display_name', 't.title', 't.status as item_status', itemKind.as('kind')])
    .where('r.status', '=', 'pending')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('approval_approvers as a')
          .select(sql`1`.as('one'))
          .whereRef('a.round_id', '=', 'r.id')
          .where('a.answer', 'is', null)
          .where((w) => w.or([w('a.user_id', '=', userId), ...(groupIds.length ? [w('a.group_id', 'in', [...groupIds])] : [])])),
      ),
    )
    .where((eb) => eb.not(eb.exists(eb.selectFrom('approval_approvers as d').select(sql`1`.as('one')).whereRef('d.round_id', '=', 'r.id').where('d.answered_by', '=', userId))))
    .orderBy('r.id', 'desc')
    .limit(500)
    .execute();
}

/** The rounds a user answered, newest answer first, with their answer. */
export function answeredByUser(db: Db, userId: number) {
  return db
    .selectFrom('approval_rounds as r')
    .innerJoin('tickets as t', 't.id', 'r.item_id')
    .leftJoin('users as u', 'u.id', 'r.requested_by')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('approval_approvers')
          .select(['round_id', sql<Answer>`min(answer)`.as('answer'), sql<Date>`max(answered_at)`.as('answered_at')])
          .where('answered_by', '=', userId)
          .groupBy('round_id')
          .as('mine'),
      (j) => j.onRef('mine.round_id', '=', 'r.id'),
    )
    .select(['r.id', 'r.item_id', 'r.mode', 'r.status', 'r.comment', 'r.created_at', 'r.requested_by', 'u.username', 'u.display_name', 't.title', 't.status as item_status', itemKind.as('kind'), 'mine.answer', 'mine.answered_at'])
    .orderBy('mine.answered_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(500)
    .execute();
}

export type ListedRound = Awaited<ReturnType<typeof pendingForUser>>[number];

/** Email recipients for a round: its named users, its groups' mailboxes, and its groups' members. */
export function approverContacts(db: Db, roundId: number) {
  const users = db
    .selectFrom('approval_approvers as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .where('a.round_id', '=', roundId)
    .select([sql<number | null>`u.id`.as('user_id'), sql<number | null>`null::integer`.as('group_id'), 'u.email', sql<string | null>`u.role`.as('role'), 'u.disabled']);
  const mailboxes = db
    .selectFrom('approval_approvers as a')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .where('a.round_id', '=', roundId)
    .where('g.email', 'is not', null)
    .select([sql<number | null>`null::integer`.as('user_id'), sql<number | null>`g.id`.as('group_id'), 'g.email', sql<string | null>`null::text`.as('role'), sql<boolean>`false`.as('disabled')]);
  const members = db
    .selectFrom('approval_approvers as a')
    .innerJoin('group_members as m', 'm.group_id', 'a.group_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .where('a.round_id', '=', roundId)
    .select([sql<number | null>`u.id`.as('user_id'), sql<number | null>`m.group_id`.as('group_id'), 'u.email', sql<string | null>`u.role`.as('role'), 'u.disabled']);
  return users.unionAll(mailboxes).unionAll(members).execute();
}

export function userContact(db: Db, userId: number) {
  return db.selectFrom('users').select(['id', 'email', 'role', 'disabled']).where('id', '=', userId).executeTakeFirst();
}

// ---- category settings ----

export async function categoryApproval(db: Db, categoryId: number) {
  const head = await db.selectFrom('category_approvals').select(['category_id', 'mode']).where('category_id', '=', categoryId).executeTakeFirst();
  if (!head) return null;
  const approvers = await db
    .selectFrom('category_approvers as c')
    .leftJoin('users as u', 'u.id', 'c.user_id')
    .leftJoin('groups as g', 'g.id', 'c.group_id')
    .select(['c.user_id', 'c.group_id', 'u.username', 'u.display_name', 'u.disabled', 'u.role', 'g.name as group_name'])
    .where('c.category_id', '=', categoryId)
    .orderBy('c.id')
    .execute();
  return { mode: head.mode, approvers };
}

/** Replaces a category's setting: the head row upserted, its approvers deleted and inserted in one statement each. */
export async function putCategoryApproval(db: Db, categoryId: number, s: { mode: ApprovalMode; userIds: readonly number[]; groupIds: readonly number[]; now: Date }) {
  await db
    .insertInto('category_approvals')
    .values({ category_id: categoryId, mode: s.mode, updated_at: s.now })
    .onConflict((oc) => oc.column('category_id').doUpdateSet({ mode: s.mode, updated_at: s.now }))
    .execute();
  await db.deleteFrom('category_approvers').where('category_id', '=', categoryId).execute();
  await db
    .insertInto('category_approvers')
    .values([...s.userIds.map((user_id) => ({ category_id: categoryId, user_id, group_id: null })), ...s.groupIds.map((group_id) => ({ category_id: categoryId, user_id: null, group_id }))])
    .execute();
}

export async function deleteCategoryApproval(db: Db, categoryId: number): Promise<boolean> {
  const r = await db.deleteFrom('category_approvals').where('category_id', '=', categoryId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
