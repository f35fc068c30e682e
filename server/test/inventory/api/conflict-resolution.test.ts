import { beforeEach, describe, expect, it } from 'vitest';
import { conflictSchema, mergeDevicesResponseSchema, reassignDeviceResponseSchema } from '@parc/shared/api';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

// What an admin does about a refused takeover: merge the two devices (a reinstalled machine), reassign
// the agent, or keep them separate; each audited in the same transaction.

let t: TestContext;
let admin: Record<string, string>;
beforeEach(async () => {
  t = await setupTestApp();
  admin = await t.as('admin');
});

const body = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
const conflicts = async (state = 'open') => {
  const res = await body<{ items: unknown[]; total: number }>(await t.json('GET', `/api/v1/reconcile-conflicts?state=${state}`, undefined, admin));
  return { total: res.total, items: res.items.map((i) => conflictSchema.parse(i)) };
};
const audit = async (action: string) =>
  (await t.db.selectFrom('audit_log').select(['action', 'target_type', 'target_id', 'detail', 'actor_username']).where('action', '=', action).execute()).map((r) => ({
    ...r,
    detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as Record<string, unknown>) : (r.detail as Record<string, unknown>),
  }));

/** A machine with a ticket, reinstalled: its new agent reports the same serial and UUID while the old agent was never revoked. */
async function reinstalled() {
  const old = await t.enrollAgent('ws-r');
  const inv = makeInventory({ agentId: old.agentId, seed: 5, hostname: 'ws-r', packages: 6 });
  const { deviceId: oldId } = await body<{ deviceId: number }>(await t.upload(old.agentKey, inv));
  const ticket = await body<{ id: number }>(await t.json('POST', '/api/v1/tickets', { title: 'Slow', description: 'Very slow', deviceIds: [oldId] }, admin));
  const fresh = await t.enrollAgent('ws-r');
  const { deviceId: newId } = await body<{ deviceId: number }>(await t.upload(fresh.agentKey, makeInventory({ agentId: fresh.agentId, seed: 5, hostname: 'ws-r', packages: 4 })));
  expect(newId).not.toBe(oldId);
  const [conflict] = (await conflicts()).items;
  expect(conflict).toMatchObject({ chosenDeviceId: newId, candidateIds: [newId, oldId] });
  return { old, fresh, oldId, newId, ticketId: ticket.id, conflictId: conflict!.id };
}

describe('reconcile conflict resolution', () => {
  it('lists both devices of a conflict with hostname, serial, agent and last seen', async () => {
    const { old, fresh, oldId, newId } = await reinstalled();
    const [c] = (await conflicts()).items;
    expect(c!.devices).toEqual([
      expect.objectContaining({ id: newId, hostname: 'ws-r', serial: 'PF300005', agentId: fresh.agentId, agentActive: true }),
      expect.objectContaining({ id: oldId, hostname: 'ws-r', serial: 'PF300005', agentId: old.agentId, agentActive: true }),
    ]);
    expect(c!.resolution).toBeNull();
  });

  it('merge keeps the old record with its ticket and history, binds it to the new agent, deletes the other, closes the conflict and audits', async () => {
    const { old, fresh, oldId, newId, ticketId, conflictId } = await reinstalled();
    const second = await body<{ id: number }>(await t.json('POST', '/api/v1/tickets', { title: 'New laptop?', description: 'Unknown device', deviceIds: [newId] }, admin));
    const historyBefore = (await body<{ total: number }>(await t.json('GET', `/api/v1/devices/${oldId}/changes`, undefined, admin))).total;
    const res = await t.json('POST', `/api/v1/devices/${oldId}/merge`, { absorbId: newId, conflictId }, admin);
    expect(res.status).toBe(200);
    const merged = mergeDevicesResponseSchema.parse(await res.json());
    expect(merged).toEqual({ keptId: oldId, absorbedId: newId, agentId: fresh.agentId, displacedAgentId: old.agentId, moved: { ticketLinks: 1, changes: 2, licenceAllocations: 0 } }); // its first inventory, and its monitor attached
    expect((await t.json('GET', `/api/v1/devices/${newId}`, undefined, admin)).status).toBe(404);
    const tickets = await body<{ items: { id: number }[] }>(await t.json('GET', `/api/v1/devices/${oldId}/tickets`, undefined, admin));
    expect(tickets.items.map((x) => x.id).sort()).toEqual([ticketId, second.id].sort());
    const changes = await body<{ total: number; items: { item: string; old: string | null }[] }>(await t.json('GET', `/api/v1/devices/${oldId}/changes`, undefined, admin));
    expect(changes.total).toBe(historyBefore + 3); // the absorbed device's first inventory and its monitor attached, and the merge
    expect(changes.items[0]).toMatchObject({ item: 'merged', old: `device ${newId} (ws-r)` });

    // The new agent's next upload lands on the kept device and is compared in full.
    const up = await body<{ deviceId: number; matchedBy: string; status: string; changes: { removed: number } }>(
      await t.upload(fresh.agentKey, makeInventory({ agentId: fresh.agentId, seed: 5, hostname: 'ws-r', packages: 4 })),
    );
    expect(up).toMatchObject({ deviceId: oldId, matchedBy: 'agent-id', status: 'updated', changes: { removed: 2 } });
    expect(await body(await t.json('GET', `/api/v1/devices/${oldId}`, undefined, admin))).toMatchObject({ agent: { id: fresh.agentId } });
    const agentRow = await t.db.selectFrom('agents').select(['id', 'device_id']).where('id', 'in', [old.agentId, fresh.agentId]).orderBy('id').execute();
    expect(Object.fromEntries(agentRow.map((a) => [a.id, a.device_id]))).toEqual({ [old.agentId]: null, [fresh.agentId]: oldId });

    expect((await conflicts()).total).toBe(0);
    expect((await conflicts('resolved')).items[0]).toMatchObject({ id: conflictId, resolution: 'merged' });
    const [entry] = await audit('device.merged');
    expect(entry).toMatchObject({ target_type: 'device', target_id: String(oldId), detail: { absorbedId: newId, agentId: fresh.agentId, conflictId } });
    expect(await audit('conflict.resolved')).toEqual([expect.objectContaining({ target_id: String(conflictId), detail: expect.objectContaining({ resolution: 'merged' }) })]);
  });

  it('merge refuses itself, unknown devices and a resolved conflict, changing nothing', async () => {
    const { oldId, newId, conflictId } = await reinstalled();
    const self = await t.json('POST', `/api/v1/devices/${oldId}/merge`, { absorbId: oldId }, admin);
    expect(self.status).toBe(400);
    expect(await body(self)).toMatchObject({ error: { field: 'absorbId' } });
    expect((await t.json('POST', `/api/v1/devices/${oldId}/merge`, { absorbId: 999999 }, admin)).status).toBe(404);
    const bad = await t.json('POST', `/api/v1/devices/${oldId}/merge`, { absorbId: 'x' }, admin);
    expect(bad.status).toBe(400);
    expect(await body(bad)).toMatchObject({ error: { field: 'absorbId' } });
    expect((await t.json('POST', `/api/v1/devices/${oldId}/merge`, { absorbId: newId, extra: 1 }, admin)).status).toBe(400);
    expect((await t.json('POST', `/api/v1/reconcile-conflicts/${conflictId}/resolve`, undefined, admin)).status).toBe(204);
    // The conflict is already closed: the whole merge is refused and both devices stay.
    const late = await t.json('POST', `/api/v1/devices/${oldId}/merge`, { absorbId: newId, conflictId }, admin);
    expect(late.status).toBe(409);
    expect((await t.json('GET', `/api/v1/devices/${newId}`, undefined, admin)).status).toBe(200);
    expect(await audit('device.merged')).toEqual([]);
  });

  it('reassign binds a device to an active agent, unbinding its other device; revoked or unknown agents are refused', async () => {
    const { old, fresh, oldId, newId, conflictId } = await reinstalled();
    const res = await t.json('PUT', `/api/v1/devices/${oldId}/agent`, { agentId: fresh.agentId, conflictId }, admin);
    expect(res.status).toBe(200);
    expect(reassignDeviceResponseSchema.parse(await res.json())).toEqual({ deviceId: oldId, agentId: fresh.agentId, previousAgentId: old.agentId, unboundDeviceIds: [newId] });
    // The fresh agent's uploads now update the old record.
    expect(await body(await t.upload(fresh.agentKey, makeInventory({ agentId: fresh.agentId, seed: 5, hostname: 'ws-r', packages: 4 })))).toMatchObject({ deviceId: oldId, matchedBy: 'agent-id' });
    expect((await conflicts('resolved')).items[0]).toMatchObject({ id: conflictId, resolution: 'reassigned' });
    expect((await audit('device.reassigned'))[0]).toMatchObject({ target_id: String(oldId), detail: { agentId: fresh.agentId, previousAgentId: old.agentId, unboundDeviceIds: [newId] } });

    const unknown = await t.json('PUT', `/api/v1/devices/${newId}/agent`, { agentId: 'nobody' }, admin);
    expect(unknown.status).toBe(400);
    expect(await body(unknown)).toMatchObject({ error: { field: 'agentId' } });
    await t.db.updateTable('agents').set({ revoked_at: new Date() }).where('id', '=', old.agentId).execute();
    const revoked = await t.json('PUT', `/api/v1/devices/${newId}/agent`, { agentId: old.agentId }, admin);
    expect(revoked.status).toBe(409);
    expect((await t.json('PUT', `/api/v1/devices/424242/agent`, { agentId: null }, admin)).status).toBe(404);
    // Unbinding.
    expect(await body(await t.json('PUT', `/api/v1/devices/${newId}/agent`, { agentId: null }, admin))).toMatchObject({ deviceId: newId, agentId: null, previousAgentId: null });
  });

  it('keep separate: dismissed once, audited, and the same evidence does not reopen it', async () => {
    const { old, fresh, conflictId } = await reinstalled();
    expect((await t.json('POST', `/api/v1/reconcile-conflicts/${conflictId}/resolve`, undefined, admin)).status).toBe(204);
    expect((await t.json('POST', `/api/v1/reconcile-conflicts/${conflictId}/resolve`, undefined, admin)).status).toBe(409);
    expect(await audit('conflict.resolved')).toEqual([expect.objectContaining({ target_id: String(conflictId), actor_username: expect.any(String), detail: expect.objectContaining({ resolution: 'dismissed' }) })]);
    // Both agents keep reporting the same serial and UUID (say, a dual-boot machine): no new conflict.
    await t.upload(fresh.agentKey, makeInventory({ agentId: fresh.agentId, seed: 5, hostname: 'ws-r', packages: 4 }));
    await t.upload(old.agentKey, makeInventory({ agentId: old.agentId, seed: 5, hostname: 'ws-r', packages: 6 }));
    expect((await conflicts()).total).toBe(0);
    expect((await conflicts('resolved')).items[0]).toMatchObject({ resolution: 'dismissed' });
  });

  it('is for admins only', async () => {
    for (const role of ['technician', 'licence-manager', 'requester'] as const) {
      const h = await t.as(role);
      expect((await t.json('POST', '/api/v1/devices/1/merge', { absorbId: 2 }, h)).status, role).toBe(403);
      expect((await t.json('PUT', '/api/v1/devices/1/agent', { agentId: null }, h)).status, role).toBe(403);
    }
  });
});
