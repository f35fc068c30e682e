import { beforeEach, describe, expect, it } from 'vitest';
import { createUser, ensureFirstAdmin } from '../../src/platform/auth/users.service.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

// Issue 10: the last admin must not demote or disable itself (nobody could administer Parc after), and
// two servers starting on one empty database must both start.

type ErrorBody = { error: { code: string; field?: string } };
type UserList = { items: { id: number; username: string; role: string; disabled: boolean }[] };

describe('the last administrator', () => {
  let t: TestContext;
  let admin: Record<string, string>;
  let adminId: number;
  beforeEach(async () => {
    t = await setupTestApp();
    admin = await t.as('admin');
    const users = (await (await t.json('GET', '/api/v1/users', undefined, admin)).json()) as UserList;
    adminId = users.items.find((u) => u.username === 'admin')!.id;
  });

  it('cannot demote or disable itself: 409 naming the field, nothing changed', async () => {
    for (const [body, field] of [[{ role: 'technician' }, 'role'], [{ disabled: true }, 'disabled']] as const) {
      const res = await t.json('PATCH', `/api/v1/users/${adminId}`, body, admin);
      expect(res.status).toBe(409);
      expect(((await res.json()) as ErrorBody).error.field).toBe(field);
    }
    const me = (await (await t.json('GET', '/api/v1/me', undefined, admin)).json()) as { role: string };
    expect(me.role).toBe('admin');
    // Other changes of the last admin still work.
    expect((await t.json('PATCH', `/api/v1/users/${adminId}`, { displayName: 'Root' }, admin)).status).toBe(200);
  });

  it('a disabled admin does not count as the other one', async () => {
    const other = await createUser(t.db, { username: 'admin2', password: 'admin2-password', role: 'admin' });
    expect((await t.json('PATCH', `/api/v1/users/${other.id}`, { disabled: true }, admin)).status).toBe(200);
    expect((await t.json('PATCH', `/api/v1/users/${adminId}`, { role: 'technician' }, admin)).status).toBe(409);
  });

  it('two admins demoting each other at once: exactly one succeeds, one admin remains', async () => {
    const second = await t.as('admin', 'admin2');
    const users = (await (await t.json('GET', '/api/v1/users', undefined, admin)).json()) as UserList;
    const secondId = users.items.find((u) => u.username === 'admin2')!.id;
    const [a, b] = await Promise.all([
      t.json('PATCH', `/api/v1/users/${secondId}`, { role: 'technician' }, admin),
      t.json('PATCH', `/api/v1/users/${adminId}`, { role: 'technician' }, second),
    ]);
    const statuses = [a.status, b.status].sort();
    // The loser is refused either as the last admin (409) or because it was demoted first (403).
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const after = await t.db.selectFrom('users').select(['role', 'disabled']).where('role', '=', 'admin').execute();
    expect(after).toHaveLength(1);
  });
});

describe('first start', () => {
  it('two servers creating the first admin on one empty database: one creates it, neither fails', async () => {
    const t = await setupTestApp();
    const results = await Promise.all([ensureFirstAdmin(t.db, undefined), ensureFirstAdmin(t.db, undefined)]);
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    const admins = await t.db.selectFrom('users').select('username').execute();
    expect(admins).toEqual([{ username: 'admin' }]);
  });
});
