import { beforeAll, describe, expect, it } from 'vitest';
import { auditPageSchema, type AuditEntry } from '@parc/shared/api';
import { AUDIT_ACTIONS } from '../../src/platform/audit/audit-actions.js';
import { userChangeAudits } from '../../src/platform/auth/user-audit.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

describe('userChangeAudits (pure)', () => {
  const before = { role: 'technician' as const, disabled: false, display_name: 'Tess', email: null };
  it('one entry per kind of change, none for values that stay the same, never the password', () => {
    expect(userChangeAudits(before, { role: 'technician', displayName: 'Tess' })).toEqual([]);
    const all = userChangeAudits(before, { role: 'admin', password: 'secret-secret', disabled: true, email: 'tess@example.org' });
    expect(all.map((e) => e.action)).toEqual(['user.role_changed', 'user.password_changed', 'user.disabled', 'user.updated']);
    expect(all[0]!.detail).toEqual({ from: 'technician', to: 'admin' });
    expect(JSON.stringify(all)).not.toContain('secret-secret');
    expect(userChangeAudits({ ...before, disabled: true }, { disabled: false }).map((e) => e.action)).toEqual(['user.enabled']);
  });
});

describe('GET /api/v1/audit', () => {
  let t: TestContext;
  let admin: Record<string, string>;
  const page = async (query: string) => {
    const res = await t.json('GET', `/api/v1/audit${query}`, undefined, admin);
    expect(res.status).toBe(200);
    return auditPageSchema.parse(await res.json());
  };
  const actions = (items: AuditEntry[]) => items.map((e) => e.action);

  beforeAll(async () => {
    t = await setupTestApp();
    admin = await t.as('admin');
    await t.json('POST', '/api/v1/auth/login', { username: 'admin', password: 'admin-password-typo' }, { 'x-test-peer': '198.51.100.9' });
    const created = (await (await t.json('POST', '/api/v1/users', { username: 'tess', password: 'tess-password', role: 'technician' }, admin)).json()) as { id: number };
    await t.json('PATCH', `/api/v1/users/${created.id}`, { role: 'admin', password: 'another-password' }, admin);
    await t.json('PATCH', `/api/v1/users/${created.id}`, { disabled: true }, admin);
    await t.json('PATCH', `/api/v1/users/${created.id}`, { disabled: false }, admin);
    await t.json('PUT', '/api/v1/settings/helpdesk', { autoCloseDays: 3 }, admin);
    await t.json('PUT', '/api/v1/settings/legacy-inventory', { enabled: true, allowedCidrs: ['10.0.0.0/8'] }, admin);
    const cat = (await (await t.json('POST', '/api/v1/ticket-categories', { name: 'Printers' }, admin)).json()) as { id: number };
    await t.json('DELETE', `/api/v1/ticket-categories/${cat.id}`, undefined, admin);
    const group = (await (await t.json('POST', '/api/v1/groups', { name: 'Level 2' }, admin)).json()) as { id: number };
    await t.json('DELETE', `/api/v1/groups/${group.id}`, undefined, admin);
    const session = (await (await t.json('POST', '/api/v1/auth/login', { username: 'tess', password: 'another-password' }, { 'x-test-peer': '192.0.2.44' })).json()) as { token: string };
    await t.json('POST', '/api/v1/auth/logout', undefined, { authorization: `Bearer ${session.token}`, 'x-test-peer': '192.0.2.44' });
  });

  it('records logins and failures (no password), user changes, settings and deletions, with actor and address', async () => {
    const { items } = await page('');
    const got = actions(items);
    for (const a of ['auth.login', 'auth.login_failed', 'auth.logout', 'user.created', 'user.role_changed', 'user.password_changed', 'user.disabled', 'user.enabled', 'settings.changed', 'deleted']) {
      expect(got).toContain(a);
    }
    expect(JSON.stringify(items)).not.toMatch(/password-typo|another-password|tess-password/);
    const failed = items.find((e) => e.action === 'auth.login_failed')!;
    expect(failed).toMatchObject({ address: '198.51.100.9', actor: { userId: null, username: 'admin' }, target: { type: 'user' }, detail: { reason: 'wrong_password' } });
    const deleted = items.filter((e) => e.action === 'deleted').map((e) => e.target);
    expect(deleted).toEqual([expect.objectContaining({ type: 'group', label: 'Level 2' }), expect.objectContaining({ type: 'category', label: 'Printers' })]);
    expect(items.find((e) => e.action === 'settings.changed' && e.target?.id === 'helpdesk')?.detail).toEqual({ changed: { autoCloseDays: 3 } });
  });

  it('filters by actions, actor, target, address and dates', async () => {
    expect(new Set(actions((await page('?action=auth.login,auth.logout')).items))).toEqual(new Set(['auth.login', 'auth.logout']));
    const tess = (await page('?actor=TESS')).items;
    expect(actions(tess).sort()).toEqual(['auth.login', 'auth.logout']);
    expect(tess.every((e) => e.address === '192.0.2.44')).toBe(true);
    expect((await page('?address=198.51.100.9')).items.every((e) => e.address === '198.51.100.9')).toBe(true);
    const tessId = tess[0]!.actor.userId!;
    expect(actions((await page(`?targetType=user&targetId=${tessId}&action=user.disabled`)).items)).toEqual(['user.disabled']);
    expect((await page('?until=2000-01-01')).items).toEqual([]);
    expect((await page('?since=2000-01-01')).items.length).toBeGreaterThan(10);
  });

  it('pages by keyset: every entry exactly once, newest first', async () => {
    const all = (await page('?limit=500')).items;
    const seen: number[] = [];
    let before: number | null = null;
    do {
      const p = await page(`?limit=3${before ? `&before=${before}` : ''}`);
      seen.push(...p.items.map((e) => e.id));
      before = p.nextBefore;
    } while (before !== null);
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it('bad filters are 400 naming the field; non-admins are refused', async () => {
    for (const [q, field] of [['?action=auth.nope', 'action'], ['?since=yesterday', 'since'], ['?limit=0', 'limit'], ['?since=2026-02-01&until=2026-01-01', 'until'], ['?before=99999999999', 'before']]) {
      const res = await t.json('GET', `/api/v1/audit${q}`, undefined, admin);
      expect({ q, status: res.status, field: ((await res.json()) as { error: { field?: string } }).error.field }).toEqual({ q, status: 400, field });
    }
    expect((await t.json('GET', '/api/v1/audit', undefined, await t.as('technician'))).status).toBe(403);
  });

  it('exports CSV with the same filters; a formula typed as a username is neutralised', async () => {
    await t.json('POST', '/api/v1/auth/login', { username: '=HYPERLINK("http://evil.example","x")', password: 'whatever' }, { 'x-test-peer': '198.51.100.77' });
    const res = await t.json('GET', '/api/v1/audit.csv?action=auth.login_failed&address=198.51.100.77', undefined, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,action,actor_user_id,actor_username,actor_agent_id,address,target_type,target_id,target_label,detail');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(lines[1]).toContain('auth.login_failed');
    expect((await t.json('GET', '/api/v1/audit.csv?action=nope', undefined, admin)).status).toBe(400);
  });

  it('every action has a label in both languages of the web client', async () => {
    const { AUDIT_ACTION_LABELS } = await import('../../src/ui/client/views/admin/audit-labels.js');
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });
});
