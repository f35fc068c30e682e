import type { Clock } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/db-errors.js';
import { DomainError } from '../../platform/http/errors.js';
import type { Logger } from '../../platform/log.js';
import { decidePriority } from '../itil/priority.js';
import { getHelpdeskSettings } from '../settings/helpdesk-settings.service.js';
import { usernameCandidates } from './ticket-access.js';
import { openTicket, priorityOrThrow } from './ticket-creation.js';
import { deviceOwnership } from './ticket-devices.repository.js';
import { enabledUsersNamed } from './ticket-people.repository.js';
import { findBySourceKey } from './tickets.repository.js';

/**
 * The agent's key proves a machine, not a person: the username it sends selects a Parc user only when
 * that user is the device's owner or its last logged-in user (the rule by which a requester may link a
 * device). Otherwise nobody is made requester and the name stays on the ticket as text. The exact name
 * wins over the short one (`CORP\\amy` before `amy`). Pure.
 */
export function requesterFromClaim<U extends { username: string }>(candidates: readonly string[], users: readonly U[], device: { owner: string | null; last_user: string | null }): U | null {
  const known = [device.owner, device.last_user].flatMap((n) => (n ? usernameCandidates(n) : []));
  return (
    candidates
      .map((c) => users.find((u) => u.username.toLowerCase() === c))
      .find((u) => u !== undefined && known.includes(u.username.toLowerCase())) ?? null
  );
}

/**
 * A ticket opened from an endpoint by its agent: linked to the agent's device, requested by the logged-in
 * user when Parc knows them as that device's owner or last user (else their name is kept on the ticket).
 * The idempotency key makes a retried request return the ticket it already opened.
 */
export async function createTicketFromAgent(
  deps: { db: Db; log: Logger; email: boolean; clock: Clock },
  agent: { id: string; deviceId: number | null },
  body: { title: string; description?: string | undefined; urgency?: number | undefined; username?: string | undefined },
  idempotencyKey: string | null,
): Promise<{ ticketId: number; requesterKnown: boolean; created: boolean }> {
  const { db } = deps;
  if (agent.deviceId === null) {
    throw new DomainError(409, 'no_inventory_yet', 'this machine has not sent an inventory yet: run "parc-agent send" first, then open the ticket');
  }
  const deviceId = agent.deviceId;
  const sourceKey = idempotencyKey ? `agent:${agent.id}:${idempotencyKey}` : null;
  const alreadyOpened = async () => {
    if (!sourceKey) return null;
    const existing = await findBySourceKey(db, sourceKey);
    return existing ? { ticketId: existing.id, requesterKnown: existing.requester_id !== null, created: false } : null;
  };
  const earlier = await alreadyOpened();
  if (earlier) return earlier;
  const candidates = body.username ? usernameCandidates(body.username) : [];
  const users = await enabledUsersNamed(db, candidates);
  const [device] = await deviceOwnership(db, [deviceId]);
  const requester = requesterFromClaim(candidates, users, device ?? { owner: null, last_user: null });
  const urgency = body.urgency ?? 3;
  const matrix = (await getHelpdeskSettings(db)).priorityMatrix;
  const priority = priorityOrThrow(decidePriority({ urgency, impact: 3, actorRole: 'requester', matrix }));
  const now = deps.clock.now();
  let ticketId: number;
  try {
    ticketId = await db.transaction().execute((tx) =>
      openTicket(tx, {
        ticket: { title: body.title, description: body.description || body.title, type: 'incident', urgency, impact: 3, priority, categoryId: null, location: null, dueAt: null },
        requesterId: requester?.id ?? null,
        requesterName: requester ? null : (body.username ?? null),
        actorId: null,
        observerIds: [],
        deviceIds: [deviceId],
        sourceKey,
        viaAgent: true,
        email: deps.email,
        now,
      }),
    );
  } catch (err) {
    // A retry that raced the first try (the client timed out while it was still running): the unique
    // source key refused the second ticket, so answer with the first.
    const raced = isUniqueViolation(err) ? await alreadyOpened() : null;
    if (raced) return raced;
    throw err;
  }
  deps.log.info({ ticketId, agentId: agent.id, deviceId, requesterKnown: requester !== null }, 'ticket opened from an endpoint');
  return { ticketId, requesterKnown: requester !== null, created: true };
}
