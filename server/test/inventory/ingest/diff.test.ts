import { describe, expect, it } from 'vitest';
import { carriedSections, inventorySchema, type Inventory, type InventoryInput, type InventorySection } from '@parc/shared';
import { componentRows, type ComponentRow } from '../../../src/inventory/ingest/components.js';
import {
  diffFacts,
  diffInventory,
  diffSoftware,
  emptyFacts,
  factsOf,
  incomingSoftware,
  type DeviceFacts,
  type StoredDevice,
  type StoredInstallation,
} from '../../../src/inventory/ingest/diff.js';
import { sectionHashes, unchangedSince } from '../../../src/inventory/ingest/section-hashes.js';
import { makeInventory } from '../../helpers/inventory-factory.js';

type Sw = NonNullable<InventoryInput['software']>[number];

const parse = (input: InventoryInput): Inventory => inventorySchema.parse(input);
const inv = (patch: Partial<InventoryInput> = {}): Inventory => parse({ ...makeInventory({ packages: 0 }), ...patch });
const withSoftware = (software: Sw[]) => inv({ software });

/** What the writer would store after applying `inv` to an empty device: the "before" of the next diff. */
function storedFrom(i: Inventory): StoredDevice {
  const sections = carriedSections(i);
  const empty = diffInventory({ facts: emptyFacts(i.hostname), components: [], software: [] }, i, sections);
  let versionId = 0;
  return {
    facts: { ...emptyFacts(i.hostname), ...empty.facts } as DeviceFacts,
    components: empty.components.upsert,
    software: empty.software.add.map((a) => ({
      versionId: ++versionId,
      nameKey: a.nameKey,
      publisherKey: a.publisherKey,
      name: a.name,
      version: a.version,
      arch: a.arch,
      source: a.source,
      installDate: a.installDate,
    })),
  };
}


const swDiff = (before: Sw[], after: Sw[]) => {
  const stored = storedFrom(withSoftware(before)).software;
  return diffSoftware(stored, incomingSoftware(withSoftware(after)));
};
const pkg = (name: string, version: string, extra: Partial<Sw> = {}): Sw => ({ name, version, arch: 'amd64', source: 'deb', ...extra });
const hist = (h: { kind: string; item: string; old: string | null; new: string | null }[]) =>
  h.map(({ kind, item, old, new: n }) => `${kind} ${item} ${old ?? '-'} -> ${n ?? '-'}`).sort();

describe('software diff', () => {
  it('finds nothing when nothing changed, whatever the order', () => {
    const list = [pkg('curl', '8.5.0-2'), pkg('vim', '9.1'), pkg('zsh', '5.9')];
    const d = swDiff(list, [...list].reverse());
    expect(d).toMatchObject({ add: [], remove: [], history: [], counts: { added: 0, removed: 0, changed: 0 } });
  });

  it('a reinstall of the same version updates its install date in place, without history', () => {
    const before = [{ ...pkg('curl', '8.5.0-2'), installDate: '2026-01-01' }, pkg('vim', '9.1')];
    const after = [{ ...pkg('curl', '8.5.0-2'), installDate: '2026-11-20' }, pkg('vim', '9.1')];
    const d = swDiff(before, after);
    expect(d).toMatchObject({ add: [], remove: [], history: [], counts: { added: 0, removed: 0, changed: 0 } });
    expect(d.redate).toEqual([expect.objectContaining({ installDate: '2026-11-20T00:00:00.000Z' })]);
    // A collector that reports no date leaves the stored one alone.
    expect(swDiff(after, [pkg('curl', '8.5.0-2'), pkg('vim', '9.1')]).redate).toEqual([]);
  });

  it('reports an added, a removed, an upgraded and a downgraded package', () => {
    const d = swDiff(
      [pkg('curl', '8.5.0-2'), pkg('vim', '9.1'), pkg('zsh', '5.9'), pkg('git', '2.43.0')],
      [pkg('curl', '8.10.1-1'), pkg('zsh', '5.8'), pkg('git', '2.43.0'), pkg('htop', '3.3.0')],
    );
    expect(d.counts).toEqual({ added: 1, removed: 1, changed: 2 });
    expect(hist(d.history)).toEqual([
      'added htop (amd64) - -> 3.3.0',
      // Numeric comparison: 8.10 is newer than 8.5, and the pair is (old, new) whatever the order.
      'changed curl (amd64) 8.5.0-2 -> 8.10.1-1',
      'changed zsh (amd64) 5.9 -> 5.8',
      'removed vim (amd64) 9.1 -> -',
    ]);
    // An upgrade is a removal and an addition of catalogue versions for the writer.
    expect(d.add.map((a) => `${a.name}@${a.version}`).sort()).toEqual(['curl@8.10.1-1', 'htop@3.3.0', 'zsh@5.8']);
    expect(d.remove.map((r) => `${r.name}@${r.version}`).sort()).toEqual(['curl@8.5.0-2', 'vim@9.1', 'zsh@5.9']);
  });

  it('keeps several installed versions of one package apart (kernels) and pairs version changes in order', () => {
    const k = (v: string) => pkg('linux-image-amd64', v);
    const same = swDiff([k('6.1.0-27'), k('6.1.0-28')], [k('6.1.0-28'), k('6.1.0-27')]);
    expect(same.history).toEqual([]);

    // A new kernel arrives, the oldest is purged: one change 6.1.0-27 -> 6.1.0-29, 6.1.0-28 untouched.
    const rolled = swDiff([k('6.1.0-27'), k('6.1.0-28')], [k('6.1.0-28'), k('6.1.0-29')]);
    expect(hist(rolled.history)).toEqual(['changed linux-image-amd64 (amd64) 6.1.0-27 -> 6.1.0-29']);
    expect(rolled.remove.map((r) => r.version)).toEqual(['6.1.0-27']);
    expect(rolled.add.map((r) => r.version)).toEqual(['6.1.0-29']);

    // A third kernel installed alongside: an addition, nothing removed.
    const third = swDiff([k('6.1.0-27'), k('6.1.0-28')], [k('6.1.0-27'), k('6.1.0-28'), k('6.1.0-30')]);
    expect(third.counts).toEqual({ added: 1, removed: 0, changed: 0 });
  });

  it('collapses duplicates in the incoming list', () => {
    const list = [pkg('curl', '8.5.0'), pkg('curl', '8.5.0'), pkg('  Curl ', '8.5.0'), pkg('vim', '9.1')];
    expect(incomingSoftware(withSoftware(list))).toHaveLength(2);
    const d = swDiff([pkg('curl', '8.5.0'), pkg('vim', '9.1')], list);
    expect(d.history).toEqual([]);
    const fresh = swDiff([], list);
    expect(fresh.counts).toEqual({ added: 2, removed: 0, changed: 0 });
  });

  it('treats arch and source as part of what is installed', () => {
    const both = [pkg('libc6', '2.36', { arch: 'amd64' }), pkg('libc6', '2.36', { arch: 'i386' })];
    expect(incomingSoftware(withSoftware(both))).toHaveLength(2);
    // Dropping the i386 copy is one removal, not a change of the amd64 one.
    const d = swDiff(both, [both[0]!]);
    expect(hist(d.history)).toEqual(['removed libc6 (i386) 2.36 -> -']);

    // The same app from snap and from deb: two installations; replacing one by the other is add + remove.
    const moved = swDiff([pkg('firefox', '128.0', { source: 'deb' })], [pkg('firefox', '128.0', { source: 'snap' })]);
    expect(moved.counts).toEqual({ added: 1, removed: 1, changed: 0 });
    expect(moved.add[0]).toMatchObject({ source: 'snap' });
    expect(moved.remove[0]).toMatchObject({ source: 'deb' });

    // Arch compares case-insensitively (AMD64 from one collector, amd64 from another).
    expect(swDiff([pkg('zlib', '1.3', { arch: 'amd64' })], [pkg('zlib', '1.3', { arch: 'AMD64' })]).history).toEqual([]);
  });

  it('matches products on the normalised name and publisher', () => {
    const d = swDiff(
      [pkg('Microsoft Edge', '120.0', { publisher: 'Microsoft Corporation', source: 'registry', arch: 'x64' })],
      [pkg('microsoft  edge', '121.0', { publisher: 'Microsoft Corporation', source: 'registry', arch: 'x64' })],
    );
    expect(d.counts).toEqual({ added: 0, removed: 0, changed: 1 });
  });

  it('a publisher one collector reports and another does not is not a change', () => {
    const withPublisher = [pkg('curl', '8.5.0-2', { publisher: 'Debian curl Maintainers <curl@packages.debian.org>' })];
    const without = [pkg('curl', '8.5.0-2')];
    expect(swDiff(withPublisher, without)).toMatchObject({ add: [], remove: [], history: [] });
    // An upgrade at the same time is still an upgrade.
    expect(swDiff(withPublisher, [pkg('curl', '8.6.0-1')]).counts).toEqual({ added: 0, removed: 0, changed: 1 });
  });

  it('a package without a version is stored with an empty version and diffs stably', () => {
    const d = swDiff([{ name: 'Some App', source: 'registry' }], [{ name: 'Some App', source: 'registry' }]);
    expect(d.history).toEqual([]);
    const up = swDiff([{ name: 'Some App', source: 'registry' }], [{ name: 'Some App', version: '2.0', source: 'registry' }]);
    expect(hist(up.history)).toEqual(['changed Some App  -> 2.0']);
  });
});

describe('component rows and their keys', () => {
  it('keys disks by serial, so a renamed device node is a change and not a new disk', () => {
    const before = componentRows('storage', [{ name: 'sda', serial: 'WD-123', sizeBytes: 1000 }]);
    const after = componentRows('storage', [{ name: 'sdb', serial: 'wd-123', sizeBytes: 1000 }]);
    expect(after[0]!.key).toBe(before[0]!.key);
    // Without a serial, the name is the key.
    expect(componentRows('storage', [{ name: 'SDA' }])[0]!.key).toBe('name:sda');
  });

  it('keys volumes by mount point and interfaces by name', () => {
    expect(componentRows('volumes', [{ mount: 'C:', sizeBytes: 1 }])[0]!.key).toBe('c:');
    expect(componentRows('networks', [{ name: 'Ethernet 2', ipv4: [], ipv6: [], virtual: false }])[0]!.key).toBe('ethernet 2');
  });

  it('two identical GPUs are two rows', () => {
    const rows = componentRows('graphics', [{ model: 'NVIDIA RTX A4000' }, { model: 'NVIDIA RTX A4000' }, { model: 'Intel UHD' }]);
    expect(rows.map((r) => r.key)).toEqual(['nvidia rtx a4000', 'nvidia rtx a4000#2', 'intel uhd']);
  });

  it('leaves free space out of what is stored and diffed', () => {
    const [row] = componentRows('volumes', [{ mount: '/', sizeBytes: 100, freeBytes: 42 }]);
    expect(row!.data).toEqual({ mount: '/', sizeBytes: 100 });
  });
});

describe('inventory diff', () => {
  const base = makeInventory({ packages: 5 });
  const full = parse(base);
  const diff = (stored: StoredDevice, next: Inventory) => diffInventory(stored, next, carriedSections(next));

  it('finds nothing in the same inventory', () => {
    const cs = diff(storedFrom(full), parse(structuredClone(base)));
    expect(cs.history).toEqual([]);
    expect(cs.counts).toEqual({ added: 0, removed: 0, changed: 0 });
    expect(cs.facts).toEqual({});
    expect(cs.components).toEqual({ upsert: [], remove: [] });
  });

  it('a first inventory adds every item of every section', () => {
    const cs = diffInventory({ facts: emptyFacts(full.hostname), components: [], software: [] }, full, carriedSections(full));
    const expected = (['cpus', 'memoryModules', 'storage', 'volumes', 'networks', 'graphics', 'monitors', 'batteries', 'users'] as const).reduce(
      (n, s) => n + (full[s]?.length ?? 0),
      0,
    );
    expect(cs.components.upsert).toHaveLength(expected);
    expect(cs.software.add).toHaveLength(5);
    expect(cs.facts).toMatchObject({ manufacturer: 'LENOVO', os_version: '12', serial_raw: base.hardware!.serial });
  });

  it('ignores free space moving', () => {
    const next = structuredClone(base);
    next.volumes![0]!.freeBytes = 1;
    next.volumes![1]!.freeBytes = 999;
    expect(diff(storedFrom(full), parse(next)).history).toEqual([]);
  });

  it('records a disk that grew as one change, and a second GPU as one addition', () => {
    const next = structuredClone(base);
    next.storage![0]!.sizeBytes = 1_024_209_543_168;
    next.graphics!.push({ ...next.graphics![0]! });
    const cs = diff(storedFrom(full), parse(next));
    expect(cs.counts).toEqual({ added: 1, removed: 0, changed: 1 });
    expect(cs.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ section: 'storage', kind: 'changed', old: 'sizeBytes=512110190592', new: 'sizeBytes=1024209543168' }),
        expect.objectContaining({ section: 'graphics', kind: 'added' }),
      ]),
    );
    expect(cs.components.upsert.map((r) => r.key)).toContain('tigerlake-lp gt2 [iris xe graphics]#2');
  });

  it('a partial inventory never removes anything outside its sections', () => {
    const stored = storedFrom(full);
    const partial = parse({ ...base, sections: ['software'], software: base.software.slice(2), cpus: [], storage: undefined, volumes: undefined });
    const cs = diff(stored, partial);
    expect(cs.counts).toEqual({ added: 0, removed: 2, changed: 0 });
    expect(cs.components.remove).toEqual([]);
    expect(cs.components.upsert).toEqual([]);
    // Hardware facts are not in the sections either: not cleared.
    expect(cs.facts).toEqual({});

    const onlyVolumes = parse({ ...base, sections: ['volumes'], volumes: [], software: [] });
    const cv = diff(stored, onlyVolumes);
    expect(cv.components.remove.map((r) => r.kind)).toEqual(['volumes', 'volumes']);
    expect(cv.software).toEqual({ add: [], remove: [], redate: [] });
  });

  it('a failed section is not an empty section', () => {
    const stored = storedFrom(full);
    const failed = parse({ ...base, software: undefined, storage: undefined, failedSections: [{ section: 'software' }, { section: 'storage', error: 'timeout' }] });
    const cs = diff(stored, failed);
    expect(cs.history).toEqual([]);
    expect(cs.software.remove).toEqual([]);
    // Compare with the same inventory without failedSections: then the sections really are empty.
    const empty = parse({ ...base, software: undefined, storage: undefined });
    expect(diff(stored, empty).counts).toEqual({ added: 0, removed: 5 + 1, changed: 0 });
  });

  it('a failed hardware section keeps the hardware facts', () => {
    const stored = storedFrom(full);
    const cs = diff(stored, parse({ ...base, hardware: undefined, failedSections: [{ section: 'hardware' }] }));
    expect(cs.facts).toEqual({});
    const cleared = diff(stored, parse({ ...base, hardware: undefined }));
    expect(cleared.facts).toMatchObject({ manufacturer: null, serial_raw: null });
  });
});

describe('facts diff', () => {
  it('sets only the facts that differ, and names them in the history', () => {
    const stored = { ...emptyFacts('ws-1'), os_name: 'Debian', os_version: '12', manufacturer: 'LENOVO' };
    const { facts, history } = diffFacts(stored, { hostname: 'ws-1', os_name: 'Debian', os_version: '13', manufacturer: null });
    expect(facts).toEqual({ os_version: '13', manufacturer: null });
    expect(history).toEqual([
      { section: 'os', kind: 'changed', item: 'os_version', old: '12', new: '13' },
      { section: 'hardware', kind: 'changed', item: 'manufacturer', old: 'LENOVO', new: null },
    ]);
  });

  it('records a hostname change', () => {
    const { facts, history } = diffFacts(emptyFacts('ws-1'), { hostname: 'ws-2' });
    expect(facts).toEqual({ hostname: 'ws-2' });
    expect(history).toHaveLength(1);
  });

  it('takes facts only from carried sections', () => {
    const i = parse(makeInventory());
    expect(Object.keys(factsOf(i, ['software']))).toEqual(['hostname']);
    expect(factsOf(i, ['os'])).toMatchObject({ os_kernel: '6.1.0-28-amd64' });
    expect(factsOf(i, ['os'])).not.toHaveProperty('manufacturer');
  });
});

describe('section hashes', () => {
  const sections = carriedSections({}) as InventorySection[];
  const hashes = (i: InventoryInput) => sectionHashes(parse(i), sections);

  it('do not depend on key order', () => {
    const a = makeInventory();
    const shuffleKeys = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
    const reordered = shuffleKeys(structuredClone(a) as Record<string, unknown>) as InventoryInput;
    expect(Object.keys(reordered)[0]).toBe('software');
    reordered.hardware = shuffleKeys(a.hardware as Record<string, unknown>) as InventoryInput['hardware'];
    reordered.os = shuffleKeys(a.os as Record<string, unknown>) as InventoryInput['os'];
    reordered.networks = a.networks!.map((n) => shuffleKeys(n as Record<string, unknown>)) as InventoryInput['networks'];
    reordered.software = a.software.map((s) => shuffleKeys(s as Record<string, unknown>)) as InventoryInput['software'];
    expect(hashes(reordered)).toEqual(hashes(a));
  });

  it('do not depend on the order of IP addresses or of software', () => {
    const a = makeInventory({ packages: 30 });
    const b = structuredClone(a);
    b.networks![0]!.ipv4 = ['10.1.0.9', '10.1.0.1'];
    a.networks![0]!.ipv4 = ['10.1.0.1', '10.1.0.9'];
    b.software.reverse();
    expect(hashes(b)).toEqual(hashes(a));
  });

  it('ignore free space but see a real change, only in its section', () => {
    const a = makeInventory();
    const b = structuredClone(a);
    b.volumes![0]!.freeBytes = 5;
    expect(hashes(b)).toEqual(hashes(a));
    b.os!.kernel = '6.1.0-29-amd64';
    const ha = hashes(a);
    const hb = hashes(b);
    const differing = Object.keys(ha).filter((k) => ha[k] !== hb[k]);
    expect(differing).toEqual(['os']);
  });

  it('unchangedSince compares only the carried sections', () => {
    const h = hashes(makeInventory());
    expect(unchangedSince(h, { software: h.software! })).toBe(true);
    expect(unchangedSince(h, { software: 'other' })).toBe(false);
    expect(unchangedSince({}, { software: h.software! })).toBe(false);
    expect(unchangedSince(h, {})).toBe(true);
  });
});

// Keeps the helper honest: a stored device built from an inventory must diff clean against it.
describe('test helper', () => {
  it('storedFrom round-trips', () => {
    const i = parse(makeInventory({ packages: 3 }));
    const s = storedFrom(i);
    expect(s.components.length).toBeGreaterThan(5);
    expect(s.software).toHaveLength(3);
    const rows: ComponentRow[] = s.components;
    expect(rows.every((r) => typeof r.key === 'string')).toBe(true);
    const installs: StoredInstallation[] = s.software;
    expect(new Set(installs.map((x) => x.versionId)).size).toBe(3);
  });
});
