import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInventory } from '../../server/test/helpers/inventory-factory.js';
import { CHROMIUM, HAVE_CHROMIUM, startHarness, type Harness } from './harness.js';

/**
 * Location, state and assignment in Chromium: an admin builds a location tree in the administration,
 * places an asset in it from the asset page, checks it out to a person and back in, and the asset's
 * history words each change.
 */
const ADMIN_PASSWORD = 'browser-placement-admin-pw';
const POLL = { timeout: 10_000 };

let h: Harness | undefined;
let deviceId = 0;

describe.skipIf(!HAVE_CHROMIUM)(`location, state and assignment in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is absent)`}`, () => {
  beforeAll(async () => {
    h = await startHarness({ adminPassword: ADMIN_PASSWORD, name: 'ui-placement' });
    const api = h.api.bind(h);
    const { token } = await api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    await api('POST', '/api/v1/users', { username: 'lena', password: 'requester-pw-1', role: 'requester', displayName: 'Lena Laptop' }, token);
    const enrollment = await api<{ token: string }>('POST', '/api/v1/enrollment-tokens', { description: 'placement test' }, token);
    const agent = await api<{ agentId: string; agentKey: string }>('POST', '/api/v1/agent/enroll', { enrollmentToken: enrollment.token, hostname: 'ws-place' });
    ({ deviceId } = await api<{ deviceId: number }>('POST', '/api/v1/agent/inventory', makeInventory({ agentId: agent.agentId, hostname: 'ws-place', seed: 5, packages: 3 }), agent.agentKey));
  }, 90_000);

  afterAll(async () => {
    await h?.close();
  });

  it('an admin builds locations, places an asset, checks it out and in', { timeout: 90_000 }, async () => {
    const page: Page = h!.context.pages()[0] ?? (await h!.context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const status = () => page.getByRole('status').first().textContent();

    await page.goto(h!.baseUrl);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fleet' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Locations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Locations' }).waitFor();

    const site = page.getByRole('form', { name: 'Add a site' });
    await site.getByLabel('Name').fill('Paris');
    await site.getByRole('button', { name: 'Add' }).click();
    await expect.poll(status, POLL).toContain('Location Paris added');
    await page.getByRole('listitem').filter({ hasText: 'Paris' }).getByText('Add inside').click();
    const inside = page.getByRole('form', { name: 'Add a location in Paris' });
    expect(await inside.getByLabel('Kind').inputValue()).toBe('building');
    await inside.getByLabel('Name').fill('HQ');
    await inside.getByRole('button', { name: 'Add' }).click();
    await expect.poll(status, POLL).toContain('Location HQ added');
    // Paris has a sub-location: the refusal names it.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete Paris', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent(), POLL).toContain('1 sub-location');
    await page.screenshot({ path: path.join(h!.shotsDir, 'placement-1-locations.png'), fullPage: true });

    await page.goto(`${h!.baseUrl}/#/devices/${deviceId}`);
    const section = page.getByRole('region', { name: 'Location, state and assignment' });
    await section.getByLabel('Location').first().waitFor();
    const edit = section.getByRole('form', { name: 'Change location, state or assigned user' });
    await edit.getByLabel('Location').selectOption({ label: 'Paris / HQ' });
    await edit.getByLabel('State').selectOption({ label: 'In repair' });
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(status, POLL).toContain('Location, state and assignment saved');
    await expect.poll(() => section.textContent(), POLL).toContain('Paris / HQ');

    const out = section.getByRole('form', { name: 'Check out to a person' });
    await out.getByLabel('Person').selectOption({ label: 'Lena Laptop' });
    await out.getByLabel('Due back on').fill('2030-01-15');
    await out.getByRole('button', { name: 'Check out' }).click();
    await expect.poll(status, POLL).toContain('Checked out');
    await expect.poll(() => section.textContent(), POLL).toContain('Lena Laptop');
    await page.screenshot({ path: path.join(h!.shotsDir, 'placement-2-checked-out.png'), fullPage: true });

    const back = page.getByRole('region', { name: 'Location, state and assignment' }).getByRole('form', { name: 'Check in' });
    await back.getByRole('button', { name: 'Check in' }).click();
    await expect.poll(status, POLL).toContain('Checked in');
    const history = page.getByRole('table', { name: /Change history/ });
    await expect.poll(() => history.textContent(), POLL).toContain('In repair → In use');
    expect(await history.textContent()).toContain('none → Paris / HQ');
    expect(pageErrors).toEqual([]);
  });
});
