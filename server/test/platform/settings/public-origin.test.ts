import { describe, expect, it } from 'vitest';
import { PUBLIC_ORIGIN_MEMORY_MS, rememberPublicOrigin, rememberedPublicOrigin } from '../../../src/platform/settings/public-origin.js';
import { saveSetting } from '../../../src/platform/settings/settings.repository.js';
import { setupTestApp } from '../../helpers/test-app.js';

/**
 * Without PARC_PUBLIC_URL, the address a signed-in admin or technician opens the app at is remembered
 * for the links in notification emails; requesters and anonymous visitors never set it, and a
 * configured PARC_PUBLIC_URL is never overridden.
 */
describe('the public address for email links', () => {
  it('is remembered from staff opening the app, not from others', { timeout: 180_000 }, async () => {
    const t = await setupTestApp();
    const open = async (url: string, headers: Record<string, string> = {}) => (await t.app.request(url, { headers })).status;
    expect(await open('http://anyone.example/')).toBe(200);
    expect(await open('http://requester.example/', await t.as('requester'))).toBe(200);
    expect(await rememberedPublicOrigin(t.db)).toBeUndefined();
    expect(await open('http://parc.corp.example:8080/', await t.as('technician'))).toBe(200);
    expect(await rememberedPublicOrigin(t.db)).toBe('http://parc.corp.example:8080');
    // Behind a TLS proxy, the https address.
    expect(await open('http://parc.corp.example/', { ...(await t.as('admin')), 'x-forwarded-proto': 'https' })).toBe(200);
    expect(await rememberedPublicOrigin(t.db)).toBe('https://parc.corp.example');
  });

  it('is left alone when PARC_PUBLIC_URL is set', { timeout: 180_000 }, async () => {
    const t = await setupTestApp({ PARC_PUBLIC_URL: 'https://parc.example.org' });
    expect((await t.app.request('http://elsewhere.example/', { headers: await t.as('admin') })).status).toBe(200);
    expect(await rememberedPublicOrigin(t.db)).toBeUndefined();
  });

  it('is written again when another server process stored a different address meanwhile', { timeout: 180_000 }, async () => {
    const t = await setupTestApp();
    const at = new Date('2026-12-01T10:00:00Z');
    await rememberPublicOrigin(t.db, 'https://a.example', at);
    // Another process (same database, its own memory) stores its address.
    await saveSetting(t.db, 'public-origin', { url: 'https://b.example' }, at);
    // Within the memory window this process trusts what it wrote; after it, it checks and writes again.
    await rememberPublicOrigin(t.db, 'https://a.example', new Date(at.getTime() + 1_000));
    expect(await rememberedPublicOrigin(t.db)).toBe('https://b.example');
    await rememberPublicOrigin(t.db, 'https://a.example', new Date(at.getTime() + PUBLIC_ORIGIN_MEMORY_MS));
    expect(await rememberedPublicOrigin(t.db)).toBe('https://a.example');
  });
});
