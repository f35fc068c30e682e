import type { Inventory } from '@parc/shared';
import type { HistoryEntry } from './diff.js';
import { cleanSerial } from './identity-blacklist.js';

/**
 * Peripherals an agent reports (monitors by their EDID serial, printers by theirs) become assets of their own, attached to
 * the computer that reports them. Pure: from what the inventory reports and what is stored under those
 * serials, the decisions (create, link, move, detach) and the history lines on every asset they touch;
 * the repository writes them set-based.
 *
 * The key is (type, serial), the serial cleaned like a computer's: a placeholder, empty or all-zero serial
 * is never used to link (such monitors and printers stay components of the computer only), since every unit of a
 * model would share it. A manual asset with that type and serial is linked rather than duplicated.
 */

/** What a peripheral section's item says of the asset it is; `name` falls back to model, maker and serial. */
interface PeripheralFacts {
  serial: string | undefined;
  manufacturer: string | undefined;
  model: string | undefined;
  name?: string | undefined;
}

type SectionItem<S extends keyof Inventory> = NonNullable<Inventory[S]> extends readonly (infer I)[] ? I : never;

/**
 * Every inventory section whose items become assets, with their asset type and how an item reads as one:
 * monitors by their EDID serial, printers by the serial their agent read (a USB URI's, GLPI's SERIAL).
 */
const PERIPHERALS = {
  monitors: { type: 'monitor', facts: (m: SectionItem<'monitors'>): PeripheralFacts => ({ serial: m.serial, manufacturer: m.vendor, model: m.model }) },
  // Those agents put the model in the driver's name when they have nothing better.
  printers: { type: 'printer', facts: (p: SectionItem<'printers'>): PeripheralFacts => ({ serial: p.serial, manufacturer: p.manufacturer, model: p.model ?? p.driver, name: p.name }) },
} as const;

/** Asset types an agent reports as peripherals, with the inventory section that carries them. */
export type PeripheralSection = keyof typeof PERIPHERALS;
export type PeripheralType = (typeof PERIPHERALS)[PeripheralSection]['type'];
export const PERIPHERAL_SECTIONS = Object.keys(PERIPHERALS) as PeripheralSection[];

export interface ReportedPeripheral {
  type: PeripheralType;
  /** Cleaned (upper-case); never a placeholder. */
  serial: string;
  manufacturer: string | null;
  model: string | null;
  name: string;
}

/** An asset stored under a reported key, or attached to the computer now. */
export interface StoredPeripheral {
  id: number;
  type: string;
  /** As stored: cleaned, upper-case. */
  serial: string;
  hostname: string;
  parent: { id: number; hostname: string } | null;
}

export type PeripheralDecision =
  | { kind: 'create'; peripheral: ReportedPeripheral }
  | { kind: 'link'; id: number; name: string }
  | { kind: 'move'; id: number; name: string; from: { id: number; hostname: string } }
  | { kind: 'detach'; id: number; name: string };

/** The advisory lock serialising everything that could create or link an asset with this type and serial. */
export function assetSerialLockKey(type: string, serial: string): string {
  return type === 'computer' ? `serial:${serial}` : `asset:${type}:${serial}`;
}

export const peripheralKey = (type: string, serial: string) => `${type}\u0000${serial.toUpperCase()}`;

/** The serial that links a reported item, or undefined for a placeholder, empty or all-zero one. */
function linkingSerial(raw: string | undefined): string | undefined {
  const serial = cleanSerial(raw);
  return serial && !/^0+$/.test(serial) ? serial : undefined;
}

/**
 * The peripherals of the carried sections with a real serial, one per key (the first one reported wins).
 * `inv` needs only the peripheral sections: the backfill passes a computer's stored components.
 */
export function reportedPeripherals(inv: Pick<Inventory, PeripheralSection>, carried: ReadonlySet<string>): ReportedPeripheral[] {
  const out = new Map<string, ReportedPeripheral>();
  const take = (type: PeripheralType, f: PeripheralFacts) => {
    const serial = linkingSerial(f.serial);
    if (!serial || out.has(peripheralKey(type, serial))) return;
    const model = f.model?.trim() || null;
    const manufacturer = f.manufacturer?.trim() || null;
    const name = f.name?.trim() || model || [manufacturer, serial].filter(Boolean).join(' ');
    out.set(peripheralKey(type, serial), { type, serial, manufacturer, model, name });
  };
  if (carried.has('monitors')) for (const m of inv.monitors ?? []) take(PERIPHERALS.monitors.type, PERIPHERALS.monitors.facts(m));
  if (carried.has('printers')) for (const p of inv.printers ?? []) take(PERIPHERALS.printers.type, PERIPHERALS.printers.facts(p));
  return [...out.values()];
}

/** The types whose sections the inventory carries: only those may detach (an absent section says nothing). */
export function carriedPeripheralTypes(carried: ReadonlySet<string>): PeripheralType[] {
  return PERIPHERAL_SECTIONS.filter((s) => carried.has(s)).map((s) => PERIPHERALS[s].type);
}

/**
 * What to do for `computerId`: `stored` holds every asset with a reported key (anywhere) and every asset
 * of a carried type with a serial attached to this computer. An asset without a serial attached by a
 * person is never detached: nothing the agent reports could name it.
 */
export function decidePeripherals(computerId: number, reported: readonly ReportedPeripheral[], stored: readonly StoredPeripheral[], types: readonly string[]): PeripheralDecision[] {
  const byKey = new Map<string, StoredPeripheral>();
  // Lowest id first: the same input always picks the same asset when older data holds two.
  for (const s of [...stored].sort((a, b) => a.id - b.id)) if (!byKey.has(peripheralKey(s.type, s.serial))) byKey.set(peripheralKey(s.type, s.serial), s);
  const decisions: PeripheralDecision[] = [];
  const kept = new Set<number>();
  for (const r of reported) {
    const s = byKey.get(peripheralKey(r.type, r.serial));
    if (!s) decisions.push({ kind: 'create', peripheral: r });
    else {
      kept.add(s.id);
      if (s.parent === null) decisions.push({ kind: 'link', id: s.id, name: s.hostname });
      else if (s.parent.id !== computerId) decisions.push({ kind: 'move', id: s.id, name: s.hostname, from: s.parent });
    }
  }
  for (const s of stored) {
    if (s.parent?.id === computerId && types.includes(s.type) && !kept.has(s.id)) decisions.push({ kind: 'detach', id: s.id, name: s.hostname });
  }
  return decisions;
}

/** One computer's decisions, as the repository writes several computers' at once. */
export interface PeripheralBatchEntry {
  computer: { id: number; hostname: string };
  decisions: PeripheralDecision[];
}

/**
 * The backfill's decisions for computers inventoried before peripherals were linked, from what their
 * stored components report. `computers` come most recently seen first and the first to report a key
 * claims it. It only creates and links: an asset attached elsewhere was put there by a newer report or by
 * a person, and nothing is detached (that is what the next inventory of the section does).
 */
export function decidePeripheralBackfill(
  computers: readonly { id: number; hostname: string; reported: readonly ReportedPeripheral[] }[],
  stored: readonly StoredPeripheral[],
): PeripheralBatchEntry[] {
  const claimed = new Set<string>();
  const out: PeripheralBatchEntry[] = [];
  for (const c of computers) {
    const mine = c.reported.filter((r) => !claimed.has(peripheralKey(r.type, r.serial)));
    for (const r of mine) claimed.add(peripheralKey(r.type, r.serial));
    const decisions = decidePeripherals(c.id, mine, stored, []).filter((d) => d.kind !== 'move');
    if (decisions.length > 0) out.push({ computer: { id: c.id, hostname: c.hostname }, decisions });
  }
  return out;
}

/** The history of a batch: each computer's lines, the created ids handed out in `create` order. */
export function peripheralBatchHistory(batch: readonly PeripheralBatchEntry[], createdIds: readonly number[]): DeviceHistoryLine[] {
  let n = 0;
  return batch.flatMap((b) => {
    const creates = b.decisions.filter((d) => d.kind === 'create').length;
    const ids = createdIds.slice(n, (n += creates));
    return peripheralHistory(b.computer, b.decisions, ids);
  });
}

/** One history line on one device. */
export interface DeviceHistoryLine {
  deviceId: number;
  entry: HistoryEntry;
}

const line = (deviceId: number, kind: HistoryEntry['kind'], item: string, old: string | null, now: string | null, code: string, params: Record<string, string | number>): DeviceHistoryLine => ({
  deviceId,
  entry: { section: 'peripherals', kind, item, old, new: now, code, params },
});

/**
 * The history of the decisions (created assets given their new ids, in `create` order): on the peripheral
 * (discovered, attached, moved from X to Y, detached) and on each computer (attached, detached, moved away).
 */
export function peripheralHistory(computer: { id: number; hostname: string }, decisions: readonly PeripheralDecision[], createdIds: readonly number[]): DeviceHistoryLine[] {
  const out: DeviceHistoryLine[] = [];
  const to = computer.hostname;
  let n = 0;
  for (const d of decisions) {
    if (d.kind === 'create') {
      const id = createdIds[n++]!;
      const p = d.peripheral;
      out.push(line(id, 'added', 'discovered', null, to, 'peripheral-discovered', { computerId: computer.id, computer: to }));
      out.push(line(computer.id, 'added', `${p.type} ${p.name}`, null, p.serial, 'peripheral-attached', { peripheralId: id, peripheral: p.name, type: p.type }));
    } else if (d.kind === 'link') {
      out.push(line(d.id, 'changed', 'attached to', null, to, 'attached-to', { computerId: computer.id, computer: to }));
      out.push(line(computer.id, 'added', d.name, null, null, 'peripheral-attached', { peripheralId: d.id, peripheral: d.name }));
    } else if (d.kind === 'move') {
      out.push(line(d.id, 'changed', 'attached to', d.from.hostname, to, 'moved-between', { fromId: d.from.id, from: d.from.hostname, toId: computer.id, to }));
      out.push(line(computer.id, 'added', d.name, d.from.hostname, null, 'peripheral-attached', { peripheralId: d.id, peripheral: d.name }));
      out.push(line(d.from.id, 'removed', d.name, null, to, 'peripheral-moved-away', { peripheralId: d.id, peripheral: d.name, toId: computer.id, to }));
    } else {
      out.push(line(d.id, 'changed', 'attached to', to, null, 'detached-from', { computerId: computer.id, computer: to }));
      out.push(line(computer.id, 'removed', d.name, null, null, 'peripheral-detached', { peripheralId: d.id, peripheral: d.name }));
    }
  }
  return out;
}
