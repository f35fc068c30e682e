import { beforeEach, describe, expect, it } from 'vitest';
import { makeInventory } from '../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';
import { call, roles, type ErrorBody } from '../helpdesk/admin-helpers.js';

type Loc = { id: number; parentId: number | null; name: string; kind: string; path: string; depth: number; assetCount: number; directAssetCount: number };
type State = { code: string; label: string | null; builtin: boolean; countsInCompliance: boolean; position: number; assetCount: number };

let t: TestContext;
let h: Awaited<ReturnType<typeof roles>>;
beforeEach(async () => {
  t = await setupTestApp();
  h = await roles(t);
});

const add = (body: Record<string, unknown>) => call<Loc>(t, 'POST', '/api/v1/locations', body, h.admin, 201);
const list = async () => (await call<{ items: Loc[] }>(t, 'GET', '/api/v1/locations', undefined, h.tech, 200)).items;
const device = async (hostname: string) => {
  const agent = await t.enrollAgent(hostname);
  return ((await (await t.upload(agent.agentKey, makeInventory({ agentId: agent.agentId, hostname, packages: 2 }))).json()) as { deviceId: number }).deviceId;
};

describe('locations API', () => {
  it('builds a tree with paths and asset counts including sub-locations', async () => {
    const paris = await add({ name: 'Paris', kind: 'site' });
    const hq = await add({ name: 'HQ', kind: 'building', parentId: paris.id });
    const floor = await add({ name: 'Floor 2', kind: 'floor', parentId: hq.id });
    const room = await add({ name: 'Room 201', kind: 'room', parentId: floor.id });
    expect(room).toMatchObject({ path: 'Paris / HQ / Floor 2 / Room 201', depth: 3, kind: 'room', parentId: floor.id });
    await add({ name: 'Annex', parentId: paris.id });
    const d = await device('ws-1');
    await call(t, 'PATCH', `/api/v1/devices/${d}`, { locationId: room.id }, h.tech, 200);
    const items = await list();
    expect(items.map((l) => [l.path, l.assetCount, l.directAssetCount])).toEqual([
      ['Paris', 1, 0],
      ['Paris / Annex', 0, 0],
      ['Paris / HQ', 1, 0],
      ['Paris / HQ / Floor 2', 1, 0],
      ['Paris / HQ / Floor 2 / Room 201', 1, 1],
    ]);
    for (const who of [h.admin, h.lm]) await call(t, 'GET', '/api/v1/locations', undefined, who, 200);
    await call(t, 'GET', '/api/v1/locations', undefined, h.requester, 403);
  });

  it('renames, re-kinds and moves, refusing cycles and sibling twins', async () => {
    const paris = await add({ name: 'Paris', kind: 'site' });
    const lyon = await add({ name: 'Lyon', kind: 'site' });
    const hq = await add({ name: 'HQ', parentId: paris.id });
    const floor = await add({ name: 'Floor 1', parentId: hq.id });
    const moved = await call<Loc>(t, 'PATCH', `/api/v1/locations/${hq.id}`, { parentId: lyon.id, name: 'Tower', kind: 'building' }, h.admin, 200);
    expect(moved).toMatchObject({ path: 'Lyon / Tower', kind: 'building' });
    expect((await list()).find((l) => l.id === floor.id)!.path).toBe('Lyon / Tower / Floor 1');

    let e = await call<ErrorBody>(t, 'PATCH', `/api/v1/locations/${hq.id}`, { parentId: floor.id }, h.admin, 409);
    expect(e.error.field).toBe('parentId');
    await call(t, 'PATCH', `/api/v1/locations/${hq.id}`, { parentId: hq.id }, h.admin, 409);
    e = await call<ErrorBody>(t, 'PATCH', `/api/v1/locations/${paris.id}`, { name: 'LYON' }, h.admin, 409);
    expect(e.error.field).toBe('name');
    await call(t, 'POST', '/api/v1/locations', { name: 'lyon' }, h.admin, 409);
    // Same name under another parent is fine; renaming to its own name in another case too.
    await add({ name: 'Tower', parentId: paris.id });
    await call(t, 'PATCH', `/api/v1/locations/${lyon.id}`, { name: 'LYON' }, h.admin, 200);
  });

  it('validates bodies naming the field', async () => {
    const bad = async (body: unknown, field: string, method = 'POST', path = '/api/v1/locations') => expect((await call<ErrorBody>(t, method, path, body, h.admin, 400)).error.field).toBe(field);
    await bad({ name: '' }, 'name');
    await bad({ name: 'A / B' }, 'name');
    await bad({ name: 'A', kind: 'galaxy' }, 'kind');
    await bad({ name: 'A', parentId: 999 }, 'parentId');
    const a = await add({ name: 'A' });
    await bad({ parentId: 999 }, 'parentId', 'PATCH', `/api/v1/locations/${a.id}`);
    await call(t, 'PATCH', `/api/v1/locations/${a.id}`, {}, h.admin, 400);
    await call(t, 'PATCH', '/api/v1/locations/999', { name: 'x' }, h.admin, 404);
    expect((await list()).map((l) => l.name)).toEqual(['A']);
  });

  it('deletes only empty locations, saying why not', async () => {
    const paris = await add({ name: 'Paris' });
    const hq = await add({ name: 'HQ', parentId: paris.id });
    let e = await call<ErrorBody>(t, 'DELETE', `/api/v1/locations/${paris.id}`, undefined, h.admin, 409);
    expect(e.error.message).toContain('1 sub-location');
    const d = await device('ws-2');
    await call(t, 'PATCH', `/api/v1/devices/${d}`, { locationId: hq.id }, h.admin, 200);
    e = await call<ErrorBody>(t, 'DELETE', `/api/v1/locations/${hq.id}`, undefined, h.admin, 409);
    expect(e.error.message).toContain('1 asset');
    await call(t, 'PATCH', `/api/v1/devices/${d}`, { locationId: null }, h.admin, 200);
    await call(t, 'DELETE', `/api/v1/locations/${hq.id}`, undefined, h.admin, 204);
    await call(t, 'DELETE', `/api/v1/locations/${paris.id}`, undefined, h.admin, 204);
    await call(t, 'DELETE', `/api/v1/locations/${paris.id}`, undefined, h.admin, 404);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'target_label']).where('target_type', '=', 'location').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['location.created', 'location.created', 'deleted', 'deleted']);
  });

  it('lets only admins write', async () => {
    const a = await add({ name: 'A' });
    for (const who of [h.tech, h.lm, h.requester]) {
      await call(t, 'POST', '/api/v1/locations', { name: 'B' }, who, 403);
      await call(t, 'PATCH', `/api/v1/locations/${a.id}`, { name: 'B' }, who, 403);
      await call(t, 'DELETE', `/api/v1/locations/${a.id}`, undefined, who, 403);
    }
  });
});

describe('asset states API', () => {
  const states = async () => (await call<{ items: State[] }>(t, 'GET', '/api/v1/asset-states', undefined, h.lm, 200)).items;

  it('lists the built-ins in order with their asset counts, then added states', async () => {
    await device('ws-3');
    const items = await states();
    expect(items.map((s) => s.code)).toEqual(['in_stock', 'in_use', 'in_repair', 'lent', 'retired', 'lost']);
    // The computer and the monitor its agent reported.
    expect(items.find((s) => s.code === 'in_use')).toMatchObject({ builtin: true, label: null, assetCount: 2 });
    expect(items.find((s) => s.code === 'retired')!.countsInCompliance).toBe(false);
    const added = await call<State>(t, 'POST', '/api/v1/asset-states', { label: 'Loaned out', countsInCompliance: false }, h.admin, 201);
    expect(added).toMatchObject({ code: 'loaned_out', label: 'Loaned out', builtin: false, countsInCompliance: false, position: 70, assetCount: 0 });
    expect((await states()).at(-1)!.code).toBe('loaned_out');
    await call(t, 'GET', '/api/v1/asset-states', undefined, h.requester, 403);
  });

  it('renames and reorders added states; built-ins move only', async () => {
    const s = await call<State>(t, 'POST', '/api/v1/asset-states', { label: 'Awaiting disposal' }, h.admin, 201);
    await call(t, 'PATCH', `/api/v1/asset-states/${s.code}`, { label: 'To dispose', position: 5, countsInCompliance: false }, h.admin, 200);
    expect((await states())[0]).toMatchObject({ code: s.code, label: 'To dispose', countsInCompliance: false });
    await call(t, 'PATCH', '/api/v1/asset-states/lost', { position: 1 }, h.admin, 200);
    expect((await states())[0]!.code).toBe('lost');
    const e = await call<ErrorBody>(t, 'PATCH', '/api/v1/asset-states/retired', { countsInCompliance: true }, h.admin, 400);
    expect(e.error.field).toBe('countsInCompliance');
    expect((await call<ErrorBody>(t, 'PATCH', '/api/v1/asset-states/in_use', { label: 'x' }, h.admin, 400)).error.field).toBe('label');
    expect((await call<ErrorBody>(t, 'POST', '/api/v1/asset-states', { label: 'to DISPOSE' }, h.admin, 409)).error.field).toBe('label');
    expect((await call<ErrorBody>(t, 'POST', '/api/v1/asset-states', { label: '' }, h.admin, 400)).error.field).toBe('label');
    await call(t, 'PATCH', '/api/v1/asset-states/nope', { position: 1 }, h.admin, 404);
  });

  it('deletes an added state only while no asset is in it; never a built-in', async () => {
    const s = await call<State>(t, 'POST', '/api/v1/asset-states', { label: 'Quarantine' }, h.admin, 201);
    const d = await device('ws-4');
    await call(t, 'PATCH', `/api/v1/devices/${d}`, { state: s.code }, h.tech, 200);
    const e = await call<ErrorBody>(t, 'DELETE', `/api/v1/asset-states/${s.code}`, undefined, h.admin, 409);
    expect(e.error.message).toContain('1 asset');
    await call(t, 'DELETE', '/api/v1/asset-states/retired', undefined, h.admin, 409);
    await call(t, 'PATCH', `/api/v1/devices/${d}`, { state: 'in_use' }, h.tech, 200);
    await call(t, 'DELETE', `/api/v1/asset-states/${s.code}`, undefined, h.admin, 204);
    expect((await states()).some((x) => x.code === s.code)).toBe(false);
  });

  it('lets only admins write', async () => {
    for (const who of [h.tech, h.lm, h.requester]) {
      await call(t, 'POST', '/api/v1/asset-states', { label: 'X' }, who, 403);
      await call(t, 'PATCH', '/api/v1/asset-states/lost', { position: 3 }, who, 403);
      await call(t, 'DELETE', '/api/v1/asset-states/lost', undefined, who, 403);
    }
  });
});
