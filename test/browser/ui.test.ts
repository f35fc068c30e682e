import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInventory } from '../../server/test/helpers/inventory-factory.js';
import { CHROMIUM, HAVE_CHROMIUM, startHarness, type Harness } from './harness.js';

/**
 * The web UI end to end: the real server as `npm start` runs it, a device inventoried through the agent
 * API (twice, a package upgraded in between), then Debian's Chromium driven by playwright-core: log in,
 * open a ticket against the device, see the upgrade among the device's changes on the ticket, take it,
 * add a private followup, solve it, and find the ticket on the device page. Screenshots go to a temp
 * folder (or PARC_UI_SCREENSHOTS) so a person can look at the layout.
 */
const ADMIN_PASSWORD = 'browser-test-admin-pw';
const HOSTNAME = 'ws-ui-042.corp.example';
const UPGRADED = 'package-1';
const POLL = { timeout: 10_000 };
const REQUESTER_PASSWORD = 'requester-pw-123';

let h: Harness | undefined;
let baseUrl = '';
const api = <T>(method: string, p: string, body?: unknown, token?: string) => h!.api<T>(method, p, body, token);

/** A requester, and one device with two inventories: the second upgrades one package, which the ticket must show. */
async function seedDevice(): Promise<void> {
  const { token } = await api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  await api('POST', '/api/v1/users', { username: 'rita', password: REQUESTER_PASSWORD, role: 'requester', displayName: 'Rita Requester' }, token);
  const enrollment = await api<{ token: string }>('POST', '/api/v1/enrollment-tokens', { description: 'browser test' }, token);
  const agent = await api<{ agentId: string; agentKey: string }>('POST', '/api/v1/agent/enroll', { enrollmentToken: enrollment.token, hostname: HOSTNAME });
  const first = makeInventory({ agentId: agent.agentId, hostname: HOSTNAME, seed: 42, packages: 30 });
  first.collectedAt = new Date(Date.now() - 3_600_000).toISOString();
  const r1 = await api<{ status: string }>('POST', '/api/v1/agent/inventory', first, agent.agentKey);
  expect(r1.status).toBe('created');
  const second = structuredClone(first);
  second.collectedAt = new Date().toISOString();
  const pkg = second.software.find((s) => s.name === UPGRADED)!;
  pkg.version = '9.1.0-1';
  const r2 = await api<{ status: string; changes: { changed: number } }>('POST', '/api/v1/agent/inventory', second, agent.agentKey);
  expect(r2.status).toBe('updated');
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(h!.shotsDir, `${name}.png`), fullPage: true });

describe.skipIf(!HAVE_CHROMIUM)(`web UI in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is absent; install it with apt-get install chromium)`}`, () => {
  beforeAll(async () => {
    h = await startHarness({ adminPassword: ADMIN_PASSWORD, name: 'ui' });
    baseUrl = h.baseUrl;
    await seedDevice();
  }, 90_000);

  afterAll(async () => {
    await h?.close();
  });

  it('a technician opens a ticket on a device, sees its upgrade, takes, annotates and solves it; the device shows the ticket', { timeout: 60_000 }, async () => {
    const page = h!.context.pages()[0] ?? (await h!.context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Console errors would include CSP violations; the 401 of the wrong password below is expected.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('401')) pageErrors.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && r.status() !== 401) pageErrors.push(`${r.status()} ${r.url()}`);
    });
    const response = await page.goto(baseUrl);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    // Login: a wrong password is shown as an error, then the right one gets in.
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent(), POLL).toMatch(/\S/);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    // An admin's home is the fleet.
    await page.getByRole('heading', { level: 1, name: 'Fleet' }).waitFor();
    expect(await page.getByTestId('whoami').textContent()).toBe('Administrator');

    // New ticket against the seeded device, found by searching the inventory.
    await page.getByRole('link', { name: 'New ticket' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'New ticket' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Printing fails since this morning');
    await page.getByLabel('Description', { exact: true }).fill('The print dialog closes at once.\nRestarting did not help.');
    await page.getByLabel('Find a device').fill('ws-ui-042');
    await page.getByLabel('Find a device').press('Enter');
    await page.getByRole('button', { name: `Link ${HOSTNAME}` }).click();
    await page.getByRole('button', { name: `Remove ${HOSTNAME}` }).waitFor();
    await page.getByRole('button', { name: 'Open the ticket' }).click();

    // The ticket page: the device's upgrade is listed among the changes before the ticket.
    await page.getByRole('heading', { level: 1, name: /Printing fails since this morning/ }).waitFor();
    const deviceCard = page.locator('.device-card');
    await expect.poll(() => deviceCard.getByRole('heading', { level: 3 }).textContent(), POLL).toContain(HOSTNAME);
    const upgrade = deviceCard.locator('li.change', { hasText: UPGRADED });
    expect(await upgrade.textContent()).toMatch(/Upgraded\s*package-1 \(amd64\)\s*1\.1\.1-1 → 9\.1\.0-1/);
    expect(await deviceCard.textContent()).toContain('Debian GNU/Linux 12');
    await shot(page, '1-ticket-new');

    // Take it.
    await page.getByRole('button', { name: 'Take', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), POLL).toContain('now assigned');
    // Taken: no second "Take" (it would change nothing).
    await expect.poll(() => page.getByRole('button', { name: 'Take', exact: true }).count(), POLL).toBe(0);

    // A private followup, marked as such in the timeline.
    await page.getByLabel('Followup', { exact: true }).fill('Print spooler crashes after the package-1 upgrade.');
    await page.getByLabel('Private: helpdesk staff only').first().check();
    await page.getByRole('button', { name: 'Add followup' }).click();
    const privateEntry = page.locator('li.event-private', { hasText: 'Print spooler crashes' });
    await privateEntry.waitFor();
    expect(await privateEntry.textContent()).toContain('Private followup');

    // Solve it with a solution.
    await page.getByRole('button', { name: 'Solve…' }).click();
    await page.getByLabel('Solution', { exact: true }).fill('Downgraded package-1 and held it.');
    await page.getByRole('button', { name: 'Solve', exact: true }).click();
    await expect.poll(() => page.locator('.page-head .badge.status-solved').textContent(), POLL).toBe('Solved');
    expect(await page.locator('li.event-solution').textContent()).toContain('Downgraded package-1');
    await shot(page, '2-ticket-solved');

    // The device page lists the ticket.
    await deviceCard.getByRole('link', { name: HOSTNAME }).click();
    await page.getByRole('heading', { level: 1, name: HOSTNAME }).waitFor();
    const tickets = page.locator('section', { has: page.getByRole('heading', { name: /^Tickets \(1\)$/ }) });
    expect(await tickets.getByRole('link', { name: /Printing fails since this morning/ }).count()).toBe(1);
    expect(await tickets.textContent()).toContain('Solved');
    // The software table is searched on the server, a page at a time.
    await page.getByLabel('Search the software').fill(UPGRADED);
    await expect.poll(() => page.locator('section', { hasText: 'Installed software' }).locator('tbody tr').count(), POLL).toBe(1);
    await shot(page, '3-device');

    // Enrollment: a new token is shown once with its install one-liners, then revoked.
    await page.getByRole('link', { name: 'Enrollment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enrollment tokens' }).waitFor();
    await page.getByLabel('Description').fill('Accounting laptops');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('new-token').textContent()) ?? '';
    expect(token).toMatch(/^parc_enroll_/);
    expect(await page.locator('.install pre').first().textContent()).toBe(`curl -fsSL ${baseUrl}/install.sh | sudo sh -s -- --token '${token}'`);
    const row = page.locator('tr', { hasText: 'Accounting laptops' });
    await shot(page, '4-enrollment');
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: /^Revoke token/ }).click();
    await expect.poll(() => page.locator('tr', { hasText: 'Accounting laptops' }).textContent(), POLL).toContain('revoked');

    // The ticket list, and a phone-sized view of the ticket list.
    await page.goto(`${baseUrl}/#/tickets?status=all`);
    await page.getByRole('link', { name: 'Printing fails since this morning' }).waitFor();
    await shot(page, '5-tickets');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, '6-tickets-phone');

    expect(pageErrors).toEqual([]);
  });

  it('a requester gets the reduced view: own tickets, open a ticket, no staff actions, no inventory', { timeout: 30_000 }, async () => {
    const page = await h!.context.newPage();
    await page.goto(baseUrl);
    // After the first test the admin is still logged in (same browser profile): log out through the UI.
    await page.locator('h1').first().waitFor();
    const logout = page.getByRole('button', { name: 'Log out' });
    if (await logout.isVisible()) await logout.click();
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await page.getByLabel('Username').fill('rita');
    await page.getByLabel('Password').fill(REQUESTER_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My tickets' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Home', 'My tickets', 'New ticket']);
    // The admin's ticket is not hers.
    expect(await page.getByText('Printing fails since this morning').count()).toBe(0);

    await nav.getByRole('link', { name: 'New ticket' }).click();
    await page.getByRole('heading', { level: 1, name: 'New ticket' }).waitFor();
    expect(await page.getByLabel('Find a device').count()).toBe(0);
    expect(await page.getByLabel('Requester').count()).toBe(0);
    await page.getByLabel('Title', { exact: true }).fill('Need a second screen');
    await page.getByLabel('Description', { exact: true }).fill('For spreadsheets.');
    await page.getByLabel('Type').selectOption('request');
    await page.getByRole('button', { name: 'Open the ticket' }).click();
    await page.getByRole('heading', { level: 1, name: /Need a second screen/ }).waitFor();
    expect(await page.getByRole('group', { name: 'Ticket actions' }).count()).toBe(0);
    expect(await page.getByLabel('Private: helpdesk staff only').count()).toBe(0);
    expect(await page.getByText('Add a task').count()).toBe(0);
    await page.getByLabel('Followup', { exact: true }).fill('Any size will do.');
    await page.getByRole('button', { name: 'Add followup' }).click();
    await page.locator('li.event-followup', { hasText: 'Any size will do.' }).waitFor();
    await shot(page, '7-requester-ticket');
  });
});
