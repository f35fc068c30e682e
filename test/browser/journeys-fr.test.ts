import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInventory } from '../../server/test/helpers/inventory-factory.js';
import { CHROMIUM, HAVE_CHROMIUM, startHarness, type Harness } from './harness.js';

/**
 * The technician's and the requester's days in French, through the rough edges issue 11 mended: a
 * technician switches the header to French, opens a ticket for a device from its page, takes it, adds a
 * followup and a task, marks the task done, solves; the requester (French profile) opens a ticket, gets
 * "not available for your role" on the inventory and statistics, follows up and accepts the solution.
 * Every page checked has no English left, and screenshots of the main pages are taken in both languages.
 */
const ADMIN_PASSWORD = 'browser-journeys-admin-pw';
const TECH_PASSWORD = 'browser-journeys-tech-pw';
const REQUESTER_PASSWORD = 'browser-journeys-rob-pw';
const HOSTNAME = 'ws-journey-031.corp.example';
const POLL = { timeout: 15_000 };

let h: Harness | undefined;
let adminToken = '';
let deviceId = 0;

async function seed(): Promise<void> {
  const api = h!.api.bind(h);
  ({ token: adminToken } = await api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD }));
  await api('POST', '/api/v1/users', { username: 'tina', password: TECH_PASSWORD, role: 'technician', displayName: 'Tina Technicienne' }, adminToken);
  await api('POST', '/api/v1/users', { username: 'rob', password: REQUESTER_PASSWORD, role: 'requester', displayName: 'Rob Demandeur' }, adminToken);
  const { token: robToken } = await api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'rob', password: REQUESTER_PASSWORD });
  await api('PATCH', '/api/v1/me', { locale: 'fr' }, robToken);
  // A webhook nobody answers: its deliveries fill the administration's deliveries page.
  await api('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/parc-hook', events: ['ticket.created'] }, adminToken);
  const enrollment = await api<{ token: string }>('POST', '/api/v1/enrollment-tokens', { description: 'journeys' }, adminToken);
  const agent = await api<{ agentId: string; agentKey: string }>('POST', '/api/v1/agent/enroll', { enrollmentToken: enrollment.token, hostname: HOSTNAME });
  const inventory = makeInventory({ agentId: agent.agentId, hostname: HOSTNAME, seed: 31, packages: 80, serial: 'To Be Filled By O.E.M.' });
  inventory.os = { platform: 'linux', name: 'Fedora 31 (Workstation Edition)', version: '31 (Workstation Edition)', arch: 'x64', kernel: '5.3.7' };
  inventory.networks = [{ name: 'enp0s3', mac: '02:42:ac:11:00:02', ipv4: ['10.1.2.3'], ipv6: [], virtual: false, type: 'wired' }];
  inventory.users = [{ username: 'rob', type: 'logged-in' }];
  inventory.collectedAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
  await api('POST', '/api/v1/agent/inventory', inventory, agent.agentKey);
  ({ items: [{ id: deviceId }] } = (await api<{ items: { id: number }[] }>('GET', `/api/v1/devices?search=${HOSTNAME}`, undefined, adminToken)) as { items: [{ id: number }] });
  // A statistics line with a few days in it.
  await api('POST', '/api/v1/tickets', { title: 'Écran qui scintille', description: 'Depuis ce matin.', urgency: 5, impact: 5 }, adminToken);
}

const visibleText = async (page: Page) => `${await page.locator('header').innerText()}\n${await page.locator('main').innerText()}`;

/** English words the screens used to show: none may remain on a French page. */
const ENGLISH = [
  /\bStatus\b/, /\bPriority\b/, /\bRequester\b/, /\bUpdated\b/, /\bTimeline\b/, /\bDetails\b/, /\bfollowup\b/i, /\bLog out\b/, /\bDevices\b/, /\bago\b/,
  /\bbefore\b/, /\bNew\b/, /\bTake\b/, /\bSave\b/, /\bSearch\b/, /\bMark done\b/, /\bdue\b/, /\boverdue\b/, /\bwired\b/, /\blogged-in\b/, /\bfirst inventory\b/i,
  /\bcomponents\b/, /\bsoftware\b/, /\bBecause\b/, /\bcategory \d/, /\bNot available\b/, /\bInstalled\b/, /\bMemory bytes\b/, /\bUuid\b/, /\bSIZE BYTES\b/i,
];

async function noEnglish(page: Page, where: string): Promise<void> {
  const text = await visibleText(page);
  expect({ where, english: ENGLISH.filter((w) => w.test(text)).map(String) }).toEqual({ where, english: [] });
}

/** Logs in whatever language the login screen speaks (it keeps the last one chosen in this browser). */
async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${h!.baseUrl}/#/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('main form button[type="submit"]').click();
  await page.locator('main h1').first().waitFor(POLL);
}

describe.skipIf(!HAVE_CHROMIUM)(`journeys in French${HAVE_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is absent)`}`, () => {
  beforeAll(async () => {
    h = await startHarness({ adminPassword: ADMIN_PASSWORD, name: 'journeys' });
    await seed();
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('the technician opens a ticket for a device, follows up, completes a task and solves it, in French', { timeout: 180_000 }, async () => {
    const page = h!.context.pages()[0] ?? (await h!.context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, 'tina', TECH_PASSWORD);
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor(POLL);

    // The device page: labels, values and dates in French, placeholders marked, the OS said once.
    await page.goto(`${h!.baseUrl}/#/devices/${deviceId}`);
    await page.getByRole('heading', { level: 1, name: HOSTNAME }).waitFor(POLL);
    const overview = page.locator('section', { has: page.getByRole('heading', { name: 'Vue d’ensemble' }) });
    expect(await overview.textContent()).toContain('Fedora 31 (Workstation Edition)');
    expect(await overview.textContent()).not.toContain('(Workstation Edition) 31');
    expect(await overview.textContent()).toContain('02:42:ac:11:00:02');
    expect(await overview.locator('.placeholder-value').textContent()).toBe('non renseigné');
    expect(await page.locator('main').textContent()).toContain('Filaire');
    expect(await page.locator('main').textContent()).toContain('Connecté');
    expect(await page.locator('main').textContent()).toContain('Premier inventaire');
    // The software table pages on the server: 80 packages, 50 a page, and searches.
    const software = page.locator('section', { has: page.getByRole('heading', { name: /^Logiciels installés/ }) });
    await expect.poll(() => software.locator('tbody tr').count(), POLL).toBe(50);
    await software.getByRole('button', { name: 'Suivant' }).click();
    await expect.poll(() => software.locator('tbody tr').count(), POLL).toBe(30);
    await page.getByLabel('Rechercher un logiciel').fill('package-1');
    await expect.poll(async () => (await software.locator('tbody tr').first().textContent()) ?? '', POLL).toContain('package-1');
    await noEnglish(page, 'device');
    await page.screenshot({ path: path.join(h!.shotsDir, 'fr-device.png'), fullPage: true });

    // Open a ticket for it from its page.
    await page.getByRole('link', { name: 'Ouvrir un ticket pour cet appareil' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau ticket' }).waitFor(POLL);
    await page.getByLabel('Titre', { exact: true }).fill('Imprimante réseau introuvable');
    await page.getByLabel('Description', { exact: true }).fill('Le poste ne voit plus l’imprimante du 2e étage.');
    await page.getByRole('button', { name: 'Ouvrir le ticket' }).click();
    await page.getByRole('heading', { level: 1, name: /Imprimante réseau introuvable/ }).waitFor(POLL);
    expect(await page.locator('.device-card').textContent()).toContain(HOSTNAME);

    // Take it, follow up, add a task, mark it done, solve.
    await page.getByRole('button', { name: 'Prendre', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), POLL).toContain('attribué');
    await page.getByLabel('Suivi', { exact: true }).fill('Pilote d’impression réinstallé.');
    await page.getByRole('button', { name: 'Ajouter le suivi' }).click();
    await page.locator('li.event-followup', { hasText: 'Pilote d’impression réinstallé.' }).waitFor(POLL);
    await page.getByText('Ajouter une tâche').click();
    await page.getByLabel('Tâche', { exact: true }).fill('Vérifier la file d’attente du serveur d’impression');
    await page.getByRole('button', { name: 'Ajouter la tâche' }).click();
    const task = page.locator('li.event-task', { hasText: 'Vérifier la file d’attente' });
    await task.waitFor(POLL);
    expect(await task.textContent()).toContain('À faire');
    await task.getByRole('button', { name: 'Marquer comme faite' }).click();
    await expect.poll(() => page.locator('li.event-task', { hasText: 'Vérifier la file d’attente' }).textContent(), POLL).toContain('✓ Faite');
    expect(await page.locator('li.event-task', { hasText: 'Vérifier la file d’attente' }).getByRole('button').count()).toBe(0);
    await noEnglish(page, 'ticket (technician)');
    await page.screenshot({ path: path.join(h!.shotsDir, 'fr-ticket-technician.png'), fullPage: true });
    await page.getByRole('button', { name: 'Résoudre…' }).click();
    await page.getByLabel('Solution', { exact: true }).fill('Adresse de l’imprimante corrigée.');
    await page.getByRole('button', { name: 'Résoudre', exact: true }).click();
    await expect.poll(() => page.locator('.page-head .badge.status-solved').textContent(), POLL).toBe('Résolu');

    // The list: priorities each with their colour and a legend; a missed target says by how long.
    await page.goto(`${h!.baseUrl}/#/tickets?status=all`);
    await page.locator('.priority-legend').waitFor(POLL);
    expect(await page.locator('.priority-legend .badge').allTextContents()).toEqual(['Très basse', 'Basse', 'Moyenne', 'Haute', 'Très haute', 'Majeure']);
    await noEnglish(page, 'tickets');
    await page.screenshot({ path: path.join(h!.shotsDir, 'fr-tickets.png'), fullPage: true });

    // Statistics: the line chart has its date axis.
    await page.goto(`${h!.baseUrl}/#/statistics`);
    await page.getByRole('heading', { level: 1, name: 'Statistiques' }).waitFor(POLL);
    await expect.poll(() => page.locator('.flow-chart text[data-date]').count(), POLL).toBeGreaterThan(2);
    expect(await page.locator('.flow-chart text[data-date]').first().textContent()).toMatch(/^\d{1,2} [a-zéû.]+$/);
    await noEnglish(page, 'statistics');
    await page.screenshot({ path: path.join(h!.shotsDir, 'fr-statistics.png'), fullPage: true });
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    expect(errors).toEqual([]);
  });

  it('the requester opens a ticket, meets pages not for their role, follows up and accepts the solution, in French', { timeout: 180_000 }, async () => {
    const page = h!.context.pages()[0] ?? (await h!.context.newPage());
    await logIn(page, 'rob', REQUESTER_PASSWORD);
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor(POLL);

    // Open a ticket.
    await page.goto(`${h!.baseUrl}/#/tickets/new`);
    await page.getByRole('heading', { level: 1, name: 'Nouveau ticket' }).waitFor(POLL);
    await page.getByLabel('Titre', { exact: true }).fill('Accès VPN refusé');
    await page.getByLabel('Description', { exact: true }).fill('Le VPN refuse mon mot de passe depuis hier.');
    // The session ends while the form is filled (as after a night): the server refuses with 401, the
    // person logs in again and finds the form as they left it.
    await page.evaluate(() => fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: '{}' }));
    await page.getByRole('button', { name: 'Ouvrir le ticket' }).click();
    await page.locator('input[name="password"]').waitFor(POLL);
    await page.locator('input[name="username"]').fill('rob');
    await page.locator('input[name="password"]').fill(REQUESTER_PASSWORD);
    await page.locator('main form button[type="submit"]').click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau ticket' }).waitFor(POLL);
    expect(await page.getByLabel('Titre', { exact: true }).inputValue()).toBe('Accès VPN refusé');
    expect(await page.getByLabel('Description', { exact: true }).inputValue()).toBe('Le VPN refuse mon mot de passe depuis hier.');
    // A refusal by the server (a title too long) keeps the form too, and names the field.
    await page.getByLabel('Titre', { exact: true }).evaluate((el) => void ((el as unknown as { value: string }).value = 'x'.repeat(600)));
    await page.getByRole('button', { name: 'Ouvrir le ticket' }).click();
    await page.getByRole('alert').filter({ hasText: /./ }).first().waitFor(POLL);
    expect(await page.getByLabel('Titre', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Description', { exact: true }).inputValue()).toBe('Le VPN refuse mon mot de passe depuis hier.');
    await page.getByLabel('Titre', { exact: true }).fill('Accès VPN refusé');
    await page.getByRole('button', { name: 'Ouvrir le ticket' }).click();
    await page.getByRole('heading', { level: 1, name: /Accès VPN refusé/ }).waitFor(POLL);
    const ticketId = Number(/#\/tickets\/(\d+)/.exec(page.url())?.[1]);
    expect(ticketId).toBeGreaterThan(0);

    // Pages of other roles say so, in French, instead of the API's error text.
    for (const where of ['devices', 'statistics', `devices/${deviceId}`]) {
      await page.goto(`${h!.baseUrl}/#/${where}`);
      await page.getByRole('heading', { level: 1, name: 'Non disponible pour votre rôle' }).waitFor(POLL);
      await noEnglish(page, `#/${where}`);
    }
    await page.screenshot({ path: path.join(h!.shotsDir, 'fr-requester-forbidden.png'), fullPage: true });

    // The helpdesk solves it (through the API), the requester follows up and accepts.
    const { token: tinaToken } = await h!.api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'tina', password: TECH_PASSWORD });
    await h!.api('POST', `/api/v1/tickets/${ticketId}/devices`, { deviceId }, tinaToken);
    await h!.api('POST', `/api/v1/tickets/${ticketId}/actions`, { action: 'take' }, tinaToken);
    await h!.api('POST', `/api/v1/tickets/${ticketId}/actions`, { action: 'solve', solution: 'Mot de passe réinitialisé.' }, tinaToken);
    await page.goto(`${h!.baseUrl}/#/tickets/${ticketId}`);
    await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor(POLL);
    // The device's history is kept for the helpdesk: said so, not "no change recorded".
    expect(await page.getByTestId('device-history-hidden').textContent()).toContain('réservés au support');
    expect(await page.locator('main').textContent()).not.toContain('Aucun changement enregistré');
    await page.getByLabel('Suivi', { exact: true }).fill('Merci, ça fonctionne.');
    await page.getByRole('button', { name: 'Ajouter le suivi' }).click();
    await page.locator('li.event-followup', { hasText: 'Merci, ça fonctionne.' }).waitFor(POLL);
    await page.getByRole('button', { name: 'Accepter la solution' }).click();
    await expect.poll(() => page.locator('.page-head .badge').first().textContent(), POLL).toBe('Clos');
    await noEnglish(page, 'ticket (requester)');
    await page.screenshot({ path: path.join(h!.shotsDir, 'fr-ticket-requester.png'), fullPage: true });
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
  });

  it('the main pages in English, for the screenshots', { timeout: 180_000 }, async () => {
    const page = h!.context.pages()[0] ?? (await h!.context.newPage());
    await logIn(page, 'admin', ADMIN_PASSWORD);
    await page.locator('header select').selectOption('en');
    await page.getByRole('button', { name: 'Log out' }).waitFor(POLL);
    for (const [name, where, heading] of [
      ['tickets', 'tickets?status=all', 'Tickets'],
      ['device', `devices/${deviceId}`, HOSTNAME],
      ['statistics', 'statistics', 'Statistics'],
      ['deliveries', 'admin/deliveries', 'Notification deliveries'],
    ] as const) {
      await page.goto(`${h!.baseUrl}/#/${where}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor(POLL);
      await page.screenshot({ path: path.join(h!.shotsDir, `en-${name}.png`), fullPage: true });
    }
    // The deliveries page lists the webhook calls the journeys queued; one is sent again on request.
    const rows = page.locator('main tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    expect(await rows.first().textContent()).toContain('webhook http://127.0.0.1:9/parc-hook');
    await rows.first().getByRole('button', { name: /^Retry delivery #\d+ now$/ }).click();
    await expect.poll(() => page.locator('main').textContent(), POLL).toMatch(/Delivery #\d+ will be sent again/);
  });
});
