import { beforeEach, describe, expect, it } from 'vitest';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

/**
 * Monitors and printers an agent reports become assets of their own, attached to the computer reporting
 * them; they follow a move between desks with history on the peripheral and on both computers. One
 * implementation serves both kinds, so every case runs for each.
 */
type Change = { code?: string | null; params?: Record<string, unknown> | null };
type Device = { id: number; type: string; source: string; hostname: string; serial: string | null; manufacturer: string | null; parentDevice: { id: number; hostname: string } | null; peripherals: { id: number; hostname: string; type: string }[]; changes: Change[] };

let t: TestContext;
let admin: Record<string, string>;

beforeEach(async () => {
  t = await setupTestApp();
  admin = await t.as('admin');
});

const get = async (id: number) => (await (await t.json('GET', `/api/v1/devices/${id}`, undefined, admin)).json()) as Device;
const codes = (d: Device) => d.changes.map((c) => c.code).filter(Boolean);

type Item = Record<string, string | undefined>;
/** Each kind: its section, its asset type, and an item of it as an agent reports it (`label` names it). */
const KINDS = [
  { section: 'monitors', type: 'monitor', item: (label: string, serial?: string): Item => ({ vendor: 'DEL', model: label, serial }), manufacturer: 'DEL' },
  { section: 'printers', type: 'printer', item: (label: string, serial?: string): Item => ({ name: label, manufacturer: 'HP', driver: 'HP LaserJet Pro M404-M405 PCL 6', serial }), manufacturer: 'HP' },
] as const;

describe.each(KINDS)('discovered $section', ({ section, type, item, manufacturer }) => {
  const ofKind = () => t.db.selectFrom('devices').select(['id', 'parent_device_id', 'serial', 'source']).where('type', '=', type).orderBy('id').execute();
  async function machine(name: string, seed: number) {
    const agent = await t.enrollAgent(name);
    const send = async (reported: Item[]) => {
      // The factory's own monitor is left out: each case counts only what it reports.
      const inv = { ...makeInventory({ agentId: agent.agentId, hostname: name, seed }), monitors: [], [section]: reported };
      const res = await t.upload(agent.agentKey, inv);
      expect(res.status).toBe(200);
      return ((await res.json()) as { deviceId: number }).deviceId;
    };
    return { send };
  }
  const DELL = item('DELL U2720Q', 'CN0F7X9D');

  it('registers a reported one as an asset attached to its computer', async () => {
    const a = await machine('ws-a', 1);
    const pcA = await a.send([DELL]);
    const [m] = await ofKind();
    expect(m).toMatchObject({ parent_device_id: pcA, serial: 'CN0F7X9D', source: 'discovered' });
    const mon = await get(m!.id);
    expect(mon).toMatchObject({ type, source: 'discovered', hostname: 'DELL U2720Q', manufacturer, parentDevice: { id: pcA, hostname: 'ws-a' } });
    expect(codes(mon)).toEqual(['peripheral-discovered']);
    const pc = await get(pcA);
    expect(pc.peripherals).toEqual([{ id: m!.id, hostname: 'DELL U2720Q', type }]);
    expect(codes(pc)).toContain('peripheral-attached');
    // The component stays on the computer as before.
    expect(await t.db.selectFrom('device_components').select('key').where('device_id', '=', pcA).where('kind', '=', section).execute()).toEqual([{ key: 'serial:cn0f7x9d' }]);
    // Sending the same again changes nothing.
    await a.send([DELL]);
    expect(await ofKind()).toHaveLength(1);
    expect(codes(await get(m!.id))).toEqual(['peripheral-discovered']);
  });

  it('moves between computers, with history on the peripheral and both computers, then detaches', async () => {
    const a = await machine('ws-a', 1);
    const b = await machine('ws-b', 2);
    const pcA = await a.send([DELL]);
    const pcB = await b.send([DELL]);
    const [m] = await ofKind();
    expect(m!.parent_device_id).toBe(pcB);
    const mon = await get(m!.id);
    expect(mon.changes.find((c) => c.code === 'moved-between')?.params).toMatchObject({ fromId: pcA, from: 'ws-a', toId: pcB, to: 'ws-b' });
    expect((await get(pcA)).changes.find((c) => c.code === 'peripheral-moved-away')?.params).toMatchObject({ peripheralId: m!.id, toId: pcB, to: 'ws-b' });
    expect((await get(pcB)).changes.find((c) => c.code === 'peripheral-attached')?.params).toMatchObject({ peripheralId: m!.id });
    expect((await get(pcA)).peripherals).toEqual([]);
    // ws-a's next inventory without it says nothing new about it (it already left).
    await a.send([]);
    expect((await ofKind())[0]!.parent_device_id).toBe(pcB);
    // It disappears from ws-b: detached, with history on both.
    await b.send([]);
    expect((await ofKind())[0]!.parent_device_id).toBeNull();
    expect(codes(await get(m!.id))).toContain('detached-from');
    expect(codes(await get(pcB))).toContain('peripheral-detached');
    // Plugged back in: attached again.
    await b.send([DELL]);
    expect((await ofKind())[0]!.parent_device_id).toBe(pcB);
    expect(codes(await get(m!.id))).toContain('attached-to');
  });

  it('never links on a placeholder, empty or zero serial', async () => {
    const a = await machine('ws-a', 1);
    const b = await machine('ws-b', 2);
    await a.send([item('LG 24', '0'), item('LG 27'), item('X', '00000000'), item('Y', 'Default string')]);
    await b.send([item('LG 24', '0')]);
    expect(await ofKind()).toEqual([]);
  });

  it('links a manual asset of that type with that serial instead of creating one', async () => {
    const res = await t.json('POST', '/api/v1/devices', { type, name: 'Spare Dell', serial: 'cn0f7x9d', assetTag: 'INV-9' }, admin);
    const manual = (await res.json()) as Device;
    const a = await machine('ws-a', 1);
    const pcA = await a.send([DELL]);
    expect(await ofKind()).toEqual([{ id: manual.id, parent_device_id: pcA, serial: 'CN0F7X9D', source: 'manual' }]);
    expect(codes(await get(manual.id))).toContain('attached-to');
    // A computer carrying a peripheral's serial is not that peripheral, and the other way round.
    expect((await get(pcA)).type).toBe('computer');
  });

  it('lets people rename a discovered peripheral, and a later inventory keeps the name', async () => {
    const a = await machine('ws-a', 1);
    await a.send([DELL]);
    const [m] = await ofKind();
    expect((await t.json('PATCH', `/api/v1/devices/${m!.id}`, { name: 'Left screen' }, admin)).status).toBe(200);
    await a.send([DELL, item('P2419H', 'CN0SECOND')]);
    expect((await get(m!.id)).hostname).toBe('Left screen');
    expect(await ofKind()).toHaveLength(2);
  });
});

describe('monitors and printers together', () => {
  it('a section that did not come leaves its kind attached; each section detaches only its own kind', async () => {
    const agent = await t.enrollAgent('ws-p');
    const base = makeInventory({ agentId: agent.agentId, hostname: 'ws-p', seed: 3 });
    const send = async (extra: Record<string, unknown>) => expect((await t.upload(agent.agentKey, { ...base, ...extra })).status).toBe(200);
    await send({ monitors: [KINDS[0].item('Screen', 'MON1')], printers: [KINDS[1].item('Printer', 'PRN1')] });
    const attached = () => t.db.selectFrom('devices').select(['type', 'parent_device_id']).where('source', '=', 'discovered').orderBy('type').execute();
    const [mon, prn] = await attached();
    expect([mon!.type, prn!.type]).toEqual(['monitor', 'printer']);
    expect(mon!.parent_device_id).toBe(prn!.parent_device_id);
    // A partial inventory of monitors only: the printer stays.
    await send({ sections: ['monitors'], monitors: [] });
    expect((await attached()).map((r) => [r.type, r.parent_device_id === null])).toEqual([['monitor', true], ['printer', false]]);
  });
});
