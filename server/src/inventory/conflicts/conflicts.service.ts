import type { Db } from '../../platform/db/database.js';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.repository.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { conflictStep } from './conflict-situation.js';
import * as repo from './conflicts.repository.js';
import type { ListConflictsQuery } from './conflicts.schemas.js';
import type { ConflictResolution, ConflictRow } from './conflicts.tables.js';

/** What ingest knows of a conflicting match: the evidence, the device chosen and the other candidates. */
export interface ConflictEvidence {
  agentId: string | null;
  hostname: string;
  identity: Record<string, unknown>;
  chosenDeviceId: number;
  candidates: number[];
  rule: string;
  reason: string;
  /** When the upload showing it arrived. */
  at: Date;
}

/** Records a conflict once per open situation (see conflictStep); ingest calls it in its transaction. */
export async function recordConflict(db: Db, e: ConflictEvidence): Promise<void> {
  const seen = [...new Set([e.chosenDeviceId, ...e.candidates])];
  const step = conflictStep(await repo.findOpenConflict(db, e.agentId, seen), seen);
  if (step.kind === 'widen') {
    await repo.widenConflict(db, step.id, { chosenDeviceId: e.chosenDeviceId, candidateIds: step.candidateIds, rule: e.rule, reason: e.reason });
  } else if (step.kind === 'record') {
    await repo.insertConflict(db, { agentId: e.agentId, hostname: e.hostname, identity: e.identity, chosenDeviceId: e.chosenDeviceId, candidateIds: step.candidateIds, rule: e.rule, reason: e.reason, at: e.at });
  }
}

const isoOrNull = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

type DeviceRow = Awaited<ReturnType<typeof repo.conflictDevices>>[number];

export function toApiConflict(r: ConflictRow, devices: ReadonlyMap<number, DeviceRow> = new Map()) {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    agentId: r.agent_id,
    hostname: r.hostname,
    identity: r.identity,
    chosenDeviceId: r.chosen_device_id,
    candidateIds: r.candidate_ids,
    devices: r.candidate_ids.flatMap((id) => {
      const d = devices.get(id);
      return d
        ? [{ id: d.id, hostname: d.hostname, serial: d.serial, agentId: d.agent_id, agentActive: d.agent_active === true, lastSeenAt: new Date(d.last_seen_at).toISOString() }]
        : [];
    }),
    rule: r.rule,
    reason: r.reason,
    resolvedAt: isoOrNull(r.resolved_at),
    resolution: r.resolution,
  };
}

export async function listConflicts(db: Db, query: ListConflictsQuery) {
  const { rows, total } = await repo.listConflicts(db, query);
  // Every named device of the page in one statement.
  const devices = await repo.conflictDevices(db, [...new Set(rows.flatMap((r) => r.candidate_ids))]);
  const byId = new Map(devices.map((d) => [d.id, d]));
  return { items: rows.map((r) => toApiConflict(r, byId)), total };
}

/**
 * Closes an open conflict with how it was resolved, and audits it, in the caller's transaction. When the
 * resolution acted on devices, the conflict must name them (a merge of two devices it does not name
 * resolves some other case). Throws 404 for no such conflict, 409 when it is already resolved.
 */
export async function closeConflict(
  tx: Db,
  id: number,
  r: { resolution: ConflictResolution; actor: AuditActor; at: Date; deviceIds?: number[] },
): Promise<void> {
  const c = await repo.lockConflict(tx, id);
  if (!c) throw new NotFoundError(`conflict ${id}`);
  if (c.resolved_at !== null) throw new ConflictError(`conflict ${id} is already resolved`, 'conflictId');
  const missing = (r.deviceIds ?? []).filter((d) => !c.candidate_ids.includes(d));
  if (missing.length > 0) throw new ValidationError(`conflict ${id} does not name device ${missing.join(', ')}`, 'conflictId');
  await repo.markResolved(tx, id, { at: r.at, resolution: r.resolution, by: r.actor.userId ?? null });
  await recordAudit(tx, {
    actor: r.actor,
    action: 'conflict.resolved',
    target: { type: 'reconcile_conflict', id, label: c.hostname },
    detail: { resolution: r.resolution, candidateIds: c.candidate_ids },
    at: r.at,
  });
}

/** Keep separate: the admin looked and the devices stay as they are. */
export async function dismissConflict(db: Db, id: number, actor: AuditActor, now: Date): Promise<void> {
  await db.transaction().execute((tx) => closeConflict(tx, id, { resolution: 'dismissed', actor, at: now }));
}
