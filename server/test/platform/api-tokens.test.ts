import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '@parc/shared';
import { apiTokenListSchema, createdApiTokenSchema } from '@parc/shared/api';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

describe('personal API tokens', () => {
  let t: TestContext;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = manualClock(new Date());
    t = await setupTestApp({}, { clock });
  });

  it('is shown once, stored hashed, listed with its scopes, expiry and last use', async () => {
    const admin = await t.as('admin');
    const res = await t.json('POST', '/api/v1/me/tokens', { name: 'backup script', scopes: ['inventory:read'] }, admin);
    expect(res.status).toBe(201);
    const created = createdApiTokenSchema.parse(await res.json());
    expect(created.token).toMatch(/^parcpat_/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    expect(new Date(created.expiresAt).getTime() - clock.now().getTime()).toBe(90 * 86_400_000);
    const stored = await t.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(created.token);

    const bearer = { authorization: `Bearer ${created.token}` };
    expect((await t.json('GET', '/api/v1/devices', undefined, bearer)).status).toBe(200);
    const list = apiTokenListSchema.parse(await (await t.json('GET', '/api/v1/me/tokens', undefined, admin)).json());
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ name: 'backup script', scopes: ['inventory:read'], state: 'active', owner: { username: 'admin' } });
    expect(list.items[0]!.lastUsedAt).toBe(clock.now().toISOString());
    expect(JSON.stringify(list)).not.toContain(created.token);
  });

  it('last use is written at most once a minute', async () => {
    const { headers, id } = await t.createApiToken('technician');
    const lastUsed = async () => (await t.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow()).last_used_at?.getTime();
    await t.json('GET', '/api/v1/me', undefined, headers);
    const first = await lastUsed();
    clock.advance(30_000);
    await t.json('GET', '/api/v1/me', undefined, headers);
    expect(await lastUsed()).toBe(first);
    clock.advance(31_000);
    await t.json('GET', '/api/v1/me', undefined, headers);
    expect(await lastUsed()).toBe(first! + 61_000);
  });

  it('a read-only scope calls only GET routes of its area, within the owner\'s role', async () => {
    const read = await t.apiToken('technician', ['helpdesk:read']);
    expect((await t.json('GET', '/api/v1/tickets', undefined, read)).status).toBe(200);
    const write = await t.json('POST', '/api/v1/tickets', { title: 'from a script', description: 'x' }, read);
    expect(write.status).toBe(403);
    expect(((await write.json()) as { error: { message: string } }).error.message).toContain('helpdesk:write');
    expect((await t.json('GET', '/api/v1/devices', undefined, read)).status).toBe(403);
    // Write includes read; still nothing outside the area.
    const tickets = await t.apiToken('technician', ['helpdesk:write'], 'tech2');
    expect((await t.json('POST', '/api/v1/tickets', { title: 'from a script', description: 'x' }, tickets)).status).toBe(201);
    expect((await t.json('GET', '/api/v1/tickets', undefined, tickets)).status).toBe(200);
    expect((await t.json('GET', '/api/v1/licences', undefined, tickets)).status).toBe(403);
  });

  it('never exceeds the owner\'s current role: a demoted admin\'s admin token loses admin routes', async () => {
    await t.as('admin');
    const boss = await t.createApiToken('admin', ['admin:read', 'users:write'], 'boss');
    expect((await t.json('GET', '/api/v1/audit', undefined, boss.headers)).status).toBe(200);
    const bossId = (await t.db.selectFrom('users').select('id').where('username', '=', 'boss').executeTakeFirstOrThrow()).id;
    expect((await t.json('PATCH', `/api/v1/users/${bossId}`, { role: 'technician' }, await t.as('admin'))).status).toBe(200);
    expect((await t.json('GET', '/api/v1/audit', undefined, boss.headers)).status).toBe(403);
    expect((await t.json('POST', '/api/v1/users', { username: 'x', password: 'long-enough', role: 'admin' }, boss.headers)).status).toBe(403);
  });

  it('a token cannot create tokens nor change its owner\'s password', async () => {
    const admin = await t.apiToken('admin');
    expect((await t.json('POST', '/api/v1/me/tokens', { name: 'child', scopes: ['admin:read'] }, admin)).status).toBe(403);
    const me = (await (await t.json('GET', '/api/v1/me', undefined, admin)).json()) as { id: number };
    const pw = await t.json('PATCH', `/api/v1/users/${me.id}`, { password: 'taken-over-now' }, admin);
    expect(pw.status).toBe(403);
    expect((await t.json('POST', '/api/v1/auth/login', { username: 'admin', password: 'admin-password' })).status).toBe(200);
  });

  it('a revoked token, an expired token and a disabled owner\'s token get 401; re-enabling brings the token back', async () => {
    const admin = await t.as('admin');
    const revoked = await t.createApiToken('technician');
    expect((await t.json('DELETE', `/api/v1/me/tokens/${revoked.id}`, undefined, await t.as('technician'))).status).toBe(204);
    expect((await t.json('GET', '/api/v1/tickets', undefined, revoked.headers)).status).toBe(401);

    const short = await t.json('POST', '/api/v1/me/tokens', { name: 'one day', scopes: ['helpdesk:read'], expiresInDays: 1 }, await t.as('requester', 'rita'));
    const shortToken = { authorization: `Bearer ${((await short.json()) as { token: string }).token}` };
    expect((await t.json('GET', '/api/v1/tickets', undefined, shortToken)).status).toBe(200);
    clock.advance(86_400_000);
    expect((await t.json('GET', '/api/v1/tickets', undefined, shortToken)).status).toBe(401);

    const dave = await t.createApiToken('technician', undefined, 'dave');
    const daveId = (await t.db.selectFrom('users').select('id').where('username', '=', 'dave').executeTakeFirstOrThrow()).id;
    await t.json('PATCH', `/api/v1/users/${daveId}`, { disabled: true }, admin);
    expect((await t.json('GET', '/api/v1/tickets', undefined, dave.headers)).status).toBe(401);
    await t.json('PATCH', `/api/v1/users/${daveId}`, { disabled: false }, admin);
    expect((await t.json('GET', '/api/v1/tickets', undefined, dave.headers)).status).toBe(200);
  });

  it('refuses bad bodies naming the field: scopes outside the role, unknown scopes, too long a life', async () => {
    const requester = await t.as('requester');
    const cases: [unknown, string][] = [
      [{ name: 'x', scopes: ['inventory:read'] }, 'scopes'],
      [{ name: 'x', scopes: ['everything'] }, 'scopes.0'],
      [{ name: 'x', scopes: [] }, 'scopes'],
      [{ name: 'x', scopes: ['helpdesk:read', 'helpdesk:read'] }, 'scopes'],
      [{ name: 'x', scopes: ['helpdesk:read'], expiresInDays: 3650 }, 'expiresInDays'],
      [{ name: '  ', scopes: ['helpdesk:read'] }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await t.json('POST', '/api/v1/me/tokens', body, requester);
      expect({ body, status: res.status, field: ((await res.json()) as { error: { field?: string } }).error.field }).toEqual({ body, status: 400, field });
    }
  });

  it('each person revokes only their own; admins list and revoke anyone\'s; both are audited', async () => {
    const admin = await t.as('admin');
    const alice = await t.createApiToken('requester', ['helpdesk:read'], 'alice');
    const bob = await t.as('requester', 'bob');
    expect((await t.json('DELETE', `/api/v1/me/tokens/${alice.id}`, undefined, bob)).status).toBe(404);
    expect((await t.json('GET', '/api/v1/tickets', undefined, alice.headers)).status).toBe(200);
    const all = apiTokenListSchema.parse(await (await t.json('GET', '/api/v1/api-tokens?state=active', undefined, admin)).json());
    expect(all.items.map((i) => i.owner.username)).toEqual(['alice']);
    expect((await t.json('DELETE', `/api/v1/api-tokens/${alice.id}`, undefined, admin)).status).toBe(204);
    expect((await t.json('DELETE', `/api/v1/api-tokens/${alice.id}`, undefined, admin)).status).toBe(204);
    expect((await t.json('GET', '/api/v1/tickets', undefined, alice.headers)).status).toBe(401);
    const revokedList = apiTokenListSchema.parse(await (await t.json('GET', '/api/v1/api-tokens?state=revoked', undefined, admin)).json());
    expect(revokedList.items.map((i) => i.state)).toEqual(['revoked']);
    const audit = (await (await t.json('GET', '/api/v1/audit?action=api_token.created,api_token.revoked', undefined, admin)).json()) as { items: { action: string; actor: { username: string }; detail: Record<string, unknown> }[] };
    expect(audit.items.map((e) => [e.action, e.actor.username])).toEqual([
      ['api_token.revoked', 'admin'],
      ['api_token.created', 'alice'],
    ]);
    expect(JSON.stringify(audit)).not.toContain(alice.token);
  });

  it('a bearer token is not subject to the cookie CSRF check, and logging out with it ends nothing', async () => {
    const { headers } = await t.createApiToken('technician');
    const res = await t.json('POST', '/api/v1/tickets', { title: 'script', description: 'x' }, { ...headers, origin: 'https://evil.example' });
    expect(res.status).toBe(201);
    expect((await t.json('POST', '/api/v1/auth/logout', undefined, headers)).status).toBe(204);
    expect((await t.json('GET', '/api/v1/me', undefined, headers)).status).toBe(200);
  });

  it('a password reset by an admin revokes the user\'s tokens and says so in the audit log; other edits leave them', async () => {
    const admin = await t.as('admin');
    const first = await t.createApiToken('technician', ['inventory:read'], 'leaky');
    const second = await t.createApiToken('technician', ['helpdesk:read'], 'leaky');
    const other = await t.createApiToken('technician', ['inventory:read'], 'bystander');
    expect((await t.json('GET', '/api/v1/devices', undefined, first.headers)).status).toBe(200);
    const userId = (await t.db.selectFrom('users').select('id').where('username', '=', 'leaky').executeTakeFirstOrThrow()).id;

    expect((await t.json('PATCH', `/api/v1/users/${userId}`, { displayName: 'Leaky' }, admin)).status).toBe(200);
    expect((await t.json('GET', '/api/v1/devices', undefined, first.headers)).status).toBe(200);

    expect((await t.json('PATCH', `/api/v1/users/${userId}`, { password: 'a-brand-new-password-1' }, admin)).status).toBe(200);
    expect((await t.json('GET', '/api/v1/devices', undefined, first.headers)).status).toBe(401);
    expect((await t.json('GET', '/api/v1/tickets', undefined, second.headers)).status).toBe(401);
    expect((await t.json('GET', '/api/v1/devices', undefined, other.headers)).status).toBe(200);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'api_token.revoked').orderBy('id').execute();
    expect(audit.map((a) => a.target_id).sort()).toEqual([String(first.id), String(second.id)].sort());
    expect(audit[0]!.detail).toMatchObject({ owner: 'leaky', reason: 'password-reset' });
    const rows = await t.db.selectFrom('api_tokens').select(['id', 'revoked_at']).where('id', 'in', [first.id, second.id]).execute();
    expect(rows.every((r) => r.revoked_at !== null)).toBe(true);
  });

  it('a technician\'s inventory token lists agents; revoking one stays an admin\'s', async () => {
    const tech = await t.apiToken('technician', ['inventory:write']);
    expect((await t.json('GET', '/api/v1/agents', undefined, tech)).status).toBe(200);
    const agent = await t.enrollAgent('ws-token-area');
    expect((await t.json('POST', `/api/v1/agents/${agent.agentId}/revoke`, undefined, tech)).status).toBe(403);
    const adminHelpdesk = await t.apiToken('admin', ['helpdesk:write'], 'admin2');
    expect((await t.json('GET', '/api/v1/agents', undefined, adminHelpdesk)).status).toBe(403);
    const adminInventory = await t.apiToken('admin', ['inventory:write'], 'admin3');
    expect((await t.json('POST', `/api/v1/agents/${agent.agentId}/revoke`, undefined, adminInventory)).status).toBe(200);
  });
});
