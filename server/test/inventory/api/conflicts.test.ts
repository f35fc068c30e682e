import { beforeEach, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '@parc/shared';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

let t: TestContext;
let admin: Record<string, string>;
let clock: ManualClock;
const T0 = '2026-03-02T08:00:00.000Z';
beforeEach(async () => {
  clock = manualClock(T0);
  t = await setupTestApp({}, { clock });
  admin = await t.as('admin');
});

const body = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
type Conflict = { id: number; at: string; agentId: string | null; hostname: string | null; chosenDeviceId: number | null; candidateIds: number[]; rule: string; reason: string; resolvedAt: string | null; identity: Record<string, unknown> };
const conflicts = async (query = '') => {
  const res = await t.json('GET', `/api/v1/reconcile-conflicts${query}`, undefined, admin);
  expect(res.status).toBe(200);
  return body<{ items: Conflict[]; total: number }>(res);
};
/** Computers in the device list (each machine's monitor is listed as an asset of its own). */
const deviceCount = async () => (await body<{ items: { type: string }[] }>(await t.json('GET', '/api/v1/devices', undefined, admin))).items.filter((d) => d.type === 'computer').length;

/** Device A (serial PFA…, its own MAC) and device B (placeholder serial and UUID, so only its MAC identifies it). */
async function twoDevices() {
  const a = await t.enrollAgent('ws-a');
  const b = await t.enrollAgent('ws-b');
  const invA = makeInventory({ agentId: a.agentId, seed: 1, hostname: 'ws-a', serial: 'PFA00001', mac: '54:e1:ad:00:00:0a' });
  const invB = makeInventory({ agentId: b.agentId, seed: 2, hostname: 'ws-b', serial: 'To Be Filled By O.E.M.', uuid: '00000000-0000-0000-0000-000000000000', mac: '54:e1:ad:00:00:0b' });
  const ra = await body<{ deviceId: number }>(await t.upload(a.agentKey, invA));
  const rb = await body<{ deviceId: number }>(await t.upload(b.agentKey, invB));
  expect(ra.deviceId).not.toBe(rb.deviceId);
  return { a, b, invA, invB, idA: ra.deviceId, idB: rb.deviceId };
}

describe('reconcile conflicts', () => {
  it('serial says device A, MAC says device B: no merge, A chosen, the conflict listed once', async () => {
    const { a, b, idA, idB, invB } = await twoDevices();
    // Both machines' agents are gone (revoked), so their devices may be claimed on hardware evidence.
    await t.db.updateTable('agents').set({ revoked_at: new Date() }).where('id', 'in', [a.agentId, b.agentId]).execute();
    const c = await t.enrollAgent('ws-c');
    // A third agent (say, a reinstalled one) reports A's serial with B's network card.
    const invC = makeInventory({ agentId: c.agentId, seed: 3, hostname: 'ws-c', serial: 'PFA00001', mac: '54:e1:ad:00:00:0b' });
    invC.hardware!.uuid = undefined;
    const r = await body<{ deviceId: number; matchedBy: string }>(await t.upload(c.agentKey, invC));
    expect(r).toMatchObject({ deviceId: idA, matchedBy: 'serial' });
    expect(await deviceCount()).toBe(2);

    const list = await conflicts();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ agentId: c.agentId, hostname: 'ws-c', chosenDeviceId: idA, candidateIds: [idA, idB], rule: 'serial', resolvedAt: null });
    expect(list.items[0]!.reason).toMatch(/PFA00001/);
    expect(list.items[0]!.reason).toMatch(/54:e1:ad:00:00:0b/);

    // B keeps its own software and identity: nothing was merged into it or out of it.
    const detailB = await body<{ hostname: string; software: unknown[]; macs: string[] }>(await t.json('GET', `/api/v1/devices/${idB}`, undefined, admin));
    expect(detailB).toMatchObject({ hostname: 'ws-b', macs: ['54:e1:ad:00:00:0b'] });
    expect(detailB.software).toHaveLength(invB.software.length);

    // The same evidence on the next uploads is not a new conflict.
    await t.upload(c.agentKey, invC);
    const changed = structuredClone(invC);
    changed.software.pop();
    await t.upload(c.agentKey, changed);
    expect((await conflicts()).total).toBe(1);
    expect((await conflicts('?state=all')).total).toBe(1);
  });

  it('an agent id carried to another machine (cloned image) is a conflict, and the clone is a new device', async () => {
    const { a, idA, invA } = await twoDevices();
    // Same agent key and id, different hardware: the disk image was copied to another laptop.
    const clone = makeInventory({ agentId: a.agentId, seed: 9, hostname: 'ws-a', serial: 'PFZ99999', mac: '54:e1:ad:00:00:99' });
    const r = await body<{ deviceId: number; matchedBy: string }>(await t.upload(a.agentKey, clone));
    expect(r.deviceId).not.toBe(idA);
    expect(r.matchedBy).toBe('new');
    expect(await deviceCount()).toBe(3);
    const list = await conflicts();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ chosenDeviceId: r.deviceId, candidateIds: [r.deviceId, idA] });
    expect(list.items[0]!.reason).toMatch(/serial/);
    // Both machines keep reporting with the one agent key: still one open conflict, and no merge.
    await t.upload(a.agentKey, clone);
    await t.upload(a.agentKey, invA);
    await t.upload(a.agentKey, clone);
    const after = await conflicts('?state=all');
    expect(after.total).toBe(1);
    expect([...after.items[0]!.candidateIds].sort()).toEqual([idA, r.deviceId].sort());
    expect(await deviceCount()).toBe(3);
  });

  it('resolving (keep separate) closes it; the same evidence does not reopen it, evidence naming another device does', async () => {
    await twoDevices();
    const c = await t.enrollAgent('ws-c');
    const invC = makeInventory({ agentId: c.agentId, seed: 3, hostname: 'ws-c', serial: 'PFA00001', mac: '54:e1:ad:00:00:0b' });
    clock.advance(60_000);
    await t.upload(c.agentKey, invC);
    const [open] = (await conflicts()).items;
    // Dated by the upload that showed it, resolved at the time of the request: both from the app's clock.
    expect(open!.at).toBe('2026-03-02T08:01:00.000Z');
    clock.advance(3_600_000);
    const res = await t.json('POST', `/api/v1/reconcile-conflicts/${open!.id}/resolve`, undefined, admin);
    expect(res.status).toBe(204);
    expect((await conflicts()).total).toBe(0);
    const resolved = await conflicts('?state=resolved');
    expect(resolved.total).toBe(1);
    expect(resolved.items[0]!.resolvedAt).toBe('2026-03-02T09:01:00.000Z');
    await t.upload(c.agentKey, invC);
    expect((await conflicts()).total).toBe(0);
    const d = await t.enrollAgent('ws-d');
    await t.upload(d.agentKey, makeInventory({ agentId: d.agentId, seed: 4, hostname: 'ws-d', serial: 'To Be Filled By O.E.M.', uuid: '00000000-0000-0000-0000-000000000000', mac: '54:e1:ad:00:00:0d' }));
    await t.upload(c.agentKey, { ...invC, networks: [{ ...invC.networks![0]!, mac: '54:e1:ad:00:00:0d' }] });
    expect((await conflicts()).total).toBe(1);
    expect((await conflicts('?state=all')).total).toBe(2);
  });

  it('no conflict for ordinary uploads', async () => {
    const { a, invA } = await twoDevices();
    await t.upload(a.agentKey, invA);
    expect((await conflicts('?state=all')).total).toBe(0);
  });

  it('is for admins only, validates its input and 404s', async () => {
    for (const role of ['technician', 'licence-manager', 'requester'] as const) {
      const h = await t.as(role);
      expect((await t.json('GET', '/api/v1/reconcile-conflicts', undefined, h)).status, role).toBe(403);
      expect((await t.json('POST', '/api/v1/reconcile-conflicts/1/resolve', undefined, h)).status, role).toBe(403);
    }
    const bad = await t.json('GET', '/api/v1/reconcile-conflicts?state=closed', undefined, admin);
    expect(bad.status).toBe(400);
    expect(await body(bad)).toMatchObject({ error: { field: 'state' } });
    expect((await t.json('POST', '/api/v1/reconcile-conflicts/424242/resolve', undefined, admin)).status).toBe(404);
  });
});
