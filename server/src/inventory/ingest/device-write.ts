import type { Inventory, InventorySection } from '@parc/shared';
import { diffInventory, emptyFacts, type ChangeSet, type DeviceFacts, type HistoryEntry, type StoredDevice } from './diff.js';
import type { DeviceUpdate } from './ingest.tables.js';
import type { CleanIdentity, ReconcileResult } from './reconcile.js';
import { unchangedSince } from './section-hashes.js';

/**
 * The diff step of ingest, pure: from an inventory, its match and what is stored for the device, the
 * write to make (device columns, component and software changes, history lines), as plain data that
 * the repository applies without deciding anything.
 */

type PeopleColumn = 'owner' | 'asset_tag' | 'notes' | 'state' | 'location_id' | 'user_id';
/** The device columns ingest writes: never those people own. */
export type DeviceColumns = Omit<DeviceUpdate, 'id' | PeopleColumn>;
/** A new device's row needs its name and how it was matched. */
export type NewDeviceColumns = DeviceColumns & { hostname: string; match_rule: string; matched_at: Date };

export type DeviceWrite =
  | { status: 'unchanged'; deviceId: number; columns: DeviceColumns; counts: ChangeSet['counts'] }
  | { status: 'updated'; deviceId: number; columns: DeviceColumns; changeSet: ChangeSet; history: HistoryEntry[]; counts: ChangeSet['counts'] }
  | { status: 'created'; columns: NewDeviceColumns; changeSet: ChangeSet; history: HistoryEntry[]; counts: ChangeSet['counts'] };

/** One inventory on its way in: what it carries and how it matched. */
export interface IngestInput {
  inv: Inventory;
  sections: readonly InventorySection[];
  /** Hash of each carried section (see sectionHashes). */
  hashes: Record<string, string>;
  match: ReconcileResult;
  /** The authenticated agent: its id outranks whatever the payload claims. */
  agentId: string;
  now: Date;
}

/** What is stored of the matched device that decides whether anything changed. */
export interface StoredHeader {
  id: number;
  hostname: string;
  sectionHashes: Record<string, string>;
}

const NO_CHANGES: ChangeSet['counts'] = { added: 0, removed: 0, changed: 0 };

/** Every carried section hashes as stored and the name is the same: only last-seen needs writing. */
export function isUnchanged(header: StoredHeader, inv: Inventory, hashes: Record<string, string>): boolean {
  return header.hostname === inv.hostname && unchangedSince(header.sectionHashes, hashes);
}

/** Columns set by every upload: who sent it, how it matched, when. */
function contactColumns(input: IngestInput) {
  const { match, agentId, now, inv } = input;
  return { agent_id: agentId, match_rule: match.rule, matched_at: now, last_seen_at: now, agent_version: inv.agentVersion ?? null };
}

/** Columns derived from the inventory for search and display, limited to the carried sections. */
export function derivedColumns(inv: Inventory, sections: ReadonlySet<string>, identity: CleanIdentity): DeviceColumns {
  const cols: DeviceColumns = {};
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
  if (sections.has('volumes')) cols.volume_usage = volumeUsage(inv);
  return cols;
}

/** Free space per mount: shown, not history, so refreshed even by an unchanged inventory. */
export function volumeUsage(inv: Inventory): string {
  return JSON.stringify(Object.fromEntries((inv.volumes ?? []).filter((v) => v.freeBytes !== undefined).map((v) => [v.mount, v.freeBytes])));
}

/** The write for an unchanged inventory: last seen, the match, and free space. */
export function unchangedWrite(input: IngestInput, header: StoredHeader): DeviceWrite {
  const carried = new Set<string>(input.sections);
  return {
    status: 'unchanged',
    deviceId: header.id,
    columns: { ...contactColumns(input), ...(carried.has('volumes') ? { volume_usage: volumeUsage(input.inv) } : {}) },
    counts: NO_CHANGES,
  };
}

/** The fact names of the diff, as the device's columns. */
function factColumns(facts: Partial<DeviceFacts>): DeviceColumns {
  const { serial_raw, uuid_raw, ...rest } = facts;
  return { ...rest, ...(serial_raw !== undefined ? { raw_serial: serial_raw } : {}), ...(uuid_raw !== undefined ? { raw_uuid: uuid_raw } : {}) };
}

/**
 * The write for an inventory that changed something, or for a device not seen before (`stored`
 * undefined). A new device gets one history line, not one per package: the history is for what changed.
 */
export function changedWrite(input: IngestInput, stored: { device: StoredDevice; header: StoredHeader } | undefined): DeviceWrite {
  const { inv, sections, hashes, match, now } = input;
  const carried = new Set<string>(sections);
  const changeSet = diffInventory(stored?.device ?? { facts: emptyFacts(inv.hostname), components: [], software: [] }, inv, sections);
  const columns = {
    ...factColumns(changeSet.facts),
    ...derivedColumns(inv, carried, match.identity),
    ...contactColumns(input),
    section_hashes: JSON.stringify({ ...(stored?.header.sectionHashes ?? {}), ...hashes }),
    last_inventory_at: now,
    updated_at: now,
  };
  if (stored) return { status: 'updated', deviceId: stored.header.id, columns, changeSet, history: changeSet.history, counts: changeSet.counts };
  const first: HistoryEntry = {
    section: 'device',
    kind: 'added',
    item: 'first inventory',
    old: null,
    new: `${changeSet.components.upsert.length} components, ${changeSet.software.add.length} software`,
    code: 'first-inventory',
    params: { components: changeSet.components.upsert.length, software: changeSet.software.add.length },
  };
  return { status: 'created', columns: { ...columns, hostname: inv.hostname, first_seen_at: now }, changeSet, history: [first], counts: changeSet.counts };
}

/**
 * An agent's inventory that matched a computer people registered by hand (on its serial, see reconcile):
 * the record becomes the agent's. It keeps its id and every field people own (tag, notes, state, location,
 * user, and the finance and contract rows pointing at it), takes the inventory's hardware through the
 * ordinary diff, and its history says it was merged.
 */
export function mergeManualRecord(write: DeviceWrite, manual: { name: string; serial: string | null }): DeviceWrite {
  if (write.status !== 'updated') return write;
  const line: HistoryEntry = {
    section: 'device',
    kind: 'changed',
    item: 'merged manual record',
    old: manual.name,
    new: null,
    code: 'merged-manual-record',
    params: { name: manual.name, serial: manual.serial ?? '' },
  };
  return { ...write, columns: { ...write.columns, source: 'agent' }, history: [line, ...write.history] };
}
