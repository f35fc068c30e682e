import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';
import { LOCAL_GLPI, SHARED, distinctSoftware, hasPeerAgents, hasShared, xmlBlocks, xmlField } from './fixtures.js';
import { basic, enrollmentToken, post, storedCounts } from './legacy-helpers.js';

/** The device list's computers: the monitors and printers the samples report are listed too, as assets of their own. */
async function computers(t: TestContext, admin: Record<string, string>, query = '') {
  const list = (await (await t.json('GET', `/api/v1/devices${query}`, undefined, admin)).json()) as { items: { id: number; type: string }[] };
  const items = list.items.filter((d) => d.type === 'computer');
  return { total: items.length, items };
}

/** What the files say, read without the mappers under test. */
interface Expected {
  hostname: string;
  serial: string | null;
  uuid: string | null;
  model: string | null;
  os: string | null;
  software: number;
}

interface Sample {
  label: string;
  protocol: 'glpi-json' | 'fusion-xml' | 'ocs';
  body: Buffer;
  expected: Expected;
}

const nul = (s: string | undefined) => (s === undefined || s === '' ? null : s);

function jsonSample(label: string, file: string): Sample | undefined {
  const body = readFileSync(file);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture JSON, read loosely on purpose
  const doc = JSON.parse(body.toString()) as { partial?: boolean; itemtype?: string; content: Record<string, any> };
  if (doc.partial || (doc.itemtype && doc.itemtype !== 'Computer')) return undefined;
  const c = doc.content;
  return {
    label,
    protocol: 'glpi-json',
    body,
    expected: {
      hostname: c.hardware.name,
      serial: nul(c.bios?.ssn ?? c.bios?.msn),
      uuid: nul(c.hardware?.uuid),
      model: nul(c.bios?.smodel ?? c.bios?.mmodel),
      os: nul(c.operatingsystem?.full_name ?? c.operatingsystem?.name),
      software: distinctSoftware(c.softwares ?? []),
    },
  };
}

function xmlSample(label: string, file: string, protocol: 'fusion-xml' | 'ocs'): Sample {
  const body = readFileSync(file);
  const xml = body.toString('utf8');
  const soft = xmlBlocks(xml, 'SOFTWARES').map((s) => ({ name: s.NAME, version: s.VERSION, arch: s.ARCH ?? s.ARCHITECTURE, publisher: s.PUBLISHER, from: s.FROM }));
  return {
    label,
    protocol,
    body,
    expected: {
      hostname: xmlField(xml, 'HARDWARE', 'NAME')!,
      serial: nul(xmlField(xml, 'BIOS', 'SSN') ?? xmlField(xml, 'BIOS', 'MSN')),
      uuid: nul(xmlField(xml, 'HARDWARE', 'UUID')),
      model: nul(xmlField(xml, 'BIOS', 'SMODEL') ?? xmlField(xml, 'BIOS', 'MMODEL')),
      os: protocol === 'ocs' ? nul(xmlField(xml, 'HARDWARE', 'OSNAME')) : nul(xmlField(xml, 'OPERATINGSYSTEM', 'FULL_NAME') ?? xmlField(xml, 'HARDWARE', 'OSNAME')),
      software: distinctSoftware(soft),
    },
  };
}

function samplesIn(dir: string, prefix: string): Sample[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const file = path.join(dir, f);
      if (f.endsWith('.json') && f !== 'inventory.schema.json') return jsonSample(`${prefix}${f}`, file) ?? [];
      if (f.endsWith('.xml')) return [xmlSample(`${prefix}${f}`, file, f.startsWith('ocs') ? 'ocs' : 'fusion-xml')];
      return [];
    });
}

/** Sends one inventory the way its agent does: PROLOG first for the XML protocols, zlib-compressed. */
async function send(t: TestContext, s: Sample, auth: Record<string, string>) {
  if (s.protocol === 'glpi-json') return post(t, '/', s.body, { zlib: true, headers: { ...auth, 'glpi-agent-id': 'a0b1c2' } });
  const url = s.protocol === 'ocs' ? '/ocsinventory' : '/front/inventory.php';
  const deviceId = /<DEVICEID>([^<]*)<\/DEVICEID>/.exec(s.body.toString())?.[1] ?? 'x';
  const prolog = await post(t, url, `<?xml version="1.0"?><REQUEST><DEVICEID>${deviceId}</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`, { zlib: true, headers: auth });
  expect(prolog.text).toContain('<RESPONSE>SEND</RESPONSE>');
  return post(t, url, s.body, { zlib: true, headers: auth });
}

interface Detail {
  hostname: string;
  uuid: string | null;
  hardware: Record<string, string | null>;
  osDetail: Record<string, string | null>;
  software: unknown[];
}

/** The agent's own device id: one device per agent install (computer_3_updated is computer_3 later). */
const deviceIdOf = (s: Sample) => (s.protocol === 'glpi-json' ? (JSON.parse(s.body.toString()) as { deviceid: string }).deviceid : /<DEVICEID>([^<]*)<\/DEVICEID>/.exec(s.body.toString())![1]!);

async function checkCorpus(samples: Sample[]) {
  const t = await setupTestApp({ PARC_LEGACY_INVENTORY: '1' });
  const auth = basic(await enrollmentToken(t));
  const admin = await t.as('admin');
  for (const s of samples) {
    const r = await send(t, s, auth);
    expect(r.status, `${s.label}: ${r.text.slice(0, 300)}`).toBe(200);
    // Checked right after its upload: a later inventory of the same machine supersedes it.
    const list = (await (await t.json('GET', '/api/v1/devices?limit=500', undefined, admin)).json()) as { items: { id: number; hostname: string }[] };
    const matches = list.items.filter((d) => d.hostname === s.expected.hostname);
    const details = await Promise.all(matches.map(async (m) => (await (await t.json('GET', `/api/v1/devices/${m.id}`, undefined, admin)).json()) as Detail));
    const d = details.find((x) => x.hardware.serial === s.expected.serial && x.software.length === s.expected.software);
    expect(d, `${s.label}: serial ${s.expected.serial}, ${s.expected.software} packages; got ${details.map((x) => `${x.hardware.serial}/${x.software.length}`).join(', ')}`).toBeDefined();
    expect(d!.hardware.uuid?.toLowerCase() ?? null, s.label).toBe(s.expected.uuid?.toLowerCase() ?? null);
    expect(d!.hardware.model, s.label).toBe(s.expected.model);
    expect(d!.osDetail.name, s.label).toBe(s.expected.os);
  }
  const devices = new Set(samples.map(deviceIdOf)).size;
  const list = await computers(t, admin, '?limit=500');
  expect(list.total, 'one device per agent').toBe(devices);
  // The last inventories again: nothing new anywhere.
  const last = [...new Map(samples.map((s) => [deviceIdOf(s), s])).values()];
  const before = await storedCounts(t);
  for (const s of last) expect((await send(t, s, auth)).status).toBe(200);
  expect(await storedCounts(t)).toEqual(before);
  return { samples: samples.length, devices };
}

describe('corpus: the repo copy of the GLPI samples', () => {
  it('every computer inventory becomes one device with the right serial, UUID, model, OS and software count', async () => {
    expect(await checkCorpus(samplesIn(LOCAL_GLPI, 'local/'))).toEqual({ samples: 6, devices: 5 });
  });
});

describe.skipIf(!hasShared)('corpus: ../shared/fixtures/glpi-inventory-format (skipped: shared fixtures absent)', () => {
  it('every computer inventory (JSON and XML) becomes one device each', async () => {
    const dir = path.join(SHARED, 'glpi-inventory-format');
    const n = await checkCorpus([...samplesIn(path.join(dir, 'json'), 'json/'), ...samplesIn(path.join(dir, 'xml'), 'xml/')]);
    expect(n.samples).toBeGreaterThanOrEqual(6);
  });
});

describe.skipIf(!hasPeerAgents)('corpus: ../shared/fixtures/peer-agents (skipped: shared fixtures absent)', () => {
  it('the Debian fusioninventory and ocsinventory inventories of one VM', async () => {
    const samples = samplesIn(path.join(SHARED, 'peer-agents'), 'peer/');
    expect(samples.map((s) => s.protocol).sort()).toEqual(['fusion-xml', 'ocs']);
    // Each checked alone (its own database) against its own file.
    for (const s of samples) expect(await checkCorpus([s])).toEqual({ samples: 1, devices: 1 });

    // Both describe one VM with no serial and no UUID, under different agent ids: the matcher links
    // them by what is left (a shared physical MAC, else the hostname), so the VM stays one device.
    const t = await setupTestApp({ PARC_LEGACY_INVENTORY: '1' });
    const auth = basic(await enrollmentToken(t));
    const admin = await t.as('admin');
    for (const s of samples) expect((await send(t, s, auth)).status).toBe(200);
    const list = await computers(t, admin);
    expect(list.total).toBe(1);
    const d = (await (await t.json('GET', `/api/v1/devices/${list.items[0]!.id}`, undefined, admin)).json()) as { match: { rule: string } };
    expect(['mac', 'hostname']).toContain(d.match.rule);
  });
});

describe('computer_3 then computer_3_updated', () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await setupTestApp({ PARC_LEGACY_INVENTORY: '1' });
  });

  it('records exactly the packages added, removed and upgraded', async () => {
    const auth = basic(await enrollmentToken(t));
    const admin = await t.as('admin');
    const before = readFileSync(path.join(LOCAL_GLPI, 'computer_3.json'));
    const after = readFileSync(path.join(LOCAL_GLPI, 'computer_3_updated.json'));
    const r1 = await post(t, '/', before, { zlib: true, headers: auth });
    expect(r1.status).toBe(200);
    const r2 = await post(t, '/', after, { zlib: true, headers: auth });
    expect(r2.status).toBe(200);
    const list = await computers(t, admin);
    expect(list.total).toBe(1);
    const id = list.items[0]!.id;

    const got: string[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = (await (await t.json('GET', `/api/v1/devices/${id}/changes?section=software&limit=1000&offset=${offset}`, undefined, admin)).json()) as {
        items: { kind: string; item: string; old: string | null; new: string | null }[];
      };
      got.push(...page.items.map((c) => `${c.kind}|${c.item}|${c.old ?? ''}|${c.new ?? ''}`));
      if (page.items.length < 1000) break;
    }
    const expected = expectedSoftwareChanges(JSON.parse(before.toString()), JSON.parse(after.toString()));
    expect(expected.length).toBeGreaterThan(100);
    expect(got.sort()).toEqual(expected.sort());
    const detail = (await (await t.json('GET', `/api/v1/devices/${id}`, undefined, admin)).json()) as { software: unknown[] };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture JSON
    expect(detail.software).toHaveLength(distinctSoftware((JSON.parse(after.toString()) as any).content.softwares));
  });
});

type Soft = { name: string; version?: string; arch?: string; publisher?: string; from?: string };

/**
 * The history a correct diff writes, computed from the two files: per package (name, arch, source; the
 * publisher is not part of what a package is, since collectors disagree on it), versions that left and
 * came; several versions installed at once (kernels) pair up in version order.
 */
function expectedSoftwareChanges(a: { content: { softwares: Soft[] } }, b: { content: { softwares: Soft[] } }): string[] {
  const clean = (s?: string) => (s === undefined || ['', '(none)', 'n/a'].includes(s.trim().toLowerCase()) ? '' : s.trim());
  const group = (list: Soft[]) => {
    const m = new Map<string, { label: string; versions: Set<string> }>();
    for (const s of list) {
      const arch = clean(s.arch).toLowerCase();
      const key = [s.name.toLowerCase(), arch, clean(s.from)].join('\u0000');
      const e = m.get(key) ?? { label: arch ? `${s.name} (${arch})` : s.name, versions: new Set<string>() };
      e.versions.add(clean(s.version));
      m.set(key, e);
    }
    return m;
  };
  const was = group(a.content.softwares);
  const now = group(b.content.softwares);
  const cmp = (x: string, y: string) => x.localeCompare(y, 'en', { numeric: true });
  const out: string[] = [];
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    const v0 = was.get(key)?.versions ?? new Set<string>();
    const v1 = now.get(key)?.versions ?? new Set<string>();
    const label = (now.get(key) ?? was.get(key))!.label;
    const gone = [...v0].filter((v) => !v1.has(v)).sort(cmp);
    const came = [...v1].filter((v) => !v0.has(v)).sort(cmp);
    const pairs = Math.min(gone.length, came.length);
    for (let i = 0; i < pairs; i++) out.push(`changed|${label}|${gone[i]}|${came[i]}`);
    for (const v of gone.slice(pairs)) out.push(`removed|${label}|${v}|`);
    for (const v of came.slice(pairs)) out.push(`added|${label}||${v}`);
  }
  return out;
}

describe('computer_1 partial inventories', () => {
  it('change only their own sections', async () => {
    const t = await setupTestApp({ PARC_LEGACY_INVENTORY: '1' });
    const auth = basic(await enrollmentToken(t));
    const admin = await t.as('admin');
    const file = (n: string) => readFileSync(path.join(LOCAL_GLPI, n)).toString();
    expect((await post(t, '/', file('computer_1.json'), { zlib: true, headers: auth })).status).toBe(200);
    const list = await computers(t, admin);
    const id = list.items[0]!.id;
    const detail = async () => {
      const d = (await (await t.json('GET', `/api/v1/devices/${id}`, undefined, admin)).json()) as Record<string, unknown> & { components: Record<string, unknown[]>; software: { name: string; version: string }[] };
      return d;
    };
    const changes = async () => ((await (await t.json('GET', `/api/v1/devices/${id}/changes?limit=1000`, undefined, admin)).json()) as { items: { section: string; kind: string; item: string; old: string | null; new: string | null }[] }).items;
    const full = await detail();
    const changes0 = await changes();

    // Memory partial, identical to what is stored: nothing changes, nothing is lost.
    const mem = await post(t, '/', file('computer_1_partial_memory.json'), { zlib: true, headers: auth });
    expect(JSON.parse(mem.text)).toMatchObject({ status: 'ok' });
    const afterMem = await detail();
    expect(afterMem.components).toEqual(full.components);
    expect(afterMem.software).toEqual(full.software);
    expect(await changes()).toHaveLength(changes0.length);

    // Memory partial with one module grown: only memoryModules history.
    const grown = JSON.parse(file('computer_1_partial_memory.json')) as { content: { memories: { capacity: number }[] } };
    grown.content.memories[1]!.capacity = 8192;
    await post(t, '/', JSON.stringify(grown), { zlib: true, headers: auth });
    const afterGrown = await detail();
    const { memoryModules: m0, ...rest0 } = full.components;
    const { memoryModules: m1, ...rest1 } = afterGrown.components;
    expect(rest1).toEqual(rest0);
    expect(m1).not.toEqual(m0);
    expect(afterGrown.software).toEqual(full.software);
    const c2 = await changes();
    expect(c2.slice(0, c2.length - changes0.length).map((c) => c.section)).toEqual(['memoryModules']);

    // Software partial: gitg upgraded, the rest (components, memory) untouched.
    await post(t, '/', file('computer_1_partial_softs.json'), { zlib: true, headers: auth });
    const afterSoft = await detail();
    expect(afterSoft.components).toEqual(afterGrown.components);
    expect(afterSoft.software.find((s) => s.name === 'gitg')?.version).toBe('3.33.0-1.fc31');
    const c3 = await changes();
    expect(c3.slice(0, c3.length - c2.length).map(({ section, kind, item, old, new: n }) => ({ section, kind, item, old, new: n }))).toEqual([
      { section: 'software', kind: 'changed', item: 'gitg (x86_64)', old: '3.32.1-1.fc31', new: '3.33.0-1.fc31' },
    ]);
  });
});
