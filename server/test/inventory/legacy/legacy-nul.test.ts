import { beforeEach, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';
import { localGlpi } from './fixtures.js';
import { basic, enrollmentToken, post, storedCounts } from './legacy-helpers.js';

// A NUL (or a lone surrogate) in a legacy agent's DEVICEID was a 500: Postgres text cannot hold it.
// Machine-collected text is cleaned like the rest of an inventory; an id that is nothing but such
// characters is a 400 in the protocol's own format.

const agentIds = async (t: TestContext) => (await t.db.selectFrom('devices').select('agent_id').where('type', '=', 'computer').orderBy('id').execute()).map((r) => r.agent_id);

const xmlInventory = (deviceId: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><REQUEST><DEVICEID>${deviceId}</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT>` +
  `<HARDWARE><NAME>nulpc</NAME><UUID>1e6bb7c6-6a0b-4b8e-9d2e-00000000aa01</UUID></HARDWARE><BIOS><SSN>NULSERIAL1</SSN></BIOS></CONTENT></REQUEST>`;

describe('NUL in a legacy DEVICEID', () => {
  let t: TestContext;
  let auth: Record<string, string>;
  beforeEach(async () => {
    t = await setupTestApp({ PARC_LEGACY_INVENTORY: '1' });
    auth = basic(await enrollmentToken(t));
  });

  it('GLPI JSON: the NUL is dropped and the inventory stored', async () => {
    const doc = JSON.parse(localGlpi('computer_1.json').toString()) as Record<string, unknown>;
    const r = await post(t, '/', JSON.stringify({ ...doc, deviceid: 'ws-n\u0000ul-2024-01-01-00-00-00' }), { zlib: true, headers: auth });
    expect(r.status, r.text).toBe(200);
    expect(await agentIds(t)).toEqual(['glpi:ws-nul-2024-01-01-00-00-00']);
    const surrogate = await post(t, '/', JSON.stringify({ ...doc, deviceid: 'ws-\uD800-2024-01-01-00-00-00' }), { zlib: true, headers: auth });
    expect(surrogate.status, surrogate.text).toBe(200);
  });

  it('FusionInventory XML and OCS: a raw NUL byte in DEVICEID is dropped, never a 500', async () => {
    const fusion = await post(t, '/', xmlInventory('pc-n\u0000ul-2024-01-01-00-00-00'), { zlib: true, headers: auth });
    expect(fusion.status, fusion.text).toBeLessThan(500);
    const ocs = await post(t, '/ocsinventory', xmlInventory('pc-o\u0000cs-2024-01-01-00-00-00'), { zlib: true, headers: auth });
    expect(ocs.status, ocs.text).toBeLessThan(500);
    for (const id of await agentIds(t)) expect(id).not.toContain('\u0000');
  });

  it('a DEVICEID of only NUL characters is a 400 in the protocol format, storing nothing', async () => {
    const doc = JSON.parse(localGlpi('computer_1.json').toString()) as Record<string, unknown>;
    const json = await post(t, '/', JSON.stringify({ ...doc, deviceid: '\u0000\u0000' }), { zlib: true, headers: auth });
    expect(json.status).toBe(400);
    expect(JSON.parse(json.text)).toMatchObject({ status: 'error', message: expect.stringContaining('device id') });
    const xml = await post(t, '/front/inventory.php', xmlInventory('\u0000'), { zlib: true, headers: auth });
    expect(xml.status).toBe(400);
    expect(xml.text).toMatch(/<REPLY><ERROR>.*device id.*<\/ERROR><\/REPLY>/);
    const ocs = await post(t, '/ocsinventory', xmlInventory('\u0000'), { zlib: true, headers: auth });
    expect(ocs.status).toBe(400);
    expect((await storedCounts(t)).devices).toBe(0);
  });
});
