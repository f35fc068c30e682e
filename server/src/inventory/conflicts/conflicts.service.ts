import type { Db } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { conflictStep } from './conflict-situation.js';
import * as repo from './conflicts.repository.js';
import type { ListConflictsQuery } from './conflicts.schemas.js';
import type { ConflictRow } from './conflicts.tables.js';

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

export function toApiConflict(r: ConflictRow) {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    agentId: r.agent_id,
    hostname: r.hostname,
    identity: r.identity,
    chosenDeviceId: r.chosen_device_id,
    candidateIds: r.candidate_ids,
    rule: r.rule,
    reason: r.reason,
    resolvedAt: isoOrNull(r.resolved_at),
  };
}

export async function listConflicts(db: Db, query: ListConflictsQuery) {
  const { rows, total } = await repo.listConflicts(db, query);
  return { items: rows.map(toApiConflict), total };
}

export async function resolveConflict(db: Db, id: number, now: Date): Promise<void> {
  if (!(await repo.resolveConflict(db, id, now))) throw new NotFoundError(`conflict ${id}`);
}
