import { systemClock, type Clock } from '@parc/shared';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.repository.js';
import type { Db } from '../../platform/db/database.js';
import { DomainError, NotFoundError } from '../../platform/http/errors.js';
import { agentState } from './agent-claim.js';
import * as repo from './enrollment.repository.js';

/** Administration of enrolled agents: the list, revoking one, asking one to change its key. */

type ListedRow = NonNullable<Awaited<ReturnType<typeof repo.findAgentListed>>>;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toApiAgent(a: ListedRow) {
  return {
    id: a.id,
    hostname: a.hostname,
    platform: a.platform,
    agentVersion: a.agent_version,
    enrolledAt: iso(a.enrolled_at)!,
    lastContactAt: iso(a.last_contact_at),
    revokedAt: iso(a.revoked_at),
    rekeyRequestedAt: iso(a.rekey_requested_at),
    state: agentState(a),
    device: a.device_id !== null && a.device_hostname !== null ? { id: a.device_id, hostname: a.device_hostname } : null,
    enrollmentToken:
      a.enrollment_token_id !== null && a.token_prefix !== null ? { id: a.enrollment_token_id, prefix: a.token_prefix, description: a.token_description } : null,
  };
}

export async function listAgents(db: Db, q: repo.AgentListQuery) {
  const { items, total } = await repo.listAgents(db, q);
  return { items: items.map(toApiAgent), total, limit: q.limit, offset: q.offset };
}

async function listed(db: Db, id: string) {
  const row = await repo.findAgentListed(db, id);
  if (!row) throw new NotFoundError(`agent ${id}`);
  return toApiAgent(row);
}

/** Its key (and any rotated key) stops working at once; the id can never be enrolled again. */
export async function revokeAgent(db: Db, id: string, actor: AuditActor, clock: Clock = systemClock) {
  const now = clock.now();
  await db.transaction().execute(async (tx) => {
    const exists = await repo.findAgentForUpdate(tx, id);
    if (!exists) throw new NotFoundError(`agent ${id}`);
    const [revoked] = await repo.revokeAgents(tx, { id }, now);
    if (revoked) await recordAudit(tx, { actor, action: 'agent.revoked', target: { type: 'agent', id, label: revoked.hostname }, at: now });
  });
  return listed(db, id);
}

/**
 * Asks the agent to change its key: its next contact is answered `rekey_required`, and it rotates its
 * key itself (POST /api/v1/agent/rekey). For PARC_AGENT_REKEY_HOURS, the machine may also enroll again
 * under the same id (when it lost its key), keeping its device.
 */
export async function requestAgentRekey(db: Db, id: string, actor: AuditActor, clock: Clock = systemClock) {
  const now = clock.now();
  await db.transaction().execute(async (tx) => {
    const agent = await repo.findAgentForUpdate(tx, id);
    if (!agent) throw new NotFoundError(`agent ${id}`);
    if (agent.revoked_at) throw new DomainError(409, 'agent_revoked', `agent ${id} is revoked; a revoked agent cannot be re-keyed (its machine may enroll as a new agent)`);
    await repo.requestRekey(tx, id, now);
    await recordAudit(tx, { actor, action: 'agent.rekeyed', target: { type: 'agent', id, label: agent.hostname }, detail: { step: 'requested' }, at: now });
  });
  return listed(db, id);
}
