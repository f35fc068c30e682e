import { beforeEach, describe, expect, it } from 'vitest';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';
import { basic, enrollmentToken, post } from '../legacy/legacy-helpers.js';

// Issue 10, attack 2: an enrollment token's holder tried to take over another machine's record. The
// victim's record must stay whole (software, serial, agent binding, history, tickets), the upload must
// become a device of its own, and one reconcile conflict must tell an admin.

let t: TestContext;
let admin: Record<string, string>;
beforeEach(async () => {
  t = await setupTestApp({ PARC_LEGACY_INVENTORY: '1' });
  admin = await t.as('admin');
});

const body = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
interface Detail { hostname: string; serial: string | null; uuid: string | null; software: unknown[]; changes: unknown[]; agent: { id: string } | null }
interface Conflict { agentId: string | null; chosenDeviceId: number | null; candidateIds: number[]; rule: string; reason: string }
const detail = async (id: number) => body<Detail>(await t.json('GET', `/api/v1/devices/${id}`, undefined, admin));
const openConflicts = async () => body<{ items: Conflict[]; total: number }>(await t.json('GET', '/api/v1/reconcile-conflicts?state=all', undefined, admin));

/** The victim: an enrolled machine with software, a change in its history and a ticket. */
async function victim() {
  const a = await t.enrollAgent('ws-victim');
  const inv = makeInventory({ agentId: a.agentId, seed: 7, hostname: 'ws-victim.corp.example', serial: 'PFV00007', uuid: '4c1f3a1e-8d2b-11ec-b909-000000000707', packages: 12 });
  const { deviceId } = await body<{ deviceId: number }>(await t.upload(a.agentKey, inv));
  const upgraded = structuredClone(inv);
  upgraded.software[0]!.version = '99.0';
  await t.upload(a.agentKey, upgraded);
  const ticket = await t.json('POST', '/api/v1/tickets', { title: 'Screen flickers', description: 'Since Monday', deviceIds: [deviceId] }, admin);
  expect(ticket.status).toBe(201);
  const before = await detail(deviceId);
  expect(before.software).toHaveLength(12);
  expect(before.changes.length).toBeGreaterThan(1);
  return { a, inv: upgraded, deviceId, before };
}

/** The victim's record is exactly as it was, and its ticket still points at it. */
async function expectIntact(deviceId: number, before: Detail, agentId: string) {
  const after = await detail(deviceId);
  expect(after).toMatchObject({ hostname: before.hostname, serial: before.serial, uuid: before.uuid, agent: { id: agentId } });
  expect(after.software).toEqual(before.software);
  expect(after.changes).toEqual(before.changes);
  const tickets = await body<{ items: { title: string }[] }>(await t.json('GET', `/api/v1/devices/${deviceId}/tickets`, undefined, admin));
  expect(tickets.items.map((x) => x.title)).toEqual(['Screen flickers']);
}

/** One conflict naming the intruder's device and the victim's, whatever the later uploads. */
async function expectOneConflict(intruderDeviceId: number, victimId: number, evidence: RegExp) {
  const list = await openConflicts();
  expect(list.total).toBe(1);
  expect(list.items[0]).toMatchObject({ chosenDeviceId: intruderDeviceId, candidateIds: [intruderDeviceId, victimId], rule: 'new' });
  expect(list.items[0]!.reason).toMatch(evidence);
  expect(list.items[0]!.reason).toContain(`device ${victimId}, which is bound to active agent`);
}

describe('matching trust: no takeover of a device bound to an active agent', () => {
  it('another agent uploading only a known hostname gets its own device', async () => {
    const { a, inv, deviceId, before } = await victim();
    const b = await t.enrollAgent('ws-victim');
    // No hardware ids, no network: the hostname is all it offers.
    const claim = { ...makeInventory({ agentId: b.agentId, seed: 66, hostname: 'WS-VICTIM', packages: 1 }), hardware: undefined, networks: undefined };
    const r = await body<{ deviceId: number; matchedBy: string; status: string }>(await t.upload(b.agentKey, claim));
    expect(r).toMatchObject({ matchedBy: 'new', status: 'created' });
    expect(r.deviceId).not.toBe(deviceId);
    await expectIntact(deviceId, before, a.agentId);
    await expectOneConflict(r.deviceId, deviceId, /hostname ws-victim/);

    // Both keep reporting: each finds its own device, the conflict is not repeated.
    expect(await body(await t.upload(b.agentKey, claim))).toMatchObject({ deviceId: r.deviceId, matchedBy: 'agent-id' });
    expect(await body(await t.upload(a.agentKey, inv))).toMatchObject({ deviceId, matchedBy: 'agent-id', status: 'unchanged' });
    await expectOneConflict(r.deviceId, deviceId, /hostname ws-victim/);
  });

  it("another agent claiming the machine's serial and UUID gets its own device", async () => {
    const { a, inv, deviceId, before } = await victim();
    const b = await t.enrollAgent('laptop-b');
    const claim = makeInventory({ agentId: b.agentId, seed: 67, hostname: 'laptop-b', serial: 'PFV00007', uuid: '4c1f3a1e-8d2b-11ec-b909-000000000707', packages: 0 });
    const r = await body<{ deviceId: number; matchedBy: string }>(await t.upload(b.agentKey, claim));
    expect(r.matchedBy).toBe('new');
    expect(r.deviceId).not.toBe(deviceId);
    await expectIntact(deviceId, before, a.agentId);
    await expectOneConflict(r.deviceId, deviceId, /serial PFV00007 and UUID 4c1f3a1e-8d2b-11ec-b909-000000000707/);

    // The victim's next upload sees the intruder's device carry its serial: still the same one conflict.
    expect(await body(await t.upload(a.agentKey, inv))).toMatchObject({ deviceId, matchedBy: 'agent-id' });
    expect(await body(await t.upload(b.agentKey, claim))).toMatchObject({ deviceId: r.deviceId, matchedBy: 'agent-id' });
    await expectOneConflict(r.deviceId, deviceId, /serial PFV00007/);
  });

  it('a legacy (GLPI Agent) upload carrying a known hostname gets its own device', async () => {
    const { a, deviceId, before } = await victim();
    const glpi = {
      action: 'inventory',
      deviceid: 'ws-victim-2026-11-01-10-00-00',
      itemtype: 'Computer',
      content: { hardware: { name: 'ws-victim' }, operatingsystem: { name: 'Windows', full_name: 'Microsoft Windows 11 Pro' }, softwares: [{ name: 'Evil', version: '1' }] },
    };
    const auth = basic(await enrollmentToken(t));
    const res = await post(t, '/', JSON.stringify(glpi), { contentType: 'application/json', headers: auth });
    expect(res.status).toBe(200);
    await expectIntact(deviceId, before, a.agentId);
    const devices = await body<{ items: { id: number; type: string }[] }>(await t.json('GET', '/api/v1/devices', undefined, admin));
    // The victim's monitor is listed too, as an asset of its own.
    const intruder = devices.items.filter((d) => d.type === 'computer').map((d) => d.id).find((id) => id !== deviceId)!;
    expect((await detail(intruder)).agent).toBeNull(); // a legacy identity is no enrolled agent
    await expectOneConflict(intruder, deviceId, /hostname ws-victim/);
    expect((await post(t, '/', JSON.stringify(glpi), { contentType: 'application/json', headers: auth })).status).toBe(200);
    await expectOneConflict(intruder, deviceId, /hostname ws-victim/);
  });

  it('once the bound agent is revoked, its device may be claimed on serial and UUID as before', async () => {
    const { a, deviceId } = await victim();
    await t.db.updateTable('agents').set({ revoked_at: new Date() }).where('id', '=', a.agentId).execute();
    const b = await t.enrollAgent('ws-victim');
    const claim = makeInventory({ agentId: b.agentId, seed: 7, hostname: 'ws-victim.corp.example', serial: 'PFV00007', uuid: '4c1f3a1e-8d2b-11ec-b909-000000000707', packages: 12 });
    expect(await body(await t.upload(b.agentKey, claim))).toMatchObject({ deviceId, matchedBy: 'serial+uuid' });
    expect((await detail(deviceId)).agent?.id).toBe(b.agentId);
    expect((await openConflicts()).total).toBe(0);
  });
});
