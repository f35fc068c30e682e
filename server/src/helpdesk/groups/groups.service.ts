import type { Db } from '../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import * as repo from './groups.repository.js';
import type { CreateGroupBody, PatchGroupBody } from './groups.schemas.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../platform/db/db-errors.js';

const duplicateName = (name: string) => new ConflictError(`a group named "${name}" already exists; choose another name`, 'name');

type GroupRow = NonNullable<Awaited<ReturnType<typeof repo.findGroup>>>;
function toApi(g: GroupRow) {
  return { id: g.id, name: g.name, email: g.email, memberCount: Number(g.member_count ?? 0), createdAt: new Date(g.created_at).toISOString() };
}

export async function listGroups(db: Db) {
  return { items: (await repo.listGroups(db)).map(toApi) };
}

export async function getGroup(db: Db, id: number) {
  const g = await repo.findGroup(db, id);
  if (!g) throw new NotFoundError(`group ${id}`);
  return { ...toApi(g), members: await repo.groupMembers(db, id) };
}

export async function createGroup(db: Db, body: CreateGroupBody) {
  if (await repo.findGroupByName(db, body.name)) throw duplicateName(body.name);
  try {
    const { id } = await repo.insertGroup(db, { name: body.name, email: body.email ?? null });
    return getGroup(db, id);
  } catch (err) {
    // Two creations racing past the check: the unique index decides.
    if (isUniqueViolation(err)) throw duplicateName(body.name);
    throw err;
  }
}

export async function patchGroup(db: Db, id: number, body: PatchGroupBody) {
  if (body.name !== undefined && (await repo.findGroupByName(db, body.name, id))) throw duplicateName(body.name);
  try {
    if (!(await repo.updateGroup(db, id, body))) throw new NotFoundError(`group ${id}`);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(body.name ?? '');
    throw err;
  }
  return getGroup(db, id);
}

export async function deleteGroup(db: Db, id: number) {
  if (!(await repo.findGroup(db, id))) throw new NotFoundError(`group ${id}`);
  const usage = await repo.groupUsage(db, id);
  if (usage.rules > 0) {
    throw new ConflictError(`group ${id} is the target of ${usage.rules} assignment rule(s); change or delete those rules first`);
  }
  if (usage.tickets > 0) {
    throw new ConflictError(`group ${id} is assigned to or observes ${usage.tickets} ticket(s); reassign them first so their history stays whole`);
  }
  await repo.deleteGroup(db, id);
}

export async function listMembers(db: Db, id: number) {
  if (!(await repo.findGroup(db, id))) throw new NotFoundError(`group ${id}`);
  return { items: await repo.groupMembers(db, id) };
}

/** Replaces the membership; every id must be an enabled admin or technician, else nothing changes. */
export async function setMembers(db: Db, id: number, userIds: readonly number[]) {
  if (!(await repo.findGroup(db, id))) throw new NotFoundError(`group ${id}`);
  const wanted = [...new Set(userIds)];
  const users = new Map((await repo.usersByIds(db, wanted)).map((u) => [u.id, u]));
  for (const userId of wanted) {
    const field = `userIds.${userIds.indexOf(userId)}`;
    const u = users.get(userId);
    if (!u) throw new ValidationError(`user ${userId} does not exist`, field);
    if (!(repo.MEMBER_ROLES as readonly string[]).includes(u.role)) {
      throw new ValidationError(`user ${userId} (${u.username}) is a ${u.role}; only admins and technicians can be group members`, field);
    }
    if (u.disabled) throw new ValidationError(`user ${userId} (${u.username}) is disabled; enable the account first`, field);
  }
  try {
    await repo.replaceMembers(db, id, wanted);
  } catch (err) {
    // The group or a user was deleted meanwhile.
    if (isForeignKeyViolation(err)) throw new NotFoundError(`group ${id} or one of its users`);
    throw err;
  }
  return { items: await repo.groupMembers(db, id) };
}
