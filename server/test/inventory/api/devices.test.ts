import { beforeEach, describe, expect, it } from 'vitest';
import { manualClock, type InventoryInput, type ManualClock } from '@parc/shared';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

let t: TestContext;
let admin: Record<string, string>;

const body = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
type Summary = { id: number; hostname: string; serial: string | null; serialPlaceholder?: boolean; manufacturer: string | null; model: string | null; state: string; stale: boolean; lastUser: string | null; ipv4: string[]; os: { platform: string | null; name: string | null }; location: string | null; owner: string | null; assetTag: string | null; firstSeenAt: string; lastSeenAt: string };
type Rows = Record<string, unknown>[];
type Detail = Summary & {
  uuid: string | null;
  macs: string[];
  notes: string | null;
  hardware: Record<string, string | null>;
  osDetail: Record<string, string | null>;
  components: Record<string, { mount?: string; [k: string]: unknown }[]>;
  software: Rows;
  changes: Rows;
  agent: { id: string; version: string | null } | null;
  match: { rule: string; at: string };
};
type List = { items: Summary[]; total: number; limit: number; offset: number };

const DAY = 86_400_000;
const NOW = Date.now();

interface Spec {
  seed: number;
  hostname: string;
  manufacturer: string;
  model: string;
  os: NonNullable<InventoryInput['os']>;
  user: { username: string; domain?: string };
  ip: string;
  mac: string;
  software: string[];
  lastSeenDaysAgo: number;
  firstSeenDaysAgo: number;
}

const SPECS: Spec[] = [
  { seed: 1, hostname: 'alpha-01.corp.example', manufacturer: 'LENOVO', model: 'ThinkPad T14', os: { platform: 'linux', name: 'Debian GNU/Linux', version: '12' }, user: { username: 'alice' }, ip: '10.1.0.11', mac: '54:e1:ad:00:00:01', software: ['Mozilla Firefox', 'curl'], lastSeenDaysAgo: 1, firstSeenDaysAgo: 300 },
  { seed: 2, hostname: 'bravo-02', manufacturer: 'Dell Inc.', model: 'Latitude 5440', os: { platform: 'windows', name: 'Microsoft Windows 11 Pro', version: '23H2' }, user: { username: 'bob', domain: 'CORP' }, ip: '192.168.5.20', mac: '3c:52:82:aa:bb:cc', software: ['Microsoft Edge', '7-Zip 23.01 (x64)'], lastSeenDaysAgo: 3, firstSeenDaysAgo: 100 },
  { seed: 3, hostname: 'charlie-03', manufacturer: 'HP', model: 'EliteBook 840', os: { platform: 'darwin', name: 'macOS', version: '14.5' }, user: { username: 'carol' }, ip: '10.2.0.7', mac: 'a4:83:e7:12:34:56', software: ['Slack', '100%_Pure'], lastSeenDaysAgo: 45, firstSeenDaysAgo: 200 },
];

function inventoryOf(s: Spec, agentId: string) {
  const inv = makeInventory({ agentId, seed: s.seed, hostname: s.hostname, mac: s.mac, packages: 0 });
  inv.hardware = { ...inv.hardware, manufacturer: s.manufacturer, model: s.model };
  inv.os = s.os;
  inv.users = [{ ...s.user, type: 'logged-in' }];
  inv.networks![0]!.ipv4 = [s.ip];
  inv.software = s.software.map((name) => ({ name, version: '1.0', source: 'other' as const }));
  // Three computers and nothing else: a reported monitor would be an asset of its own in this list
  // (server/test/assets/peripherals covers those).
  inv.monitors = [];
  return inv;
}

/** Three devices through the real ingest path, then dated so sorts and staleness are deterministic. */
async function seed() {
  const ids: number[] = [];
  for (const s of SPECS) {
    const { agentId, agentKey } = await t.enrollAgent(s.hostname);
    const res = await t.upload(agentKey, inventoryOf(s, agentId));
    expect(res.status).toBe(200);
    const { deviceId } = await body<{ deviceId: number }>(res);
    await t.db
      .updateTable('devices')
      .set({ last_seen_at: new Date(NOW - s.lastSeenDaysAgo * DAY), first_seen_at: new Date(NOW - s.firstSeenDaysAgo * DAY) })
      .where('id', '=', deviceId)
      .execute();
    ids.push(deviceId);
  }
  return ids;
}

const list = async (query: string, headers = admin) => {
  const res = await t.json('GET', `/api/v1/devices${query ? `?${query}` : ''}`, undefined, headers);
  expect(res.status, `${query}: ${res.status}`).toBe(200);
  return body<List>(res);
};
const hostnames = async (query: string) => (await list(query)).items.map((d) => d.hostname.split(/[.-]/)[0]);

describe('device list', () => {
  beforeEach(async () => {
    t = await setupTestApp({ PARC_STALE_DAYS: '30' });
    admin = await t.as('admin');
    await seed();
  });

  it('lists every device with its summary and total', async () => {
    const l = await list('');
    expect(l).toMatchObject({ total: 3, limit: 50, offset: 0 });
    const a = l.items.find((d) => d.hostname.startsWith('alpha'))!;
    expect(a).toMatchObject({ manufacturer: 'LENOVO', model: 'ThinkPad T14', lastUser: 'alice', ipv4: expect.arrayContaining(['10.1.0.11']), state: 'in_use', stale: false, os: { platform: 'linux', name: 'Debian GNU/Linux' } });
    const b = l.items.find((d) => d.hostname === 'bravo-02')!;
    expect(b.lastUser).toBe('CORP\\bob');
  });

  it.each([
    ['hostname', 'search=BRAVO', ['bravo']],
    ['FQDN part', 'search=corp.example', ['alpha']],
    ['serial', 'search=pf300003', ['charlie']],
    ['user', 'search=carol', ['charlie']],
    ['domain user', 'search=corp%5Cbob', ['bravo']],
    ['IP', 'search=192.168.5.20', ['bravo']],
    ['IP prefix', 'search=10.', ['alpha', 'charlie']],
    ['MAC colons', 'search=3c:52:82:aa:bb:cc', ['bravo']],
    ['MAC upper dashes', 'search=3C-52-82-AA-BB-CC', ['bravo']],
    ['MAC bare', 'search=a483e7123456', ['charlie']],
    ['MAC Cisco dots', 'search=a483.e712.3456', ['charlie']],
    ['software', 'search=firefox', ['alpha']],
    ['software, case and partial', 'search=EDGE', ['bravo']],
    ['LIKE wildcards are literal', 'search=100%25_', ['charlie']],
    ['underscore is literal', 'search=_', ['charlie']],
    ['nothing', 'search=zzz-not-there', []],
  ])('search by %s', async (_what, query, expected) => {
    expect((await hostnames(query)).sort()).toEqual(expected);
  });

  it.each([
    ['os platform', 'os=windows', ['bravo']],
    ['os name part', 'os=debian', ['alpha']],
    ['os name part, macOS', 'os=macos', ['charlie']],
    ['manufacturer', 'manufacturer=dell', ['bravo']],
    ['manufacturer exact', 'manufacturer=LENOVO', ['alpha']],
    ['stale', 'stale=true', ['charlie']],
    ['in use excludes stale', 'state=in_use&stale=false', ['alpha', 'bravo']],
    ['retired: none yet', 'state=retired', []],
    ['last seen before', `lastSeenBefore=${new Date(NOW - 2 * DAY).toISOString()}`, ['bravo', 'charlie']],
    ['last seen after', `lastSeenAfter=${new Date(NOW - 2 * DAY).toISOString()}`, ['alpha']],
    ['between', `lastSeenAfter=${new Date(NOW - 10 * DAY).toISOString()}&lastSeenBefore=${new Date(NOW - 2 * DAY).toISOString()}`, ['bravo']],
    ['date only', `lastSeenBefore=${new Date(NOW - 20 * DAY).toISOString().slice(0, 10)}`, ['charlie']],
    ['combined', 'search=10.&stale=false', ['alpha']],
  ])('filter by %s', async (_what, query, expected) => {
    const l = await list(query);
    expect(l.items.map((d) => d.hostname.split(/[.-]/)[0]).sort()).toEqual(expected);
    expect(l.total).toBe(expected.length);
  });

  it('shows a device in use not seen for PARC_STALE_DAYS as stale', async () => {
    const l = await list('');
    expect(l.items.find((d) => d.hostname === 'charlie-03')).toMatchObject({ state: 'in_use', stale: true });
    // Another state people set stands, however old the device.
    const charlie = l.items.find((d) => d.hostname === 'charlie-03')!;
    await t.json('PATCH', `/api/v1/devices/${charlie.id}`, { state: 'retired' }, admin);
    expect(await hostnames('stale=true')).toEqual([]);
    expect(await hostnames('state=retired')).toEqual(['charlie']);
    expect((await list('')).items.find((d) => d.id === charlie.id)).toMatchObject({ state: 'retired', stale: false });
  });

  it('uses PARC_STALE_DAYS', async () => {
    t = await setupTestApp({ PARC_STALE_DAYS: '2' });
    admin = await t.as('admin');
    await seed();
    expect((await hostnames('stale=true')).sort()).toEqual(['bravo', 'charlie']);
    expect(await hostnames('stale=false')).toEqual(['alpha']);
  });

  it.each([
    ['hostname', ['alpha', 'bravo', 'charlie']],
    ['lastSeenAt', ['charlie', 'bravo', 'alpha']],
    ['firstSeenAt', ['alpha', 'charlie', 'bravo']],
    ['manufacturer', ['bravo', 'charlie', 'alpha']],
    ['model', ['charlie', 'bravo', 'alpha']],
    ['os', ['alpha', 'charlie', 'bravo']],
    ['serial', ['alpha', 'bravo', 'charlie']],
    ['id', ['alpha', 'bravo', 'charlie']],
  ])('sorts by %s, both ways', async (field, ascending) => {
    expect(await hostnames(`sort=${field}`)).toEqual(ascending);
    expect(await hostnames(`sort=-${field}`)).toEqual([...ascending].reverse());
  });

  it('paginates with a stable total', async () => {
    const p1 = await list('sort=hostname&limit=2');
    const p2 = await list('sort=hostname&limit=2&offset=2');
    const p3 = await list('sort=hostname&limit=2&offset=4');
    expect(p1.items.map((d) => d.hostname.slice(0, 5))).toEqual(['alpha', 'bravo']);
    expect(p2.items.map((d) => d.hostname.slice(0, 5))).toEqual(['charl']);
    expect(p3.items).toEqual([]);
    expect([p1.total, p2.total, p3.total]).toEqual([3, 3, 3]);
    expect(p2).toMatchObject({ limit: 2, offset: 2 });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['offset=-1', 'offset'],
    ['sort=colour', 'sort'],
    ['sort=--hostname', 'sort'],
    ['state=Broken!', 'state'], // a comma list names its parameter, the bad value in the message
    ['stale=maybe', 'stale'],
    ['lastSeenBefore=yesterday', 'lastSeenBefore'],
    ['lastSeenAfter=2026-13-45', 'lastSeenAfter'],
    [`search=${'x'.repeat(300)}`, 'search'],
  ])('refuses %s with 400 naming the field', async (query, field) => {
    const res = await t.json('GET', `/api/v1/devices?${query}`, undefined, admin);
    expect(res.status).toBe(400);
    expect(await body(res)).toMatchObject({ error: { code: 'validation_failed', field } });
  });

  it('is for staff only', async () => {
    expect((await t.json('GET', '/api/v1/devices', undefined, await t.as('requester'))).status).toBe(403);
    expect((await t.json('GET', '/api/v1/devices', undefined, await t.as('technician'))).status).toBe(200);
    expect((await t.json('GET', '/api/v1/devices', undefined, await t.as('licence-manager'))).status).toBe(200);
  });
});

describe('device detail and people fields', () => {
  let agent: { agentId: string; agentKey: string };
  let inv: ReturnType<typeof makeInventory>;
  let deviceId: number;
  let clock: ManualClock;
  const T0 = '2026-03-02T08:00:00.000Z';
  beforeEach(async () => {
    clock = manualClock(T0);
    t = await setupTestApp({}, { clock });
    admin = await t.as('admin');
    agent = await t.enrollAgent('ws-001');
    inv = makeInventory({ agentId: agent.agentId, packages: 6 });
    ({ deviceId } = await body<{ deviceId: number }>(await t.upload(agent.agentKey, inv)));
  });

  const detail = async (headers = admin) => {
    const res = await t.json('GET', `/api/v1/devices/${deviceId}`, undefined, headers);
    expect(res.status).toBe(200);
    return body<Detail>(res);
  };

  it('has everything known', async () => {
    const d = await detail();
    expect(d).toMatchObject({
      id: deviceId,
      hostname: inv.hostname,
      serial: inv.hardware!.serial,
      uuid: inv.hardware!.uuid,
      macs: [inv.networks![0]!.mac],
      state: 'in_use',
      stale: false,
      hardware: { manufacturer: 'LENOVO', model: '20XW004MGE', serial: inv.hardware!.serial, chassisType: 'Notebook', biosVendor: 'LENOVO', biosVersion: 'N32ET75W (1.51)' },
      osDetail: { platform: 'linux', name: 'Debian GNU/Linux', version: '12', build: '12.8', arch: 'x64', kernel: '6.1.0-28-amd64' },
      agent: { id: agent.agentId, version: '0.1.0' },
      match: { rule: 'new' },
      lastUser: 'alice',
    });
    expect(d.hardware.biosDate).toMatch(/^2023-05-11/);
    for (const k of ['cpus', 'memoryModules', 'storage', 'volumes', 'networks', 'graphics', 'monitors', 'batteries', 'users'] as const) {
      expect(d.components[k], k).toHaveLength(inv[k]!.length);
    }
    expect(d.components.storage?.[0]).toMatchObject({ serial: inv.storage![0]!.serial, sizeBytes: 512_110_190_592 });
    // Free space is not history but it is shown, merged into its volume.
    const root = d.components.volumes?.find((v) => v.mount === '/');
    expect(root).toMatchObject({ freeBytes: inv.volumes![0]!.freeBytes, sizeBytes: inv.volumes![0]!.sizeBytes });
    expect(d.software).toHaveLength(6);
    expect(d.software[0]).toMatchObject({ name: expect.any(String), version: expect.any(String), arch: expect.any(String), source: 'deb' });
    // The first inventory, then its monitor attached as an asset of its own.
    expect(d.changes).toEqual([expect.objectContaining({ section: 'peripherals', kind: 'added', code: 'peripheral-attached' }), expect.objectContaining({ section: 'device', kind: 'added' })]);
    // Ingest reads the time from the app's clock.
    expect(d).toMatchObject({ firstSeenAt: T0, lastSeenAt: T0, match: { at: T0 } });

    // Next upload: matched by agent id, free space refreshed, last seen moves, first seen does not.
    const next = structuredClone(inv);
    next.volumes![0]!.freeBytes = 7;
    clock.advance(3_600_000);
    expect(await body(await t.upload(agent.agentKey, next))).toMatchObject({ status: 'unchanged' });
    const d2 = await detail();
    expect(d2.components.volumes?.find((v) => v.mount === '/')?.freeBytes).toBe(7);
    expect(d2.match.rule).toBe('agent-id');
    expect(d2.firstSeenAt).toBe(T0);
    expect(d2.lastSeenAt).toBe('2026-03-02T09:00:00.000Z');
    expect(d2.match.at).toBe('2026-03-02T09:00:00.000Z');
  });

  it('lists changes newest first, by section and since', async () => {
    const next = structuredClone(inv);
    next.os!.version = '13';
    next.software.pop();
    clock.advance(60_000);
    await t.upload(agent.agentKey, next);
    const all = await body<{ items: { section: string; at: string }[]; total: number }>(await t.json('GET', `/api/v1/devices/${deviceId}/changes`, undefined, admin));
    // OS version, the removed package, the monitor attached (a peripheral asset) and the first inventory.
    expect(all.total).toBe(4);
    expect(all.items[all.items.length - 1]!.section).toBe('device');
    const os = await body<{ items: { section: string }[]; total: number }>(await t.json('GET', `/api/v1/devices/${deviceId}/changes?section=os`, undefined, admin));
    expect(os.total).toBe(1);
    expect(all.items.map((c) => c.at)).toEqual(['2026-03-02T08:01:00.000Z', '2026-03-02T08:01:00.000Z', T0, T0]);
    const since = async (at: number) =>
      (await body<{ total: number }>(await t.json('GET', `/api/v1/devices/${deviceId}/changes?since=${new Date(at).toISOString()}`, undefined, admin))).total;
    expect(await since(Date.parse(T0) + 30_000)).toBe(2);
    expect(await since(clock.now().getTime() + 60_000)).toBe(0);
    expect((await t.json('GET', `/api/v1/devices/${deviceId}/changes?limit=0`, undefined, admin)).status).toBe(400);
  });

  it('PATCH sets the people fields and inventory never overwrites them', async () => {
    const paris = (await body<{ id: number }>(await t.json('POST', '/api/v1/locations', { name: 'Paris' }, admin))).id;
    const floor = (await body<{ id: number }>(await t.json('POST', '/api/v1/locations', { name: '3rd floor', parentId: paris }, admin))).id;
    const res = await t.json('PATCH', `/api/v1/devices/${deviceId}`, { locationId: floor, state: 'in_repair', owner: 'alice@example.org', assetTag: 'INV-0042', notes: 'screen flickers' }, admin);
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ location: 'Paris / 3rd floor', locationId: floor, state: 'in_repair', owner: 'alice@example.org', assetTag: 'INV-0042', notes: 'screen flickers' });

    const next = structuredClone(inv);
    next.hardware!.assetTag = 'FIRMWARE-TAG';
    next.os!.version = '13';
    expect(await body(await t.upload(agent.agentKey, next))).toMatchObject({ status: 'updated' });
    const d = await detail();
    expect(d).toMatchObject({ location: 'Paris / 3rd floor', state: 'in_repair', owner: 'alice@example.org', assetTag: 'INV-0042', notes: 'screen flickers' });
    expect(d.hardware.assetTag).toBe('FIRMWARE-TAG');
    expect(d.osDetail.version).toBe('13');

    // null clears; the firmware tag shows when people have not set one.
    const cleared = await body(await t.json('PATCH', `/api/v1/devices/${deviceId}`, { assetTag: null, locationId: null }, admin));
    expect(cleared).toMatchObject({ assetTag: 'FIRMWARE-TAG', location: null, owner: 'alice@example.org' });
  });

  it.each([
    [{ colour: 'red' }, undefined],
    [{ hostname: 'renamed' }, undefined],
    [{ state: 'stale' }, 'state'],
    [{ state: 'broken' }, 'state'],
    [{ locationId: 42 }, 'locationId'],
    [{ userId: 42 }, 'userId'],
    [{ location: 'Paris' }, undefined],
    [{ notes: 'x'.repeat(10_001) }, 'notes'],
    [{}, undefined],
  ])('PATCH refuses %j with 400 and changes nothing', async (b, field) => {
    const before = await detail();
    const res = await t.json('PATCH', `/api/v1/devices/${deviceId}`, b, admin);
    expect(res.status).toBe(400);
    const e = await body<{ error: { code: string; field?: string } }>(res);
    expect(e.error.code).toBe('validation_failed');
    if (field) expect(e.error.field).toBe(field);
    else expect(e.error.field).toBeTruthy();
    expect(await detail()).toEqual(before);
  });

  it('pages and searches a device\'s software on the server', async () => {
    const big = makeInventory({ agentId: agent.agentId, packages: 120 });
    big.software = big.software.map((s, i) => (i % 10 === 0 ? { ...s, name: `zlib-tool-${String(i).padStart(3, '0')}` } : i === 5 ? { ...s, name: 'quasar-viewer', publisher: 'Zeta Labs' } : s));
    await t.upload(agent.agentKey, big);
    const page = async (q: string) => {
      const res = await t.json('GET', `/api/v1/devices/${deviceId}/software${q}`, undefined, admin);
      expect(res.status, q).toBe(200);
      return body<{ items: { name: string; publisher: string | null; version: string }[]; total: number; limit: number; offset: number }>(res);
    };
    const first = await page('?limit=50');
    expect(first).toMatchObject({ total: 120, limit: 50, offset: 0 });
    expect(first.items).toHaveLength(50);
    const last = await page('?limit=50&offset=100');
    expect(last.items).toHaveLength(20);
    // Pages never overlap: every package once across the three pages.
    const all = [...first.items, ...(await page('?limit=50&offset=50')).items, ...last.items].map((s) => `${s.name}@${s.version}`);
    expect(new Set(all).size).toBe(120);
    // Search on name (any case) and on publisher; a LIKE wildcard is a plain character.
    const zlib = await page('?search=ZLIB-TOOL');
    expect(zlib.total).toBe(12);
    expect(zlib.items.every((s) => s.name.startsWith('zlib-tool-'))).toBe(true);
    expect((await page('?search=zeta%20labs')).items.map((s) => s.publisher)).toEqual(['Zeta Labs']);
    expect((await page('?search=%25')).total).toBe(0);
    // Bad queries name the field; another device's id is 404.
    for (const [q, field] of [['?limit=0', 'limit'], ['?limit=501', 'limit'], ['?offset=-1', 'offset'], [`?search=${'x'.repeat(300)}`, 'search']] as const) {
      const res = await t.json('GET', `/api/v1/devices/${deviceId}/software${q}`, undefined, admin);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect(await body(res)).toMatchObject({ error: { field } });
    }
    expect((await t.json('GET', '/api/v1/devices/99999/software', undefined, admin)).status).toBe(404);
  });

  it('marks a placeholder serial as one, keeping what firmware said', async () => {
    expect((await detail()).serialPlaceholder).toBe(false);
    const junk = await t.enrollAgent('ws-oem');
    const oem = makeInventory({ agentId: junk.agentId, hostname: 'ws-oem', serial: 'To Be Filled By O.E.M.', seed: 9 });
    const { deviceId: oemId } = await body<{ deviceId: number }>(await t.upload(junk.agentKey, oem));
    const d = await body<Detail>(await t.json('GET', `/api/v1/devices/${oemId}`, undefined, admin));
    expect(d).toMatchObject({ serial: 'To Be Filled By O.E.M.', serialPlaceholder: true });
    const list = await body<List>(await t.json('GET', '/api/v1/devices?search=ws-oem', undefined, admin));
    expect(list.items[0]).toMatchObject({ serial: 'To Be Filled By O.E.M.', serialPlaceholder: true });
  });

  it('404s for devices that do not exist, 400 for ids that are not ids', async () => {
    for (const [method, path, b] of [
      ['GET', '/api/v1/devices/99999', undefined],
      ['GET', '/api/v1/devices/99999/changes', undefined],
      ['PATCH', '/api/v1/devices/99999', { notes: 'x' }],
    ] as const) {
      const res = await t.json(method, path, b, admin);
      expect(res.status, path).toBe(404);
      expect(await body(res)).toMatchObject({ error: { code: 'not_found' } });
    }
    for (const id of ['abc', '0', '-1', '1.5', '99999999999']) {
      const res = await t.json('GET', `/api/v1/devices/${id}`, undefined, admin);
      expect(res.status, id).toBe(400);
      expect(await body(res)).toMatchObject({ error: { field: 'id' } });
    }
  });

  it('role access: requesters see nothing, licence managers read but cannot change', async () => {
    const req = await t.as('requester');
    expect((await t.json('GET', `/api/v1/devices/${deviceId}`, undefined, req)).status).toBe(403);
    expect((await t.json('GET', `/api/v1/devices/${deviceId}/changes`, undefined, req)).status).toBe(403);
    expect((await t.json('PATCH', `/api/v1/devices/${deviceId}`, { notes: 'x' }, req)).status).toBe(403);
    const lm = await t.as('licence-manager');
    expect((await t.json('GET', `/api/v1/devices/${deviceId}`, undefined, lm)).status).toBe(200);
    expect((await t.json('PATCH', `/api/v1/devices/${deviceId}`, { notes: 'x' }, lm)).status).toBe(403);
    const tech = await t.as('technician');
    expect((await t.json('PATCH', `/api/v1/devices/${deviceId}`, { notes: 'x' }, tech)).status).toBe(200);
  });
});
