import type { Db } from '../../platform/db/database.js';

export function insertToken(db: Db, v: { tokenHash: string; prefix: string; description: string | null; createdBy: number | null; expiresAt: Date | null }) {
  return db
    .insertInto('enrollment_tokens')
    .values({ token_hash: v.tokenHash, prefix: v.prefix, description: v.description, created_by: v.createdBy, expires_at: v.expiresAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listTokens(db: Db) {
  return db.selectFrom('enrollment_tokens').selectAll().orderBy('id', 'desc').execute();
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

export function findAgentByKeyHash(db: Db, keyHash: string) {
  return db.selectFrom('agents').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
}

/** Enrolling again with the same agent id replaces its key: the old one stops working at once. */
export async function upsertAgent(
  db: Db,
  v: { id: string; keyHash: string; tokenId: number; hostname: string; platform: string | null; agentVersion: string | null; now: Date },
) {
  await db
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
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        key_hash: v.keyHash,
        enrollment_token_id: v.tokenId,
        hostname: v.hostname,
        platform: v.platform,
        agent_version: v.agentVersion,
        enrolled_at: v.now,
        revoked_at: null,
      }),
    )
    .execute();
}

/** An agent's upload ties it to its device; its version is refreshed, as agents update themselves after enrolling. */
export async function linkAgentToDevice(db: Db, v: { agentId: string; deviceId: number; now: Date; agentVersion: string | undefined }) {
  await db
    .updateTable('agents')
    .set({ device_id: v.deviceId, last_contact_at: v.now, ...(v.agentVersion ? { agent_version: v.agentVersion } : {}) })
    .where('id', '=', v.agentId)
    .execute();
}
