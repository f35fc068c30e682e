import type { Db } from '../db/database.js';
import type { ApiTokenRow } from './auth.tables.js';

export type ApiTokenWithOwner = ApiTokenRow & { owner_username: string };

const withOwner = (db: Db) =>
  db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id').selectAll('api_tokens').select('users.username as owner_username');

export async function insertApiToken(
  db: Db,
  row: { user_id: number; name: string; prefix: string; token_hash: string; scopes: readonly string[]; expires_at: Date },
): Promise<ApiTokenRow> {
  return db
    .insertInto('api_tokens')
    .values({ ...row, scopes: JSON.stringify(row.scopes) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findApiToken(db: Db, id: number): Promise<ApiTokenWithOwner | undefined> {
  return withOwner(db).where('api_tokens.id', '=', id).executeTakeFirst();
}

/** Newest first; `userId` narrows to one owner, `state` to active, expired or revoked tokens. */
export function listApiTokens(db: Db, filter: { userId?: number | undefined; state?: 'active' | 'expired' | 'revoked' | undefined }, now: Date): Promise<ApiTokenWithOwner[]> {
  let q = withOwner(db);
  if (filter.userId !== undefined) q = q.where('api_tokens.user_id', '=', filter.userId);
  if (filter.state === 'revoked') q = q.where('api_tokens.revoked_at', 'is not', null);
  if (filter.state === 'active') q = q.where('api_tokens.revoked_at', 'is', null).where('api_tokens.expires_at', '>', now);
  if (filter.state === 'expired') q = q.where('api_tokens.revoked_at', 'is', null).where('api_tokens.expires_at', '<=', now);
  return q.orderBy('api_tokens.id', 'desc').limit(1000).execute();
}

export async function countActiveApiTokens(db: Db, userId: number, now: Date): Promise<number> {
  const row = await db
    .selectFrom('api_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Revokes a token that is not revoked yet; undefined when there was none to revoke. */
export function revokeApiToken(db: Db, id: number, by: number, now: Date): Promise<ApiTokenRow | undefined> {
  return db.updateTable('api_tokens').set({ revoked_at: now, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).returningAll().executeTakeFirst();
}

/** Revokes every live token of a user (its password was reset or it was disabled); returns those revoked. */
export function revokeUserApiTokens(db: Db, userId: number, by: number | null, now: Date): Promise<ApiTokenRow[]> {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: now, revoked_by: by })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .execute();
}

/** The owner of a live token, with what the request needs to authorise it. */
export function findTokenUser(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', 'api_tokens.scopes', 'api_tokens.last_used_at', 'users.id', 'users.username', 'users.role', 'users.display_name', 'users.disabled'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('api_tokens.expires_at', '>', now)
    .executeTakeFirst();
}

/** Records a use; the condition makes a burst of calls write at most once a minute even across servers. */
export async function touchApiToken(db: Db, id: number, now: Date, address: string | null): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now, last_used_address: address })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))]))
    .execute();
}
