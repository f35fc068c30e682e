import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, HAVE_CHROMIUM, startHarness, type Harness } from './harness.js';

/**
 * Personal API tokens and the audit log in Chromium: a technician creates a read-only inventory token in
 * their profile (shown once), it works for reads and is refused for writes, they revoke it; an admin
 * finds it all in the audit log, filters it, sees the token in the admin list, and reads the log in French.
 */
const ADMIN_PASSWORD = 'browser-audit-test-pw';
const POLL = { timeout: 10_000 };

let t: Harness | undefined;
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(t!.shotsDir, `${name}.png`), fullPage: true });

describe.skipIf(!HAVE_CHROMIUM)(`API tokens and audit log in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is absent)`}`, () => {
  beforeAll(async () => {
    t = await startHarness({ adminPassword: ADMIN_PASSWORD, name: 'ui-audit' });
    const { token } = await t.api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    await t.api('POST', '/api/v1/users', { username: 'tina', password: 'technician-pw-1', role: 'technician' }, token);
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  });

  it('a technician creates, uses and revokes a token; the admin audits it, filtered, in English and French', { timeout: 120_000 }, async () => {
    const page = t!.context.pages()[0] ?? (await t!.context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('401') && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
    });
    page.on('dialog', (d) => void d.accept());

    const logIn = async (username: string, password: string) => {
      await page.goto(`${t!.baseUrl}/#/login`);
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Log in' }).click();
      // Each role lands on its home page: the technician's queue, the admin's fleet.
      await page.getByRole('heading', { level: 1, name: username === 'tina' ? 'My queue' : 'Fleet' }).waitFor(POLL);
    };

    await logIn('tina', 'technician-pw-1');
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor(POLL);
    const form = page.getByRole('form', { name: 'Create a token' });
    // A technician is offered the areas of their role only.
    expect(await form.getByLabel('Administration').count()).toBe(0);
    await form.getByLabel('Name').fill('Nightly export');
    await form.getByLabel('Inventory').selectOption('read');
    await form.getByLabel('Expires after (days)').fill('30');
    await form.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('new-api-token').textContent({ timeout: 10_000 }))!;
    expect(secret).toMatch(/^parcpat_/);
    await shot(page, 'api-token-created');

    const call = (method: string, p: string, body?: unknown) =>
      fetch(`${t!.baseUrl}${p}`, { method, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => r.status);
    expect(await call('GET', '/api/v1/devices')).toBe(200);
    expect(await call('POST', '/api/v1/tickets', { title: 'x', description: 'y' })).toBe(403);
    expect(await call('GET', '/api/v1/tickets')).toBe(403);

    // Listed with its scope and its last use; the secret itself is never shown again.
    await page.reload();
    const row = page.locator('tbody tr', { hasText: 'Nightly export' });
    await row.waitFor(POLL);
    expect(await row.textContent()).toContain('Inventory: Read');
    expect(await row.textContent()).toContain('active');
    expect(await row.textContent()).not.toContain('Never');
    expect(await page.content()).not.toContain(secret);
    await row.getByRole('button', { name: 'Revoke token Nightly export' }).click();
    await page.locator('tbody tr', { hasText: 'revoked' }).waitFor(POLL);
    expect(await call('GET', '/api/v1/devices')).toBe(401);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Username').waitFor(POLL);

    // A failed login, then the admin reads the log.
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').waitFor(POLL);
    await logIn('admin', ADMIN_PASSWORD);
    await page.goto(`${t!.baseUrl}/#/admin/audit`);
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor(POLL);
    const log = page.locator('tbody');
    for (const label of ['API token created', 'API token revoked', 'Failed login', 'Logged in', 'Logged out']) await log.getByText(label).first().waitFor(POLL);
    await shot(page, 'audit-log');

    const filters = page.getByRole('search', { name: 'Filter the audit log' });
    await filters.getByLabel('Action').selectOption('api_token.created');
    await filters.getByLabel('By (username)').fill('tina');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/action=api_token\.created/);
    await page.locator('tbody tr').first().waitFor(POLL);
    const rows = await page.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Nightly export');
    expect(rows[0]).toContain('inventory:read');

    // The admins' list of everyone's tokens.
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor(POLL);
    const tokenRow = page.locator('tbody tr', { hasText: 'Nightly export' });
    await tokenRow.waitFor(POLL);
    expect(await tokenRow.textContent()).toContain('tina');

    // In French.
    await page.goto(`${t!.baseUrl}/#/admin/audit?action=auth.login_failed`);
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 1, name: 'Journal d’audit' }).waitFor(POLL);
    await page.locator('tbody').getByText('Connexion échouée').first().waitFor(POLL);
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor(POLL);
    expect(pageErrors).toEqual([]);
  });
});
