import { deflateSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';
import { basic, enrollmentToken, post, storedCounts } from './legacy-helpers.js';
import { localGlpi } from './fixtures.js';

const contact = JSON.stringify({ action: 'contact', deviceid: 'ws-9-2024-01-01-00-00-00', name: 'GLPI-Agent', version: '1.7', 'installed-tasks': ['inventory'], 'enabled-tasks': ['inventory'] });
const prolog = (id: string) => `<?xml version="1.0" encoding="UTF-8"?><REQUEST><DEVICEID>${id}</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`;

describe('legacy endpoints switched off', () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await setupTestApp();
  });

  it('answer 403 in each protocol and store nothing', async () => {
    const token = await enrollmentToken(t);
    const json = await post(t, '/', contact, { contentType: 'application/json', headers: basic(token) });
    expect(json.status).toBe(403);
    expect(JSON.parse(json.text)).toMatchObject({ status: 'error', message: expect.stringContaining('disabled') });
    const xml = await post(t, '/front/inventory.php', prolog('x'), { zlib: true, headers: basic(token) });
    expect(xml.status).toBe(403);
    expect(xml.text).toMatch(/<REPLY><ERROR>.*disabled.*<\/ERROR><\/REPLY>/);
    const ocs = await post(t, '/ocsinventory', prolog('x'), { zlib: true, headers: basic(token) });
    expect(ocs.status).toBe(403);
    expect(ocs.text).toContain('disabled');
    expect((await storedCounts(t)).devices).toBe(0);
  });

  it('the admin setting turns them on; only admins may change it; bad ranges are named', async () => {
    const admin = await t.as('admin');
    const get0 = await t.json('GET', '/api/v1/settings/legacy-inventory', undefined, admin);
    expect(await get0.json()).toMatchObject({ enabled: false, allowedCidrs: [], effective: { enabled: false } });
    expect((await t.json('PUT', '/api/v1/settings/legacy-inventory', { enabled: true, allowedCidrs: [] }, await t.as('technician'))).status).toBe(403);
    const bad = await t.json('PUT', '/api/v1/settings/legacy-inventory', { enabled: true, allowedCidrs: ['10.0.0.0/33'] }, admin);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toContain('allowedCidrs');
    const put = await t.json('PUT', '/api/v1/settings/legacy-inventory', { enabled: true, allowedCidrs: ['10.0.0.0/8', '2001:db8::/32'] }, admin);
    expect(await put.json()).toMatchObject({ enabled: true, effective: { enabled: true, allowedCidrs: ['10.0.0.0/8', '2001:db8::/32'] } });

    // Enabled: no credentials from outside the ranges is a Basic challenge; a token or a trusted address passes.
    const anon = await post(t, '/', contact, { contentType: 'application/json', remote: '192.0.2.10' });
    expect(anon.status).toBe(401);
    expect(anon.headers.get('www-authenticate')).toBe('Basic realm="Parc"');
    const wrong = await post(t, '/', contact, { contentType: 'application/json', headers: basic('parc_enroll_nope') });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.text).message).toContain('enrollment token');
    expect((await post(t, '/', contact, { contentType: 'application/json', headers: basic(await enrollmentToken(t)) })).status).toBe(200);
    expect((await post(t, '/', contact, { contentType: 'application/json', remote: '10.20.30.40' })).status).toBe(200);
    expect((await post(t, '/', contact, { contentType: 'application/json', remote: '::ffff:10.20.30.40' })).status).toBe(200);
    expect((await post(t, '/', contact, { contentType: 'application/json', remote: '2001:db8:1::9' })).status).toBe(200);
    expect((await post(t, '/', contact, { contentType: 'application/json', remote: '11.0.0.1' })).status).toBe(401);
  });
});

describe('legacy protocols', () => {
  let t: TestContext;
  let auth: Record<string, string>;
  beforeEach(async () => {
    t = await setupTestApp({ PARC_LEGACY_INVENTORY: '1' });
    auth = basic(await enrollmentToken(t));
  });

  it('GLPI Agent: CONTACT is answered with status, expiration and the inventory task', async () => {
    const r = await post(t, '/', contact, { zlib: true, headers: { ...auth, 'glpi-agent-id': '3a4b' } });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toMatchObject({ status: 'ok', expiration: 24, tasks: { inventory: {} } });
    const unknown = await post(t, '/front/inventory.php', JSON.stringify({ action: 'register', deviceid: 'x' }), { contentType: 'application/json', headers: auth });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text)).toMatchObject({ status: 'error', message: expect.stringContaining('register') });
  });

  it('FusionInventory: PROLOG gets PROLOG_FREQ and SEND, compressed like the request', async () => {
    const z = await post(t, '/', prolog('pc-1-2020-01-01-00-00-00'), { zlib: true, headers: auth });
    expect(z.status).toBe(200);
    expect(z.headers.get('content-type')).toBe('application/x-compress-zlib');
    expect(z.text).toContain('<REPLY><PROLOG_FREQ>24</PROLOG_FREQ><RESPONSE>SEND</RESPONSE></REPLY>');
    const plain = await post(t, '/front/inventory.php', prolog('pc-1'), { headers: auth });
    expect(plain.headers.get('content-type')).toBe('application/xml');
    expect(plain.text).toContain('<RESPONSE>SEND</RESPONSE>');
  });

  it('OCS: PROLOG answered zlib-compressed with SEND', async () => {
    const r = await post(t, '/ocsinventory', prolog('pc-2-2020-01-01-00-00-00'), { zlib: true, headers: auth });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/x-compress');
    expect(r.text).toMatch(/<RESPONSE>SEND<\/RESPONSE><PROLOG_FREQ>24<\/PROLOG_FREQ>/);
  });

  it('refuses network equipment and printers in the protocol format, storing nothing', async () => {
    const doc = JSON.parse(localGlpi('computer_1.json').toString()) as Record<string, unknown>;
    const net = await post(t, '/', JSON.stringify({ ...doc, itemtype: 'NetworkEquipment' }), { zlib: true, headers: auth });
    expect(net.status).toBe(422);
    expect(JSON.parse(net.text)).toMatchObject({ status: 'error', message: expect.stringContaining('computers only') });
    const snmp = await post(t, '/', '<REQUEST><DEVICEID>x</DEVICEID><QUERY>SNMPQUERY</QUERY><CONTENT><DEVICE><INFO><TYPE>PRINTER</TYPE></INFO></DEVICE></CONTENT></REQUEST>', { headers: auth });
    expect(snmp.status).toBe(422);
    expect(snmp.text).toMatch(/<ERROR>Parc stores computers only/);
    const netinv = await post(t, '/', JSON.stringify({ action: 'netinventory', deviceid: 'x', content: {} }), { contentType: 'application/json', headers: auth });
    expect(netinv.status).toBe(422);
    expect(await storedCounts(t)).toMatchObject({ devices: 0, changes: 0 });
  });

  it('malformed, truncated and hostile bodies get a quick 4xx and change nothing', async () => {
    const full = localGlpi('computer_1.json').toString();
    await post(t, '/', full, { zlib: true, headers: auth });
    const before = await storedCounts(t);
    expect(before.devices).toBe(3); // the computer, and the monitor and printer it reports, as assets of their own
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
      ']><REQUEST><DEVICEID>x</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT><HARDWARE><NAME>&lol9;</NAME></HARDWARE></CONTENT></REQUEST>';
    const zeros = deflateSync(Buffer.alloc(100 * 1024 * 1024));
    const cases: [string, string, Parameters<typeof post>[2], Parameters<typeof post>[3]][] = [
      ['bad zlib', '/', Buffer.from([0x78, 0x9c, 1, 2, 3, 4, 5, 6, 7]), { contentType: 'application/x-compress-zlib' }],
      ['zlib header, garbage', '/ocsinventory', Buffer.concat([Buffer.from([0x78, 0x9c]), Buffer.alloc(64, 0xff)]), { contentType: 'application/x-compress' }],
      ['truncated zlib', '/', deflateSync(Buffer.from(full)).subarray(0, 500), { contentType: 'application/x-compress-zlib' }],
      ['truncated JSON', '/', full.slice(0, full.length / 2), { zlib: true }],
      ['truncated XML', '/front/inventory.php', localGlpi('1.xml').subarray(0, 4000), { zlib: true }],
      ['billion laughs', '/', laughs, { zlib: true }],
      ['billion laughs to OCS', '/ocsinventory', laughs, { zlib: true }],
      ['100 MB of zeros', '/', zeros, { contentType: 'application/x-compress-zlib' }],
      ['100 MB of zeros to OCS', '/ocsinventory', zeros, { contentType: 'application/x-compress' }],
      ['not a request', '/front/inventory.php', '<HELLO/>', {}],
      ['JSON array', '/', '[1,2]', { contentType: 'application/json' }],
      ['empty', '/', '', { contentType: 'application/json' }],
    ];
    for (const [label, path, body, opts] of cases) {
      const started = performance.now();
      const r = await post(t, path, body, { ...opts, headers: auth });
      expect(r.status, `${label}: ${r.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(r.status, label).toBeLessThan(500);
      expect(performance.now() - started, label).toBeLessThan(5000);
    }
    expect(await storedCounts(t)).toEqual(before);
  });

  it('a device first inventoried by GLPI Agent keeps its history when Parc agent takes over', async () => {
    const admin = await t.as('admin');
    const glpi = JSON.parse(localGlpi('computer_1.json').toString()) as { content: { bios: { ssn: string; smodel: string }; hardware: { uuid: string; name: string } } };
    expect((await post(t, '/', JSON.stringify(glpi), { zlib: true, headers: auth })).status).toBe(200);
    const list1 = (await (await t.json('GET', '/api/v1/devices', undefined, admin)).json()) as { items: { id: number; type: string }[] };
    const computers1 = list1.items.filter((d) => d.type === 'computer'); // its monitor is listed too, as an asset
    expect(computers1).toHaveLength(1);
    const deviceId = computers1[0]!.id;
    const history1 = ((await (await t.json('GET', `/api/v1/devices/${deviceId}/changes`, undefined, admin)).json()) as { total: number }).total;

    const { agentId, agentKey } = await t.enrollAgent(glpi.content.hardware.name);
    const inv = makeInventory({ agentId, serial: glpi.content.bios.ssn, uuid: glpi.content.hardware.uuid, packages: 5 });
    const up = (await (await t.upload(agentKey, { ...inv, hostname: glpi.content.hardware.name })).json()) as { deviceId: number; status: string; matchedBy: string };
    expect(up).toMatchObject({ deviceId, status: 'updated', matchedBy: 'serial+uuid' });
    const list2 = (await (await t.json('GET', '/api/v1/devices', undefined, admin)).json()) as { items: { type: string }[] };
    expect(list2.items.filter((d) => d.type === 'computer')).toHaveLength(1);
    const changes = (await (await t.json('GET', `/api/v1/devices/${deviceId}/changes?limit=1000`, undefined, admin)).json()) as { total: number; items: { item: string }[] };
    expect(changes.total).toBeGreaterThan(history1);
    expect(changes.items.some((c) => c.item === 'first inventory')).toBe(true);
    const detail = (await (await t.json('GET', `/api/v1/devices/${deviceId}`, undefined, admin)).json()) as { agent: { id: string } | null; match: { rule: string } };
    expect(detail.agent?.id).toBe(agentId);
  });
});
