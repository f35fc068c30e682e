import { randomUUID } from 'node:crypto';
import { REENROLL_REQUIRED, REKEY_REQUIRED, systemClock, type Clock, type EnrollRequest } from '@parc/shared';
import { hashSecret, newSecret } from '../../platform/auth/tokens.js';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.repository.js';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db/database.js';
import type { EnrollmentToken } from './enrollment.tables.js';
import { DomainError, NotFoundError, UnauthorizedError } from '../../platform/http/errors.js';
import { judgeEnrollClaim } from './agent-claim.js';
import { addressBucket, enforceLimit } from './enrollment-rate.js';
import * as repo from './enrollment.repository.js';

type TokenRow = EnrollmentToken;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function tokenState(t: TokenRow, now: Date): 'active' | 'expired' | 'revoked' {
  if (t.revoked_at) return 'revoked';
  if (t.expires_at && new Date(t.expires_at) <= now) return 'expired';
  return 'active';
}

export function toApiToken(t: TokenRow, now: Date, activeAgents = 0) {
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
    activeAgents,
  };
}

export async function createEnrollmentToken(
  db: Db,
  input: { description?: string | undefined; expiresInDays?: number | undefined; createdBy: number | null; actor?: AuditActor | undefined },
  clock: Clock = systemClock,
) {
  const now = clock.now();
  const token = newSecret('parc_enroll');
  const row = await db.transaction().execute(async (tx) => {
    const created = await repo.insertToken(tx, {
      tokenHash: hashSecret(token),
      prefix: token.slice(0, 'parc_enroll_'.length + 4),
      description: input.description ?? null,
      createdBy: input.createdBy,
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
    });
    await recordAudit(tx, {
      actor: input.actor ?? { userId: input.createdBy },
      action: 'enrollment_token.created',
      target: { type: 'enrollment_token', id: created.id, label: created.prefix },
      detail: { description: created.description, expiresAt: iso(created.expires_at) },
      at: now,
    });
    return created;
  });
  return { ...toApiToken(row, now), token };
}

export async function listEnrollmentTokens(db: Db, clock: Clock = systemClock) {
  const now = clock.now();
  return (await repo.listTokens(db)).map((t) => toApiToken(t, now, Number(t.active_agents)));
}

/** Revokes a token (new enrollments refused) and, when asked, every agent enrolled with it (their keys stop at once). */
export async function revokeEnrollmentToken(
  db: Db,
  id: number,
  opts: { revokeAgents?: boolean; actor?: AuditActor } = {},
  clock: Clock = systemClock,
) {
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('enrollment_tokens').select('revoked_at').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new NotFoundError(`enrollment token ${id}`);
    const row = (await repo.revokeToken(tx, id, now))!;
    const agents = opts.revokeAgents ? await repo.revokeAgents(tx, { tokenId: id }, now) : [];
    // Revoking twice is harmless and recorded once; agents revoked by a later call are recorded then.
    if (!before.revoked_at || agents.length) {
      await recordAudit(tx, {
        actor: opts.actor ?? {},
        action: 'enrollment_token.revoked',
        target: { type: 'enrollment_token', id, label: row.prefix },
        detail: { revokedAgents: agents.length },
        at: now,
      });
    }
    return { token: row, revokedAgents: agents.length };
  });
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

const bearerKey = (authorization: string | undefined) => authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];

export type EnrollLimits = Pick<
  Config,
  'PARC_ENROLL_WINDOW_SECONDS' | 'PARC_ENROLL_MAX_PER_TOKEN' | 'PARC_ENROLL_MAX_PER_ADDRESS' | 'PARC_AGENT_REKEY_HOURS'
>;

/**
 * Enrolls an agent. Limited per client address (before the token is even checked) and per token. An
 * `agentId` that already exists is only taken over with that agent's current key (sent as Bearer) or
 * within an admin's re-key request; otherwise 409, and a revoked id stays revoked.
 */
export async function enrollAgent(
  db: Db,
  req: EnrollRequest,
  ctx: { config: EnrollLimits; address?: string | undefined; authorization?: string | undefined },
  clock: Clock = systemClock,
) {
  const now = clock.now();
  const windowSeconds = ctx.config.PARC_ENROLL_WINDOW_SECONDS;
  if (ctx.address) {
    await enforceLimit(db, { name: 'enrollments_per_address', bucket: addressBucket(ctx.address), max: ctx.config.PARC_ENROLL_MAX_PER_ADDRESS, windowSeconds }, now);
  }
  const token = await verifyEnrollmentToken(db, req.enrollmentToken, clock);
  await enforceLimit(db, { name: 'enrollments_per_token', bucket: `token:${token.id}`, max: ctx.config.PARC_ENROLL_MAX_PER_TOKEN, windowSeconds }, now);

  const proof = bearerKey(ctx.authorization);
  const proofHash = proof === undefined ? undefined : hashSecret(proof);
  const agentKey = newSecret('parc_agent');
  const agentId = req.agentId ?? randomUUID();
  const claim = await db.transaction().execute(async (tx) => {
    const existing = req.agentId ? await repo.findAgentForUpdate(tx, agentId) : undefined;
    const verdict = judgeEnrollClaim(existing, proofHash, now, ctx.config.PARC_AGENT_REKEY_HOURS * 3_600_000);
    if (verdict.kind === 'refuse') throw new DomainError(409, verdict.code, verdict.message, 'agentId');
    const values = {
      id: agentId,
      keyHash: hashSecret(agentKey),
      tokenId: token.id,
      hostname: req.hostname,
      platform: req.platform ?? null,
      agentVersion: req.agentVersion ?? null,
      now,
    };
    if (verdict.kind === 'new') {
      // Two first enrollments of one new id at once: the second finds it taken.
      if (!(await repo.insertAgent(tx, values))) throw new DomainError(409, 'agent_id_taken', 'this agent id was enrolled a moment ago by another request', 'agentId');
    } else {
      await repo.reenrollAgent(tx, values);
    }
    await repo.markTokenUsed(tx, token.id, now);
    const actor = { agentId, address: ctx.address };
    const target = { type: 'agent', id: agentId, label: req.hostname };
    await recordAudit(
      tx,
      {
        actor,
        action: 'agent.enrolled',
        target,
        detail: { enrollmentTokenId: token.id, tokenPrefix: token.prefix, ...(verdict.kind === 'rotate' ? { reenrolled: true, provedBy: verdict.via } : {}) },
        at: now,
      },
      ...(verdict.kind === 'rotate' && verdict.via === 'rekey_request'
        ? [{ actor, action: 'agent.rekeyed' as const, target, detail: { step: 'completed', via: 'enrollment' }, at: now }]
        : []),
    );
    return verdict;
  });
  return { agentId, agentKey, reenrolled: claim.kind === 'rotate' };
}

export type AgentRow = NonNullable<Awaited<ReturnType<typeof repo.findAgentByKeyHash>>>;

/**
 * Resolves `Authorization: Bearer <agentKey>`. An unknown or revoked key tells the agent to enroll
 * again; while an admin's re-key request is open, every agent route but the rotation itself answers
 * `rekey_required`. The first use of a rotated key makes it the agent's key (the old one stops).
 */
export async function authenticateAgent(
  db: Db,
  authorization: string | undefined,
  opts: { forKeyRotation?: boolean; address?: string | undefined; clock?: Clock } = {},
): Promise<AgentRow> {
  const key = bearerKey(authorization);
  const reenroll = (why: string) =>
    new UnauthorizedError(`${why}: enroll this agent again with a current enrollment token`, REENROLL_REQUIRED);
  if (!key) throw reenroll('no agent key was sent');
  const keyHash = hashSecret(key);
  let agent = await repo.findAgentByKeyHash(db, keyHash);
  if (!agent) throw reenroll('this agent key is not known to the server');
  if (agent.revoked_at) throw reenroll('this agent was revoked by an administrator');
  if (agent.pending_key_hash === keyHash) {
    const now = (opts.clock ?? systemClock).now();
    const committed = await db.transaction().execute(async (tx) => {
      const row = await repo.commitPendingKey(tx, agent!.id, keyHash);
      if (row) {
        await recordAudit(tx, {
          actor: { agentId: row.id, address: opts.address },
          action: 'agent.rekeyed',
          target: { type: 'agent', id: row.id, label: row.hostname },
          detail: { step: 'completed', via: 'rotation' },
          at: now,
        });
      }
      return row;
    });
    // Undefined: a request running alongside committed it first, or the agent was revoked meanwhile.
    agent = committed ?? (await repo.findAgentByKeyHash(db, keyHash));
    if (!agent || agent.revoked_at) throw reenroll('this agent was revoked by an administrator');
  }
  if (agent.rekey_requested_at && !opts.forKeyRotation) {
    throw new UnauthorizedError(
      'an administrator asked this agent to change its key: POST /api/v1/agent/rekey with the current key, and use the key it returns (the Parc agent does this by itself)',
      REKEY_REQUIRED,
    );
  }
  return agent;
}

/**
 * Issues a new key to an authenticated agent. Two-phase: the current key keeps working until the new one
 * is first used, so an answer lost on the way never locks the agent out; asking again replaces it.
 */
export async function rotateAgentKey(db: Db, agent: AgentRow) {
  const agentKey = newSecret('parc_agent');
  const row = await repo.setPendingKey(db, agent.id, hashSecret(agentKey));
  if (!row) throw new UnauthorizedError('this agent was revoked by an administrator: enroll it again with a current enrollment token', REENROLL_REQUIRED);
  return { agentId: agent.id, agentKey };
}
