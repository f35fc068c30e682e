import { inRoleSet } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import type { AuthUser } from '../../platform/http/context.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { categoryExists } from '../categories/categories.repository.js';
import { existingGroupIds } from '../groups/groups.repository.js';
import { isObserver } from './ticket-actors.repository.js';
import { usersByIds } from './ticket-people.repository.js';
import type { TicketRow } from './tickets.repository.js';

/** Who may see a ticket, and the checks on the people, groups and category a ticket names. */

export const isStaffUser = (u: AuthUser) => inRoleSet(u.role, 'helpdeskStaff');

/** Requesters (and licence managers, who are not helpdesk staff) see their own tickets and those they observe. */
export async function assertCanSee(db: Db, user: AuthUser, t: Pick<TicketRow, 'id' | 'requester_id'>) {
  if (isStaffUser(user) || t.requester_id === user.id) return;
  // 404 rather than 403: a requester must not learn which ticket numbers exist.
  if (!(await isObserver(db, t.id, user.id))) throw new NotFoundError(`ticket ${t.id}`);
}

export async function assertUsersExist(db: Db, ids: number[], field: string) {
  if (ids.length === 0) return;
  const found = await usersByIds(db, ids);
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new ValidationError(`unknown user id(s): ${missing.join(', ')}`, field);
}

/** Only helpdesk staff and existing groups can be assigned. */
export async function assertAssignable(db: Db, userIds: number[], groupIds: number[]) {
  if (userIds.length) {
    const rows = await usersByIds(db, userIds);
    const bad = userIds.filter((id) => !rows.some((r) => r.id === id && inRoleSet(r.role, 'helpdeskStaff')));
    if (bad.length) throw new ValidationError(`only admins and technicians can be assigned; not user(s) ${bad.join(', ')}`, 'userIds');
  }
  if (groupIds.length) {
    const found = await existingGroupIds(db, groupIds);
    const bad = groupIds.filter((id) => !found.includes(id));
    if (bad.length) throw new ValidationError(`unknown group id(s): ${bad.join(', ')}`, 'groupIds');
  }
}

export async function assertCategoryExists(db: Db, id: number | null | undefined) {
  if (id === null || id === undefined) return;
  if (!(await categoryExists(db, id))) throw new ValidationError(`unknown category id ${id}`, 'categoryId');
}

/** `DOMAIN\user`, `user@domain` and `user` all name the same Parc user `user` when no exact match exists. */
export function usernameCandidates(raw: string): string[] {
  const name = raw.trim();
  const short = name.includes('\\') ? name.slice(name.lastIndexOf('\\') + 1) : name.includes('@') ? name.slice(0, name.indexOf('@')) : name;
  return [...new Set([name.toLowerCase(), short.toLowerCase()])].filter(Boolean);
}
