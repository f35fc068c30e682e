import { beforeEach, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

// Sessions and credentials: what ends a session, and which secret opens which door.

async function login(t: TestContext, username: string, password: string) {
  const res = await t.json('POST', '/api/v1/auth/login', { username, password });
  expect(res.status).toBe(200);
  const { token } = (await res.json()) as { token: string };
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return { bearer: { authorization: `Bearer ${token}` }, cookie: { cookie } };
}

const status = async (t: TestContext, headers: Record<string, string>) => (await t.json('GET', '/api/v1/me', undefined, headers)).status;

describe('session lifetime', () => {
  let t: TestContext;
  let admin: Record<string, string>;
  let bobId: number;
  beforeEach(async () => {
    t = await setupTestApp();
    admin = await t.as('admin');
    const res = await t.json('POST', '/api/v1/users', { username: 'bob', password: 'bob-password', role: 'technician' }, admin);
    bobId = ((await res.json()) as { id: number }).id;
  });

  it('a password reset ends the sessions opened with the old password (bearer and cookie)', async () => {
    const s = await login(t, 'bob', 'bob-password');
    expect(await status(t, s.bearer)).toBe(200);
    expect((await t.json('PATCH', `/api/v1/users/${bobId}`, { password: 'a-new-password' }, admin)).status).toBe(200);
    expect(await status(t, s.bearer)).toBe(401);
    expect(await status(t, s.cookie)).toBe(401);
    expect(await status(t, (await login(t, 'bob', 'a-new-password')).bearer)).toBe(200);
  });

  it('disabling a user ends their sessions for good: re-enabling does not revive them', async () => {
    const s = await login(t, 'bob', 'bob-password');
    await t.json('PATCH', `/api/v1/users/${bobId}`, { disabled: true }, admin);
    expect(await status(t, s.bearer)).toBe(401);
    await t.json('PATCH', `/api/v1/users/${bobId}`, { disabled: false }, admin);
    expect(await status(t, s.bearer)).toBe(401);
  });

  it('an admin changing their own password keeps the session they did it from, not the others', async () => {
    const here = await login(t, 'admin', 'admin-password');
    const elsewhere = await login(t, 'admin', 'admin-password');
    const me = (await (await t.json('GET', '/api/v1/me', undefined, here.bearer)).json()) as { id: number };
    expect((await t.json('PATCH', `/api/v1/users/${me.id}`, { password: 'admin-password-2' }, here.bearer)).status).toBe(200);
    expect(await status(t, here.bearer)).toBe(200);
    expect(await status(t, elsewhere.bearer)).toBe(401);
  });

  it('a role change applies to open sessions at once', async () => {
    const s = await login(t, 'bob', 'bob-password');
    expect((await t.json('GET', '/api/v1/devices', undefined, s.bearer)).status).toBe(200);
    await t.json('PATCH', `/api/v1/users/${bobId}`, { role: 'requester' }, admin);
    expect((await t.json('GET', '/api/v1/devices', undefined, s.bearer)).status).toBe(403);
  });

  it('logout ends the session for the bearer token and the cookie alike', async () => {
    const s = await login(t, 'bob', 'bob-password');
    const out = await t.json('POST', '/api/v1/auth/logout', undefined, s.cookie);
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/parc_session=;/);
    expect(await status(t, s.bearer)).toBe(401);
    expect(await status(t, s.cookie)).toBe(401);
  });
});

describe('agent keys and user tokens are not interchangeable', () => {
  it('an agent key is no user token, a user token is no agent key', async () => {
    const t = await setupTestApp();
    const admin = await t.as('admin');
    const { agentKey } = await t.enrollAgent('ws-1');
    expect(await status(t, { authorization: `Bearer ${agentKey}` })).toBe(401);
    expect((await t.json('GET', '/api/v1/devices', undefined, { authorization: `Bearer ${agentKey}` })).status).toBe(401);
    const asAgent = await t.json('POST', '/api/v1/agent/inventory', {}, admin);
    expect(asAgent.status).toBe(401);
    expect(((await asAgent.json()) as { error: { code: string } }).error.code).toBe('reenroll_required');
    const ticket = await t.json('POST', '/api/v1/agent/tickets', { title: 'x' }, admin);
    expect(ticket.status).toBe(401);
    // An enrollment token is neither.
    const { token } = (await (await t.json('POST', '/api/v1/enrollment-tokens', {}, admin)).json()) as { token: string };
    expect(await status(t, { authorization: `Bearer ${token}` })).toBe(401);
    expect((await t.json('POST', '/api/v1/agent/inventory', {}, { authorization: `Bearer ${token}` })).status).toBe(401);
  });
});
