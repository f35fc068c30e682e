import { beforeEach, describe, expect, it } from 'vitest';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

/**
 * Monitors an agent reports become assets of their own, attached to the computer reporting them; they
 * follow a move between desks with history on the monitor and on both computers.
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
const monitors = () => t.db.selectFrom('devices').select(['id', 'parent_device_id', 'serial', 'source']).where('type', '=', 'monitor').orderBy('id').execute();
const codes = (d: Device) => d.changes.map((c) => c.code).filter(Boolean);

async function machine(name: string, seed: number) {
  const agent = await t.enrollAgent(name);
  const send = async (monitorsReported: { vendor?: string; model?: string; serial?: string }[]) => {
    const inv = { ...makeInventory({ agentId: agent.agentId, hostname: name, seed }), monitors: monitorsReported };
    const res = await t.upload(agent.agentKey, inv);
    expect(res.status).toBe(200);
    return ((await res.json()) as { deviceId: number }).deviceId;
  };
  return { send };
}

const DELL = { vendor: 'DEL', model: 'DELL U2720Q', serial: 'CN0F7X9D' };

describe('discovered monitors', () => {
  it('registers a reported monitor as an asset attached to its computer', async () => {
    const a = await machine('ws-a', 1);
    const pcA = await a.send([DELL]);
    const [m] = await monitors();
    expect(m).toMatchObject({ parent_device_id: pcA, serial: 'CN0F7X9D', source: 'discovered' });
    const mon = await get(m!.id);
    expect(mon).toMatchObject({ type: 'monitor', source: 'discovered', hostname: 'DELL U2720Q', manufacturer: 'DEL', parentDevice: { id: pcA, hostname: 'ws-a' } });
    expect(codes(mon)).toEqual(['peripheral-discovered']);
    const pc = await get(pcA);
    expect(pc.peripherals).toEqual([{ id: m!.id, hostname: 'DELL U2720Q', type: 'monitor' }]);
    expect(codes(pc)).toContain('peripheral-attached');
    // The monitor component stays on the computer as before.
    expect(await t.db.selectFrom('device_components').select('key').where('device_id', '=', pcA).where('kind', '=', 'monitors').execute()).toEqual([{ key: 'serial:cn0f7x9d' }]);
    // Sending the same again changes nothing.
    await a.send([DELL]);
    expect(await monitors()).toHaveLength(1);
    expect(codes(await get(m!.id))).toEqual(['peripheral-discovered']);
  });

  it('moves a monitor between computers, with history on the monitor and both computers, then detaches it', async () => {
    const a = await machine('ws-a', 1);
    const b = await machine('ws-b', 2);
    const pcA = await a.send([DELL]);
    const pcB = await b.send([DELL]);
    const [m] = await monitors();
    expect(m!.parent_device_id).toBe(pcB);
    const mon = await get(m!.id);
    expect(mon.changes.find((c) => c.code === 'moved-between')?.params).toMatchObject({ fromId: pcA, from: 'ws-a', toId: pcB, to: 'ws-b' });
    expect((await get(pcA)).changes.find((c) => c.code === 'peripheral-moved-away')?.params).toMatchObject({ peripheralId: m!.id, toId: pcB, to: 'ws-b' });
    expect((await get(pcB)).changes.find((c) => c.code === 'peripheral-attached')?.params).toMatchObject({ peripheralId: m!.id });
    expect((await get(pcA)).peripherals).toEqual([]);
    // ws-a's next inventory without it says nothing new about it (it already left).
    await a.send([]);
    expect((await monitors())[0]!.parent_device_id).toBe(pcB);
    // It disappears from ws-b: detached, with history on both.
    await b.send([]);
    expect((await monitors())[0]!.parent_device_id).toBeNull();
    expect(codes(await get(m!.id))).toContain('detached-from');
    expect(codes(await get(pcB))).toContain('peripheral-detached');
    // Plugged back in: attached again.
    await b.send([DELL]);
    expect((await monitors())[0]!.parent_device_id).toBe(pcB);
    expect(codes(await get(m!.id))).toContain('attached-to');
  });

  it('never links on a placeholder, empty or zero serial', async () => {
    const a = await machine('ws-a', 1);
    const b = await machine('ws-b', 2);
    await a.send([{ vendor: 'GSM', model: 'LG 24', serial: '0' }, { vendor: 'GSM', model: 'LG 27' }, { vendor: 'AOC', model: 'X', serial: '00000000' }, { vendor: 'SAM', model: 'Y', serial: 'Default string' }]);
    await b.send([{ vendor: 'GSM', model: 'LG 24', serial: '0' }]);
    expect(await monitors()).toEqual([]);
  });

  it('links a manual monitor with that serial instead of creating one', async () => {
    const res = await t.json('POST', '/api/v1/devices', { type: 'monitor', name: 'Spare Dell', serial: 'cn0f7x9d', assetTag: 'INV-9' }, admin);
    const manual = (await res.json()) as Device;
    const a = await machine('ws-a', 1);
    const pcA = await a.send([DELL]);
    expect(await monitors()).toEqual([{ id: manual.id, parent_device_id: pcA, serial: 'CN0F7X9D', source: 'manual' }]);
    expect(codes(await get(manual.id))).toContain('attached-to');
    // A computer carrying a monitor's serial is not that monitor, and the other way round.
    expect((await get(pcA)).type).toBe('computer');
  });

  it('lets people rename a discovered monitor, and a later inventory keeps the name', async () => {
    const a = await machine('ws-a', 1);
    await a.send([DELL]);
    const [m] = await monitors();
    expect((await t.json('PATCH', `/api/v1/devices/${m!.id}`, { name: 'Left screen' }, admin)).status).toBe(200);
    await a.send([DELL, { vendor: 'DEL', model: 'P2419H', serial: 'CN0SECOND' }]);
    expect((await get(m!.id)).hostname).toBe('Left screen');
    expect(await monitors()).toHaveLength(2);
  });
});
