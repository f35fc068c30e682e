import { randomUUID } from 'node:crypto';
import { REENROLL_REQUIRED, systemClock, type Clock, type EnrollRequest } from '@parc/shared';
import { hashSecret, newSecret } from '../../platform/auth/tokens.js';
import type { Db } from '../../platform/db/database.js';
import type { EnrollmentToken } from './enrollment.tables.js';
import { NotFoundError, UnauthorizedError } from '../../platform/http/errors.js';
import * as repo from './enrollment.repository.js';

type TokenRow = EnrollmentToken;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function tokenState(t: TokenRow, now: Date): 'active' | 'expired' | 'revoked' {
  if (t.revoked_at) return 'revoked';
  if (t.expires_at && new Date(t.expires_at) <= now) return 'expired';
  return 'active';
}

export function toApiToken(t: TokenRow, now: Date) {
  return {
    id: t.id,
    prefix: t.prefix,
    description: t.description,
    createdAt: iso(t.created_at)!,
    expiresAt: iso(t.expires_at),
    revokedAt: iso(t.revoked_at),
    lastUsedAt: iso(t.last_used_at),
    useCount: t.use_count,
    state: tokenState(t, now),
  };
}

export async function createEnrollmentToken(
  db: Db,
  input: { description?: string | undefined; expiresInDays?: number | undefined; createdBy: number | null },
  clock: Clock = systemClock,
) {
  const now = clock.now();
  const token = newSecret('parc_enroll');
  const row = await repo.insertToken(db, {
    tokenHash: hashSecret(token),
    prefix: token.slice(0, 'parc_enroll_'.length + 4),
    description: input.description ?? null,
    createdBy: input.createdBy,
    expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
  });
  return { ...toApiToken(row, now), token };
}

export async function listEnrollmentTokens(db: Db, clock: Clock = systemClock) {
  const now = clock.now();
  return (await repo.listTokens(db)).map((t) => toApiToken(t, now));
}

export async function revokeEnrollmentToken(db: Db, id: number, clock: Clock = systemClock) {
  const row = await repo.revokeToken(db, id, clock.now());
  if (!row) throw new NotFoundError(`enrollment token ${id}`);
  return row;
}

/** Checks an enrollment token; used by agent enrollment and by legacy agents' basic auth. */
export async function verifyEnrollmentToken(db: Db, token: string, clock: Clock = systemClock): Promise<TokenRow> {
  const row = await repo.findTokenByHash(db, hashSecret(token));
  if (!row || tokenState(row, clock.now()) !== 'active') {
    throw new UnauthorizedError(
      'enrollment token is unknown, expired or revoked: ask an administrator for a current one',
      'invalid_enrollment_token',
    );
  }
  return row;
}

export async function enrollAgent(db: Db, req: EnrollRequest, clock: Clock = systemClock) {
  const token = await verifyEnrollmentToken(db, req.enrollmentToken, clock);
  const agentId = req.agentId ?? randomUUID();
  const agentKey = newSecret('parc_agent');
  const now = clock.now();
  await db.transaction().execute(async (tx) => {
    await repo.upsertAgent(tx, {
      id: agentId,
      keyHash: hashSecret(agentKey),
      tokenId: token.id,
      hostname: req.hostname,
      platform: req.platform ?? null,
      agentVersion: req.agentVersion ?? null,
      now,
    });
    await repo.markTokenUsed(tx, token.id, now);
  });
  return { agentId, agentKey };
}

export type AgentRow = NonNullable<Awaited<ReturnType<typeof repo.findAgentByKeyHash>>>;

/** Resolves `Authorization: Bearer <agentKey>`; an unknown or revoked key tells the agent to enroll again. */
export async function authenticateAgent(db: Db, authorization: string | undefined): Promise<AgentRow> {
  const key = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const reenroll = (why: string) =>
    new UnauthorizedError(`${why}: enroll this agent again with a current enrollment token`, REENROLL_REQUIRED);
  if (!key) throw reenroll('no agent key was sent');
  const agent = await repo.findAgentByKeyHash(db, hashSecret(key));
  if (!agent) throw reenroll('this agent key is not known to the server');
  if (agent.revoked_at) throw reenroll('this agent was revoked');
  return agent;
}
