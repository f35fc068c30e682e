import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInventory } from '../../server/test/helpers/inventory-factory.js';
import { CHROMIUM, HAVE_CHROMIUM, startHarness, type Harness } from './harness.js';

/**
 * The asset register in Chromium: an admin registers a monitor from the devices list, lands on its page
 * (type, source, not attached), is told with a link when a second registration repeats its serial; a
 * computer an agent reports lists the monitor it saw as a peripheral, whose page links back.
 */
const ADMIN_PASSWORD = 'browser-assets-admin-pw';
const POLL = { timeout: 10_000 };

let h: Harness | undefined;
let pcId = 0;

async function seed(): Promise<void> {
  const api = h!.api.bind(h);
  const { token } = await api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  const enrollment = await api<{ token: string }>('POST', '/api/v1/enrollment-tokens', { description: 'assets test' }, token);
  const agent = await api<{ agentId: string; agentKey: string }>('POST', '/api/v1/agent/enroll', { enrollmentToken: enrollment.token, hostname: 'ws-desk-12' });
  const inv = { ...makeInventory({ agentId: agent.agentId, hostname: 'ws-desk-12', seed: 12, packages: 3 }), monitors: [{ vendor: 'DEL', model: 'DELL P2419H', serial: 'CN0DESK12' }] };
  ({ deviceId: pcId } = await api<{ deviceId: number }>('POST', '/api/v1/agent/inventory', inv, agent.agentKey));
}

describe.skipIf(!HAVE_CHROMIUM)(`asset register in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is absent)`}`, () => {
  beforeAll(async () => {
    h = await startHarness({ adminPassword: ADMIN_PASSWORD, name: 'ui-assets' });
    await seed();
  }, 90_000);

  afterAll(async () => {
    await h?.close();
  });

  it('registers a monitor, refuses its twin with a link, and shows a computer\'s peripherals', { timeout: 90_000 }, async () => {
    const page: Page = h!.context.pages()[0] ?? (await h!.context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/401|409/.test(m.text())) pageErrors.push(m.text());
    });

    await page.goto(h!.baseUrl);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fleet' }).waitFor();
    await page.goto(`${h!.baseUrl}/#/devices`);
    await page.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
    await page.getByRole('link', { name: 'Register an asset' }).click();
    await page.getByRole('heading', { level: 1, name: 'Register an asset' }).waitFor();

    await page.getByLabel('Type').selectOption('monitor');
    await page.getByLabel('Name').fill('Meeting room screen');
    await page.getByLabel('Manufacturer').fill('Samsung');
    await page.getByLabel('Serial number').fill('HNAX900123');
    await page.getByLabel('Asset tag').fill('INV-2044');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meeting room screen' }).waitFor(POLL);
    const asset = page.getByRole('region', { name: 'Asset' });
    expect(await asset.textContent()).toContain('Monitor');
    expect(await asset.textContent()).toContain('Registered by hand');
    expect(await asset.textContent()).toContain('Not attached');
    // No empty hardware or software blocks for an asset no agent inventories.
    expect(await page.getByRole('region', { name: /^Installed software/ }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Hardware' }).count()).toBe(0);
    const firstUrl = page.url();
    // Its identity is people's to edit (on a computer an agent reports, the inventory owns it).
    await asset.getByLabel('Name').fill('Boardroom screen');
    await asset.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Boardroom screen' }).waitFor(POLL);

    await page.goto(`${h!.baseUrl}/#/devices/new`);
    await page.getByRole('heading', { level: 1, name: 'Register an asset' }).waitFor();
    await page.getByLabel('Type').selectOption('monitor');
    await page.getByLabel('Name').fill('Same screen again');
    await page.getByLabel('Serial number').fill('hnax900123');
    await page.getByRole('button', { name: 'Register' }).click();
    const twin = page.getByRole('link', { name: /open asset #\d+/ });
    await twin.waitFor(POLL);
    expect(firstUrl.endsWith(String(await twin.getAttribute('href')))).toBe(true);

    await page.goto(`${h!.baseUrl}/#/devices/${pcId}`);
    const peripherals = page.getByRole('region', { name: 'Peripherals' });
    await peripherals.waitFor(POLL);
    await peripherals.getByRole('link', { name: 'DELL P2419H' }).click();
    await page.getByRole('heading', { level: 1, name: 'DELL P2419H' }).waitFor(POLL);
    expect(await page.getByRole('region', { name: 'Asset' }).textContent()).toContain('Reported by an agent (peripheral)');
    await page.getByRole('region', { name: 'Asset' }).getByRole('link', { name: 'ws-desk-12' }).waitFor(POLL);
    await page.goto(`${h!.baseUrl}/#/devices/${pcId}`);
    await page.getByRole('region', { name: 'Peripherals' }).waitFor(POLL);
    expect(await page.getByRole('region', { name: 'Asset' }).getByRole('button', { name: 'Save' }).count()).toBe(0);
    await page.goBack();
    // Until the monitor's page replaces the computer's, the history on screen is the computer's.
    await page.getByRole('heading', { level: 1, name: 'DELL P2419H' }).waitFor(POLL);
    await expect.poll(async () => page.getByRole('region', { name: 'Change history' }).first().textContent(), POLL).toContain('Reported by an agent');
    expect(pageErrors).toEqual([]);
  });
});
