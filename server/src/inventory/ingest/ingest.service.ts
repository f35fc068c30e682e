import { carriedSections, type Clock, type Inventory, type InventoryResponse, type ParseWarning } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import { withRetry } from '../../platform/db/transaction-retry.js';
import type { Logger } from '../../platform/log.js';
import { recordConflict } from '../conflicts/conflicts.service.js';
import { linkAgentToDevice } from '../enrollment/enrollment.repository.js';
import { COMPONENT_SECTIONS } from './components.js';
import { changedWrite, isUnchanged, mergeManualRecord, unchangedWrite, volumeUsage, type DeviceWrite, type IngestInput, type StoredHeader } from './device-write.js';
import * as repo from './ingest.repository.js';
import { identityLockKeys, incomingIdentity } from './match.js';
import { reconcile, type ReconcileResult } from './reconcile.js';
import { sectionHashes } from './section-hashes.js';
import { assetSerialLockKey, carriedPeripheralTypes, decidePeripherals, PERIPHERAL_SECTIONS, peripheralBatchHistory, reportedPeripherals } from './peripherals.js';
import { classifyNewVersions } from '../software/dictionary.service.js';

export interface IngestDeps {
  db: Db;
  log: Logger;
  clock: Clock;
}

export interface IngestSource {
  /** The authenticated agent: its id outranks whatever the payload claims. */
  agentId: string;
  /** False when the agent is known never to have reported a device (its row names none): no unchanged path to try. */
  hasDevice?: boolean;
}

/**
 * Takes one validated inventory through match → diff → apply, in one transaction. Match finds the
 * device (pure `reconcile` over the candidates read under the identity locks); diff is pure and yields
 * the write as plain data (an unchanged inventory, every carried section hashing as stored, writes
 * last-seen and nothing else); apply is the repository writing it.
 */
export async function ingestInventory(
  { db, log, clock }: IngestDeps,
  inv: Inventory,
  source: IngestSource,
  warnings: ParseWarning[],
): Promise<InventoryResponse> {
  const sections = carriedSections(inv);
  const hashes = sectionHashes(inv, sections);
  const now = clock.now();
  if (inv.agentId !== source.agentId) {
    warnings.push({ path: 'agentId', message: `payload agentId differs from the authenticated agent; ${source.agentId} used` });
  }
  // Most uploads change nothing (a check-in, or a full inventory of a quiet machine): one statement
  // writes last-seen when the stored device proves it, before any lock or read.
  const touched = source.hasDevice === false ? undefined : await withRetry(() =>
    repo.touchUnchangedDevice(db, {
      agentId: source.agentId,
      hostname: inv.hostname,
      hashes,
      now,
      agentVersion: inv.agentVersion,
      volumeUsage: sections.includes('volumes') ? volumeUsage(inv) : undefined,
    }),
  );
  if (touched !== undefined) {
    const changes = { added: 0, removed: 0, changed: 0 };
    log.info({ deviceId: touched, agentId: source.agentId, status: 'unchanged', matchedBy: 'agent-id', changes, warnings: warnings.length }, 'inventory ingested');
    return { deviceId: touched, status: 'unchanged', changes, warnings, matchedBy: 'agent-id' };
  }
  const incoming = incomingIdentity(inv, new Set(sections), source.agentId);

  const result = await withRetry(() =>
    db.transaction().execute(async (tx) => {
      // 1. match
      await repo.lockIdentities(tx, identityLockKeys(incoming));
      const match = reconcile(incoming, await repo.findCandidates(tx, incoming));
      const header = match.deviceId === null ? undefined : await repo.loadDeviceHeader(tx, match.deviceId);

      // 2. diff
      const input: IngestInput = { inv, sections, hashes, match, agentId: source.agentId, now };
      let write: DeviceWrite;
      if (!header) {
        write = changedWrite(input, undefined);
      } else {
        const stored: StoredHeader = { id: header.id, hostname: header.hostname, sectionHashes: header.section_hashes };
        // A manual record taken by an agent is always written in full: its source and history change.
        if (header.source !== 'manual' && isUnchanged(stored, inv, hashes)) {
          write = unchangedWrite(input, stored);
        } else {
          const carried = new Set<string>(sections);
          const kinds = COMPONENT_SECTIONS.filter((s) => carried.has(s));
          const device = await repo.loadStoredDevice(tx, header, carried.has('software'), kinds);
          write = changedWrite(input, { header: stored, device });
          if (header.source === 'manual') write = mergeManualRecord(write, { name: header.hostname, serial: header.serial });
        }
      }

      // 3. apply
      const { id: deviceId, createdVersions } = await repo.applyDeviceWrite(tx, write, now);
      if (peripheralsChanged(header?.section_hashes, hashes)) await linkPeripherals(tx, { id: deviceId, hostname: inv.hostname }, inv, new Set(sections), now);
      // New catalogue titles are placed by the normalisation dictionary in the same transaction (the
      // transaction that creates a version classifies it, so none is left for an upload that created none).
      if (createdVersions > 0) await classifyNewVersions(tx);
      if (match.conflict) await recordConflict(tx, conflictEvidence(match, inv, deviceId, now));
      await linkAgentToDevice(tx, { agentId: source.agentId, deviceId, now, agentVersion: inv.agentVersion });
      return { deviceId, status: write.status, changes: write.counts, rule: match.rule, refused: match.conflict?.refused };
    }),
  );
  if (result.refused) {
    log.warn(
      { deviceId: result.deviceId, agentId: source.agentId, refusedDeviceIds: result.refused },
      'inventory pointed at devices bound to another active agent; they were left alone: an admin decides under Admin → Reconcile conflicts (merge, reassign or keep separate)',
    );
  }
  log.info({ deviceId: result.deviceId, agentId: source.agentId, status: result.status, matchedBy: result.rule, changes: result.changes, warnings: warnings.length }, 'inventory ingested');
  // A device the server did not know, described by a partial inventory, is missing sections: ask for all.
  const requestFull = result.status === 'created' && inv.sections !== undefined;
  return { deviceId: result.deviceId, status: result.status, changes: result.changes, warnings, matchedBy: result.rule, ...(requestFull ? { requestFull } : {}) };
}

/** Monitors and printers are linked only when their section came and changed: an unchanged upload costs nothing. */
function peripheralsChanged(stored: Record<string, string> | undefined, hashes: Record<string, string>): boolean {
  return PERIPHERAL_SECTIONS.some((s) => hashes[s] !== undefined && hashes[s] !== stored?.[s]);
}

/** The discovered-peripherals step (peripherals.ts decides, the repository writes), in the ingest transaction. */
async function linkPeripherals(tx: Db, computer: { id: number; hostname: string }, inv: Inventory, carried: ReadonlySet<string>, now: Date) {
  const reported = reportedPeripherals(inv, carried);
  const types = carriedPeripheralTypes(carried);
  // Another computer's upload may report the same monitor at the same moment: its key is locked first.
  await repo.lockIdentities(tx, reported.map((r) => assetSerialLockKey(r.type, r.serial)));
  const stored = await repo.loadPeripherals(tx, [computer.id], reported, types);
  const decisions = decidePeripherals(computer.id, reported, stored, types);
  const batch = [{ computer, decisions }];
  if (decisions.length > 0) await repo.applyPeripherals(tx, batch, (ids) => peripheralBatchHistory(batch, ids), now);
}

function conflictEvidence(match: ReconcileResult, inv: Inventory, chosenDeviceId: number, at: Date) {
  return {
    agentId: match.identity.agentId,
    hostname: inv.hostname,
    identity: { ...match.identity },
    chosenDeviceId,
    candidates: match.conflict!.candidates,
    rule: match.rule,
    reason: match.conflict!.reason,
    at,
  };
}
