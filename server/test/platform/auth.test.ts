import { beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/platform/auth/password.js';
import { createUser } from '../../src/platform/auth/users.service.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

let t: TestContext;
beforeEach(async () => {
  t = await setupTestApp();
});

const body = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
type ErrorBody = { error: { code: string; message: string; field?: string } };

async function login(username: string, password: string) {
  return t.json('POST', '/api/v1/auth/login', { username, password });
}

describe('login', () => {
  beforeEach(async () => {
    await createUser(t.db, { username: 'alice', password: 'correct horse', role: 'technician' });
  });

  it('returns a token that works as Bearer', async () => {
    const res = await login('alice', 'correct horse');
    expect(res.status).toBe(200);
    const b = await body<{ token: string; expiresAt: string; user: { username: string; role: string } }>(res);
    expect(b.user).toMatchObject({ username: 'alice', role: 'technician' });
    expect(new Date(b.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await t.json('GET', '/api/v1/me', undefined, { authorization: `Bearer ${b.token}` });
    expect(me.status).toBe(200);
    expect(await body(me)).toMatchObject({ username: 'alice', role: 'technician', disabled: false });
    // The session is stored by hash only.
    const sessions = await t.db.selectFrom('sessions').select('token_hash').execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.token_hash).not.toContain(b.token);
  });

  it('refuses a wrong password, an unknown user and a disabled user with the same answer', async () => {
    await createUser(t.db, { username: 'bob', password: 'bob-password', role: 'technician' });
    await t.db.updateTable('users').set({ disabled: true }).where('username', '=', 'bob').execute();
    const answers = [];
    for (const [u, p] of [['alice', 'wrong password'], ['nobody', 'correct horse'], ['bob', 'bob-password']] as const) {
      const res = await login(u, p);
      expect(res.status, `${u}`).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      answers.push(await body<ErrorBody>(res));
    }
    expect(answers[0]).toMatchObject({ error: { code: 'invalid_credentials' } });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(await t.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('validates the login body', async () => {
    const res = await t.json('POST', '/api/v1/auth/login', { username: 'alice' });
    expect(res.status).toBe(400);
    expect(await body(res)).toMatchObject({ error: { code: 'validation_failed', field: 'password' } });
  });

  it('sets an httpOnly session cookie that works on its own', async () => {
    const res = await login('alice', 'correct horse');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^parc_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    const cookie = setCookie.split(';')[0]!;
    const me = await t.json('GET', '/api/v1/me', undefined, { cookie });
    expect(me.status).toBe(200);
    expect(await body(me)).toMatchObject({ username: 'alice' });
  });

  it('marks the cookie Secure when configured', async () => {
    t = await setupTestApp({ PARC_SECURE_COOKIES: 'true' });
    await createUser(t.db, { username: 'alice', password: 'correct horse', role: 'technician' });
    const res = await login('alice', 'correct horse');
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('logout ends the session, for the token and for the cookie', async () => {
    const { token } = await body<{ token: string }>(await login('alice', 'correct horse'));
    const auth = { authorization: `Bearer ${token}` };
    const out = await t.json('POST', '/api/v1/auth/logout', undefined, auth);
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/parc_session=;|Max-Age=0/);
    expect((await t.json('GET', '/api/v1/me', undefined, auth)).status).toBe(401);
    expect((await t.json('GET', '/api/v1/me', undefined, { cookie: `parc_session=${token}` })).status).toBe(401);

    // Another session of the same user is not affected.
    const a = await body<{ token: string }>(await login('alice', 'correct horse'));
    const b = await body<{ token: string }>(await login('alice', 'correct horse'));
    await t.json('POST', '/api/v1/auth/logout', undefined, { cookie: `parc_session=${a.token}` });
    expect((await t.json('GET', '/api/v1/me', undefined, { cookie: `parc_session=${a.token}` })).status).toBe(401);
    expect((await t.json('GET', '/api/v1/me', undefined, { authorization: `Bearer ${b.token}` })).status).toBe(200);
  });

  it('an expired session or a disabled user stops working', async () => {
    const { token } = await body<{ token: string }>(await login('alice', 'correct horse'));
    const auth = { authorization: `Bearer ${token}` };
    await t.db.updateTable('users').set({ disabled: true }).where('username', '=', 'alice').execute();
    expect((await t.json('GET', '/api/v1/me', undefined, auth)).status).toBe(401);
    await t.db.updateTable('users').set({ disabled: false }).where('username', '=', 'alice').execute();
    expect((await t.json('GET', '/api/v1/me', undefined, auth)).status).toBe(200);
    await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).execute();
    expect((await t.json('GET', '/api/v1/me', undefined, auth)).status).toBe(401);
  });

  it('refuses made-up tokens and non-Bearer schemes', async () => {
    for (const authorization of ['Bearer parc_nonsense', 'Basic YWxpY2U6Y29ycmVjdCBob3JzZQ==', 'Bearer', '']) {
      const res = await t.json('GET', '/api/v1/me', undefined, { authorization });
      expect(res.status, authorization).toBe(401);
      expect(await body(res)).toMatchObject({ error: { code: 'unauthorized' } });
    }
  });

  it('an agent key is not a user session', async () => {
    const { agentKey } = await t.enrollAgent();
    expect((await t.json('GET', '/api/v1/me', undefined, { authorization: `Bearer ${agentKey}` })).status).toBe(401);
  });
});

describe('every non-public route needs a login', () => {
  it('answers 401 to anonymous calls of every documented route', async () => {
    const doc = await body<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>(await t.json('GET', '/api/openapi.json'));
    const checked: string[] = [];
    const secured: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const url = path.replace(/\{[^}]+\}/g, '1');
        const key = `${method.toUpperCase()} ${path}`;
        // A well-formed body, so a route that forgot auth cannot hide behind a 400.
        const res = await t.json(method.toUpperCase(), url, method === 'get' || method === 'delete' ? undefined : {});
        const text = await res.text();
        const b = (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {}) as ErrorBody;
        checked.push(key);
        if (key === 'POST /api/v1/auth/login' || key === 'POST /api/v1/agent/enroll') {
          expect(res.status, key).toBe(400);
        } else if (key === 'POST /api/v1/agent/inventory' || key === 'POST /api/v1/agent/tickets' || key === 'POST /api/v1/agent/rekey') {
          expect(res.status, key).toBe(401);
          expect(b.error.code, key).toBe('reenroll_required');
        } else if (!op.security) {
          // Documented as public. The issue allows that only outside the API (agent downloads and the
          // like): a public /api/ route other than the ones above is a hole.
          expect(path.startsWith('/api/'), `${key} is documented as public`).toBe(false);
          expect(res.status, key).toBeLessThan(500);
        } else {
          secured.push(key);
          expect(res.status, key).toBe(401);
          expect(b.error.code, key).toBe('unauthorized');
        }
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(15);
    // Also with a garbage cookie.
    for (const key of secured.filter((k) => k.startsWith('GET'))) {
      const url = key.slice(4).replace(/\{[^}]+\}/g, '1');
      expect((await t.json('GET', url, undefined, { cookie: 'parc_session=forged' })).status, key).toBe(401);
    }
  });
});

describe('roles', () => {
  it('only an admin creates users and enrollment tokens', async () => {
    for (const role of ['requester', 'licence-manager', 'technician'] as const) {
      const auth = await t.as(role);
      const u = await t.json('POST', '/api/v1/users', { username: `new-${role}`, password: 'long enough', role: 'admin' }, auth);
      expect(u.status, role).toBe(403);
      expect(await body(u)).toMatchObject({ error: { code: 'forbidden' } });
      const tok = await t.json('POST', '/api/v1/enrollment-tokens', {}, auth);
      expect(tok.status, role).toBe(403);
      expect((await t.json('GET', '/api/v1/enrollment-tokens', undefined, auth)).status, role).toBe(403);
      expect((await t.json('PATCH', '/api/v1/users/1', { role: 'admin' }, auth)).status, role).toBe(403);
    }
    expect(await t.db.selectFrom('users').select('username').where('username', 'like', 'new-%').execute()).toEqual([]);
    expect(await t.db.selectFrom('enrollment_tokens').selectAll().execute()).toEqual([]);
  });

  it('a requester cannot list users; a technician can', async () => {
    expect((await t.json('GET', '/api/v1/users', undefined, await t.as('requester'))).status).toBe(403);
    expect((await t.json('GET', '/api/v1/users', undefined, await t.as('licence-manager'))).status).toBe(403);
    const res = await t.json('GET', '/api/v1/users', undefined, await t.as('technician'));
    expect(res.status).toBe(200);
    const users = await body<{ items: Record<string, unknown>[] }>(res);
    expect(users.items.length).toBeGreaterThanOrEqual(3);
    for (const u of users.items) expect(u).not.toHaveProperty('password_hash');
    expect(JSON.stringify(users)).not.toMatch(/scrypt/);
  });

  it('every role can read /me', async () => {
    for (const role of ['admin', 'technician', 'licence-manager', 'requester'] as const) {
      const res = await t.json('GET', '/api/v1/me', undefined, await t.as(role));
      expect(await body(res)).toMatchObject({ username: role, role });
    }
  });
});

describe('user administration', () => {
  it('creates a user who can log in; the stored hash is scrypt and not the password', async () => {
    const admin = await t.as('admin');
    const res = await t.json('POST', '/api/v1/users', { username: 'carol', password: 'carol-secret-1', role: 'licence-manager', displayName: 'Carol', email: 'carol@example.org' }, admin);
    expect(res.status).toBe(201);
    const created = await body(res);
    expect(created).toMatchObject({ username: 'carol', role: 'licence-manager', displayName: 'Carol', email: 'carol@example.org', disabled: false });
    expect(created).not.toHaveProperty('password');
    expect(created).not.toHaveProperty('passwordHash');
    const row = await t.db.selectFrom('users').select('password_hash').where('username', '=', 'carol').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/);
    expect(row.password_hash).not.toContain('carol-secret-1');
    expect(Number(row.password_hash.split('$')[1])).toBeGreaterThanOrEqual(2 ** 14);
    expect(await verifyPassword('carol-secret-1', row.password_hash)).toBe(true);
    expect(await verifyPassword('carol-secret-2', row.password_hash)).toBe(false);
    expect((await login('carol', 'carol-secret-1')).status).toBe(200);

    // Two users with one password get different hashes (salted).
    await t.json('POST', '/api/v1/users', { username: 'dave', password: 'carol-secret-1', role: 'requester' }, admin);
    const dave = await t.db.selectFrom('users').select('password_hash').where('username', '=', 'dave').executeTakeFirstOrThrow();
    expect(dave.password_hash).not.toBe(row.password_hash);
  });

  it('refuses invalid users with 400 naming the field, and stores nothing', async () => {
    const admin = await t.as('admin');
    const before = await t.db.selectFrom('users').select('id').execute();
    const cases: [Record<string, unknown>, string][] = [
      [{ password: 'long enough', role: 'technician' }, 'username'],
      [{ username: 'eve', password: 'short', role: 'technician' }, 'password'],
      [{ username: 'eve', password: 'long enough', role: 'superuser' }, 'role'],
      [{ username: 'eve smith', password: 'long enough', role: 'technician' }, 'username'],
      [{ username: 'eve', password: 'long enough', role: 'technician', email: 'not-an-email' }, 'email'],
      [{ username: '', password: 'long enough', role: 'technician' }, 'username'],
    ];
    for (const [b, field] of cases) {
      const res = await t.json('POST', '/api/v1/users', b, admin);
      expect(res.status, JSON.stringify(b)).toBe(400);
      expect(await body(res)).toMatchObject({ error: { code: 'validation_failed', field } });
    }
    expect(await t.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses a duplicate username with 409', async () => {
    const admin = await t.as('admin');
    const b = { username: 'frank', password: 'long enough', role: 'technician' };
    expect((await t.json('POST', '/api/v1/users', b, admin)).status).toBe(201);
    const dup = await t.json('POST', '/api/v1/users', { ...b, role: 'requester' }, admin);
    expect(dup.status).toBe(409);
    expect(await body(dup)).toMatchObject({ error: { code: 'conflict', field: 'username' } });
    // Two creations racing: one wins, the other is a 409 (not a 500).
    const racing = await Promise.all([1, 2].map(() => t.json('POST', '/api/v1/users', { ...b, username: 'grace' }, admin)));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('changes a role, a password, and disables a user', async () => {
    const admin = await t.as('admin');
    const created = await body<{ id: number }>(await t.json('POST', '/api/v1/users', { username: 'heidi', password: 'first-password', role: 'requester' }, admin));
    const p = await t.json('PATCH', `/api/v1/users/${created.id}`, { role: 'technician', password: 'second-password' }, admin);
    expect(p.status).toBe(200);
    expect(await body(p)).toMatchObject({ role: 'technician' });
    expect((await login('heidi', 'first-password')).status).toBe(401);
    expect((await login('heidi', 'second-password')).status).toBe(200);
    await t.json('PATCH', `/api/v1/users/${created.id}`, { disabled: true }, admin);
    expect((await login('heidi', 'second-password')).status).toBe(401);
    expect((await t.json('PATCH', `/api/v1/users/${created.id}`, {}, admin)).status).toBe(400);
    expect((await t.json('PATCH', '/api/v1/users/99999', { role: 'admin' }, admin)).status).toBe(404);
  });
});
