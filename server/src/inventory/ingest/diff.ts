import type { Inventory, InventorySection } from '@parc/shared';
import { displayName, normalizeName, normalizePublisher, softwareKey } from '../software/normalize.js';
import { COMPONENT_SECTIONS, componentRows, describeComponent, type ComponentRow, type ComponentSection } from './components.js';
import { stableJson } from './stable-json.js';

/** A software installation as stored for a device. */
export interface StoredInstallation {
  versionId: number;
  nameKey: string;
  publisherKey: string;
  name: string;
  version: string;
  arch: string;
  source: string;
  installDate: string | null;
}

/** A software installation to write: the catalogue entries are resolved by the writer. */
export interface IncomingInstallation {
  nameKey: string;
  publisherKey: string;
  name: string;
  publisher: string | null;
  version: string;
  arch: string;
  source: string;
  packageId: string | null;
  installDate: string | null;
}

/** Device columns that inventory owns (never the fields people own: location, status, owner…). */
export interface DeviceFacts {
  hostname: string;
  manufacturer: string | null;
  model: string | null;
  serial_raw: string | null;
  uuid_raw: string | null;
  chassis_type: string | null;
  memory_bytes: number | null;
  inventory_asset_tag: string | null;
  bios_vendor: string | null;
  bios_version: string | null;
  bios_date: string | null;
  os_platform: string | null;
  os_name: string | null;
  os_version: string | null;
  os_build: string | null;
  os_arch: string | null;
  os_kernel: string | null;
  os_install_date: string | null;
}

/** The facts of a device never inventoried: nothing known but its name. */
export function emptyFacts(hostname: string): DeviceFacts {
  return {
    hostname,
    manufacturer: null,
    model: null,
    serial_raw: null,
    uuid_raw: null,
    chassis_type: null,
    memory_bytes: null,
    inventory_asset_tag: null,
    bios_vendor: null,
    bios_version: null,
    bios_date: null,
    os_platform: null,
    os_name: null,
    os_version: null,
    os_build: null,
    os_arch: null,
    os_kernel: null,
    os_install_date: null,
  };
}

export interface StoredDevice {
  facts: DeviceFacts;
  components: ComponentRow[];
  software: StoredInstallation[];
}

export interface HistoryEntry {
  section: string;
  kind: 'added' | 'removed' | 'changed';
  item: string;
  old: string | null;
  new: string | null;
  /** For entries the interface words itself: a code and its parameters (the English text stays in item/new). */
  code?: string;
  params?: Record<string, string | number>;
}

export interface ChangeSet {
  /** Device columns to set (only those that differ). */
  facts: Partial<DeviceFacts>;
  components: { upsert: ComponentRow[]; remove: Pick<ComponentRow, 'kind' | 'key'>[] };
  software: {
    add: IncomingInstallation[];
    remove: StoredInstallation[];
    /** Same version, new install date (reinstalled): updated in place, not history. */
    redate: Pick<StoredInstallation, 'versionId' | 'arch' | 'source' | 'installDate'>[];
  };
  history: HistoryEntry[];
  counts: { added: number; removed: number; changed: number };
}

const HARDWARE_FACTS = {
  manufacturer: 'manufacturer',
  model: 'model',
  serial: 'serial_raw',
  uuid: 'uuid_raw',
  chassisType: 'chassis_type',
  memoryBytes: 'memory_bytes',
  assetTag: 'inventory_asset_tag',
  biosVendor: 'bios_vendor',
  biosVersion: 'bios_version',
  biosDate: 'bios_date',
} as const satisfies Record<string, keyof DeviceFacts>;

const OS_FACTS = {
  platform: 'os_platform',
  name: 'os_name',
  version: 'os_version',
  build: 'os_build',
  arch: 'os_arch',
  kernel: 'os_kernel',
  installDate: 'os_install_date',
} as const satisfies Record<string, keyof DeviceFacts>;

/** The device facts an inventory states, limited to the sections it carries. */
export function factsOf(inv: Inventory, sections: readonly InventorySection[]): Partial<DeviceFacts> {
  const facts: Partial<DeviceFacts> = { hostname: inv.hostname };
  if (sections.includes('hardware')) {
    for (const [from, to] of Object.entries(HARDWARE_FACTS)) {
      (facts as Record<string, unknown>)[to] = inv.hardware?.[from as keyof typeof HARDWARE_FACTS] ?? null;
    }
  }
  if (sections.includes('os')) {
    for (const [from, to] of Object.entries(OS_FACTS)) {
      facts[to] = (inv.os?.[from as keyof typeof OS_FACTS] as string | undefined) ?? null;
    }
  }
  return facts;
}

/**
 * A fleet reports the same few thousand package names over and over: their catalogue key and display
 * name (pure functions of the name under the built-in rules) are kept per process, up to a bound.
 */
const NAME_CACHE_LIMIT = 50_000;
const nameCache = new Map<string, { nameKey: string; display: string }>();
function nameOf(name: string) {
  let hit = nameCache.get(name);
  if (!hit) {
    if (nameCache.size >= NAME_CACHE_LIMIT) nameCache.clear();
    hit = { nameKey: softwareKey(name).nameKey, display: displayName(name) };
    nameCache.set(name, hit);
  }
  return hit;
}

/** Incoming software, normalised and deduplicated (some package databases list an entry twice). */
export function incomingSoftware(inv: Inventory): IncomingInstallation[] {
  const byKey = new Map<string, IncomingInstallation>();
  // A machine has hundreds of packages but a handful of publishers: normalise each publisher once.
  const publishers = new Map<string | undefined, { publisher: string | null; key: string }>();
  const publisherOf = (p: string | undefined) => {
    let hit = publishers.get(p);
    if (!hit) {
      const publisher = normalizePublisher(p) ?? null;
      publishers.set(p, (hit = { publisher, key: publisher === null ? '' : normalizeName(publisher) }));
    }
    return hit;
  };
  for (const s of inv.software ?? []) {
    const { publisher, key: publisherKey } = publisherOf(s.publisher);
    const { nameKey, display } = nameOf(s.name);
    const row: IncomingInstallation = {
      // Same keys as softwareKey(name, publisher), with the publisher normalised once per distinct value.
      nameKey,
      publisherKey,
      name: display,
      publisher,
      version: s.version ?? '',
      arch: s.arch?.toLowerCase() ?? '',
      source: s.source,
      packageId: s.packageId ?? null,
      installDate: s.installDate ?? null,
    };
    byKey.set(installationKey(row, true), row);
  }
  return [...byKey.values()];
}

/**
 * What makes "the same installed package" on one machine: name, arch and source. Versions of it are
 * upgrades of each other. The publisher is left out on purpose: collectors disagree on it (FusionInventory
 * reports one where OCS reports none), and that must not read as a removal plus an installation.
 */
function installationKey(i: { nameKey: string; arch: string; source: string; version: string }, withVersion: boolean) {
  return [i.nameKey, i.arch, i.source, ...(withVersion ? [i.version] : [])].join('\u0000');
}

const compareVersions = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

export function diffSoftware(stored: StoredInstallation[], incoming: IncomingInstallation[]) {
  const group = <T extends { nameKey: string; arch: string; source: string; version: string }>(rows: T[]) => {
    const m = new Map<string, Map<string, T>>();
    for (const r of rows) {
      const k = installationKey(r, false);
      let versions = m.get(k);
      if (!versions) m.set(k, (versions = new Map()));
      versions.set(r.version, r);
    }
    return m;
  };
  const before = group(stored);
  const after = group(incoming);
  const add: IncomingInstallation[] = [];
  const remove: StoredInstallation[] = [];
  const redate: ChangeSet['software']['redate'] = [];
  const history: HistoryEntry[] = [];
  const counts = { added: 0, removed: 0, changed: 0 };

  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(key) ?? new Map<string, StoredInstallation>();
    const now = after.get(key) ?? new Map<string, IncomingInstallation>();
    const gone = [...was.keys()].filter((v) => !now.has(v)).sort(compareVersions);
    const came = [...now.keys()].filter((v) => !was.has(v)).sort(compareVersions);
    for (const v of gone) remove.push(was.get(v)!);
    for (const v of came) add.push(now.get(v)!);
    for (const [v, old] of was) {
      const fresh = now.get(v);
      // An agent that does not report install dates does not erase the one another agent stored.
      if (fresh && fresh.installDate !== null && fresh.installDate !== old.installDate) {
        redate.push({ versionId: old.versionId, arch: old.arch, source: old.source, installDate: fresh.installDate });
      }
    }
    // Pair removed and added versions of one product in version order: that is an upgrade (or a downgrade).
    const pairs = Math.min(gone.length, came.length);
    const label = (now.values().next().value ?? was.values().next().value)!;
    const item = label.arch ? `${label.name} (${label.arch})` : label.name;
    for (let i = 0; i < pairs; i++) {
      history.push({ section: 'software', kind: 'changed', item, old: gone[i]!, new: came[i]! });
      counts.changed++;
    }
    for (const v of gone.slice(pairs)) {
      history.push({ section: 'software', kind: 'removed', item, old: v, new: null });
      counts.removed++;
    }
    for (const v of came.slice(pairs)) {
      history.push({ section: 'software', kind: 'added', item, old: null, new: v });
      counts.added++;
    }
  }
  return { add, remove, redate, history, counts };
}

const fieldSummary = (a: Record<string, unknown>, b: Record<string, unknown>) => {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const changed = keys.filter((k) => stableJson(a[k]) !== stableJson(b[k]));
  const show = (o: Record<string, unknown>) => changed.map((k) => `${k}=${o[k] === undefined ? '∅' : Array.isArray(o[k]) ? (o[k] as unknown[]).join(',') : String(o[k])}`).join('; ');
  return { old: show(a), new: show(b) };
};

export function diffComponents(stored: ComponentRow[], incoming: ComponentRow[]) {
  const key = (r: Pick<ComponentRow, 'kind' | 'key'>) => `${r.kind}\u0000${r.key}`;
  const before = new Map(stored.map((r) => [key(r), r]));
  const after = new Map(incoming.map((r) => [key(r), r]));
  const upsert: ComponentRow[] = [];
  const remove: Pick<ComponentRow, 'kind' | 'key'>[] = [];
  const history: HistoryEntry[] = [];
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const [k, row] of after) {
    const old = before.get(k);
    if (!old) {
      upsert.push(row);
      history.push({ section: row.kind, kind: 'added', item: describeComponent(row), old: null, new: null });
      counts.added++;
    } else if (stableJson(old.data) !== stableJson(row.data)) {
      upsert.push(row);
      const s = fieldSummary(old.data, row.data);
      history.push({ section: row.kind, kind: 'changed', item: describeComponent(row), old: s.old, new: s.new });
      counts.changed++;
    }
  }
  for (const [k, row] of before) {
    if (!after.has(k)) {
      remove.push({ kind: row.kind, key: row.key });
      history.push({ section: row.kind, kind: 'removed', item: describeComponent(row), old: null, new: null });
      counts.removed++;
    }
  }
  return { upsert, remove, history, counts };
}

export function diffFacts(stored: DeviceFacts, incoming: Partial<DeviceFacts>) {
  const facts: Partial<DeviceFacts> = {};
  const history: HistoryEntry[] = [];
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));
  for (const [k, v] of Object.entries(incoming) as [keyof DeviceFacts, string | number | null][]) {
    if ((stored[k] ?? null) === (v ?? null)) continue;
    (facts as Record<string, string | number | null>)[k] = v;
    const section = k.startsWith('os_') ? 'os' : 'hardware';
    history.push({ section, kind: 'changed', item: k.replace(/_raw$/, ''), old: text(stored[k]), new: text(v) });
  }
  return { facts, history };
}

/**
 * Compares an inventory with what is stored for its device, section by section. Only the carried
 * sections are compared: a partial inventory, or a failed collector, never removes anything else.
 */
export function diffInventory(stored: StoredDevice, inv: Inventory, sections: readonly InventorySection[]): ChangeSet {
  const carried = new Set(sections);
  const kinds = COMPONENT_SECTIONS.filter((s) => carried.has(s));
  const incomingRows = kinds.flatMap((s: ComponentSection) => componentRows(s, (inv[s] ?? []) as never[]));
  const storedRows = stored.components.filter((r) => carried.has(r.kind));
  const comp = diffComponents(storedRows, incomingRows);
  const soft = carried.has('software')
    ? diffSoftware(stored.software, incomingSoftware(inv))
    : { add: [], remove: [], redate: [], history: [], counts: { added: 0, removed: 0, changed: 0 } };
  const facts = diffFacts(stored.facts, factsOf(inv, sections));
  return {
    facts: facts.facts,
    components: { upsert: comp.upsert, remove: comp.remove },
    software: { add: soft.add, remove: soft.remove, redate: soft.redate },
    history: [...facts.history, ...comp.history, ...soft.history],
    counts: {
      added: comp.counts.added + soft.counts.added,
      removed: comp.counts.removed + soft.counts.removed,
      changed: comp.counts.changed + soft.counts.changed + facts.history.length,
    },
  };
}
