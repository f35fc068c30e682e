import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInventory } from '../../server/test/helpers/inventory-factory.js';
import { CHROMIUM, HAVE_CHROMIUM, startHarness, type Harness } from './harness.js';

/**
 * The interface in French: an admin on an English browser switches the language in the header; the
 * shell, the ticket list, the ticket page, the device page, the inventory, the new-ticket form, the
 * statistics, the enrollment tokens and the administration then read in French (labels, badges, sizes, relative times,
 * workflow and form messages), the choice is saved to the profile and survives a reload.
 */
const ADMIN_PASSWORD = 'browser-i18n-admin-pw';
const HOSTNAME = 'ws-i18n-007.corp.example';
const POLL = { timeout: 10_000 };

let h: Harness | undefined;
let adminToken = '';

async function seed(): Promise<void> {
  const api = h!.api.bind(h);
  ({ token: adminToken } = await api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD }));
  const enrollment = await api<{ token: string }>('POST', '/api/v1/enrollment-tokens', { description: 'i18n test' }, adminToken);
  const agent = await api<{ agentId: string; agentKey: string }>('POST', '/api/v1/agent/enroll', { enrollmentToken: enrollment.token, hostname: HOSTNAME });
  const inventory = makeInventory({ agentId: agent.agentId, hostname: HOSTNAME, seed: 7, packages: 10 });
  inventory.collectedAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
  await api('POST', '/api/v1/agent/inventory', inventory, agent.agentKey);
  const upgraded = structuredClone(inventory);
  upgraded.collectedAt = new Date(Date.now() - 3_600_000).toISOString();
  upgraded.software[0]!.version = '99.0';
  await api('POST', '/api/v1/agent/inventory', upgraded, agent.agentKey);
  const { items } = await api<{ items: { id: number }[] }>('GET', `/api/v1/devices?search=${HOSTNAME}`, undefined, adminToken);
  await api('POST', '/api/v1/tickets', { title: 'Écran noir au démarrage', description: 'Depuis la mise à jour.', deviceIds: [items[0]!.id], urgency: 4 }, adminToken);
}

/** The visible text of the page's main area and header, for checking no English is left. */
const visibleText = async (page: Page) => `${await page.locator('header').innerText()}\n${await page.locator('main').innerText()}`;

/** English words the converted screens used to show: none may remain once the page is French. */
const ENGLISH = [/\bStatus\b/, /\bPriority\b/, /\bSort by\b/, /\bApply\b/, /\bRequester\b/, /\bUpdated\b/, /\bTimeline\b/, /\bDetails\b/, /\bfollowup\b/i, /\bLog out\b/, /\bDevices\b/, /\bago\b/, /\bbefore\b/, /\bNew\b/, /\bTake\b/, /\bCreate\b/, /\bName\b/, /\bSave\b/, /\bEdit\b/, /\bDelete\b/, /\bSearch\b/, /\bNo \w+ yet\b/, /\bDay off\b/];

describe.skipIf(!HAVE_CHROMIUM)(`web UI in French${HAVE_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is absent)`}`, () => {
  beforeAll(async () => {
    h = await startHarness({ adminPassword: ADMIN_PASSWORD, name: 'i18n' });
    await seed();
  }, 90_000);

  afterAll(async () => {
    await h?.close();
  });

  it('the header switch turns the shell and the converted screens French, and the profile keeps it', { timeout: 60_000 }, async () => {
    const page = h!.context.pages()[0] ?? (await h!.context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // The first GET /api/v1/me before logging in answers 401, as it should.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('401')) pageErrors.push(m.text());
    });
    await page.goto(`${h!.baseUrl}/#/tickets`);
    // The browser is en-GB and the profile has no language yet: English.
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    // The deep link (#/tickets) survives the login, rather than the admin's home (the fleet).
    await page.getByRole('heading', { level: 1, name: 'Tickets' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByLabel('Language').selectOption('fr');
    const nav = page.getByRole('navigation', { name: 'Principale' });
    await nav.waitFor(POLL);
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Accueil', 'Tickets', 'Nouveau ticket', 'Problèmes', 'Changements', 'Approbations', 'Appareils', 'Contrats', 'Statistiques', 'Conformité', 'Licences', 'Logiciels', 'Règles logicielles', 'Enrôlement', 'Administration']);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    expect(await page.getByLabel('Langue').inputValue()).toBe('fr');

    // The ticket list.
    const row = page.locator('tbody tr', { hasText: 'Écran noir au démarrage' });
    await row.waitFor(POLL);
    expect(await row.textContent()).toContain('Nouveau');
    expect(await row.textContent()).toContain('Haute');
    expect(await row.textContent()).toContain('1 appareil');
    expect(await row.textContent()).toMatch(/il y a|à l’instant|maintenant/);
    await page.getByLabel('Statut').waitFor();
    await page.getByLabel('Trier par').waitFor();
    await page.getByRole('button', { name: 'Appliquer' }).waitFor();
    let text = await visibleText(page);
    expect(ENGLISH.filter((w) => w.test(text)).map(String)).toEqual([]);
    await page.screenshot({ path: path.join(h!.shotsDir, 'fr-1-tickets.png'), fullPage: true });

    // The ticket page, and a workflow action's message.
    await row.getByRole('link', { name: 'Écran noir au démarrage' }).click();
    await page.getByRole('heading', { level: 1, name: /Écran noir au démarrage/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor();
    expect(await page.locator('.device-card').textContent()).toMatch(/Mis à niveau/);
    expect(await page.locator('.device-card').textContent()).toMatch(/\d h avant|juste avant/);
    await page.getByRole('button', { name: 'Prendre', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), POLL).toContain('Le ticket est maintenant attribué');
    await page.getByLabel('Suivi', { exact: true }).fill('Pilote graphique réinstallé.');
    await page.getByRole('button', { name: 'Ajouter le suivi' }).click();
    await page.locator('li.event-followup', { hasText: 'Pilote graphique réinstallé.' }).waitFor();
    text = await visibleText(page);
    expect(text).toContain('Ajouter un suivi');
    expect(text).toContain('Aucun SLA ne s’applique à ce ticket.');
    expect(ENGLISH.filter((w) => w.test(text)).map(String)).toEqual([]);
    await page.screenshot({ path: path.join(h!.shotsDir, 'fr-2-ticket.png'), fullPage: true });

    // The device page, the inventory list and the new-ticket form.
    await page.locator('.device-card').getByRole('link', { name: HOSTNAME }).click();
    await page.getByRole('heading', { level: 1, name: HOSTNAME }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Vue d’ensemble' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Matériel' }).waitFor();
    await page.getByLabel('Rechercher un logiciel').waitFor();
    text = await visibleText(page);
    expect(text).toContain('Mémoire');
    expect(text).toMatch(/\d+(,\d)? Gio/);
    expect(ENGLISH.filter((w) => w.test(text)).map(String)).toEqual([]);
    await page.screenshot({ path: path.join(h!.shotsDir, 'fr-3-device.png'), fullPage: true });
    await nav.getByRole('link', { name: 'Appareils' }).click();
    await page.getByRole('heading', { level: 1, name: 'Appareils' }).waitFor();
    await page.getByRole('link', { name: HOSTNAME }).waitFor();
    text = await visibleText(page);
    expect(ENGLISH.filter((w) => w.test(text)).map(String)).toEqual([]);
    await nav.getByRole('link', { name: 'Nouveau ticket' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau ticket' }).waitFor();
    await page.getByLabel('Trouver un appareil').waitFor();
    await page.getByRole('button', { name: 'Ouvrir le ticket' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent(), POLL).toBe('Le titre est obligatoire.');
    text = await visibleText(page);
    expect(ENGLISH.filter((w) => w.test(text)).map(String)).toEqual([]);
    await nav.getByRole('link', { name: 'Statistiques' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistiques' }).waitFor();
    await expect.poll(() => page.getByTestId('stats-total').textContent(), POLL).toMatch(/^1 ticket ouvert du \d+ [a-zéû.]+ \d{4} au /);
    await page.getByRole('heading', { level: 2, name: 'Respect des SLA' }).waitFor();
    text = await visibleText(page);
    expect(ENGLISH.filter((w) => w.test(text)).map(String)).toEqual([]);
    await nav.getByRole('link', { name: 'Enrôlement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jetons d’enrôlement' }).waitFor();
    expect(await page.locator('tr', { hasText: 'i18n test' }).textContent()).toContain('actif');
    text = await visibleText(page);
    expect(ENGLISH.filter((w) => w.test(text)).map(String)).toEqual([]);
    // Every administration page.
    await nav.getByRole('link', { name: 'Administration' }).click();
    const subnav = page.getByRole('navigation', { name: 'Administration' });
    for (const [link, heading] of [
      ['Utilisateurs', 'Utilisateurs'],
      ['Groupes', 'Groupes'],
      ['Catégories', 'Catégories de tickets'],
      ['Calendriers', 'Calendriers'],
      ['Politiques de SLA', 'Politiques de SLA'],
      ['Règles d’attribution', 'Règles d’attribution'],
      ['Réglages du support', 'Réglages du support'],
      ['Webhooks', 'Webhooks'],
      ['Agents existants', 'Agents existants'],
    ] as const) {
      await subnav.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      text = await visibleText(page);
      expect({ heading, english: ENGLISH.filter((w) => w.test(text)).map(String) }).toEqual({ heading, english: [] });
      await page.screenshot({ path: path.join(h!.shotsDir, `fr-admin-${link.replace(/\W+/g, '-')}.png`), fullPage: true });
    }
    await subnav.getByRole('link', { name: 'Calendriers' }).click();
    await page.getByRole('button', { name: 'Ajouter une plage le samedi' }).waitFor();
    await page.goto(`${h!.baseUrl}/#/tickets/1`);
    await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor(POLL);

    // Saved to the profile: the API says so, and a reload (on an English browser) stays French.
    const me = await h!.api<{ locale: string | null }>('GET', '/api/v1/me', undefined, adminToken);
    expect(me.locale).toBe('fr');
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor(POLL);
    await page.getByRole('navigation', { name: 'Principale' }).getByRole('link', { name: 'Nouveau ticket' }).waitFor();

    // And back to English, saved too.
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { level: 2, name: 'Timeline' }).waitFor(POLL);
    expect((await h!.api<{ locale: string | null }>('GET', '/api/v1/me', undefined, adminToken)).locale).toBe('en');
    expect(pageErrors).toEqual([]);
  });
});
