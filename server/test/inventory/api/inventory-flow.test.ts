import { beforeEach, describe, expect, it } from 'vitest';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

let t: TestContext;
beforeEach(async () => {
  t = await setupTestApp();
});

async function body<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

describe('inventory pipeline through the API', () => {
  it('enroll, upload, re-upload unchanged, then one removal and one upgrade', async () => {
    const admin = await t.as('admin');
    const { agentKey, agentId } = await t.enrollAgent('ws-001');
    const inv = makeInventory({ agentId, packages: 40 });

    const first = await t.upload(agentKey, inv, { gzip: true });
    expect(first.status).toBe(200);
    const r1 = await body<{ deviceId: number; status: string; changes: { added: number }; warnings: unknown[] }>(first);
    expect(r1).toMatchObject({ status: 'created', warnings: [] });
    expect(r1.changes.added).toBeGreaterThanOrEqual(40);

    // The computer, and its monitor as an asset of its own.
    const list1 = await body<{ total: number; items: { type: string }[] }>(await t.json('GET', '/api/v1/devices', undefined, admin));
    expect(list1.items.map((d) => d.type).sort()).toEqual(['computer', 'monitor']);
    const history1 = await body<{ total: number }>(await t.json('GET', `/api/v1/devices/${r1.deviceId}/changes`, undefined, admin));

    // Same upload again: nothing new, no history.
    const second = await body<{ deviceId: number; status: string }>(await t.upload(agentKey, inv));
    expect(second).toMatchObject({ deviceId: r1.deviceId, status: 'unchanged' });
    const history2 = await body<{ total: number }>(await t.json('GET', `/api/v1/devices/${r1.deviceId}/changes`, undefined, admin));
    expect(history2.total).toBe(history1.total);
    expect((await body<{ total: number }>(await t.json('GET', '/api/v1/devices', undefined, admin))).total).toBe(2); // the computer and its monitor

    // Free space moving is not a change either.
    const drift = structuredClone(inv);
    drift.volumes![0]!.freeBytes = 123;
    expect(await body(await t.upload(agentKey, drift))).toMatchObject({ status: 'unchanged' });

    // One package removed, one upgraded.
    const next = structuredClone(inv);
    const removed = next.software.splice(3, 1)[0]!;
    const upgraded = next.software[7]!;
    const oldVersion = upgraded.version;
    upgraded.version = '9.9.9-1';
    const third = await body<{ status: string; changes: Record<string, number> }>(await t.upload(agentKey, next));
    expect(third).toMatchObject({ status: 'updated', changes: { added: 0, removed: 1, changed: 1 } });

    const history3 = await body<{ items: { section: string; kind: string; item: string; old: string | null; new: string | null }[]; total: number }>(
      await t.json('GET', `/api/v1/devices/${r1.deviceId}/changes`, undefined, admin),
    );
    expect(history3.total).toBe(history1.total + 2);
    const latest = history3.items.slice(0, 2).map(({ section, kind, item, old, new: n }) => ({ section, kind, item, old, new: n }));
    expect(latest).toEqual(
      expect.arrayContaining([
        { section: 'software', kind: 'removed', item: `${removed.name} (${removed.arch})`, old: removed.version, new: null },
        { section: 'software', kind: 'changed', item: `${upgraded.name} (${upgraded.arch})`, old: oldVersion, new: '9.9.9-1' },
      ]),
    );

    const detail = await body<{ software: { name: string; version: string }[]; match: { rule: string }; hardware: Record<string, string | number> }>(
      await t.json('GET', `/api/v1/devices/${r1.deviceId}`, undefined, admin),
    );
    expect(detail.software).toHaveLength(39);
    expect(detail.software.find((s) => s.name === upgraded.name)?.version).toBe('9.9.9-1');
    expect(detail.match.rule).toBe('agent-id');
    expect(detail.hardware.serial).toBe(inv.hardware!.serial);
    expect(detail.hardware.memoryBytes).toBe(16 * 2 ** 30);
  });

  it('two machines sharing a placeholder serial become two devices', async () => {
    const admin = await t.as('admin');
    const a = await t.enrollAgent('ws-a');
    const b = await t.enrollAgent('ws-b');
    const junk = 'To Be Filled By O.E.M.';
    const ra = await body<{ deviceId: number }>(await t.upload(a.agentKey, makeInventory({ agentId: a.agentId, serial: junk, uuid: '03000200-0400-0500-0006-000700080009', seed: 1 })));
    const rb = await body<{ deviceId: number }>(await t.upload(b.agentKey, makeInventory({ agentId: b.agentId, serial: junk, uuid: '03000200-0400-0500-0006-000700080009', seed: 2 })));
    expect(ra.deviceId).not.toBe(rb.deviceId);
    const list = await body<{ total: number; items: { serial: string | null; type: string }[] }>(await t.json('GET', '/api/v1/devices', undefined, admin));
    expect(list.items.filter((d) => d.type === 'computer')).toHaveLength(2);
  });

  it('a reinstalled agent (new agent id) finds its machine by serial and keeps the history once the old agent is revoked', async () => {
    const first = await t.enrollAgent('ws-r');
    const r1 = await body<{ deviceId: number }>(await t.upload(first.agentKey, makeInventory({ agentId: first.agentId, seed: 5 })));
    // While the old agent is active only it may update the device (README, Matching and trust).
    await t.db.updateTable('agents').set({ revoked_at: new Date() }).where('id', '=', first.agentId).execute();
    const second = await t.enrollAgent('ws-r');
    const r2 = await body<{ deviceId: number; matchedBy: string }>(await t.upload(second.agentKey, makeInventory({ agentId: second.agentId, seed: 5 })));
    expect(r2.deviceId).toBe(r1.deviceId);
    expect(r2.matchedBy).toBe('serial+uuid');
  });

  it('a partial inventory changes only its sections; a failed section keeps what was stored', async () => {
    const admin = await t.as('admin');
    const { agentKey, agentId } = await t.enrollAgent();
    const inv = makeInventory({ agentId, packages: 10 });
    const { deviceId } = await body<{ deviceId: number }>(await t.upload(agentKey, inv));

    // Partial: only software, with one package fewer. CPUs, disks etc. are absent but must stay.
    const partial = { ...inv, sections: ['software'], software: inv.software.slice(1), cpus: undefined, storage: undefined };
    expect(await body(await t.upload(agentKey, partial))).toMatchObject({ changes: { removed: 1, added: 0, changed: 0 } });

    // Full inventory whose software collector failed: software must not be emptied.
    const failed = { ...inv, software: undefined, failedSections: [{ section: 'software', error: 'timeout' }] };
    const r = await body<{ changes: Record<string, number> }>(await t.upload(agentKey, failed));
    expect(r.changes).toEqual({ added: 0, removed: 0, changed: 0 });

    const detail = await body<{ software: unknown[]; components: Record<string, unknown[]> }>(await t.json('GET', `/api/v1/devices/${deviceId}`, undefined, admin));
    expect(detail.software).toHaveLength(9);
    expect(detail.components.cpus).toHaveLength(1);
    expect(detail.components.storage).toHaveLength(1);

    // A check-in (no sections) only touches last-seen.
    expect(await body(await t.upload(agentKey, { ...inv, sections: [], software: undefined }))).toMatchObject({ status: 'unchanged' });
  });

  it('asks for a full inventory when a partial one describes a device it does not know', async () => {
    const { agentKey, agentId } = await t.enrollAgent();
    const inv = makeInventory({ agentId });
    const checkIn = await body(await t.upload(agentKey, { ...inv, sections: [], software: undefined }));
    expect(checkIn).toMatchObject({ status: 'created', requestFull: true });
    const full = await body(await t.upload(agentKey, inv));
    expect(full).toMatchObject({ status: 'updated' });
    expect(full).not.toHaveProperty('requestFull');
  });

  it('a reinstalled package (same version, new install date) updates its date without history', async () => {
    const admin = await t.as('admin');
    const { agentKey, agentId } = await t.enrollAgent();
    const inv = makeInventory({ agentId, packages: 3 });
    const { deviceId } = await body<{ deviceId: number }>(await t.upload(agentKey, inv));
    const next = structuredClone(inv);
    next.software[1]!.installDate = '2026-11-20';
    expect(await body(await t.upload(agentKey, next))).toMatchObject({ status: 'updated', changes: { added: 0, removed: 0, changed: 0 } });
    const detail = await body<{ software: { name: string; installDate: string | null }[]; changes: unknown[] }>(
      await t.json('GET', `/api/v1/devices/${deviceId}`, undefined, admin),
    );
    expect(detail.software.find((s) => s.name === next.software[1]!.name)?.installDate).toBe('2026-11-20T00:00:00.000Z');
    // The first inventory, and the line saying its monitor was attached: no line about the package.
    expect(detail.changes).toHaveLength(2);
  });

  it('hardware changes are recorded field by field', async () => {
    const admin = await t.as('admin');
    const { agentKey, agentId } = await t.enrollAgent();
    const inv = makeInventory({ agentId });
    const { deviceId } = await body<{ deviceId: number }>(await t.upload(agentKey, inv));
    const next = structuredClone(inv);
    next.memoryModules!.push({ slot: 'ChannelA-DIMM1', sizeBytes: 16 * 2 ** 30, type: 'DDR4' });
    next.os!.version = '13';
    next.networks![0]!.ipv4 = ['10.9.9.9'];
    const r = await body<{ changes: Record<string, number> }>(await t.upload(agentKey, next));
    expect(r.changes).toEqual({ added: 1, removed: 0, changed: 2 });
    const { items } = await body<{ items: { section: string; kind: string; item: string; old: string | null; new: string | null }[] }>(
      await t.json('GET', `/api/v1/devices/${deviceId}/changes?limit=3`, undefined, admin),
    );
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ section: 'os', kind: 'changed', item: 'os_version', old: '12', new: '13' }),
        expect.objectContaining({ section: 'memoryModules', kind: 'added' }),
        expect.objectContaining({ section: 'networks', kind: 'changed', old: expect.stringContaining('ipv4=10.1.0.1'), new: 'ipv4=10.9.9.9' }),
      ]),
    );
  });

  it('reports invalid optional values as warnings and rejects a missing required field', async () => {
    const { agentKey, agentId } = await t.enrollAgent();
    const inv = makeInventory({ agentId }) as Record<string, unknown>;
    const bad = { ...inv, hardware: { ...(inv.hardware as object), biosDate: 'whenever' } };
    const ok = await t.upload(agentKey, bad);
    expect(ok.status).toBe(200);
    expect((await body<{ warnings: { path: string }[] }>(ok)).warnings).toEqual([expect.objectContaining({ path: 'hardware.biosDate' })]);

    const { hostname: _h, ...noHost } = inv;
    const rejected = await t.upload(agentKey, noHost);
    expect(rejected.status).toBe(400);
    expect(await body(rejected)).toMatchObject({ error: { code: 'validation_failed', field: 'hostname' } });
  });

  it('refuses unknown, missing and revoked keys with a re-enroll answer', async () => {
    const inv = makeInventory();
    for (const key of ['nonsense', '']) {
      const res = await t.upload(key, inv);
      expect(res.status).toBe(401);
      expect(await body(res)).toMatchObject({ error: { code: 'reenroll_required' } });
    }
    const { agentKey, agentId } = await t.enrollAgent();
    await t.db.updateTable('agents').set({ revoked_at: new Date() }).where('id', '=', agentId).execute();
    const res = await t.upload(agentKey, inv);
    expect(res.status).toBe(401);
    expect((await body<{ error: { message: string } }>(res)).error.message).toMatch(/revoked/);
  });

  it('rejects broken bodies with 4xx and stores nothing', async () => {
    const admin = await t.as('admin');
    const { agentKey } = await t.enrollAgent();
    const post = (b: string, headers: Record<string, string> = {}) =>
      t.app.request('/api/v1/agent/inventory', { method: 'POST', headers: { authorization: `Bearer ${agentKey}`, ...headers }, body: b });
    expect((await post('{not json')).status).toBe(400);
    expect((await post('garbage', { 'content-encoding': 'gzip' })).status).toBe(400);
    expect((await post('x', { 'content-encoding': 'compress' })).status).toBe(415);
    expect((await post('[]')).status).toBe(400);
    expect((await body<{ total: number }>(await t.json('GET', '/api/v1/devices', undefined, admin))).total).toBe(0);
  });
});
