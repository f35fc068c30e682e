import type { Db } from '../../platform/db/database.js';

/** What tickets read of Parc's users (platform/auth owns and writes them): requesters, observers, assignees. */

export function usersByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'username', 'display_name', 'role']).where('id', 'in', ids).execute();
}

/** Enabled users whose lower-cased username is one of `names`. */
export function enabledUsersNamed(db: Db, names: readonly string[]) {
  if (names.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'username'])
    .where((eb) => eb(eb.fn('lower', ['username']), 'in', [...names]))
    .where('disabled', '=', false)
    .execute();
}
