import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/platform/db/schema.js';
import { makeInventory } from '../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

// Every route of the OpenAPI document against every role: the role list a route documents is the one it
// enforces, anonymous callers and agent keys get 401, and requesters reach no one else's ticket by any path.

const ROLES: Role[] = ['admin', 'technician', 'licence-manager', 'requester'];
interface Op { method: string; path: string; roles: Role[] | 'user' | 'public' }

async function operations(t: TestContext): Promise<Op[]> {
  const doc = (await (await t.json('GET', '/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, { security?: unknown[]; description?: string }>>;
  };
  const ops: Op[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const listed = /Roles: ([a-z, -]+)\./.exec(op.description ?? '')?.[1];
      ops.push({
        method: method.toUpperCase(),
        path: p.replace(/\{[^}]+\}/g, '1'),
        roles: !op.security ? 'public' : listed ? (listed.split(', ') as Role[]) : 'user',
      });
    }
  }
  return ops;
}

describe('route access matrix', () => {
  let t: TestContext;
  let ops: Op[];
  const headers: Partial<Record<Role, Record<string, string>>> = {};
  beforeAll(async () => {
    t = await setupTestApp();
    for (const r of ROLES) headers[r] = await t.as(r);
    ops = await operations(t);
  });

  it('documents the routes it guards', () => {
    expect(ops.length).toBeGreaterThan(50);
    expect(ops.filter((o) => o.roles === 'public').map((o) => `${o.method} ${o.path}`).sort()).toEqual(
      ['GET /downloads/agent/1', 'GET /install.ps1', 'GET /install.sh', 'POST /api/v1/agent/enroll', 'POST /api/v1/agent/inventory', 'POST /api/v1/agent/rekey', 'POST /api/v1/agent/tickets', 'POST /api/v1/auth/login'].sort(),
    );
  });

  it('anonymous callers and agent keys used as user tokens get 401 on every guarded route', async () => {
    const { agentKey } = await t.enrollAgent('ws-matrix');
    for (const op of ops.filter((o) => o.roles !== 'public')) {
      const callers: Record<string, string>[] = [{}, { authorization: `Bearer ${agentKey}` }, { authorization: 'Bearer parc_forged' }];
      for (const h of callers) {
        const res = await t.json(op.method, op.path, ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined, h);
        expect({ op: `${op.method} ${op.path}`, status: res.status }).toEqual({ op: `${op.method} ${op.path}`, status: 401 });
      }
    }
  });

  it('a role outside a route\'s documented list gets 403 before anything is read or changed', async () => {
    let checked = 0;
    for (const op of ops.filter((o) => Array.isArray(o.roles))) {
      for (const role of ROLES.filter((r) => !(op.roles as Role[]).includes(r))) {
        const res = await t.json(op.method, op.path, ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined, headers[role]);
        expect({ op: `${op.method} ${op.path}`, role, status: res.status }).toEqual({ op: `${op.method} ${op.path}`, role, status: 403 });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
    // The admin-only surface: users, tokens, webhooks, settings, legacy settings.
    const adminOnly = ops.filter((o) => Array.isArray(o.roles) && o.roles.length === 1 && o.roles[0] === 'admin').map((o) => `${o.method} ${o.path.replace(/\/1(\/|$)/g, '/:id$1')}`);
    for (const must of ['POST /api/v1/users', 'PATCH /api/v1/users/:id', 'POST /api/v1/enrollment-tokens', 'GET /api/v1/enrollment-tokens', 'DELETE /api/v1/enrollment-tokens/:id', 'POST /api/v1/agents/:id/revoke', 'POST /api/v1/agents/:id/rekey', 'GET /api/v1/webhooks', 'POST /api/v1/webhooks', 'GET /api/v1/reconcile-conflicts', 'POST /api/v1/reconcile-conflicts/:id/resolve', 'POST /api/v1/devices/:id/merge', 'PUT /api/v1/devices/:id/agent', 'GET /api/v1/audit', 'GET /api/v1/api-tokens', 'DELETE /api/v1/api-tokens/:id', 'GET /api/v1/notification-deliveries', 'POST /api/v1/notification-deliveries/:id/retry']) {
      expect(adminOnly).toContain(must);
    }
    expect(adminOnly.some((o) => o.includes('/settings/legacy-inventory'))).toBe(true);
    // Licences, compliance and the software catalogue: licence managers (and admins) write, technicians read, requesters nothing.
    const rolesOf = (m: string, p: string) => ops.find((o) => o.method === m && o.path === p)?.roles;
    for (const [m, p] of [['POST', '/api/v1/licences'], ['PATCH', '/api/v1/licences/1'], ['DELETE', '/api/v1/licences/1'], ['POST', '/api/v1/licences/import'], ['POST', '/api/v1/licences/import/preview'], ['PATCH', '/api/v1/software/1'], ['POST', '/api/v1/software-rules'], ['POST', '/api/v1/software-rules/apply'], ['POST', '/api/v1/software-rules/preview'], ['POST', '/api/v1/software-rules/reorder'], ['PATCH', '/api/v1/software-rules/1'], ['DELETE', '/api/v1/software-rules/1']] as const) {
      expect({ op: `${m} ${p}`, roles: rolesOf(m, p) }).toEqual({ op: `${m} ${p}`, roles: ['admin', 'licence-manager'] });
    }
    // The asset register: admins and technicians register and edit assets.
    for (const [m, p] of [['POST', '/api/v1/devices'], ['PATCH', '/api/v1/devices/1']] as const) {
      expect({ op: `${m} ${p}`, roles: rolesOf(m, p) }).toEqual({ op: `${m} ${p}`, roles: ['admin', 'technician'] });
    }
    for (const [m, p] of [['GET', '/api/v1/licences'], ['GET', '/api/v1/licences/1'], ['GET', '/api/v1/compliance'], ['GET', '/api/v1/compliance.csv'], ['GET', '/api/v1/compliance/history'], ['GET', '/api/v1/compliance/1'], ['GET', '/api/v1/software'], ['GET', '/api/v1/software/1'], ['GET', '/api/v1/software-rules'], ['GET', '/api/v1/software-rules/1'], ['GET', '/api/v1/devices/1/software'], ['GET', '/api/v1/devices/export.csv'], ['GET', '/api/v1/assets/totals'], ['GET', '/api/v1/assets/filter-options']] as const) {
      expect({ op: `${m} ${p}`, roles: rolesOf(m, p) }).toEqual({ op: `${m} ${p}`, roles: ['admin', 'technician', 'licence-manager'] });
    }
    // The asset register: locations and states are administered by admins and read by staff readers; check-out and check-in are the helpdesk staff's.
    for (const [m, p] of [['POST', '/api/v1/locations'], ['PATCH', '/api/v1/locations/1'], ['DELETE', '/api/v1/locations/1'], ['POST', '/api/v1/asset-states'], ['PATCH', '/api/v1/asset-states/1'], ['DELETE', '/api/v1/asset-states/1']] as const) {
      expect({ op: `${m} ${p}`, roles: rolesOf(m, p) }).toEqual({ op: `${m} ${p}`, roles: ['admin'] });
    }
    for (const [m, p] of [['GET', '/api/v1/locations'], ['GET', '/api/v1/asset-states'], ['GET', '/api/v1/devices/1/checkouts']] as const) {
      expect({ op: `${m} ${p}`, roles: rolesOf(m, p) }).toEqual({ op: `${m} ${p}`, roles: ['admin', 'technician', 'licence-manager'] });
    }
    for (const [m, p] of [['POST', '/api/v1/devices/1/checkout'], ['POST', '/api/v1/devices/1/checkin'], ['PATCH', '/api/v1/devices/1']] as const) {
      expect({ op: `${m} ${p}`, roles: rolesOf(m, p) }).toEqual({ op: `${m} ${p}`, roles: ['admin', 'technician'] });
    }
    // Finance, warranty and contracts: the three staff roles read and write; interventions: helpdesk staff write.
    for (const [m, p] of [['GET', '/api/v1/devices/1/finance'], ['PUT', '/api/v1/devices/1/finance'], ['GET', '/api/v1/contracts'], ['POST', '/api/v1/contracts'], ['GET', '/api/v1/contracts/1'], ['PATCH', '/api/v1/contracts/1'], ['DELETE', '/api/v1/contracts/1'], ['PUT', '/api/v1/contracts/1/devices'], ['POST', '/api/v1/contracts/1/devices'], ['DELETE', '/api/v1/contracts/1/devices'], ['GET', '/api/v1/devices/1/contracts'], ['GET', '/api/v1/devices/1/interventions']] as const) {
      expect({ op: `${m} ${p}`, roles: rolesOf(m, p) }).toEqual({ op: `${m} ${p}`, roles: ['admin', 'technician', 'licence-manager'] });
    }
    for (const [m, p] of [['POST', '/api/v1/devices/1/interventions'], ['PATCH', '/api/v1/interventions/1'], ['DELETE', '/api/v1/interventions/1'], ['GET', '/api/v1/tickets/1/interventions']] as const) {
      expect({ op: `${m} ${p}`, roles: rolesOf(m, p) }).toEqual({ op: `${m} ${p}`, roles: ['admin', 'technician'] });
    }
    // Agents: helpdesk staff read the list (troubleshooting a machine that stopped reporting); only admins change them.
    expect({ op: 'GET /api/v1/agents', roles: rolesOf('GET', '/api/v1/agents') }).toEqual({ op: 'GET /api/v1/agents', roles: ['admin', 'technician'] });
    // Asset CSV import: asset writers (admins, technicians) only.
    for (const p of ['/api/v1/assets/import', '/api/v1/assets/import/preview']) expect({ op: `POST ${p}`, roles: rolesOf('POST', p) }).toEqual({ op: `POST ${p}`, roles: ['admin', 'technician'] });
    expect(adminOnly.some((o) => o.startsWith('PUT /api/v1/settings/helpdesk') || o.startsWith('PATCH /api/v1/settings/helpdesk'))).toBe(true);
    // The home pages: the fleet is the admins', the queue the helpdesk staff's, one's own tickets everyone's.
    expect(rolesOf('GET', '/api/v1/home/fleet')).toEqual(['admin']);
    expect(rolesOf('GET', '/api/v1/home/technician')).toEqual(['admin', 'technician']);
    expect(rolesOf('GET', '/api/v1/home/requester')).toBe('user');
    // Approvals: any staff user may be asked and answer; helpdesk staff ask; admins set categories' approvers; requesters read their own tickets' (checked per ticket).
    for (const [m, p] of [['GET', '/api/v1/approvals'], ['POST', '/api/v1/approvals/1/answer'], ['GET', '/api/v1/ticket-categories/1/approval']] as const) {
      expect({ op: `${m} ${p}`, roles: rolesOf(m, p) }).toEqual({ op: `${m} ${p}`, roles: ['admin', 'technician', 'licence-manager'] });
    }
    for (const [m, p] of [['POST', '/api/v1/tickets/1/approvals'], ['GET', '/api/v1/problems/1/approvals'], ['GET', '/api/v1/changes/1/approvals']] as const) {
      expect({ op: `${m} ${p}`, roles: rolesOf(m, p) }).toEqual({ op: `${m} ${p}`, roles: ['admin', 'technician'] });
    }
    for (const must of ['PUT /api/v1/ticket-categories/:id/approval', 'DELETE /api/v1/ticket-categories/:id/approval']) expect(adminOnly).toContain(must);
    expect(rolesOf('GET', '/api/v1/tickets/1/approvals')).toBe('user');
    // Problems and changes: helpdesk staff only, every route (a requester's ticket shows a problem's workaround instead).
    const itil = ops.filter((o) => /^\/api\/v1\/(problems|changes)(\/|$)/.test(o.path));
    expect(itil.length).toBeGreaterThanOrEqual(2 * 12);
    for (const o of itil) expect({ op: `${o.method} ${o.path}`, roles: o.roles }).toEqual({ op: `${o.method} ${o.path}`, roles: ['admin', 'technician'] });
    for (const must of ['GET /api/v1/problems', 'POST /api/v1/problems/1/actions', 'POST /api/v1/problems/1/links', 'DELETE /api/v1/changes/1/links/1', 'POST /api/v1/changes/1/actions', 'PATCH /api/v1/changes/1']) {
      expect(itil.map((o) => `${o.method} ${o.path}`)).toContain(must);
    }
    // A device's helpdesk view: anyone signed in; requesters get their own tickets only (checked in the query).
    expect(rolesOf('GET', '/api/v1/devices/1/itil')).toBe('user');
  });
});

describe('personal API tokens on every route', () => {
  let t: TestContext;
  let ops: (Op & { scope: string | null })[];
  beforeAll(async () => {
    t = await setupTestApp();
    const doc = (await (await t.json('GET', '/api/openapi.json')).json()) as { paths: Record<string, Record<string, { description?: string }>> };
    const scopes = new Map<string, string | null>();
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(methods)) scopes.set(`${m.toUpperCase()} ${p.replace(/\{[^}]+\}/g, '1')}`, /API tokens: (scope [a-z]+:[a-z]+|any scope|refused)\./.exec(op.description ?? '')?.[1] ?? null);
    }
    ops = (await operations(t)).map((o) => ({ ...o, scope: scopes.get(`${o.method} ${o.path}`) ?? null }));
  });
  const send = (op: Op, headers: Record<string, string>) => t.json(op.method, op.path, ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined, headers);

  it('every guarded route documents what a token needs', () => {
    const missing = ops.filter((o) => o.roles !== 'public' && o.scope === null).map((o) => `${o.method} ${o.path}`);
    expect(missing).toEqual([]);
    expect(ops.find((o) => o.method === 'POST' && o.path === '/api/v1/me/tokens')?.scope).toBe('refused');
  });

  it('a revoked token and a disabled owner\'s token get 401 on every guarded route', async () => {
    const revoked = await t.createApiToken('admin', undefined, 'rev-admin');
    await t.json('DELETE', `/api/v1/me/tokens/${revoked.id}`, undefined, await t.as('admin', 'rev-admin'));
    const disabled = await t.createApiToken('admin', undefined, 'gone-admin');
    const goneId = (await t.db.selectFrom('users').select('id').where('username', '=', 'gone-admin').executeTakeFirstOrThrow()).id;
    expect((await t.json('PATCH', `/api/v1/users/${goneId}`, { disabled: true }, await t.as('admin'))).status).toBe(200);
    for (const op of ops.filter((o) => o.roles !== 'public')) {
      for (const [who, headers] of [['revoked', revoked.headers], ['disabled', disabled.headers]] as const) {
        expect({ op: `${op.method} ${op.path}`, who, status: (await send(op, headers)).status }).toEqual({ op: `${op.method} ${op.path}`, who, status: 401 });
      }
    }
  });

  it('an admin token scoped to helpdesk:read gets 403 on every route outside that scope, before anything is read or changed', async () => {
    const narrow = await t.apiToken('admin', ['helpdesk:read'], 'narrow-admin');
    let checked = 0;
    for (const op of ops.filter((o) => o.scope !== null && o.scope !== 'any scope' && o.scope !== 'scope helpdesk:read')) {
      expect({ op: `${op.method} ${op.path}`, status: (await send(op, narrow)).status }).toEqual({ op: `${op.method} ${op.path}`, status: 403 });
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('a requester reaches no one else\'s ticket', () => {
  it('not by id, sub-resource, search, filter, export, device page or statistics', async () => {
    const t = await setupTestApp();
    const tech = await t.as('technician');
    const alice = await t.as('requester', 'alice');
    const bob = await t.as('requester', 'bob');
    const { agentKey } = await t.enrollAgent('ws-bob');
    const bobsMachine = { ...makeInventory({ hostname: 'ws-bob' }), users: [{ username: 'bob', type: 'logged-in' as const }] };
    const { deviceId } = (await (await t.upload(agentKey, bobsMachine)).json()) as { deviceId: number };
    const bobs = (await (await t.json('POST', '/api/v1/tickets', { title: 'Bob secret salary sheet', description: 'x', deviceIds: [deviceId] }, bob)).json()) as {
      id: number;
      requester: { id: number };
    };
    await t.json('POST', `/api/v1/tickets/${bobs.id}/followups`, { body: 'private note', private: true }, tech);
    await t.json('POST', `/api/v1/tickets/${bobs.id}/tasks`, { description: 'private task', private: true }, tech);
    const id = bobs.id;

    const notFound = [
      await t.json('GET', `/api/v1/tickets/${id}`, undefined, alice),
      await t.json('POST', `/api/v1/tickets/${id}/followups`, { body: 'hello' }, alice),
      await t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'accept-solution' }, alice),
      await t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'reopen' }, alice),
      await t.json('POST', `/api/v1/tickets/${id}/devices`, { deviceId }, alice),
      await t.json('GET', `/api/v1/tickets/${id}/approvals`, undefined, alice),
    ];
    for (const r of notFound) expect(r.status).toBe(404);
    for (const [m, p, body] of [
      ['PATCH', `/api/v1/tickets/${id}`, { title: 'mine now' }],
      ['POST', `/api/v1/tickets/${id}/tasks`, { description: 'x' }],
      ['PATCH', `/api/v1/tickets/${id}/tasks/1`, { state: 'done' }],
      ['POST', `/api/v1/tickets/${id}/solution`, { solution: 'x' }],
      ['POST', `/api/v1/tickets/${id}/approvals`, { approverUserIds: [1] }],
      ['GET', '/api/v1/approvals', undefined],
      ['DELETE', `/api/v1/tickets/${id}/devices/${deviceId}`, undefined],
      ['GET', '/api/v1/tickets/statistics?from=2026-01-01&to=2026-12-31', undefined],
      ['GET', `/api/v1/devices/${deviceId}`, undefined],
      ['GET', `/api/v1/devices/${deviceId}/changes`, undefined],
      ['GET', `/api/v1/devices/${deviceId}/software?search=a`, undefined],
      ['GET', '/api/v1/users', undefined],
    ] as const) {
      expect({ m, p, status: (await t.json(m, p, body, alice)).status }).toEqual({ m, p, status: 403 });
    }
    for (const q of [`q=%23${id}`, 'q=salary', `requesterId=${bobs.requester.id}`, `deviceId=${deviceId}`, 'status=open']) {
      const list = (await (await t.json('GET', `/api/v1/tickets?${q}`, undefined, alice)).json()) as { total: number; items: unknown[] };
      expect({ q, total: list.total, items: list.items.length }).toEqual({ q, total: 0, items: 0 });
    }
    const home = (await (await t.json('GET', '/api/v1/home/requester', undefined, alice)).json()) as { items: unknown[]; byStatus: Record<string, number> };
    expect({ items: home.items.length, counted: Object.values(home.byStatus).reduce((a, n) => a + n, 0) }).toEqual({ items: 0, counted: 0 });
    const csv = await (await t.json('GET', '/api/v1/tickets/export.csv', undefined, alice)).text();
    expect(csv).not.toContain('salary');
    const onDevice = (await (await t.json('GET', `/api/v1/devices/${deviceId}/tickets`, undefined, alice)).json()) as { total: number };
    expect(onDevice.total).toBe(0);

    // Bob himself never sees the private followup or task, by any path.
    const own = await (await t.json('GET', `/api/v1/tickets/${id}`, undefined, bob)).text();
    expect(own).not.toContain('private note');
    expect(own).not.toContain('private task');
    const ownCsv = await (await t.json('GET', '/api/v1/tickets/export.csv', undefined, bob)).text();
    expect(ownCsv).toContain('salary');
    expect(ownCsv).not.toContain('private');
  });
});

describe('every role sets its own interface language, and only its own', () => {
  it('PATCH /api/v1/me {locale} for each role; GET /me and the user list show it; bad values are 400 naming the field', async () => {
    const t = await setupTestApp();
    const admin = await t.as('admin');
    for (const role of ROLES) {
      const me = await t.as(role, `lang-${role}`);
      const before = (await (await t.json('GET', '/api/v1/me', undefined, me)).json()) as { id: number; locale: string | null };
      expect(before.locale).toBeNull();
      const res = await t.json('PATCH', '/api/v1/me', { locale: 'fr' }, me);
      expect({ role, status: res.status }).toEqual({ role, status: 200 });
      expect(await res.json()).toMatchObject({ id: before.id, username: `lang-${role}`, role, locale: 'fr' });
      expect(await (await t.json('GET', '/api/v1/me', undefined, me)).json()).toMatchObject({ locale: 'fr' });
      // Back to "follow the browser".
      expect(await (await t.json('PATCH', '/api/v1/me', { locale: null }, me)).json()).toMatchObject({ locale: null });
    }
    // One user's choice touches nobody else's row.
    const alice = await t.as('requester', 'alice-lang');
    await t.json('PATCH', '/api/v1/me', { locale: 'fr' }, alice);
    const users = (await (await t.json('GET', '/api/v1/users', undefined, admin)).json()) as { items: { username: string; locale: string | null }[] };
    expect(users.items.filter((u) => u.locale === 'fr').map((u) => u.username)).toEqual(['alice-lang']);

    for (const bad of [{ locale: 'de' }, { locale: 'FR' }, { locale: 1 }, {}]) {
      const res = await t.json('PATCH', '/api/v1/me', bad, alice);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      expect(await res.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
    expect(await (await t.json('PATCH', '/api/v1/me', { locale: 'de' }, alice)).json()).toMatchObject({ error: { field: 'locale' } });
    expect(await (await t.json('GET', '/api/v1/me', undefined, alice)).json()).toMatchObject({ locale: 'fr' });
  });
});
