import { API_TOKEN_MAX_ACTIVE, TOKEN_AREAS_BY_ROLE, type ApiTokenState } from '@parc/shared/api/token-scopes';
import type { Role } from '@parc/shared';
import type { Db } from '../db/database.js';
import { recordAudit, type AuditActor } from '../audit/audit.repository.js';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.js';
import type { AuthUser } from '../http/context.js';
import * as repo from './api-tokens.repository.js';
import { hashSecret, newSecret } from './tokens.js';

/** Personal API tokens start with this, so they are told from session tokens (`parc_…`) and recognised when leaked. */
export const API_TOKEN_PREFIX = 'parcpat';
const isApiToken = (token: string) => token.startsWith(`${API_TOKEN_PREFIX}_`);

export function tokenState(row: { revoked_at: Date | null; expires_at: Date }, now: Date): ApiTokenState {
  if (row.revoked_at) return 'revoked';
  return new Date(row.expires_at) <= now ? 'expired' : 'active';
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toApiToken(row: repo.ApiTokenWithOwner, now: Date) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    state: tokenState(row, now),
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    lastUsedAddress: row.last_used_address,
    revokedAt: iso(row.revoked_at),
    owner: { id: row.user_id, username: row.owner_username },
  };
}

/** Scopes outside the areas of the owner's role would reach nothing: refused, naming them. */
export function scopesOutsideRole(role: Role, scopes: readonly string[]): string[] {
  const areas = TOKEN_AREAS_BY_ROLE[role] as readonly string[];
  return scopes.filter((s) => !areas.includes(s.split(':')[0]!));
}

export async function createApiToken(
  db: Db,
  owner: { id: number; username: string; role: Role },
  input: { name: string; scopes: string[]; expiresInDays: number },
  actor: AuditActor,
  now: Date,
) {
  const outside = scopesOutsideRole(owner.role, input.scopes);
  if (outside.length) throw new ValidationError(`a ${owner.role} cannot hold the scopes ${outside.join(', ')}`, 'scopes');
  const token = newSecret(API_TOKEN_PREFIX);
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000);
  const row = await db.transaction().execute(async (tx) => {
    if ((await repo.countActiveApiTokens(tx, owner.id, now)) >= API_TOKEN_MAX_ACTIVE) {
      throw new ConflictError(`you already have ${API_TOKEN_MAX_ACTIVE} active tokens: revoke one you no longer use`);
    }
    const inserted = await repo.insertApiToken(tx, { user_id: owner.id, name: input.name, prefix: token.slice(0, API_TOKEN_PREFIX.length + 5), token_hash: hashSecret(token), scopes: input.scopes, expires_at: expiresAt });
    await recordAudit(tx, {
      actor,
      action: 'api_token.created',
      target: { type: 'api_token', id: inserted.id, label: input.name },
      detail: { owner: owner.username, scopes: input.scopes, expiresAt: expiresAt.toISOString() },
    });
    return inserted;
  });
  return { ...toApiToken({ ...row, owner_username: owner.username }, now), token };
}

/** Revokes a token; `ownerId` limits it to that person's tokens (others: 404). Revoking twice changes nothing. */
export async function revokeApiToken(db: Db, id: number, by: { userId: number; ownerId?: number | undefined }, actor: AuditActor, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await repo.findApiToken(tx, id);
    if (!row || (by.ownerId !== undefined && row.user_id !== by.ownerId)) throw new NotFoundError(`API token ${id}`);
    if (!(await repo.revokeApiToken(tx, id, by.userId, now))) return;
    await recordAudit(tx, { actor, action: 'api_token.revoked', target: { type: 'api_token', id, label: row.name }, detail: { owner: row.owner_username } });
  });
}

/**
 * The user behind a personal API token, with the token's scopes; undefined when it is unknown, revoked,
 * expired or its owner is disabled. Its last use is written at most once a minute.
 */
export async function authenticateApiToken(db: Db, token: string, now: Date, address: string | undefined): Promise<AuthUser | undefined> {
  if (!isApiToken(token)) return undefined;
  const row = await repo.findTokenUser(db, hashSecret(token), now);
  if (!row || row.disabled) return undefined;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= 60_000) await repo.touchApiToken(db, row.token_id, now, address ?? null);
  return { id: row.id, username: row.username, role: row.role, displayName: row.display_name, apiToken: { id: row.token_id, scopes: row.scopes } };
}

export { isApiToken };
