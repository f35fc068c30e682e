import { beforeEach, describe, expect, it } from 'vitest';
import { jsonDepth } from '../../src/platform/http/json-text.js';
import { findBadText, stripNul } from '../../src/platform/http/nul.js';
import { makeInventory } from '../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

// Issue 10: a request must not stall the server, a page of another origin must not write with the
// admin's cookie, and odd text is a 400 (or cleaned, for machine-collected inventories), never a 500.

type ErrorBody = { error: { code: string; field?: string; message: string } };
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('jsonDepth and text checks (pure)', () => {
  it('counts nesting linearly and ignores brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[[["}]}')).toBe(3);
    expect(jsonDepth('"\\"[["')).toBe(0);
    expect(jsonDepth(deep(100_000))).toBe(100_000);
  });

  it('names the field holding an unpaired surrogate, and cleans it in inventories', () => {
    expect(findBadText({ a: ['ok', { b: 'x\uD800y' }] })).toEqual({ path: 'a.1.b', reason: expect.stringContaining('Unicode') });
    expect(findBadText({ a: 'x\u0000' })).toEqual({ path: 'a', reason: expect.stringContaining('NUL') });
    expect(findBadText({ emoji: '\uD83D\uDE00' })).toBeUndefined();
    expect(stripNul({ n: 'a\uDC00b\u0000' })).toEqual({ n: 'a\uFFFDb' });
  });
});

describe('HTTP hardening', () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await setupTestApp();
  });

  it('a large JSON body to login is a 413 before it is read (inventories keep their own large limit)', async () => {
    const big = JSON.stringify({ username: 'x', password: 'y', pad: Array.from({ length: 600_000 }, () => 1) });
    expect(big.length).toBeGreaterThan(t.config.PARC_MAX_JSON_BYTES);
    const res = await t.json('POST', '/api/v1/auth/login', big);
    expect(res.status).toBe(413);
    const { agentKey } = await t.enrollAgent('big-one');
    const inv = makeInventory({ hostname: 'big-one', packages: 9000 });
    expect(JSON.stringify(inv).length).toBeGreaterThan(t.config.PARC_MAX_JSON_BYTES);
    expect((await t.upload(agentKey, inv)).status).toBe(200);
  });

  it('10,000-deep JSON is a 400 naming the body, on API routes and on inventory uploads', async () => {
    const res = await t.json('POST', '/api/v1/auth/login', deep(10_000));
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.field).toBe('body');
    const { agentKey } = await t.enrollAgent('deep-one');
    const up = await t.app.request('/api/v1/agent/inventory', {
      method: 'POST',
      headers: { authorization: `Bearer ${agentKey}`, 'content-type': 'application/json' },
      body: `{"schemaVersion":1,"x":${deep(10_000)}}`,
    });
    expect(up.status).toBe(400);
    expect(((await up.json()) as ErrorBody).error.message).toContain('deeper than');
  });

  it('a body not declared as JSON is a 415 (a text/plain form post cannot pass for an API call)', async () => {
    const admin = await t.as('admin');
    const res = await t.app.request('/api/v1/users', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'text/plain' },
      body: JSON.stringify({ username: 'mallory', password: 'mallory-password', role: 'admin' }),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: 'unsupported_media_type', field: 'Content-Type' });
    const users = (await (await t.json('GET', '/api/v1/users', undefined, admin)).json()) as { items: { username: string }[] };
    expect(users.items.map((u) => u.username)).not.toContain('mallory');
  });

  describe('cookie sessions and other origins (CSRF)', () => {
    const body = JSON.stringify({ username: 'mallory', password: 'mallory-password', role: 'admin' });
    let cookie: string;
    beforeEach(async () => {
      await t.as('admin');
      const login = await t.json('POST', '/api/v1/auth/login', { username: 'admin', password: 'admin-password' });
      const setCookie = login.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/SameSite=Strict/i);
      cookie = setCookie.split(';')[0]!;
    });
    const post = (headers: Record<string, string>) =>
      t.app.request('http://localhost:8080/api/v1/users', { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body });

    it('refuses a cookie-authenticated write from another port or site, and stores nothing', async () => {
      for (const origin of ['http://localhost:9999', 'http://evil.example', 'null']) {
        const res = await post({ origin });
        expect(res.status, origin).toBe(403);
        expect(((await res.json()) as ErrorBody).error.code).toBe('csrf_refused');
      }
      expect((await post({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
      const admin = await t.as('admin');
      const users = (await (await t.json('GET', '/api/v1/users', undefined, admin)).json()) as { items: { username: string }[] };
      expect(users.items.map((u) => u.username)).not.toContain('mallory');
    });

    it('accepts the same origin, the public URL, and reads from anywhere', async () => {
      expect((await post({ origin: 'http://localhost:8080' })).status).toBe(201);
      const read = await t.app.request('http://localhost:8080/api/v1/me', { headers: { cookie, origin: 'http://evil.example' } });
      expect(read.status).toBe(200);
    });

    it('leaves bearer tokens alone: scripts send no Origin of a page', async () => {
      const admin = await t.as('admin');
      const res = await t.app.request('http://localhost:8080/api/v1/users', {
        method: 'POST',
        headers: { ...admin, origin: 'http://evil.example', 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(201);
    });
  });

  it('public URL behind a proxy: its origin is accepted for cookie writes', async () => {
    const p = await setupTestApp({ PARC_PUBLIC_URL: 'https://parc.example.org' });
    await p.as('admin');
    const login = await p.json('POST', '/api/v1/auth/login', { username: 'admin', password: 'admin-password' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const res = await p.app.request('http://10.0.0.5:8080/api/v1/users', {
      method: 'POST',
      headers: { cookie, origin: 'https://parc.example.org', 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bob', password: 'bob-password', role: 'technician' }),
    });
    expect(res.status).toBe(201);
  });

  it('security headers on every response; the API reference runs under a CSP without inline script', async () => {
    for (const path of ['/healthz', '/api/v1/me', '/no/such/route', '/api/openapi.json']) {
      const res = await t.app.request(path);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
    const docs = await t.app.request('/api/docs');
    const csp = docs.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await docs.text();
    expect(html).not.toMatch(/<script>[^<]/);
    expect(html).toContain('src="/api/docs/reference.js"');
    const script = await t.app.request('/api/docs/reference.js');
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain('/api/openapi.json');
  });

  it('an unpaired surrogate is a 400 naming the field in a ticket, and cleaned in an inventory', async () => {
    const requester = await t.as('requester', 'alice');
    const res = await t.json('POST', '/api/v1/tickets', { title: 'broken \uD800 title', description: 'x' }, requester);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.field).toBe('title');
    const { agentKey } = await t.enrollAgent('odd-names');
    const inv = makeInventory({ hostname: 'odd-names', packages: 3 });
    inv.software[0]!.name = 'pkg-\uDC00-odd';
    const up = await t.upload(agentKey, inv);
    expect(up.status).toBe(200);
  });
});
