import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInventory } from '../../server/test/helpers/inventory-factory.js';
import { CHROMIUM, HAVE_CHROMIUM, startHarness, type Harness } from './harness.js';

/**
 * The licence manager's day in Chromium: log in and land on compliance, find the over-deployed product,
 * drill down to its devices (the ones beyond the owned seats marked), register the missing licences
 * through the form, and see the product compliant. The fleet is seeded through the API: three enrolled
 * devices whose agents report "Acme CAD", one licence owned.
 */
const ADMIN_PASSWORD = 'browser-licences-admin-pw';
const LM_PASSWORD = 'licence-manager-pw-1';
const PRODUCT = 'Acme CAD';
const HOSTS = ['ws-lic-01.corp.example', 'ws-lic-02.corp.example', 'ws-lic-03.corp.example'];
// Generous: the machine running the suite may be loaded, and the first screen waits for the bundle.
const POLL = { timeout: 30_000 };
const WAIT = { timeout: 30_000 };

let t: Harness | undefined;
const api = <T>(method: string, p: string, body?: unknown, token?: string) => t!.api<T>(method, p, body, token);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(t!.shotsDir, `${name}.png`), fullPage: true });

async function seedFleet(): Promise<void> {
  const { token } = await api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  await api('POST', '/api/v1/users', { username: 'lena', password: LM_PASSWORD, role: 'licence-manager', displayName: 'Lena Licences' }, token);
  const enrollment = await api<{ token: string }>('POST', '/api/v1/enrollment-tokens', { description: 'licences browser test' }, token);
  for (const [i, hostname] of HOSTS.entries()) {
    const agent = await api<{ agentId: string; agentKey: string }>('POST', '/api/v1/agent/enroll', { enrollmentToken: enrollment.token, hostname });
    const inventory = makeInventory({ agentId: agent.agentId, hostname, seed: 100 + i, packages: 5 });
    inventory.software.push({ name: PRODUCT, version: '2024.1', publisher: 'Acme Software', arch: 'amd64', source: 'deb', packageId: 'acme-cad' });
    const r = await api<{ status: string }>('POST', '/api/v1/agent/inventory', inventory, agent.agentKey);
    expect(r.status).toBe('created');
  }
  const found = await api<{ items: { id: number; name: string; installCount: number }[] }>('GET', `/api/v1/software?search=${encodeURIComponent(PRODUCT)}`, undefined, token);
  const product = found.items.find((p) => p.name === PRODUCT);
  expect(product?.installCount).toBe(3);
  await api('PATCH', `/api/v1/software/${product!.id}`, { licensable: true }, token);
  // One seat owned for three installations: over-deployed by two.
  await api('POST', '/api/v1/licences', { productId: product!.id, metric: 'device', quantity: 1, unitCost: 120, currency: 'EUR', vendor: 'Acme', reference: 'PO-2026-001' }, token);
}

describe.skipIf(!HAVE_CHROMIUM)(`licence manager web UI in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is absent; install it with apt-get install chromium)`}`, () => {
  beforeAll(async () => {
    t = await startHarness({ adminPassword: ADMIN_PASSWORD, name: 'ui-licences' });
    await seedFleet();
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('a licence manager finds an over-deployed product, drills down, registers the missing licences and sees it compliant', { timeout: 180_000 }, async () => {
    const page = t!.context.pages()[0] ?? (await t!.context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Console errors would include CSP violations (the chart is built with DOM APIs, never markup).
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
    });

    await page.goto(t!.baseUrl, { timeout: 60_000 });
    await page.getByLabel('Username').waitFor(WAIT);
    await page.getByLabel('Username').fill('lena');
    await page.getByLabel('Password').fill(LM_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();

    // Home is compliance, not tickets; the licence entries lead the navigation.
    await page.getByRole('heading', { level: 1, name: 'Compliance' }).waitFor(WAIT);
    expect(page.url()).toContain('#/compliance');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['Compliance', 'Licences', 'Software', 'Software rules']));
    expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(0);

    // The over-deployed product, first in the table, with its shortfall and true-up cost; the chart and its numbers.
    const summaryTable = page.getByRole('region', { name: /over-deployed first/ });
    const row = summaryTable.locator('tbody tr', { hasText: PRODUCT });
    await expect.poll(() => row.textContent(), POLL).toContain('Over-deployed');
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('240');
    expect(await page.getByTestId('over-deployed-count').textContent()).toContain('1 product is over-deployed');
    expect(await page.getByTestId('true-up').textContent()).toContain('240');
    expect(await page.getByRole('img', { name: /Installed versus owned per product/ }).count()).toBe(1);
    // The export runs in the page: busy while it downloads, then says how many rows it saved.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export as CSV' }).click();
    expect((await download).suggestedFilename()).toBe('compliance.csv');
    await expect.poll(() => page.locator('.notice-ok').first().textContent(), WAIT).toMatch(/^\d+ rows exported to compliance\.csv\.$/);
    expect(await page.getByRole('button', { name: 'Export as CSV' }).isDisabled()).toBe(false);
    await shot(page, '1-compliance');

    // Drill down: the three devices with their last user and state, two of them beyond the owned seat.
    await row.getByRole('link', { name: PRODUCT, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: PRODUCT }).waitFor(WAIT);
    const devices = page.getByRole('region', { name: '3 devices' });
    await devices.waitFor(WAIT);
    for (const host of HOSTS) expect(await devices.getByRole('link', { name: host }).count()).toBe(1);
    expect(await devices.locator('tbody tr', { hasText: 'alice' }).count()).toBe(3);
    expect(await devices.locator('tbody tr', { hasText: 'Beyond owned' }).count()).toBe(2);
    await shot(page, '2-drill-down');

    // Register the two missing licences: the form comes with the product and the quantity filled in.
    await page.getByRole('link', { name: 'Register 2 missing licences' }).click();
    await page.getByRole('heading', { level: 1, name: 'New licence' }).waitFor(WAIT);
    const form = page.getByRole('form', { name: 'New licence' });
    expect(await form.getByLabel('Product').locator('option:checked').textContent()).toContain(PRODUCT);
    expect(await form.getByLabel('Quantity').inputValue()).toBe('2');
    await form.getByLabel('Unit cost').fill('120');
    await form.getByLabel('Currency').fill('EUR');
    await form.getByLabel('Vendor').fill('Acme');
    await form.getByLabel('Reference').fill('PO-2026-002');
    await form.getByLabel('Expires on').fill('2030-12-31');
    await form.getByRole('button', { name: 'Create licence' }).click();

    // Back on the product: compliant, nothing beyond the owned seats.
    await page.getByRole('heading', { level: 1, name: PRODUCT }).waitFor(WAIT);
    await expect.poll(() => page.getByRole('status').first().textContent(), POLL).toContain(`Licence for ${PRODUCT} created.`);
    await expect.poll(() => page.locator('.kv').textContent(), POLL).toContain('Compliant');
    expect(await page.getByRole('region', { name: '3 devices' }).locator('tbody tr', { hasText: 'Beyond owned' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /Register .* missing/ }).count()).toBe(0);

    // And on the compliance page: no product over-deployed, nothing to true up.
    await page.getByRole('link', { name: '← Compliance' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compliance' }).waitFor(WAIT);
    await expect.poll(() => summaryTable.locator('tbody tr', { hasText: PRODUCT }).textContent(), POLL).toContain('Compliant');
    expect(await page.getByTestId('over-deployed-count').textContent()).toContain('No product is over-deployed');
    await shot(page, '3-compliant');

    // The licence list shows both licences.
    await nav.getByRole('link', { name: 'Licences' }).click();
    await page.getByRole('heading', { level: 1, name: 'Licences' }).waitFor(WAIT);
    await expect.poll(() => page.locator('tbody tr', { hasText: PRODUCT }).count(), POLL).toBe(2);

    expect(pageErrors).toEqual([]);
  });

  it('imports licences from a CSV after a preview with per-line errors, and previews a normalisation rule before saving it', { timeout: 180_000 }, async () => {
    const page = t!.context.pages()[0]!;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    // The root is the licence manager's home (still logged in from the first test).
    await page.goto(`${t!.baseUrl}/#/`, { timeout: 60_000 });
    await page.getByRole('heading', { level: 1, name: 'Compliance' }).waitFor(WAIT);

    await page.goto(`${t!.baseUrl}/#/licences/import`);
    await page.getByRole('heading', { level: 1, name: 'Import licences' }).waitFor(WAIT);
    const form = page.getByRole('form', { name: 'Licence CSV' });
    const bad = `product,metric,quantity,expiresOn\n${PRODUCT},device,5,2030-12-31\nNo Such Product,device,3,2030-12-31\n`;
    await form.getByLabel('Or paste the CSV').fill(bad);
    await form.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => page.getByTestId('import-summary').textContent(), POLL).toContain('1 row ready, 1 row with errors');
    const line3 = page.getByRole('region', { name: 'Rows as they would be imported' }).locator('tbody tr', { hasText: /^3/ });
    expect(await line3.textContent()).toMatch(/product/i);
    expect(await form.getByRole('button', { name: 'Import these licences' }).isHidden()).toBe(true);
    await form.getByLabel('Or paste the CSV').fill(`product,metric,quantity,expiresOn\n${PRODUCT},device,5,2030-12-31\n`);
    await form.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => page.getByTestId('import-summary').textContent(), POLL).toContain('1 row ready, 0 rows with errors');
    await form.getByRole('button', { name: 'Import these licences' }).click();
    await page.getByRole('heading', { level: 1, name: 'Licences' }).waitFor(WAIT);
    await expect.poll(() => page.getByRole('status').first().textContent(), POLL).toContain('1 licence imported');

    // A rule is previewed (what it would move, on how many devices) before it can be saved.
    await page.goto(`${t!.baseUrl}/#/software/rules`);
    await page.getByRole('heading', { level: 1, name: 'Normalisation rules' }).waitFor(WAIT);
    const rule = page.getByRole('form', { name: 'New rule' });
    await rule.getByLabel('Name', { exact: true }).fill('Acme');
    await rule.getByLabel('Name: how it compares').selectOption('prefix');
    await rule.getByLabel('Rename to').fill('Acme CAD Suite');
    expect(await rule.getByRole('button', { name: 'Save rule' }).isHidden()).toBe(true);
    await rule.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => page.getByTestId('rule-preview').textContent(), POLL).toContain('on 3 devices');
    await rule.getByRole('button', { name: 'Save rule' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), POLL).toContain('Rule 1 saved');
    await shot(page, '4-rules');

    expect(pageErrors).toEqual([]);
  });
});
