import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, HAVE_CHROMIUM, startHarness, type Harness } from './harness.js';

/**
 * The Agents page and token revocation in Chromium: an admin finds agents by state, asks one for a new key,
 * revokes another, then revokes the enrollment token together with its remaining agent, the confirmation
 * naming how many agents that is.
 */
const ADMIN_PASSWORD = 'browser-agents-test-pw';
const POLL = { timeout: 10_000 };

let t: Harness | undefined;
let token: string;
const agents: Record<string, { agentId: string; agentKey: string }> = {};

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(t!.shotsDir, `${name}.png`), fullPage: true });

describe.skipIf(!HAVE_CHROMIUM)(`agents web UI in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is absent; install it with apt-get install chromium)`}`, () => {
  beforeAll(async () => {
    t = await startHarness({ adminPassword: ADMIN_PASSWORD, name: 'ui_agents' });
    ({ token } = await t.api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD }));
    const enrollment = await t.api<{ token: string }>('POST', '/api/v1/enrollment-tokens', { description: 'Browser lab' }, token);
    for (const hostname of ['ws-alpha', 'ws-beta', 'ws-gamma']) {
      agents[hostname] = await t.api('POST', '/api/v1/agent/enroll', { enrollmentToken: enrollment.token, hostname });
    }
    // Two of them report; ws-gamma never does.
    for (const hostname of ['ws-alpha', 'ws-beta']) {
      const a = agents[hostname]!;
      await t.api('POST', '/api/v1/agent/inventory', { schemaVersion: 1, agentId: a.agentId, collectedAt: new Date().toISOString(), hostname, users: [] }, a.agentKey);
    }
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  });

  it('lists and filters agents, re-keys one, revokes one, then revokes the token with its agents', { timeout: 90_000 }, async () => {
    const page = t!.context.pages()[0] ?? (await t!.context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
    });
    const status = () => page.getByRole('status').first().textContent();
    const row = (hostname: string) => page.locator('tr', { hasText: hostname });

    await page.goto(t!.baseUrl);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fleet' }).waitFor(); // an admin lands on the fleet home

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Agents', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Agents' }).waitFor();
    await expect.poll(() => page.locator('tbody tr').count(), POLL).toBe(3);
    expect(await row('ws-gamma').textContent()).toContain('never reported');
    expect(await row('ws-alpha').textContent()).toContain('Browser lab');
    // The device link leads to the machine's page.
    expect(await row('ws-alpha').getByRole('link', { name: 'ws-alpha' }).getAttribute('href')).toMatch(/^#\/devices\/\d+$/);

    // Filter by state, then by name; the filters live in the URL.
    const filters = page.getByRole('search', { name: 'Filter agents' });
    await filters.getByLabel('State').selectOption({ label: 'never reported' });
    await filters.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('tbody tr').count(), POLL).toBe(1);
    expect(page.url()).toContain('state=never_contacted');
    await filters.getByRole('link', { name: 'Reset' }).click();
    // The page re-renders its form once the unfiltered list arrives; typing before that would be lost.
    await expect.poll(() => page.locator('tbody tr').count(), POLL).toBe(3);
    await page.getByRole('search', { name: 'Filter agents' }).getByLabel('Search').fill('beta');
    await page.getByRole('search', { name: 'Filter agents' }).getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('tbody tr').count(), POLL).toBe(1);
    await page.getByRole('search', { name: 'Filter agents' }).getByRole('link', { name: 'Reset' }).click();
    await expect.poll(() => page.locator('tbody tr').count(), POLL).toBe(3);

    // Re-key ws-alpha: confirmed, then shown as pending; its next upload is told to rotate.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Ask the agent of ws-alpha for a new key' }).click();
    await expect.poll(status, POLL).toContain('will change its key');
    await expect.poll(() => row('ws-alpha').textContent(), POLL).toContain('re-key pending');
    const alpha = agents['ws-alpha']!;
    const refused = await fetch(`${t!.baseUrl}/api/v1/agent/inventory`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${alpha.agentKey}` }, body: '{}' });
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rekey_required');

    // Revoke ws-beta; dismissing the confirmation changes nothing.
    page.once('dialog', (d) => void d.dismiss());
    await page.getByRole('button', { name: 'Revoke the agent of ws-beta' }).click();
    expect(await row('ws-beta').textContent()).not.toContain('revoked');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke the agent of ws-beta' }).click();
    await expect.poll(status, POLL).toContain('is revoked');
    await expect.poll(() => row('ws-beta').textContent(), POLL).toContain('revoked');
    expect(await row('ws-beta').getByRole('button').count()).toBe(0);
    await shot(page, 'agents-1-list');

    // The token: 2 active agents left (alpha pending, gamma); revoking it asks about them, with the number.
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Enrollment tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enrollment tokens' }).waitFor();
    expect(await row('Browser lab').textContent()).toContain('2 agents');
    // The count links to that token's agents.
    expect(await row('Browser lab').getByRole('link', { name: '2 agents' }).getAttribute('href')).toMatch(/^#\/admin\/agents\?tokenId=\d+$/);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await row('Browser lab').getByRole('button', { name: /^Revoke token/ }).click();
    await expect.poll(() => row('Browser lab').textContent(), POLL).toContain('revoked');
    expect(dialogs).toHaveLength(2);
    expect(dialogs[1]).toContain('Also revoke the 2 agents enrolled with this token?');

    await page.goto(`${t!.baseUrl}/#/admin/agents`);
    await page.getByRole('heading', { level: 1, name: 'Agents' }).waitFor();
    await expect.poll(async () => (await page.locator('tbody tr').allTextContents()).every((r) => r.includes('revoked')), POLL).toBe(true);
    await shot(page, 'agents-2-all-revoked');
    expect(pageErrors).toEqual([]);
  });
});
