import type { Inventory } from '@parc/shared';

/** Inventory sections stored as rows of `device_components`, one row per item. */
export const COMPONENT_SECTIONS = [
  'cpus',
  'memoryModules',
  'storage',
  'volumes',
  'networks',
  'graphics',
  'monitors',
  'printers',
  'batteries',
  'users',
] as const;
export type ComponentSection = (typeof COMPONENT_SECTIONS)[number];

export interface ComponentRow {
  kind: ComponentSection;
  key: string;
  data: Record<string, unknown>;
}

type Item<S extends ComponentSection> = NonNullable<Inventory[S]>[number];
const lower = (s: string | undefined) => s?.trim().toLowerCase() || undefined;

/**
 * The natural key of an item inside its section: what makes "the same disk" on the next run, so a
 * change of size or firmware is a change and not a removal plus an addition.
 */
const keyOf: { [S in ComponentSection]: (item: Item<S>, index: number) => string } = {
  cpus: (c, i) => `cpu${i}`,
  memoryModules: (m, i) => lower(m.slot) ?? lower(m.serial) ?? `module${i}`,
  storage: (d) => (d.serial ? `serial:${d.serial.toLowerCase()}` : `name:${d.name.toLowerCase()}`),
  volumes: (v) => v.mount.toLowerCase(),
  networks: (n) => n.name.toLowerCase(),
  graphics: (g) => g.model.toLowerCase(),
  monitors: (m) => (m.serial ? `serial:${m.serial.toLowerCase()}` : `model:${lower(m.vendor) ?? ''} ${lower(m.model) ?? ''}`),
  printers: (p) => (p.serial ? `serial:${p.serial.toLowerCase()}` : `name:${p.name.toLowerCase()}`),
  batteries: (b, i) => lower(b.serial) ?? lower(b.model) ?? `battery${i}`,
  users: (u) => `${lower(u.domain) ?? ''}\\${u.username.toLowerCase()}`,
};

/** What is stored and diffed of an item: volatile readings (free space) are kept out so they never make history. */
function dataOf(section: ComponentSection, item: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = { ...item };
  if (section === 'volumes') delete data.freeBytes;
  if (section === 'networks') {
    for (const f of ['ipv4', 'ipv6'] as const) {
      if (Array.isArray(data[f])) data[f] = [...(data[f] as string[])].sort();
    }
  }
  for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
  return data;
}

/** Rows for one section; duplicate keys get `#2`, `#3` so two identical GPUs are two rows. */
export function componentRows<S extends ComponentSection>(section: S, items: readonly Item<S>[]): ComponentRow[] {
  const seen = new Map<string, number>();
  return items.map((item, index) => {
    const base = keyOf[section](item, index);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { kind: section, key: n === 1 ? base : `${base}#${n}`, data: dataOf(section, item as Record<string, unknown>) };
  });
}

const gb = (b: unknown) => (typeof b === 'number' ? `${Math.round(b / 1e9)} GB` : undefined);

/** A short human label for the change history. */
export function describeComponent(row: ComponentRow): string {
  const d = row.data as Record<string, string | number | undefined>;
  const parts = (...p: unknown[]) => p.filter((x) => x !== undefined && x !== '').join(' ');
  switch (row.kind) {
    case 'cpus':
      return parts('CPU', d.model, d.cores !== undefined ? `(${d.cores} cores)` : undefined);
    case 'memoryModules':
      return parts('memory', d.slot, gb(d.sizeBytes), d.type);
    case 'storage':
      return parts('disk', d.name, d.model, gb(d.sizeBytes));
    case 'volumes':
      return parts('volume', d.mount, d.fsType, gb(d.sizeBytes));
    case 'networks':
      return parts('interface', d.name, d.mac);
    case 'graphics':
      return parts('GPU', d.model);
    case 'monitors':
      return parts('monitor', d.vendor, d.model, d.serial);
    case 'printers':
      return parts('printer', d.name, d.model ?? d.driver, d.serial);
    case 'batteries':
      return parts('battery', d.model, d.serial);
    case 'users':
      return parts('user', d.domain ? `${d.domain}\\${d.username}` : d.username, `(${d.type})`);
  }
}
