import { ROLE_SETS } from '@parc/shared';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { GroupMember } from './groups.schemas.js';

/** Roles that can be in a group of technicians, so be assigned tickets through it. */
/** Who can be in a group of technicians: helpdesk staff. */
export const MEMBER_ROLES = ROLE_SETS.helpdeskStaff;

const withCount = (db: Db) =>
  db
    .selectFrom('groups as g')
    .select(['g.id', 'g.name', 'g.email', 'g.created_at'])
    .select((eb) =>
      eb.selectFrom('group_members as m').whereRef('m.group_id', '=', 'g.id').select(eb.fn.countAll<number>().as('n')).as('member_count'),
    );

export function listGroups(db: Db) {
  return withCount(db).orderBy(sql`lower(g.name)`).orderBy('g.id').execute();
}

export function findGroup(db: Db, id: number) {
  return withCount(db).where('g.id', '=', id).executeTakeFirst();
}

export function findGroupByName(db: Db, name: string, exceptId?: number) {
  let q = db.selectFrom('groups').select(['id', 'name']).where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export function insertGroup(db: Db, g: { name: string; email: string | null }) {
  return db.insertInto('groups').values(g).returning('id').executeTakeFirstOrThrow();
}

export function updateGroup(db: Db, id: number, patch: { name?: string; email?: string | null }) {
  return db.updateTable('groups').set(patch).where('id', '=', id).returning('id').executeTakeFirst();
}

export function deleteGroup(db: Db, id: number) {
  return db.deleteFrom('groups').where('id', '=', id).returning('id').executeTakeFirst();
}

/** What still points at a group: deleting it would silently drop these (the foreign keys cascade). */
export async function groupUsage(db: Db, id: number) {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('assignment_rules').where('group_id', '=', id).select(eb.fn.countAll<number>().as('n')).as('rules'),
      eb.selectFrom('ticket_actors').where('group_id', '=', id).select(eb.fn.countAll<number>().as('n')).as('tickets'),
    ])
    .executeTakeFirstOrThrow();
  return { rules: Number(row.rules), tickets: Number(row.tickets) };
}

/** The members of a group, by username; for the tickets service (assignment, notifications). */
export async function groupMembers(db: Db, groupId: number): Promise<GroupMember[]> {
  const rows = await db
    .selectFrom('group_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.email', 'u.role'])
    .where('m.group_id', '=', groupId)
    .orderBy('u.username')
    .execute();
  return rows.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, email: u.email, role: u.role as GroupMember['role'] }));
}

/** The groups a user belongs to (ascending ids); for "my group's tickets" and permission checks. */
export async function groupIdsOfUser(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('group_members').select('group_id').where('user_id', '=', userId).orderBy('group_id').execute();
  return rows.map((r) => r.group_id);
}

export function usersByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'role', 'disabled', 'username']).where('id', 'in', ids).execute();
}

/** Makes the membership exactly `userIds`: one delete of the others, one multi-row insert of the new. */
export async function replaceMembers(db: Db, groupId: number, userIds: readonly number[]) {
  await db.transaction().execute(async (tx) => {
    let del = tx.deleteFrom('group_members').where('group_id', '=', groupId);
    if (userIds.length > 0) del = del.where('user_id', 'not in', userIds);
    await del.execute();
    if (userIds.length > 0) {
      await tx
        .insertInto('group_members')
        .values(userIds.map((user_id) => ({ group_id: groupId, user_id })))
        .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
        .execute();
    }
  });
}

/** Which of these group ids exist; for the features that refer to groups (ticket assignment, assignment rules). */
export async function existingGroupIds(db: Db, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('groups').select('id').where('id', 'in', [...ids]).execute();
  return rows.map((r) => r.id);
}
