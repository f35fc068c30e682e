import { beforeEach, describe, expect, it } from 'vitest';
import { categoryAncestors } from '../../../src/helpdesk/categories/categories.repository.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';
import { call, roles, userId, type ErrorBody } from '../admin-helpers.js';

let t: TestContext;
let h: Awaited<ReturnType<typeof roles>>;
beforeEach(async () => {
  t = await setupTestApp();
  h = await roles(t);
});

type Category = { id: number; name: string; parentId: number | null; path: string; depth: number; children?: Category[] };
const create = (name: string, parentId?: number | null) => call<Category>(t, 'POST', '/api/v1/ticket-categories', { name, ...(parentId !== undefined ? { parentId } : {}) }, h.admin, 201);

/** Hardware > Laptop > Battery, Hardware > Desktop, Software */
async function sampleTree() {
  const hardware = await create('Hardware');
  const laptop = await create('Laptop', hardware.id);
  const battery = await create('Battery', laptop.id);
  const desktop = await create('Desktop', hardware.id);
  const software = await create('Software', null);
  return { hardware, laptop, battery, desktop, software };
}

describe('ticket categories', () => {
  it('lists a flat tree with paths, and nested with ?tree=1, to any logged-in user', async () => {
    const c = await sampleTree();
    expect(c.battery).toMatchObject({ name: 'Battery', parentId: c.laptop.id, path: 'Hardware > Laptop > Battery', depth: 2 });
    const flat = await call<{ items: Category[] }>(t, 'GET', '/api/v1/ticket-categories', undefined, h.requester, 200);
    expect(flat.items.map((x) => x.path)).toEqual(['Hardware', 'Hardware > Desktop', 'Hardware > Laptop', 'Hardware > Laptop > Battery', 'Software']);
    const nested = await call<{ items: Category[] }>(t, 'GET', '/api/v1/ticket-categories?tree=1', undefined, h.tech, 200);
    expect(nested.items.map((x) => x.name)).toEqual(['Hardware', 'Software']);
    expect(nested.items[0]!.children!.map((x) => x.name)).toEqual(['Desktop', 'Laptop']);
    expect(nested.items[0]!.children![1]!.children).toMatchObject([{ id: c.battery.id, path: 'Hardware > Laptop > Battery' }]);
    await call(t, 'GET', '/api/v1/ticket-categories?tree=yes', undefined, h.tech, 400);
    await call(t, 'GET', '/api/v1/ticket-categories', undefined, {}, 401);
    expect(await call<Category>(t, 'GET', `/api/v1/ticket-categories/${c.laptop.id}`, undefined, h.requester, 200)).toMatchObject({ path: 'Hardware > Laptop' });
  });

  it('gives ancestors nearest first through the recursive query', async () => {
    const c = await sampleTree();
    expect(await categoryAncestors(t.db, c.battery.id)).toEqual([c.battery.id, c.laptop.id, c.hardware.id]);
    expect(await categoryAncestors(t.db, c.software.id)).toEqual([c.software.id]);
    expect(await categoryAncestors(t.db, 9999)).toEqual([]);
  });

  it('validates names and parents, naming the field', async () => {
    const c = await sampleTree();
    let e = await call<ErrorBody>(t, 'POST', '/api/v1/ticket-categories', { name: '  ' }, h.admin, 400);
    expect(e.error.field).toBe('name');
    e = await call<ErrorBody>(t, 'POST', '/api/v1/ticket-categories', { name: 'A > B' }, h.admin, 400);
    expect(e.error.field).toBe('name');
    e = await call<ErrorBody>(t, 'POST', '/api/v1/ticket-categories', { name: 'Orphan', parentId: 9999 }, h.admin, 400);
    expect(e.error).toMatchObject({ field: 'parentId' });
    expect(e.error.message).toContain('9999');
    e = await call<ErrorBody>(t, 'POST', '/api/v1/ticket-categories', { name: 'X', parentId: 'one' }, h.admin, 400);
    expect(e.error.field).toBe('parentId');
    e = await call<ErrorBody>(t, 'PATCH', `/api/v1/ticket-categories/${c.laptop.id}`, { parentId: 9999 }, h.admin, 400);
    expect(e.error.field).toBe('parentId');
    await call(t, 'PATCH', `/api/v1/ticket-categories/${c.laptop.id}`, {}, h.admin, 400);
    expect(await t.db.selectFrom('ticket_categories').select('id').execute()).toHaveLength(5);
  });

  it('refuses duplicate sibling names (409) but allows the same name elsewhere in the tree', async () => {
    const c = await sampleTree();
    const e = await call<ErrorBody>(t, 'POST', '/api/v1/ticket-categories', { name: 'laptop', parentId: c.hardware.id }, h.admin, 409);
    expect(e.error).toMatchObject({ code: 'conflict', field: 'name' });
    await call(t, 'POST', '/api/v1/ticket-categories', { name: 'HARDWARE' }, h.admin, 409);
    await create('Laptop', c.software.id);
    await call(t, 'PATCH', `/api/v1/ticket-categories/${c.desktop.id}`, { name: 'Laptop' }, h.admin, 409);
    // Moving into a level where the name is taken is a conflict too.
    const other = await create('Battery', c.hardware.id);
    await call(t, 'PATCH', `/api/v1/ticket-categories/${other.id}`, { parentId: c.laptop.id }, h.admin, 409);
  });

  it('renames and moves, updating descendant paths', async () => {
    const c = await sampleTree();
    await call(t, 'PATCH', `/api/v1/ticket-categories/${c.hardware.id}`, { name: 'Devices' }, h.admin, 200);
    const moved = await call<Category>(t, 'PATCH', `/api/v1/ticket-categories/${c.laptop.id}`, { parentId: c.software.id }, h.admin, 200);
    expect(moved).toMatchObject({ parentId: c.software.id, path: 'Software > Laptop', depth: 1 });
    expect((await call<Category>(t, 'GET', `/api/v1/ticket-categories/${c.battery.id}`, undefined, h.admin, 200)).path).toBe('Software > Laptop > Battery');
    const top = await call<Category>(t, 'PATCH', `/api/v1/ticket-categories/${c.laptop.id}`, { parentId: null, name: 'Laptops' }, h.admin, 200);
    expect(top).toMatchObject({ parentId: null, path: 'Laptops', depth: 0 });
    expect(await categoryAncestors(t.db, c.battery.id)).toEqual([c.battery.id, c.laptop.id]);
  });

  it('refuses moves that would make a cycle, naming parentId, and changes nothing', async () => {
    const c = await sampleTree();
    let e = await call<ErrorBody>(t, 'PATCH', `/api/v1/ticket-categories/${c.hardware.id}`, { parentId: c.battery.id }, h.admin, 400);
    expect(e.error.field).toBe('parentId');
    expect(e.error.message).toContain('cycle');
    e = await call<ErrorBody>(t, 'PATCH', `/api/v1/ticket-categories/${c.laptop.id}`, { parentId: c.laptop.id }, h.admin, 400);
    expect(e.error.field).toBe('parentId');
    e = await call<ErrorBody>(t, 'PATCH', `/api/v1/ticket-categories/${c.hardware.id}`, { parentId: c.laptop.id, name: 'Renamed' }, h.admin, 400);
    expect(e.error.field).toBe('parentId');
    const flat = await call<{ items: Category[] }>(t, 'GET', '/api/v1/ticket-categories', undefined, h.admin, 200);
    expect(flat.items.map((x) => x.path)).toEqual(['Hardware', 'Hardware > Desktop', 'Hardware > Laptop', 'Hardware > Laptop > Battery', 'Software']);
  });

  it('deletes a leaf, refusing with 409 while it has children, tickets, SLA policies or rules', async () => {
    const c = await sampleTree();
    let e = await call<ErrorBody>(t, 'DELETE', `/api/v1/ticket-categories/${c.laptop.id}`, undefined, h.admin, 409);
    expect(e.error.message).toContain('subcategor');
    const requester = await userId(t, 'requester');
    const now = new Date();
    const ticket = await t.db
      .insertInto('tickets')
      .values({ title: 't', description: 'd', type: 'incident', status: 'new', urgency: 3, impact: 3, priority: 3, category_id: c.battery.id, requester_id: requester, created_by: requester, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    e = await call<ErrorBody>(t, 'DELETE', `/api/v1/ticket-categories/${c.battery.id}`, undefined, h.admin, 409);
    expect(e.error.message).toContain('ticket');
    await t.db.deleteFrom('tickets').where('id', '=', ticket.id).execute();

    const group = await t.db.insertInto('groups').values({ name: 'g' }).returning('id').executeTakeFirstOrThrow();
    const rule = await t.db.insertInto('assignment_rules').values({ name: 'r', position: 1, category_id: c.battery.id, group_id: group.id }).returning('id').executeTakeFirstOrThrow();
    e = await call<ErrorBody>(t, 'DELETE', `/api/v1/ticket-categories/${c.battery.id}`, undefined, h.admin, 409);
    expect(e.error.message).toContain('assignment rule');
    await t.db.deleteFrom('assignment_rules').where('id', '=', rule.id).execute();

    await call(t, 'DELETE', `/api/v1/ticket-categories/${c.battery.id}`, undefined, h.admin, 204);
    await call(t, 'DELETE', `/api/v1/ticket-categories/${c.laptop.id}`, undefined, h.admin, 204);
    await call(t, 'DELETE', `/api/v1/ticket-categories/${c.laptop.id}`, undefined, h.admin, 404);
    expect((await call<{ items: Category[] }>(t, 'GET', '/api/v1/ticket-categories', undefined, h.admin, 200)).items).toHaveLength(3);
  });

  it('answers 404 for unknown ids and 403 to non-admin writers', async () => {
    const c = await sampleTree();
    await call(t, 'GET', '/api/v1/ticket-categories/9999', undefined, h.admin, 404);
    await call(t, 'PATCH', '/api/v1/ticket-categories/9999', { name: 'x' }, h.admin, 404);
    await call(t, 'DELETE', '/api/v1/ticket-categories/9999', undefined, h.admin, 404);
    for (const who of [h.tech, h.lm, h.requester]) {
      await call(t, 'POST', '/api/v1/ticket-categories', { name: 'Other' }, who, 403);
      await call(t, 'PATCH', `/api/v1/ticket-categories/${c.laptop.id}`, { name: 'Other' }, who, 403);
      await call(t, 'DELETE', `/api/v1/ticket-categories/${c.battery.id}`, undefined, who, 403);
    }
  });
});
