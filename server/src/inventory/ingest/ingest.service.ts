import { sql } from 'kysely';
import { carriedSections, type Inventory, type InventoryResponse, type ParseWarning } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/log.js';
import { COMPONENT_SECTIONS } from './components.js';
import { diffInventory, emptyFacts, type ChangeSet } from './diff.js';
import { physicalMacs } from './identity-blacklist.js';
import * as repo from './ingest.repository.js';
import { cleanIdentity, reconcile, type CleanIdentity, type ReconcileResult } from './reconcile.js';
import { withRetry } from '../../platform/db/transaction-retry.js';
import { sectionHashes, unchangedSince } from './section-hashes.js';
import { classifyNewVersions } from '../software/dictionary.service.js';

export interface IngestSource {
  /** The authenticated agent: its id outranks whatever the payload claims. */
  agentId: string;
}


/** Columns derived from the inventory for search and display, limited to the carried sections. */
function derivedColumns(inv: Inventory, sections: Set<string>, identity: CleanIdentity) {
  const cols: Record<string, unknown> = {};
  if (sections.has('hardware')) {
    cols.serial = identity.serial;
    cols.uuid = identity.uuid;
  }
  if (sections.has('networks')) {
    cols.macs = identity.macs;
    cols.ipv4 = [...new Set((inv.networks ?? []).flatMap((n) => n.ipv4))].sort();
  }
  if (sections.has('users')) {
    const users = inv.users ?? [];
    const u = users.find((x) => x.type === 'logged-in') ?? users[0];
    cols.last_user = u ? (u.domain ? `${u.domain}\\${u.username}` : u.username) : null;
  }
  if (sections.has('volumes')) {
    cols.volume_usage = JSON.stringify(Object.fromEntries((inv.volumes ?? []).filter((v) => v.freeBytes !== undefined).map((v) => [v.mount, v.freeBytes])));
  }
  return cols;
}

/**
 * Takes one validated inventory through matching, diffing and writing, in one transaction. An
 * unchanged inventory (every carried section hashes as stored) writes last-seen and nothing else.
 */
export async function ingestInventory(
  db: Db,
  log: Logger,
  inv: Inventory,
  source: IngestSource,
  warnings: ParseWarning[],
): Promise<InventoryResponse> {
  const sections = carriedSections(inv);
  const carried = new Set<string>(sections);
  const hashes = sectionHashes(inv, sections);
  const now = new Date();
  if (inv.agentId !== source.agentId) {
    warnings.push({ path: 'agentId', message: `payload agentId differs from the authenticated agent; ${source.agentId} used` });
  }
  const incoming = {
    agentId: source.agentId,
    serial: carried.has('hardware') ? inv.hardware?.serial : undefined,
    uuid: carried.has('hardware') ? inv.hardware?.uuid : undefined,
    macs: carried.has('networks') ? physicalMacs(inv.networks ?? []) : [],
    hostname: inv.hostname,
  };

  const result = await withRetry(() =>
    db.transaction().execute(async (tx) => {
      // One ingest per machine at a time: two uploads racing (same agent, or an old and a reinstalled
      // agent of one machine) must not both create the device. Locked in key order: no deadlock.
      await sql`
        select pg_advisory_xact_lock(h)
        from (select distinct hashtext(k) as h from unnest(${identityLockKeys(incoming)}::text[]) as k order by h) as keys`.execute(tx);
      const match = reconcile(incoming, await repo.findCandidates(tx, incoming));
      const matchCols = { agent_id: source.agentId, match_rule: match.rule, matched_at: now, last_seen_at: now, agent_version: inv.agentVersion ?? null };

      let deviceId = match.deviceId;
      let created = false;
      let header: repo.DeviceHeader | undefined;
      if (deviceId !== null) header = await repo.loadDeviceHeader(tx, deviceId);
      if (deviceId === null || !header) {
        const row = await tx
          .insertInto('devices')
          .values({ hostname: inv.hostname, ...matchCols, first_seen_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        deviceId = row.id;
        created = true;
      }
      if (match.conflict) await recordConflict(tx, match, inv, deviceId);
      if (!created && header && header.hostname === inv.hostname && unchangedSince(header.section_hashes, hashes)) {
        await tx
          .updateTable('devices')
          .set({ ...matchCols, ...(carried.has('volumes') ? { volume_usage: derivedColumns(inv, carried, match.identity).volume_usage as string } : {}) })
          .where('id', '=', deviceId)
          .execute();
        await linkAgent(tx, source.agentId, deviceId, now, inv.agentVersion);
        return { deviceId, status: 'unchanged' as const, changes: { added: 0, removed: 0, changed: 0 }, rule: match.rule };
      }

      const kinds = COMPONENT_SECTIONS.filter((s) => carried.has(s));
      const stored = header
        ? await repo.loadStoredDevice(tx, header, carried.has('software'), kinds)
        : { facts: emptyFacts(inv.hostname), components: [], software: [] };
      const cs: ChangeSet = diffInventory(stored, inv, sections);
      // A new device gets one history line, not one per package: the history is for what changed.
      await repo.applyChangeSet(tx, deviceId, cs, now, !created);
      // New catalogue titles are placed by the normalisation dictionary in the same transaction.
      if (cs.software.add.length > 0) await classifyNewVersions(tx);
      if (created) {
        await repo.insertHistory(tx, deviceId, [{ section: 'device', kind: 'added', item: 'first inventory', old: null, new: `${cs.components.upsert.length} components, ${cs.software.add.length} software` }], now);
      }
      const { serial_raw, uuid_raw, ...facts } = cs.facts;
      await tx
        .updateTable('devices')
        .set({
          ...facts,
          ...(serial_raw !== undefined ? { raw_serial: serial_raw } : {}),
          ...(uuid_raw !== undefined ? { raw_uuid: uuid_raw } : {}),
          ...derivedColumns(inv, carried, match.identity),
          ...matchCols,
          section_hashes: JSON.stringify({ ...(header?.section_hashes ?? {}), ...hashes }),
          last_inventory_at: now,
          updated_at: now,
        })
        .where('id', '=', deviceId)
        .execute();
      await linkAgent(tx, source.agentId, deviceId, now, inv.agentVersion);
      return { deviceId, status: created ? ('created' as const) : ('updated' as const), changes: cs.counts, rule: match.rule };
    }),
  );
  log.info({ deviceId: result.deviceId, agentId: source.agentId, status: result.status, matchedBy: result.rule, changes: result.changes, warnings: warnings.length }, 'inventory ingested');
  // A device the server did not know, described by a partial inventory, is missing sections: ask for all.
  const requestFull = result.status === 'created' && inv.sections !== undefined;
  return { deviceId: result.deviceId, status: result.status, changes: result.changes, warnings, matchedBy: result.rule, ...(requestFull ? { requestFull } : {}) };
}

/** Every identifier the inventory could be matched on: uploads sharing any of them are serialised. */
function identityLockKeys(incoming: Parameters<typeof cleanIdentity>[0]): string[] {
  const id = cleanIdentity(incoming);
  return [
    `agent:${incoming.agentId ?? ''}`,
    ...(id.serial ? [`serial:${id.serial}`] : []),
    ...(id.uuid ? [`uuid:${id.uuid}`] : []),
    ...id.macs.map((m) => `mac:${m}`),
    ...(id.hostname ? [`host:${(id.hostname.split('.')[0] ?? '').toLowerCase()}`] : []),
  ];
}

/** The agent's version is refreshed from each upload: agents update themselves after enrolling. */
async function linkAgent(db: Db, agentId: string, deviceId: number, now: Date, agentVersion: string | undefined) {
  await db
    .updateTable('agents')
    .set({ device_id: deviceId, last_contact_at: now, ...(agentVersion ? { agent_version: agentVersion } : {}) })
    .where('id', '=', agentId)
    .execute();
}

/**
 * Recorded once per open situation: the same evidence on every hourly upload is not news. An open
 * conflict of the same agent that shares a candidate is the same situation seen again (a clone first
 * becomes a new device, then both devices carry the agent id): it is widened, not repeated.
 */
async function recordConflict(db: Db, match: ReconcileResult, inv: Inventory, chosenDeviceId: number) {
  const candidates = [...new Set([chosenDeviceId, ...match.conflict!.candidates])];
  const open = await db
    .selectFrom('reconcile_conflicts')
    .select(['id', 'candidate_ids'])
    .where('resolved_at', 'is', null)
    .where('agent_id', '=', match.identity.agentId)
    // One array parameter: Kysely would expand a JS array into a row `($1, $2)`, which Postgres refuses.
    .where(sql<boolean>`candidate_ids && ${candidates}::int[]`)
    .orderBy('id')
    .executeTakeFirst();
  if (open) {
    const known = new Set(open.candidate_ids);
    if (candidates.every((id) => known.has(id))) return;
    await db
      .updateTable('reconcile_conflicts')
      .set({
        candidate_ids: [...new Set([...open.candidate_ids, ...candidates])],
        chosen_device_id: chosenDeviceId,
        rule: match.rule,
        reason: match.conflict!.reason,
      })
      .where('id', '=', open.id)
      .execute();
    return;
  }
  await db
    .insertInto('reconcile_conflicts')
    .values({
      agent_id: match.identity.agentId,
      hostname: inv.hostname,
      identity: JSON.stringify(match.identity),
      chosen_device_id: chosenDeviceId,
      candidate_ids: candidates,
      rule: match.rule,
      reason: match.conflict!.reason,
    })
    .execute();
}
