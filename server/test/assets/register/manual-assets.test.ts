import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

/**
 * Assets people register by hand (POST /devices), their edits (PATCH /devices/:id), and an agent's
 * inventory taking over a manual computer with its serial.
 */
type Device = {
  id: number;
  type: string;
  source: string;
  hostname: string;
  serial: string | null;
  assetTag: string | null;
  notes: string | null;
  manufacturer: string | null;
  parentDevice: { id: number; hostname: string; type: string } | null;
  peripherals: { id: number; hostname: string; type: string }[];
  changes: { code?: string | null; params?: Record<string, unknown> | null }[];
};
type ApiErr = { error: { code: string; field?: string; message: string; details?: { deviceId?: number } } };

let t: TestContext;
let admin: Record<string, string>;

beforeEach(async () => {
  t = await setupTestApp();
  admin = await t.as('admin');
});

const create = (body: Record<string, unknown>, headers = admin) => t.json('POST', '/api/v1/devices', body, headers);
const created = async (body: Record<string, unknown>) => {
  const res = await create(body);
  expect(res.status).toBe(201);
  return (await res.json()) as Device;
};
const get = async (id: number) => (await (await t.json('GET', `/api/v1/devices/${id}`, undefined, admin)).json()) as Device;

describe('POST /api/v1/devices', () => {
  it('registers a manual asset with a history line and an audit entry', async () => {
    const d = await created({ type: 'monitor', name: 'Reception screen', manufacturer: 'Dell', model: 'U2720Q', serial: ' cn0abc123 ', assetTag: 'INV-0001', notes: 'left of the desk' });
    expect(d).toMatchObject({ type: 'monitor', source: 'manual', hostname: 'Reception screen', manufacturer: 'Dell', assetTag: 'INV-0001', notes: 'left of the desk', parentDevice: null, peripherals: [] });
    expect(d.serial).toBe('CN0ABC123');
    expect(d.changes[0]).toMatchObject({ code: 'asset-registered', params: { type: 'monitor' } });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'device.created').execute();
    expect(audit).toEqual([{ action: 'device.created', target_id: String(d.id) }]);
  });

  it('sets state, location, user and the computer it is attached to', async () => {
    const loc = await sql<{ id: number }>`insert into locations (name, kind) values ('HQ', 'site') returning id`.execute(t.db);
    const user = await t.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const pc = await created({ type: 'computer', name: 'PC-001' });
    const m = await created({ type: 'monitor', name: 'Screen', state: 'in_stock', locationId: loc.rows[0]!.id, userId: user.id, parentDeviceId: pc.id });
    expect(m.parentDevice).toEqual({ id: pc.id, hostname: 'PC-001', type: 'computer' });
    const row = await t.db.selectFrom('devices').select(['state', 'location_id', 'user_id']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'in_stock', location_id: loc.rows[0]!.id, user_id: user.id });
    expect((await get(pc.id)).peripherals).toEqual([{ id: m.id, hostname: 'Screen', type: 'monitor' }]);
  });

  it.each([
    [{ type: 'toaster', name: 'x' }, 'type'],
    [{ type: 'monitor' }, 'name'],
    [{ type: 'monitor', name: '   ' }, 'name'],
    [{ type: 'monitor', name: 'x', state: 'melted' }, 'state'],
    [{ type: 'monitor', name: 'x', locationId: 999_999 }, 'locationId'],
    [{ type: 'monitor', name: 'x', userId: 999_999 }, 'userId'],
    [{ type: 'monitor', name: 'x', parentDeviceId: 999_999 }, 'parentDeviceId'],
    [{ type: 'monitor', name: 'x', colour: 'red' }, undefined],
  ])('answers 400 naming the bad field: %j', async (body, field) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    const err = (await res.json()) as ApiErr;
    if (field) expect(JSON.stringify(err)).toContain(field);
    expect(await t.db.selectFrom('devices').select('id').execute()).toEqual([]);
  });

  it('refuses a parent that is not a computer', async () => {
    const m = await created({ type: 'monitor', name: 'Screen' });
    const res = await create({ type: 'peripheral', name: 'Dock', parentDeviceId: m.id });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiErr).error.field).toBe('parentDeviceId');
  });

  it('answers 409 naming the asset that already has the serial (same type), any case', async () => {
    const first = await created({ type: 'monitor', name: 'A', serial: 'CN0DUP1' });
    const res = await create({ type: 'monitor', name: 'B', serial: 'cn0dup1' });
    expect(res.status).toBe(409);
    const err = (await res.json()) as ApiErr;
    expect(err.error).toMatchObject({ field: 'serial', details: { deviceId: first.id } });
    expect(err.error.message).toContain(String(first.id));
    // Another type may share it (a computer and its monitor from one vendor batch).
    await created({ type: 'printer', name: 'C', serial: 'CN0DUP1' });
  });

  it('never compares placeholder serials', async () => {
    await created({ type: 'monitor', name: 'A', serial: 'To Be Filled By O.E.M.' });
    const b = await created({ type: 'monitor', name: 'B', serial: 'To Be Filled By O.E.M.' });
    expect(b.serial).toBe('To Be Filled By O.E.M.');
    const row = await t.db.selectFrom('devices').select('serial').where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(row.serial).toBeNull();
  });

  it('answers 409 on an asset tag already used', async () => {
    const a = await created({ type: 'phone', name: 'A', assetTag: 'INV-7' });
    const res = await create({ type: 'monitor', name: 'B', assetTag: 'inv-7' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ApiErr).error).toMatchObject({ field: 'assetTag', details: { deviceId: a.id } });
  });

  it('lets admins and technicians register, nobody else', async () => {
    expect((await create({ type: 'other', name: 'by admin' })).status).toBe(201);
    expect((await create({ type: 'other', name: 'by tech' }, await t.as('technician'))).status).toBe(201);
    expect((await create({ type: 'other', name: 'by lm' }, await t.as('licence-manager'))).status).toBe(403);
    expect((await create({ type: 'other', name: 'by requester' }, await t.as('requester'))).status).toBe(403);
    expect((await t.json('POST', '/api/v1/devices', { type: 'other', name: 'anon' })).status).toBe(401);
  });
});

describe('PATCH /api/v1/devices/:id (identity)', () => {
  it('edits name, type, manufacturer, model and serial of a manual asset, audited', async () => {
    const d = await created({ type: 'other', name: 'Thing' });
    const res = await t.json('PATCH', `/api/v1/devices/${d.id}`, { name: 'Desk phone', type: 'phone', manufacturer: 'Yealink', model: 'T54W', serial: 'yl123' }, admin);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ hostname: 'Desk phone', type: 'phone', manufacturer: 'Yealink', model: 'T54W', serial: 'YL123' });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'device.updated').execute();
    expect(audit).toEqual([{ action: 'device.updated', target_id: String(d.id) }]);
  });

  it('answers 409 for the identity of a computer an agent reports, and leaves it alone', async () => {
    const agent = await t.enrollAgent('ws-agent');
    const { deviceId } = (await (await t.upload(agent.agentKey, makeInventory({ agentId: agent.agentId, hostname: 'ws-agent' }))).json()) as { deviceId: number };
    const res = await t.json('PATCH', `/api/v1/devices/${deviceId}`, { name: 'renamed', notes: 'n' }, admin);
    expect(res.status).toBe(409);
    expect(((await res.json()) as ApiErr).error).toMatchObject({ field: 'name' });
    expect(await get(deviceId)).toMatchObject({ hostname: 'ws-agent', notes: null });
    // People's fields still go through.
    expect((await t.json('PATCH', `/api/v1/devices/${deviceId}`, { notes: 'ok' }, admin)).status).toBe(200);
  });

  it('answers 409 when the new serial is another asset of that type', async () => {
    const a = await created({ type: 'monitor', name: 'A', serial: 'SN7781AB' });
    const b = await created({ type: 'monitor', name: 'B', serial: 'SN7782AB' });
    const res = await t.json('PATCH', `/api/v1/devices/${b.id}`, { serial: 'sn7781ab' }, admin);
    expect(res.status).toBe(409);
    expect(((await res.json()) as ApiErr).error.details).toEqual({ deviceId: a.id });
    // Its own serial again is no conflict.
    expect((await t.json('PATCH', `/api/v1/devices/${b.id}`, { serial: 'SN7782AB', assetTag: 'T-B' }, admin)).status).toBe(200);
    expect((await t.json('PATCH', `/api/v1/devices/${a.id}`, { assetTag: 't-b' }, admin)).status).toBe(409);
  });

  it('refuses the identity edit to licence managers and requesters', async () => {
    const d = await created({ type: 'other', name: 'Thing' });
    expect((await t.json('PATCH', `/api/v1/devices/${d.id}`, { name: 'x' }, await t.as('licence-manager'))).status).toBe(403);
    expect((await t.json('PATCH', `/api/v1/devices/${d.id}`, { name: 'x' }, await t.as('requester'))).status).toBe(403);
    expect((await t.json('PATCH', `/api/v1/devices/${d.id}`, { name: 'x' }, await t.as('technician'))).status).toBe(200);
  });
});

describe('an agent inventory meets a manual computer', () => {
  it('takes over the manual record with the same serial, keeping what people set', async () => {
    const manual = await created({ type: 'computer', name: 'Accounting laptop', serial: 'pf3merge1', assetTag: 'INV-42', notes: 'bought in 2024', state: 'in_stock' });
    await sql`insert into asset_finance (device_id, supplier) values (${manual.id}, 'ACME')`.execute(t.db);
    const agent = await t.enrollAgent('ws-merge');
    const res = await t.upload(agent.agentKey, makeInventory({ agentId: agent.agentId, hostname: 'ws-merge', serial: 'PF3MERGE1' }));
    const body = (await res.json()) as { deviceId: number; status: string; matchedBy: string };
    expect(body).toMatchObject({ deviceId: manual.id, status: 'updated', matchedBy: 'serial' });
    const d = await get(manual.id);
    expect(d).toMatchObject({ source: 'agent', hostname: 'ws-merge', assetTag: 'INV-42', notes: 'bought in 2024', manufacturer: 'LENOVO' });
    expect(d.changes.find((c) => c.code === 'merged-manual-record')).toMatchObject({ params: { name: 'Accounting laptop', serial: 'PF3MERGE1' } });
    const row = await t.db.selectFrom('devices').select(['state', 'agent_id']).where('id', '=', manual.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'in_stock', agent_id: agent.agentId });
    expect(await t.db.selectFrom('asset_finance').select('supplier').where('device_id', '=', manual.id).execute()).toEqual([{ supplier: 'ACME' }]);
    expect((await t.db.selectFrom('devices').select('id').where('type', '=', 'computer').execute()).length).toBe(1);
    // Now the agent's: its identity is inventory-owned.
    expect((await t.json('PATCH', `/api/v1/devices/${manual.id}`, { name: 'x' }, admin)).status).toBe(409);
  });

  it('never takes a monitor (or any non-computer) carrying the computer serial', async () => {
    const monitor = await created({ type: 'monitor', name: 'Screen', serial: 'PF3SAME' });
    const agent = await t.enrollAgent('ws-same');
    const body = (await (await t.upload(agent.agentKey, makeInventory({ agentId: agent.agentId, hostname: 'ws-same', serial: 'PF3SAME' }))).json()) as { deviceId: number; status: string };
    expect(body.status).toBe('created');
    expect(body.deviceId).not.toBe(monitor.id);
    expect(await get(monitor.id)).toMatchObject({ type: 'monitor', source: 'manual', hostname: 'Screen' });
  });

  it('does not take a manual computer on its name alone', async () => {
    const manual = await created({ type: 'computer', name: 'ws-name' });
    const agent = await t.enrollAgent('ws-name');
    const body = (await (await t.upload(agent.agentKey, makeInventory({ agentId: agent.agentId, hostname: 'ws-name' }))).json()) as { deviceId: number; status: string };
    expect(body.status).toBe('created');
    expect(await get(manual.id)).toMatchObject({ source: 'manual' });
  });
});

describe('assets nobody inventories', () => {
  it('never go stale, and stay out of the fleet home', async () => {
    const d = await created({ type: 'computer', name: 'Spare laptop' });
    await t.db.updateTable('devices').set({ last_seen_at: new Date('2020-01-01T00:00:00Z') }).where('id', '=', d.id).execute();
    expect((await get(d.id)) as unknown).toMatchObject({ stale: false });
    const list = async (stale: string) => ((await (await t.json('GET', `/api/v1/devices?stale=${stale}`, undefined, admin)).json()) as { items: { id: number }[] }).items.map((x) => x.id);
    expect(await list('true')).toEqual([]);
    expect(await list('false')).toEqual([d.id]);
    const fleet = (await (await t.json('GET', '/api/v1/home/fleet', undefined, admin)).json()) as { devices: { total: number; stale: number } };
    expect(fleet.devices).toMatchObject({ total: 0, stale: 0 });
  });
});
