import { beforeEach, describe, expect, it } from 'vitest';
import { deleteExpiredSessions } from '../../src/platform/auth/users.repository.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

let t: TestContext;
beforeEach(async () => {
  t = await setupTestApp();
});

describe('session cleanup', () => {
  it('removes expired sessions and keeps live ones', async () => {
    const live = await t.as('technician', 'live');
    await t.as('technician', 'stale');
    const stale = await t.db.selectFrom('users').select('id').where('username', '=', 'stale').executeTakeFirstOrThrow();
    await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', stale.id).execute();

    await deleteExpiredSessions(t.db, new Date());

    const left = await t.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id').select('users.username').execute();
    expect(left.map((r) => r.username)).toEqual(['live']);
    expect((await t.json('GET', '/api/v1/me', undefined, live)).status).toBe(200);
  });
});
