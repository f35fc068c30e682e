import type { Clock } from '@parc/shared';
import type { MergeDevicesResult, ReassignDeviceBody, ReassignDeviceResult, mergeDevicesBodySchema } from '@parc/shared/api';
import type { z } from 'zod';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.repository.js';
import type { Db } from '../../platform/db/database.js';
import { withRetry } from '../../platform/db/transaction-retry.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { closeConflict } from '../conflicts/conflicts.service.js';
import { detachAgentsFrom, findAgent, setAgentDevice } from '../enrollment/agent-binding.repository.js';
import * as ingestRepo from '../ingest/ingest.repository.js';

/**
 * What an admin does about a reconcile conflict: merge two devices that are one machine, or bind a
 * device to another agent. Each runs in one transaction that also writes its audit entry and, when
 * asked, closes the conflict it resolves. Both take the identity locks of the agents involved, so an
 * upload of those agents waits for them instead of recreating a device being merged away.
 */

/** Moves a device's rows owned by a later feature (ticket links, licence allocations); returns how many moved. */
export type DeviceReferenceMover = (db: Db, fromDeviceId: number, toDeviceId: number) => Promise<number>;

/** Given by the composition root (app.ts): the helpdesk and licences own those tables and sit above inventory. */
export interface DeviceMergeMovers {
  ticketLinks: DeviceReferenceMover;
  licenceAllocations: DeviceReferenceMover;
}

export interface DeviceAdminDeps {
  db: Db;
  clock: Clock;
  movers: DeviceMergeMovers;
}

const agentLocks = (agentIds: (string | null)[]) => agentIds.flatMap((a) => (a ? [`agent:${a}`] : []));

export async function mergeDevices(
  { db, clock, movers }: DeviceAdminDeps,
  keptId: number,
  body: z.output<typeof mergeDevicesBodySchema>,
  actor: AuditActor,
): Promise<MergeDevicesResult> {
  if (body.absorbId === keptId) throw new ValidationError('a device cannot be merged into itself', 'absorbId');
  const ids = [keptId, body.absorbId];
  return withRetry(() =>
    db.transaction().execute(async (tx) => {
      await ingestRepo.lockIdentities(tx, agentLocks(await ingestRepo.deviceAgentIds(tx, ids)));
      const rows = await ingestRepo.lockDevicesById(tx, ids);
      const kept = rows.find((r) => r.id === keptId);
      const absorbed = rows.find((r) => r.id === body.absorbId);
      if (!kept) throw new NotFoundError(`device ${keptId}`);
      if (!absorbed) throw new NotFoundError(`device ${body.absorbId}`);
      const now = clock.now();
      const agentId = body.agentFrom === 'absorbed' ? absorbed.agent_id : kept.agent_id;
      const other = body.agentFrom === 'absorbed' ? kept.agent_id : absorbed.agent_id;
      const displacedAgentId = other !== null && other !== agentId ? other : null;

      const ticketLinks = await movers.ticketLinks(tx, absorbed.id, kept.id);
      const licenceAllocations = await movers.licenceAllocations(tx, absorbed.id, kept.id);
      const lastSeen = new Date(Math.max(new Date(kept.last_seen_at).getTime(), new Date(absorbed.last_seen_at).getTime()));
      const changes = await ingestRepo.mergeDeviceRecords(tx, {
        keptId: kept.id,
        absorbedId: absorbed.id,
        absorbedHostname: absorbed.hostname,
        agentId,
        lastSeenAt: lastSeen,
        at: now,
      });
      await detachAgentsFrom(tx, [kept.id], agentId);
      if (agentId !== null) await setAgentDevice(tx, agentId, kept.id);

      const result: MergeDevicesResult = { keptId: kept.id, absorbedId: absorbed.id, agentId, displacedAgentId, moved: { ticketLinks, changes, licenceAllocations } };
      await recordAudit(tx, {
        actor,
        action: 'device.merged',
        target: { type: 'device', id: kept.id, label: kept.hostname },
        detail: { absorbedId: absorbed.id, absorbedHostname: absorbed.hostname, agentId, displacedAgentId, moved: result.moved, conflictId: body.conflictId ?? null },
        at: now,
      });
      if (body.conflictId !== undefined) await closeConflict(tx, body.conflictId, { resolution: 'merged', actor, at: now, deviceIds: ids });
      return result;
    }),
  );
}

export async function reassignDevice(
  { db, clock }: Pick<DeviceAdminDeps, 'db' | 'clock'>,
  deviceId: number,
  body: ReassignDeviceBody,
  actor: AuditActor,
): Promise<ReassignDeviceResult> {
  return withRetry(() =>
    db.transaction().execute(async (tx) => {
      await ingestRepo.lockIdentities(tx, agentLocks([...(await ingestRepo.deviceAgentIds(tx, [deviceId])), body.agentId]));
      const [device] = await ingestRepo.lockDevicesById(tx, [deviceId]);
      if (!device) throw new NotFoundError(`device ${deviceId}`);
      if (body.agentId !== null) {
        const agent = await findAgent(tx, body.agentId);
        if (!agent) throw new ValidationError(`no enrolled agent ${body.agentId}`, 'agentId');
        if (agent.revoked_at !== null) throw new ConflictError(`agent ${body.agentId} is revoked: a device is bound only to an active agent`, 'agentId');
      }
      const now = clock.now();
      const previousAgentId = device.agent_id;
      const unboundDeviceIds = await ingestRepo.setDeviceAgent(tx, deviceId, body.agentId, now);
      await detachAgentsFrom(tx, [deviceId], body.agentId);
      if (body.agentId !== null) await setAgentDevice(tx, body.agentId, deviceId);

      await recordAudit(tx, {
        actor,
        action: 'device.reassigned',
        target: { type: 'device', id: deviceId, label: device.hostname },
        detail: { agentId: body.agentId, previousAgentId, unboundDeviceIds, conflictId: body.conflictId ?? null },
        at: now,
      });
      if (body.conflictId !== undefined) await closeConflict(tx, body.conflictId, { resolution: 'reassigned', actor, at: now, deviceIds: [deviceId] });
      return { deviceId, agentId: body.agentId, previousAgentId, unboundDeviceIds };
    }),
  );
}
