import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { AgentState } from '@parc/shared/api';

export function insertToken(db: Db, v: { tokenHash: string; prefix: string; description: string | null; createdBy: number | null; expiresAt: Date | null }) {
  return db
    .insertInto('enrollment_tokens')
    .values({ token_hash: v.tokenHash, prefix: v.prefix, description: v.description, created_by: v.createdBy, expires_at: v.expiresAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Newest first, each with how many of its agents are not revoked (one grouped subquery). */
export function listTokens(db: Db) {
  return db
    .selectFrom('enrollment_tokens as t')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('agents')
          .select(['enrollment_token_id', (e) => e.fn.countAll<string | number>().as('n')])
          .where('revoked_at', 'is', null)
          .groupBy('enrollment_token_id')
          .as('a'),
      (join) => join.onRef('a.enrollment_token_id', '=', 't.id'),
    )
    .selectAll('t')
    .select((eb) => eb.fn.coalesce('a.n', sql<number>`0`).as('active_agents'))
    .orderBy('t.id', 'desc')
    .execute();
}

export function findTokenByHash(db: Db, tokenHash: string) {
  return db.selectFrom('enrollment_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function revokeToken(db: Db, id: number, now: Date) {
  return db
    .updateTable('enrollment_tokens')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(now)) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function markTokenUsed(db: Db, id: number, now: Date) {
  await db
    .updateTable('enrollment_tokens')
    .set((eb) => ({ last_used_at: now, use_count: eb('use_count', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** The agent a key belongs to: its current key, or a rotated key not used yet. */
export function findAgentByKeyHash(db: Db, keyHash: string) {
  return db
    .selectFrom('agents')
    .selectAll()
    .where((eb) => eb.or([eb('key_hash', '=', keyHash), eb('pending_key_hash', '=', keyHash)]))
    .executeTakeFirst();
}

/** Locks the agent's row for the rest of the transaction (two enrollments of one id run one after the other). */
export function findAgentForUpdate(db: Db, id: string) {
  return db.selectFrom('agents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

interface AgentEnrollment {
  id: string;
  keyHash: string;
  tokenId: number;
  hostname: string;
  platform: string | null;
  agentVersion: string | null;
  now: Date;
}

/** A new agent; undefined when the id was taken meanwhile. */
export function insertAgent(db: Db, v: AgentEnrollment) {
  return db
    .insertInto('agents')
    .values({
      id: v.id,
      key_hash: v.keyHash,
      enrollment_token_id: v.tokenId,
      hostname: v.hostname,
      platform: v.platform,
      agent_version: v.agentVersion,
      enrolled_at: v.now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Re-enrollment of a proven agent: a new key, the old one stops at once; its device binding is kept. */
export async function reenrollAgent(db: Db, v: AgentEnrollment) {
  await db
    .updateTable('agents')
    .set({
      key_hash: v.keyHash,
      pending_key_hash: null,
      rekey_requested_at: null,
      enrollment_token_id: v.tokenId,
      hostname: v.hostname,
      platform: v.platform,
      agent_version: v.agentVersion,
      enrolled_at: v.now,
    })
    .where('id', '=', v.id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Issues a rotated key: it becomes the key at its first use; until then the current one still works. */
export function setPendingKey(db: Db, id: string, pendingKeyHash: string) {
  return db
    .updateTable('agents')
    .set({ pending_key_hash: pendingKeyHash })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

/** First use of a rotated key: it replaces the old one, and any re-key request is done. */
export function commitPendingKey(db: Db, id: string, pendingKeyHash: string) {
  return db
    .updateTable('agents')
    .set({ key_hash: pendingKeyHash, pending_key_hash: null, rekey_requested_at: null })
    .where('id', '=', id)
    .where('pending_key_hash', '=', pendingKeyHash)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Revokes agents (one, or every one of a token); already revoked ones keep their date and are not returned. */
export function revokeAgents(db: Db, where: { id: string } | { tokenId: number }, now: Date) {
  let q = db
    .updateTable('agents')
    .set({ revoked_at: now, pending_key_hash: null, rekey_requested_at: null })
    .where('revoked_at', 'is', null);
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('enrollment_token_id', '=', where.tokenId);
  return q.returning(['id', 'hostname']).execute();
}

export function requestRekey(db: Db, id: string, now: Date) {
  return db
    .updateTable('agents')
    .set({ rekey_requested_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

/** An agent's upload ties it to its device; its version is refreshed, as agents update themselves after enrolling. */
export async function linkAgentToDevice(db: Db, v: { agentId: string; deviceId: number; now: Date; agentVersion: string | undefined }) {
  await db
    .updateTable('agents')
    .set({ device_id: v.deviceId, last_contact_at: v.now, ...(v.agentVersion ? { agent_version: v.agentVersion } : {}) })
    .where('id', '=', v.agentId)
    .execute();
}

export interface AgentListQuery {
  state?: AgentState | undefined;
  search?: string | undefined;
  tokenId?: number | undefined;
  limit: number;
  offset: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

function agentsQuery(db: Db, q: AgentListQuery) {
  let query = db
    .selectFrom('agents as a')
    .leftJoin('devices as d', 'd.id', 'a.device_id')
    .leftJoin('enrollment_tokens as t', 't.id', 'a.enrollment_token_id');
  if (q.state === 'revoked') query = query.where('a.revoked_at', 'is not', null);
  else if (q.state) {
    query = query.where('a.revoked_at', 'is', null);
    if (q.state === 'rekey_pending') query = query.where('a.rekey_requested_at', 'is not', null);
    else {
      query = query.where('a.rekey_requested_at', 'is', null);
      query = query.where('a.last_contact_at', q.state === 'never_contacted' ? 'is' : 'is not', null);
    }
  }
  if (q.tokenId !== undefined) query = query.where('a.enrollment_token_id', '=', q.tokenId);
  if (q.search) {
    const like = `%${escapeLike(q.search)}%`;
    query = query.where((eb) => eb.or([eb('a.id', 'ilike', like), eb('a.hostname', 'ilike', like), eb('d.hostname', 'ilike', like)]));
  }
  return query;
}

/** One page, most recently heard from first (never-contacted ones by enrollment date), and the total. */
export async function listAgents(db: Db, q: AgentListQuery) {
  const [items, total] = await Promise.all([
    agentsQuery(db, q)
      .selectAll('a')
      .select(['d.hostname as device_hostname', 't.prefix as token_prefix', 't.description as token_description'])
      .orderBy(sql`coalesce(a.last_contact_at, a.enrolled_at)`, 'desc')
      .orderBy('a.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    agentsQuery(db, q)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findAgentListed(db: Db, id: string) {
  return agentsQuery(db, { limit: 1, offset: 0 })
    .selectAll('a')
    .select(['d.hostname as device_hostname', 't.prefix as token_prefix', 't.description as token_description'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/**
 * Enrollments nobody used: never reported an inventory and enrolled before `cutoff`. Revoked agents stay
 * (revocation is permanent and the list shows it). One statement, on a partial index.
 */
export async function deleteUnusedAgents(db: Db, cutoff: Date): Promise<number> {
  const res = await db
    .deleteFrom('agents')
    .where('device_id', 'is', null)
    .where('last_contact_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('enrolled_at', '<', cutoff)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
