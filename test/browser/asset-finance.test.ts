import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInventory } from '../../server/test/helpers/inventory-factory.js';
import { CHROMIUM, HAVE_CHROMIUM, startHarness, type Harness } from './harness.js';

/**
 * The asset page's finance and maintenance in Chromium: a technician sets an asset's purchase, warranty
 * and linear depreciation, sees its current value and the warranty badge ("ends in 20 days"), logs an
 * intervention and finds it in the list and in the asset's history.
 */
const ADMIN_PASSWORD = 'browser-finance-admin-pw';
const TECH_PASSWORD = 'finance-technician-pw-1';
const HOST = 'ws-fin-01.corp.example';
const WAIT = { timeout: 30_000 };
const POLL = { timeout: 30_000 };

let t: Harness | undefined;
let deviceId = 0;
const api = <T>(method: string, p: string, body?: unknown, token?: string) => t!.api<T>(method, p, body, token);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(t!.shotsDir, `${name}.png`), fullPage: true });

/** The warranty started 12 months before a day 20 days from now: it ends in 20 days; 11 whole months have passed. */
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const endsOn = day(Date.now() + 20 * 86_400_000);
const start = `${Number(endsOn.slice(0, 4)) - 1}${endsOn.slice(4)}`;

describe.skipIf(!HAVE_CHROMIUM)(`asset finance web UI in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is absent)`}`, () => {
  beforeAll(async () => {
    t = await startHarness({ adminPassword: ADMIN_PASSWORD, name: 'ui-asset-finance' });
    const { token } = await api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    await api('POST', '/api/v1/users', { username: 'tess', password: TECH_PASSWORD, role: 'technician', displayName: 'Tess Tech' }, token);
    const enrollment = await api<{ token: string }>('POST', '/api/v1/enrollment-tokens', { description: 'finance browser test' }, token);
    const agent = await api<{ agentId: string; agentKey: string }>('POST', '/api/v1/agent/enroll', { enrollmentToken: enrollment.token, hostname: HOST });
    const r = await api<{ deviceId: number }>('POST', '/api/v1/agent/inventory', makeInventory({ agentId: agent.agentId, hostname: HOST, seed: 7, packages: 3 }), agent.agentKey);
    deviceId = r.deviceId;
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('a technician sets finance and warranty, sees the value and the badge, logs an intervention and sees it in the history', { timeout: 180_000 }, async () => {
    const page = t!.context.pages()[0] ?? (await t!.context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
    });
    await page.goto(t!.baseUrl, { timeout: 60_000 });
    await page.getByLabel('Username').waitFor(WAIT);
    await page.getByLabel('Username').fill('tess');
    await page.getByLabel('Password').fill(TECH_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor(WAIT);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contracts' }).count()).toBe(1);

    await page.goto(`${t!.baseUrl}/#/devices/${deviceId}`);
    await page.getByRole('heading', { level: 1, name: HOST }).waitFor(WAIT);
    const finance = page.getByRole('form', { name: 'Finance and warranty' });
    await finance.waitFor(WAIT);
    await finance.getByLabel('Purchase date').fill(start);
    await finance.getByLabel('Supplier').fill('Acme Hardware');
    await finance.getByLabel('Cost').fill('1200');
    await finance.getByLabel('Currency').fill('EUR');
    await finance.getByLabel('Warranty (months)').fill('12');
    await finance.getByLabel('Depreciation', { exact: true }).selectOption('linear');
    await finance.getByLabel('Depreciation period (months)').fill('36');
    await finance.getByRole('button', { name: 'Save' }).click();

    const section = page.locator('section.device-finance');
    await expect.poll(() => section.textContent(), POLL).toContain('Finance and warranty saved.');
    await expect.poll(() => section.locator('[data-warranty]').textContent(), POLL).toBe('Ends in 20 days');
    expect(await section.locator('[data-warranty]').getAttribute('data-warranty')).toBe('expiring');
    // 11 whole months of 36 gone: 1200 × 25/36 = 833.33.
    expect(await section.locator('.current-value').textContent()).toContain('833.33');
    await shot(page, '1-finance');

    const interventions = page.locator('section.device-interventions');
    const form = interventions.getByRole('form', { name: 'Log an intervention' });
    await form.getByLabel('Done by').fill('Acme field service');
    await form.getByLabel('What was done').fill('Replaced the keyboard');
    await form.getByLabel('Cost').fill('45');
    await form.getByLabel('Currency').fill('EUR');
    await form.getByRole('button', { name: 'Log it' }).click();

    // The page reloads the asset: the intervention is in its list and in its history.
    await expect.poll(() => page.locator('section.device-interventions tbody').textContent(), POLL).toContain('Replaced the keyboard');
    const history = page.getByRole('region', { name: 'Change history', exact: true });
    await expect.poll(() => history.textContent(), POLL).toContain('Replaced the keyboard');
    expect(await history.locator('tbody tr', { hasText: 'Intervention' }).count()).toBe(1);
    await shot(page, '2-intervention');
    expect(pageErrors).toEqual([]);
  });
});
