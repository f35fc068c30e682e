import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../helpers/test-app.js';

describe('web UI routes', () => {
  it('GET / serves the app shell with a strict CSP and no inline script or style', async () => {
    const t = await setupTestApp({ PARC_PUBLIC_URL: 'https://parc.example.org/' });
    const res = await t.app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    const version = html.match(/\/ui\/app\.js\?v=([0-9a-f]{16})/)?.[1];
    expect(version).toBeDefined();
    expect(html).toContain(`/ui/app.css?v=${version}`);
    // Every <script> has a src; no <style> element, no inline handlers.
    expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g)).toBeNull();
    expect(html).not.toMatch(/<style|\son[a-z]+=/i);
    expect(html).toContain('<meta name="parc-public-url" content="https://parc.example.org">');
  });

  it('serves the bundle: immutable under its hash, revalidated otherwise, 304 on a matching ETag', async () => {
    const t = await setupTestApp();
    const html = await (await t.app.request('/')).text();
    const version = html.match(/\?v=([0-9a-f]{16})/)![1]!;

    const js = await t.app.request(`/ui/app.js?v=${version}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('etag')).toBe(`"${version}"`);
    const code = await js.text();
    expect(code.length).toBeGreaterThan(1000);
    // One self-contained browser module (nothing left to resolve at run time), and no innerHTML.
    expect(code).not.toMatch(/\brequire\(|^import\b/m);
    expect(code).not.toContain('innerHTML');

    const stale = await t.app.request('/ui/app.js?v=0000000000000000');
    expect(stale.headers.get('cache-control')).toBe('no-cache');

    const css = await t.app.request('/ui/app.css', { headers: { 'if-none-match': `"${version}"` } });
    expect(css.status).toBe(304);
    const cssFull = await t.app.request(`/ui/app.css?v=${version}`);
    expect(cssFull.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await cssFull.text()).toContain('.badge');
  });

  it('keeps the API reference at /api/docs', async () => {
    const t = await setupTestApp();
    const res = await t.app.request('/api/docs');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Parc API reference');
  });
});
