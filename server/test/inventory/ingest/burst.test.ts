import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';
import { basic, enrollmentToken, post } from '../legacy/legacy-helpers.js';

/**
 * Burst protection through the real routes: one ingest slot and no queue, so every upload arriving while
 * another is being stored is turned away with a Retry-After, and sent again it is stored like the others.
 */

const AGENTS = 12;
const PACKAGES = 30;

const installsPerDevice = async (t: TestContext) =>
  (
    await sql<{ agent_id: string; n: number }>`
      select d.agent_id, count(i.device_id)::int as n from devices d left join software_installations i on i.device_id = d.id
      where d.type = 'computer' group by d.agent_id`.execute(t.db)
  ).rows;

describe('ingest burst protection', () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await setupTestApp({ PARC_INGEST_CONCURRENCY: '1', PARC_INGEST_QUEUE: '0', PARC_LEGACY_INVENTORY: '1', PARC_ENROLL_MAX_PER_ADDRESS: '1000' });
  });

  it('turns a flood of agents away with 429 and a sane Retry-After; sent again, every inventory is stored', async () => {
    const agents = [];
    for (let i = 0; i < AGENTS; i++) agents.push(await t.enrollAgent(`burst-${i}`));
    const inventories = agents.map((a, i) => makeInventory({ agentId: a.agentId, hostname: `burst-${i}`, seed: i + 1, packages: PACKAGES }));

    const first = await Promise.all(agents.map((a, i) => t.upload(a.agentKey, inventories[i], { gzip: true })));
    const refused = first.map((r, i) => ({ r, i })).filter(({ r }) => r.status === 429);
    expect(first.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThan(AGENTS);
    for (const { r } of refused) {
      const wait = Number(r.headers.get('retry-after'));
      expect(Number.isInteger(wait)).toBe(true);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(t.config.PARC_INGEST_MAX_RETRY_AFTER_SECONDS);
      expect(await r.json()).toMatchObject({ error: { code: 'too_many_requests', details: { limit: 'ingest_capacity' } } });
    }
    // What was refused was not half-stored: only the accepted uploads made devices.
    expect((await installsPerDevice(t)).length).toBe(AGENTS - refused.length);

    // The refused agents come back (one by one, as their Retry-After spreads them) and are all stored.
    for (const { i } of refused) {
      const again = await t.upload(agents[i]!.agentKey, inventories[i], { gzip: true });
      expect(again.status).toBe(200);
    }
    const stored = await installsPerDevice(t);
    expect(stored).toHaveLength(AGENTS);
    expect(stored.every((s) => s.n === PACKAGES)).toBe(true);
    expect(new Set(stored.map((s) => s.agent_id))).toEqual(new Set(agents.map((a) => a.agentId)));

    // A turned-away upload is not counted as a rejected inventory on the home page (the agent sends it again).
    const rejections = await sql<{ n: number }>`select coalesce(sum(count), 0)::int as n from upload_rejections`.execute(t.db);
    expect(rejections.rows[0]!.n).toBe(0);
  });

  it('answers legacy agents 503 with Retry-After in their own protocol, and stores them when they come back', async () => {
    const auth = basic(await enrollmentToken(t));
    const xml = (i: number) =>
      `<?xml version="1.0" encoding="UTF-8"?><REQUEST><DEVICEID>ocs-burst-${i}-2024-01-01-00-00-00</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT>` +
      `<HARDWARE><NAME>ocs-burst-${i}</NAME><UUID>1e6bb7c6-6a0b-4b8e-9d2e-0000000000${String(10 + i)}</UUID></HARDWARE><BIOS><SSN>OCSBURST${i}</SSN></BIOS>` +
      `<SOFTWARES><NAME>7-Zip</NAME><VERSION>23.01</VERSION></SOFTWARES></CONTENT></REQUEST>`;
    const n = 8;
    const first = await Promise.all(Array.from({ length: n }, (_, i) => post(t, '/ocsinventory', xml(i), { zlib: true, headers: auth })));
    const busy = first.map((r, i) => ({ r, i })).filter(({ r }) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    for (const { r } of busy) {
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // OCS agents inflate every answer: the error is zlib XML like the others.
      expect(r.headers.get('content-type')).toBe('application/x-compress');
      expect(r.text).toMatch(/<RESPONSE>ERROR<\/RESPONSE><ERROR>.*send again in \d+ s/);
    }
    for (const { i } of busy) expect((await post(t, '/ocsinventory', xml(i), { zlib: true, headers: auth })).status).toBe(200);
    const stored = await t.db.selectFrom('devices').select('agent_id').where('agent_id', 'like', 'ocs:ocs-burst-%').execute();
    expect(stored).toHaveLength(n);

    // GLPI Agent's JSON protocol gets its JSON error shape.
    const contact = JSON.stringify({ action: 'contact', deviceid: 'ws-9-2024-01-01-00-00-00', name: 'GLPI-Agent', version: '1.7' });
    const json = await Promise.all(Array.from({ length: 6 }, () => post(t, '/', contact, { contentType: 'application/json', headers: auth })));
    const jsonBusy = json.filter((r) => r.status === 503);
    expect(jsonBusy.length).toBeGreaterThan(0);
    expect(JSON.parse(jsonBusy[0]!.text)).toMatchObject({ status: 'error', message: expect.stringContaining('send again') });
    expect(Number(jsonBusy[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
