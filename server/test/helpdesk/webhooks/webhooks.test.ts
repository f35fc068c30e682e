import { beforeEach, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';
import { call, roles, type ErrorBody } from '../admin-helpers.js';

let t: TestContext;
let h: Awaited<ReturnType<typeof roles>>;
beforeEach(async () => {
  t = await setupTestApp();
  h = await roles(t);
});

type Hook = { id: number; url: string; events: string[]; hasSecret: boolean; active: boolean; createdAt: string };
const SECRET = 'a-shared-secret-of-some-length';

describe('webhooks API', () => {
  it('creates, reads, lists, updates and deletes, never returning the secret', async () => {
    const created = await t.json('POST', '/api/v1/webhooks', { url: 'https://hooks.example.org/parc', events: ['ticket.solved', 'ticket.created', 'ticket.created'], secret: SECRET }, h.admin);
    expect(created.status).toBe(201);
    const text = await created.text();
    expect(text).not.toContain(SECRET);
    const hook = JSON.parse(text) as Hook;
    expect(hook).toMatchObject({ url: 'https://hooks.example.org/parc', events: ['ticket.created', 'ticket.solved'], hasSecret: true, active: true });
    expect(Object.keys(hook).sort()).toEqual(['active', 'createdAt', 'events', 'hasSecret', 'id', 'url']);
    const stored = await t.db.selectFrom('webhooks').select(['secret', 'events']).executeTakeFirstOrThrow();
    expect(stored).toEqual({ secret: SECRET, events: ['ticket.created', 'ticket.solved'] });

    const plain = await call<Hook>(t, 'POST', '/api/v1/webhooks', { url: 'http://10.0.0.5:8080/in', events: ['ticket.sla-at-risk'], active: false }, h.admin, 201);
    expect(plain).toMatchObject({ hasSecret: false, active: false });
    const list = await t.json('GET', '/api/v1/webhooks', undefined, h.admin);
    const listText = await list.text();
    expect(listText).not.toContain(SECRET);
    expect((JSON.parse(listText) as { items: Hook[] }).items.map((x) => x.id)).toEqual([hook.id, plain.id]);

    let patched = await call<Hook>(t, 'PATCH', `/api/v1/webhooks/${hook.id}`, { events: ['ticket.followup'], active: false }, h.admin, 200);
    expect(patched).toMatchObject({ events: ['ticket.followup'], active: false, hasSecret: true });
    patched = await call<Hook>(t, 'PATCH', `/api/v1/webhooks/${hook.id}`, { secret: null }, h.admin, 200);
    expect(patched.hasSecret).toBe(false);
    patched = await call<Hook>(t, 'PATCH', `/api/v1/webhooks/${plain.id}`, { secret: 'another-secret-0123456789' }, h.admin, 200);
    expect(patched.hasSecret).toBe(true);
    expect(await call(t, 'GET', `/api/v1/webhooks/${plain.id}`, undefined, h.admin, 200)).toEqual(patched);

    await call(t, 'DELETE', `/api/v1/webhooks/${hook.id}`, undefined, h.admin, 204);
    await call(t, 'GET', `/api/v1/webhooks/${hook.id}`, undefined, h.admin, 404);
  });

  it('validates url, events and secret, naming the field, and stores nothing', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const e = await call<ErrorBody>(t, 'POST', '/api/v1/webhooks', { url: 'https://h.example.org/x', events: ['ticket.created'], ...body }, h.admin, 400);
      expect(e.error.field, JSON.stringify(body)).toBe(field);
      return e;
    };
    await bad({ url: 'ftp://h.example.org/x' }, 'url');
    await bad({ url: 'javascript:alert(1)' }, 'url');
    await bad({ url: '/relative' }, 'url');
    expect((await bad({ url: 'https://user:pw@h.example.org/x' }, 'url')).error.message).toContain('secret');
    await bad({ url: undefined }, 'url');
    await bad({ events: [] }, 'events');
    await bad({ events: ['ticket.deleted'] }, 'events.0');
    await bad({ events: 'ticket.created' }, 'events');
    await bad({ secret: 'short' }, 'secret');
    await bad({ active: 'yes' }, 'active');
    expect(await t.db.selectFrom('webhooks').select('id').execute()).toEqual([]);
    const hook = await call<Hook>(t, 'POST', '/api/v1/webhooks', { url: 'https://h.example.org/x', events: ['ticket.created'] }, h.admin, 201);
    const e = await call<ErrorBody>(t, 'PATCH', `/api/v1/webhooks/${hook.id}`, { url: 'mailto:x@example.org' }, h.admin, 400);
    expect(e.error.field).toBe('url');
    await call(t, 'PATCH', `/api/v1/webhooks/${hook.id}`, {}, h.admin, 400);
  });

  it('refuses a second webhook for the same URL with 409', async () => {
    await call(t, 'POST', '/api/v1/webhooks', { url: 'https://h.example.org/x', events: ['ticket.created'] }, h.admin, 201);
    const other = await call<Hook>(t, 'POST', '/api/v1/webhooks', { url: 'https://h.example.org/y', events: ['ticket.created'] }, h.admin, 201);
    // The same URL written differently (host case) is the same endpoint.
    expect((await call<ErrorBody>(t, 'POST', '/api/v1/webhooks', { url: 'https://H.EXAMPLE.ORG/x', events: ['ticket.solved'] }, h.admin, 409)).error.field).toBe('url');
    await call(t, 'PATCH', `/api/v1/webhooks/${other.id}`, { url: 'https://h.example.org/x' }, h.admin, 409);
  });

  it('is for admins only and answers 404 for unknown ids', async () => {
    const hook = await call<Hook>(t, 'POST', '/api/v1/webhooks', { url: 'https://h.example.org/x', events: ['ticket.created'] }, h.admin, 201);
    for (const who of [h.tech, h.lm, h.requester]) {
      await call(t, 'GET', '/api/v1/webhooks', undefined, who, 403);
      await call(t, 'POST', '/api/v1/webhooks', { url: 'https://h.example.org/z', events: ['ticket.created'] }, who, 403);
      await call(t, 'PATCH', `/api/v1/webhooks/${hook.id}`, { active: false }, who, 403);
      await call(t, 'DELETE', `/api/v1/webhooks/${hook.id}`, undefined, who, 403);
    }
    await call(t, 'GET', '/api/v1/webhooks/999', undefined, h.admin, 404);
    await call(t, 'PATCH', '/api/v1/webhooks/999', { active: false }, h.admin, 404);
    await call(t, 'DELETE', '/api/v1/webhooks/999', undefined, h.admin, 404);
  });
});
