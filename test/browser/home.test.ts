import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInventory } from '../../server/test/helpers/inventory-factory.js';
import { CHROMIUM, HAVE_CHROMIUM, startHarness, type Harness } from './harness.js';

/**
 * Each role lands on its home after logging in, in English and then in French (the header's switch):
 * admins on the fleet, technicians on their queue, requesters on their tickets, licence managers on
 * compliance. Charts carry their axis, legend and a table behind them; no home shows a message key, a
 * raw enum value or text wider than its box. Screenshots of each home in both languages go to
 * PARC_UI_SCREENSHOTS when set.
 */
const ADMIN_PASSWORD = 'browser-home-admin-pw';
const WAIT = { timeout: 20_000 };

let h: Harness | undefined;

async function seed(): Promise<void> {
  const api = h!.api.bind(h);
  const { token } = await api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  const user = (username: string, role: string, displayName: string) =>
    api<{ id: number }>('POST', '/api/v1/users', { username, password: `${username}-password-1`, role, displayName }, token);
  const tina = await user('tina', 'technician', 'Tina Technician');
  await user('rita', 'requester', 'Rita Requester');
  await user('lena', 'licence-manager', 'Lena Licences');
  const desk = await api<{ id: number }>('POST', '/api/v1/groups', { name: 'Service desk' }, token);
  await api('PUT', `/api/v1/groups/${desk.id}/members`, { userIds: [tina.id] }, token);

  const enrollment = await api<{ token: string }>('POST', '/api/v1/enrollment-tokens', { description: 'home test' }, token);
  const systems = [['Windows 11 Pro', 'windows'], ['Windows 11 Pro', 'windows'], ['Ubuntu 24.04.1 LTS (Noble Numbat) Workstation Edition', 'linux']] as const;
  for (const [i, [name, platform]] of systems.entries()) {
    const hostname = `ws-home-${i}.corp.example`;
    const agent = await api<{ agentId: string; agentKey: string }>('POST', '/api/v1/agent/enroll', { enrollmentToken: enrollment.token, hostname });
    const inventory = makeInventory({ agentId: agent.agentId, hostname, seed: 20 + i, packages: 3 });
    inventory.os = { platform, name, version: '1', arch: 'x64' };
    await api('POST', '/api/v1/agent/inventory', inventory, agent.agentKey);
  }
  // One refused upload: an agent key the server does not know.
  const refused = await fetch(`${h!.baseUrl}/api/v1/agent/inventory`, { method: 'POST', headers: { authorization: 'Bearer parc_agent_unknown', 'content-type': 'application/json' }, body: '{}' });
  expect(refused.status).toBe(401);

  const { token: ritaToken } = await api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'rita', password: 'rita-password-1' });
  const open = (title: string, urgency: number) => api<{ id: number }>('POST', '/api/v1/tickets', { title, description: 'From the home test.', urgency }, ritaToken);
  const printer = await open('The printer on the second floor prints blank pages since the toner was replaced yesterday afternoon', 4);
  const vpn = await open('VPN drops every ten minutes', 5);
  await open('Need a second screen', 2);
  const solved = await open('Password expired', 3);
  await api('POST', `/api/v1/tickets/${printer.id}/actions`, { action: 'assign', userIds: [tina.id] }, token);
  await api('POST', `/api/v1/tickets/${vpn.id}/actions`, { action: 'assign', groupIds: [desk.id] }, token);
  await api('POST', `/api/v1/tickets/${solved.id}/actions`, { action: 'assign', userIds: [tina.id] }, token);
  await api('POST', `/api/v1/tickets/${solved.id}/actions`, { action: 'solve', solution: 'Reset it.' }, token);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(h!.shotsDir, `${name}.png`), fullPage: true });

async function logIn(page: Page, username: string, password: string) {
  await page.goto(`${h!.baseUrl}/#/`);
  await page.locator('h1').first().waitFor(WAIT);
  const out = page.locator('header button.btn-quiet');
  if (await out.isVisible()) {
    await out.click();
    await page.getByLabel(/Username|Nom d’utilisateur|Identifiant/).waitFor(WAIT);
  }
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

/** What must never show: message keys, raw enum values, and boxes whose content is wider than they are. */
async function checkReadable(page: Page, label: string) {
  const text = await page.locator('main').innerText();
  expect({ label, keys: text.match(/\b(home|shell|common|format)\.[a-zA-Z.]+/g) ?? [] }).toEqual({ label, keys: [] });
  expect({ label, raw: text.match(/\b(too-large|bad-encoding|unauthenticated|at-risk|on-track|in-stock|licence-manager)\b/g) ?? [] }).toEqual({ label, raw: [] });
  // Evaluated in the page (a string: this file is type-checked without the DOM library).
  const overflowing = await page.evaluate<string[]>(`[...document.querySelectorAll('main .tile, main .card, main h1, main h2, main td, main .notice')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.tagName + '.' + el.className + ': ' + (el.textContent || '').slice(0, 60))`);
  expect({ label, overflowing }).toEqual({ label, overflowing: [] });
  expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
}

/** Every chart on the page is an image with a title, an axis name, a legend and the numbers in a table. */
async function checkCharts(page: Page, expected: number) {
  const charts = page.locator('main svg.bar-chart');
  expect(await charts.count()).toBe(expected);
  for (let i = 0; i < expected; i++) {
    const card = page.locator('main section.card', { has: page.locator('svg.bar-chart') }).nth(i);
    expect(await card.locator('svg.bar-chart').getAttribute('role')).toBe('img');
    expect(await card.locator('svg.bar-chart title').first().textContent()).toMatch(/\S/);
    expect(await card.locator('svg .chart-axis-label').textContent()).toMatch(/\S/);
    expect(await card.locator('svg .chart-tick').count()).toBeGreaterThan(1);
    expect(await card.locator('ul.legend li').count()).toBeGreaterThan(0);
    expect(await card.locator('details table tbody tr').count()).toBeGreaterThan(0);
  }
}

async function switchToFrench(page: Page) {
  await page.locator('header select').selectOption('fr');
  await page.getByRole('navigation', { name: 'Principale' }).waitFor(WAIT);
}

describe.skipIf(!HAVE_CHROMIUM)(`home pages${HAVE_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is absent)`}`, () => {
  beforeAll(async () => {
    h = await startHarness({ adminPassword: ADMIN_PASSWORD, name: 'home' });
    await seed();
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('an admin lands on the fleet, in English and in French', { timeout: 90_000 }, async () => {
    const page = h!.context.pages()[0] ?? (await h!.context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Fleet' }).waitFor(WAIT);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('tile-devices').innerText()).toContain('3');
    expect(await page.getByTestId('tile-today').innerText()).toContain('3');
    expect(await page.getByTestId('tile-rejected').innerText()).toContain('1');
    expect(await page.getByTestId('fleet-rejected').innerText()).toContain('Unknown or revoked agent');
    await checkCharts(page, 3);
    expect(await page.locator('#fleet-os-heading').textContent()).toBe('Devices by operating system');
    expect(await page.locator('section[aria-labelledby="fleet-os-heading"] details table').textContent()).toContain('Windows 11 Pro');
    await checkReadable(page, 'fleet en');
    await shot(page, 'home-admin-en');

    await switchToFrench(page);
    await page.getByRole('heading', { level: 1, name: 'Parc informatique' }).waitFor(WAIT);
    expect(await page.getByTestId('fleet-rejected').innerText()).toContain('Agent inconnu ou révoqué');
    await checkCharts(page, 3);
    await checkReadable(page, 'fleet fr');
    await shot(page, 'home-admin-fr');
    expect(errors).toEqual([]);
  });

  it('a technician lands on their queue: theirs and their group\'s, the unassigned ones', { timeout: 90_000 }, async () => {
    const page = h!.context.pages()[0] ?? (await h!.context.newPage());
    await logIn(page, 'tina', 'tina-password-1');
    await page.getByRole('heading', { level: 1, name: 'My queue' }).waitFor(WAIT);
    expect(await page.getByTestId('tile-queue').innerText()).toContain('2');
    expect(await page.getByTestId('tile-unassigned').innerText()).toContain('1');
    const queue = await page.getByTestId('home-queue').innerText();
    expect(queue).toContain('VPN drops every ten minutes');
    expect(queue).toContain('The printer on the second floor');
    expect(await page.getByTestId('home-unassigned').innerText()).toContain('Need a second screen');
    await checkCharts(page, 1);
    await checkReadable(page, 'technician en');
    await shot(page, 'home-technician-en');

    await switchToFrench(page);
    await page.getByRole('heading', { level: 1, name: 'Ma file' }).waitFor(WAIT);
    expect(await page.getByTestId('home-unassigned').innerText()).toContain('Need a second screen');
    await checkCharts(page, 1);
    await checkReadable(page, 'technician fr');
    await shot(page, 'home-technician-fr');
  });

  it('a requester lands on their tickets, with where each stands and a way to open one', { timeout: 90_000 }, async () => {
    const page = h!.context.pages()[0] ?? (await h!.context.newPage());
    await logIn(page, 'rita', 'rita-password-1');
    await page.getByRole('heading', { level: 1, name: 'My tickets' }).waitFor(WAIT);
    expect(await page.getByTestId('home-awaiting').innerText()).toContain('1 solved ticket waits for your answer');
    const mine = await page.getByTestId('home-my-tickets').innerText();
    expect(mine).toContain('Password expired');
    expect(mine).toContain('Solved: accept the solution or reopen it.');
    expect(mine).toContain('Waiting for a technician to take it.');
    await checkReadable(page, 'requester en');
    await shot(page, 'home-requester-en');

    await switchToFrench(page);
    await page.getByRole('heading', { level: 1, name: 'Mes tickets' }).waitFor(WAIT);
    expect(await page.getByTestId('home-my-tickets').innerText()).toContain('Résolu : acceptez la solution ou rouvrez-le.');
    await checkReadable(page, 'requester fr');
    await shot(page, 'home-requester-fr');
    await page.getByTestId('home-new-ticket').click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau ticket' }).waitFor(WAIT);
  });

  it('a licence manager lands on compliance', { timeout: 60_000 }, async () => {
    const page = h!.context.pages()[0] ?? (await h!.context.newPage());
    await logIn(page, 'lena', 'lena-password-1');
    await page.getByRole('heading', { level: 1, name: 'Compliance' }).waitFor(WAIT);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).count()).toBe(0);
  });
});
