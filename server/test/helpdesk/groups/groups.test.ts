import { beforeEach, describe, expect, it } from 'vitest';
import { groupIdsOfUser, groupMembers } from '../../../src/helpdesk/groups/groups.repository.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';
import { call, roles, userId, type ErrorBody } from '../admin-helpers.js';

let t: TestContext;
let h: Awaited<ReturnType<typeof roles>>;
beforeEach(async () => {
  t = await setupTestApp();
  h = await roles(t);
});

type Group = { id: number; name: string; email: string | null; memberCount: number; members?: { id: number; username: string }[] };

describe('groups CRUD', () => {
  it('creates, reads, lists, renames and deletes', async () => {
    const g = await call<Group>(t, 'POST', '/api/v1/groups', { name: ' Network ', email: 'net@example.org' }, h.admin, 201);
    expect(g).toMatchObject({ name: 'Network', email: 'net@example.org', memberCount: 0, members: [] });
    await call(t, 'POST', '/api/v1/groups', { name: 'Desktop' }, h.admin, 201);
    const list = await call<{ items: Group[] }>(t, 'GET', '/api/v1/groups', undefined, h.tech, 200);
    expect(list.items.map((x) => x.name)).toEqual(['Desktop', 'Network']);
    const renamed = await call<Group>(t, 'PATCH', `/api/v1/groups/${g.id}`, { name: 'Networks', email: null }, h.admin, 200);
    expect(renamed).toMatchObject({ id: g.id, name: 'Networks', email: null });
    expect(await call<Group>(t, 'GET', `/api/v1/groups/${g.id}`, undefined, h.lm, 200)).toMatchObject({ name: 'Networks' });
    await call(t, 'DELETE', `/api/v1/groups/${g.id}`, undefined, h.admin, 204);
    await call(t, 'GET', `/api/v1/groups/${g.id}`, undefined, h.admin, 404);
  });

  it('refuses duplicate names case-insensitively with 409, on create and rename', async () => {
    const a = await call<Group>(t, 'POST', '/api/v1/groups', { name: 'Network' }, h.admin, 201);
    const e = await call<ErrorBody>(t, 'POST', '/api/v1/groups', { name: 'NETWORK' }, h.admin, 409);
    expect(e.error).toMatchObject({ code: 'conflict', field: 'name' });
    const b = await call<Group>(t, 'POST', '/api/v1/groups', { name: 'Desktop' }, h.admin, 201);
    await call(t, 'PATCH', `/api/v1/groups/${b.id}`, { name: 'network' }, h.admin, 409);
    // Renaming a group to its own name in another case is fine.
    await call(t, 'PATCH', `/api/v1/groups/${a.id}`, { name: 'network' }, h.admin, 200);
  });

  it('validates bodies, naming the field', async () => {
    expect((await call<ErrorBody>(t, 'POST', '/api/v1/groups', { name: '' }, h.admin, 400)).error.field).toBe('name');
    expect((await call<ErrorBody>(t, 'POST', '/api/v1/groups', { name: 'x', email: 'nope' }, h.admin, 400)).error.field).toBe('email');
    expect((await call<ErrorBody>(t, 'POST', '/api/v1/groups', { name: 'x', colour: 'red' }, h.admin, 400)).error.code).toBe('validation_failed');
    const g = await call<Group>(t, 'POST', '/api/v1/groups', { name: 'x' }, h.admin, 201);
    await call(t, 'PATCH', `/api/v1/groups/${g.id}`, {}, h.admin, 400);
    expect(await t.db.selectFrom('groups').select('name').execute()).toEqual([{ name: 'x' }]);
  });

  it('answers 404 for unknown ids', async () => {
    await call(t, 'GET', '/api/v1/groups/999', undefined, h.admin, 404);
    await call(t, 'PATCH', '/api/v1/groups/999', { name: 'y' }, h.admin, 404);
    await call(t, 'DELETE', '/api/v1/groups/999', undefined, h.admin, 404);
    await call(t, 'GET', '/api/v1/groups/999/members', undefined, h.admin, 404);
    await call(t, 'PUT', '/api/v1/groups/999/members', { userIds: [] }, h.admin, 404);
  });

  it('lets only admins write and staff read', async () => {
    const g = await call<Group>(t, 'POST', '/api/v1/groups', { name: 'Network' }, h.admin, 201);
    for (const who of [h.tech, h.lm, h.requester]) {
      await call(t, 'POST', '/api/v1/groups', { name: 'Other' }, who, 403);
      await call(t, 'PATCH', `/api/v1/groups/${g.id}`, { name: 'Other' }, who, 403);
      await call(t, 'DELETE', `/api/v1/groups/${g.id}`, undefined, who, 403);
      await call(t, 'PUT', `/api/v1/groups/${g.id}/members`, { userIds: [] }, who, 403);
    }
    await call(t, 'GET', '/api/v1/groups', undefined, h.requester, 403);
    await call(t, 'GET', `/api/v1/groups/${g.id}/members`, undefined, h.requester, 403);
    await call(t, 'GET', '/api/v1/groups', undefined, {}, 401);
    await call(t, 'GET', `/api/v1/groups/${g.id}/members`, undefined, h.tech, 200);
  });
});

describe('group members', () => {
  it('replaces the membership as a set and exposes it to the tickets service', async () => {
    await t.as('technician', 'tina');
    await t.as('technician', 'tom');
    const [admin, tech, tina, tom] = (await Promise.all(['admin', 'technician', 'tina', 'tom'].map((u) => userId(t, u)))) as [number, number, number, number];
    const g = await call<Group>(t, 'POST', '/api/v1/groups', { name: 'Network' }, h.admin, 201);
    const other = await call<Group>(t, 'POST', '/api/v1/groups', { name: 'Desktop' }, h.admin, 201);

    let m = await call<{ items: { id: number; username: string; role: string }[] }>(t, 'PUT', `/api/v1/groups/${g.id}/members`, { userIds: [tom, tina, tina, admin] }, h.admin, 200);
    expect(m.items.map((u) => u.username)).toEqual(['admin', 'tina', 'tom']);
    m = await call(t, 'PUT', `/api/v1/groups/${g.id}/members`, { userIds: [tech, tina] }, h.admin, 200);
    expect(m.items.map((u) => u.username)).toEqual(['technician', 'tina']);
    await call(t, 'PUT', `/api/v1/groups/${other.id}/members`, { userIds: [tina] }, h.admin, 200);

    expect((await call<{ items: unknown[] }>(t, 'GET', `/api/v1/groups/${g.id}/members`, undefined, h.tech, 200)).items).toHaveLength(2);
    expect(await call<Group>(t, 'GET', `/api/v1/groups/${g.id}`, undefined, h.tech, 200)).toMatchObject({ memberCount: 2 });
    expect(await groupIdsOfUser(t.db, tina)).toEqual([g.id, other.id]);
    expect(await groupIdsOfUser(t.db, tom)).toEqual([]);
    expect((await groupMembers(t.db, g.id)).map((u) => u.id)).toEqual([tech, tina]);

    await call(t, 'PUT', `/api/v1/groups/${g.id}/members`, { userIds: [] }, h.admin, 200);
    expect(await groupMembers(t.db, g.id)).toEqual([]);
    expect(await groupIdsOfUser(t.db, tina)).toEqual([other.id]);
  });

  it('refuses requesters, licence managers, unknown and disabled users, naming the id, and changes nothing', async () => {
    const [tech, requester, lm] = (await Promise.all(['technician', 'requester', 'licence-manager'].map((u) => userId(t, u)))) as [number, number, number];
    const g = await call<Group>(t, 'POST', '/api/v1/groups', { name: 'Network' }, h.admin, 201);
    await call(t, 'PUT', `/api/v1/groups/${g.id}/members`, { userIds: [tech] }, h.admin, 200);

    let e = await call<ErrorBody>(t, 'PUT', `/api/v1/groups/${g.id}/members`, { userIds: [tech, requester] }, h.admin, 400);
    expect(e.error.field).toBe('userIds.1');
    expect(e.error.message).toContain(`user ${requester}`);
    e = await call<ErrorBody>(t, 'PUT', `/api/v1/groups/${g.id}/members`, { userIds: [lm] }, h.admin, 400);
    expect(e.error.message).toContain(`user ${lm}`);
    e = await call<ErrorBody>(t, 'PUT', `/api/v1/groups/${g.id}/members`, { userIds: [424242] }, h.admin, 400);
    expect(e.error).toMatchObject({ field: 'userIds.0' });
    expect(e.error.message).toContain('424242');
    await t.as('technician', 'gone');
    const gone = await userId(t, 'gone');
    await t.db.updateTable('users').set({ disabled: true }).where('id', '=', gone).execute();
    e = await call<ErrorBody>(t, 'PUT', `/api/v1/groups/${g.id}/members`, { userIds: [gone] }, h.admin, 400);
    expect(e.error.message).toContain('disabled');
    e = await call<ErrorBody>(t, 'PUT', `/api/v1/groups/${g.id}/members`, { userIds: ['x'] }, h.admin, 400);
    expect(e.error.field).toBe('userIds.0');
    expect(await groupMembers(t.db, g.id)).toMatchObject([{ id: tech }]);
  });
});

describe('deleting a group', () => {
  it('is refused while an assignment rule targets it, and removes its memberships otherwise', async () => {
    const tech = await userId(t, 'technician');
    const g = await call<Group>(t, 'POST', '/api/v1/groups', { name: 'Network' }, h.admin, 201);
    await call(t, 'PUT', `/api/v1/groups/${g.id}/members`, { userIds: [tech] }, h.admin, 200);
    const rule = await t.db.insertInto('assignment_rules').values({ name: 'r', position: 1, category_id: null, group_id: g.id }).returning('id').executeTakeFirstOrThrow();
    const e = await call<ErrorBody>(t, 'DELETE', `/api/v1/groups/${g.id}`, undefined, h.admin, 409);
    expect(e.error.message).toContain('assignment rule');
    await t.db.deleteFrom('assignment_rules').where('id', '=', rule.id).execute();
    await call(t, 'DELETE', `/api/v1/groups/${g.id}`, undefined, h.admin, 204);
    expect(await groupIdsOfUser(t.db, tech)).toEqual([]);
  });

  it('is refused while a ticket names it', async () => {
    const requester = await userId(t, 'requester');
    const g = await call<Group>(t, 'POST', '/api/v1/groups', { name: 'Network' }, h.admin, 201);
    const now = new Date();
    const ticket = await t.db
      .insertInto('tickets')
      .values({ title: 't', description: 'd', type: 'incident', status: 'assigned', urgency: 3, impact: 3, priority: 3, requester_id: requester, created_by: requester, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('ticket_actors').values({ ticket_id: ticket.id, role: 'assignee', group_id: g.id }).execute();
    const e = await call<ErrorBody>(t, 'DELETE', `/api/v1/groups/${g.id}`, undefined, h.admin, 409);
    expect(e.error.message).toContain('1 ticket');
    expect(await t.db.selectFrom('groups').select('id').execute()).toHaveLength(1);
  });
});
