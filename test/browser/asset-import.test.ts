import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, HAVE_CHROMIUM, startHarness, type Harness } from './harness.js';

/**
 * A technician brings the register over from a spreadsheet in Chromium: the device list's "Import
 * assets" button, the hand-written French file (semicolons, blanks, a 31 February, a duplicate asset
 * tag, a blank name, an unknown user), the guessed mapping, the preview with its errors by row and
 * column, the import of the valid rows, and the links to what was written.
 */
const ADMIN_PASSWORD = 'browser-asset-import-admin-pw';
const TECH_PASSWORD = 'asset-import-tech-pw-1';
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../server/test/assets/fixtures/parc-inventaire.csv');
const WAIT = { timeout: 30_000 };

let t: Harness | undefined;
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(t!.shotsDir, `${name}.png`), fullPage: true });

/** The preview's error table, a line per row error ("row column message"), white space folded. */
const errorRows = async (page: Page) => (await page.getByTestId('asset-import-errors').locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());

describe.skipIf(!HAVE_CHROMIUM)(`asset CSV import in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is absent)`}`, () => {
  beforeAll(async () => {
    t = await startHarness({ adminPassword: ADMIN_PASSWORD, name: 'ui-asset-import' });
    const { token } = await t.api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    await t.api('POST', '/api/v1/users', { username: 'tom', password: TECH_PASSWORD, role: 'technician', displayName: 'Tom Tech' }, token);
    await t.api('POST', '/api/v1/users', { username: 'cmartin', password: 'cmartin-password-1', role: 'requester' }, token);
    await t.api('POST', '/api/v1/users', { username: 'jbernard', password: 'jbernard-password-1', role: 'requester', email: 'julie.bernard@exemple.fr' }, token);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('a technician previews a French file, sees each bad row by number and column, imports the good ones and follows a link', { timeout: 180_000 }, async () => {
    const page = t!.context.pages()[0] ?? (await t!.context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
    });
    await page.goto(`${t!.baseUrl}/#/devices`, { timeout: 60_000 });
    await page.getByLabel('Username').waitFor(WAIT);
    await page.getByLabel('Username').fill('tom');
    await page.getByLabel('Password').fill(TECH_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();

    await page.getByRole('heading', { level: 1, name: 'Devices' }).waitFor(WAIT);
    await page.getByRole('link', { name: 'Import assets' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import assets from CSV' }).waitFor(WAIT);
    expect(page.url()).toContain('#/devices/import');

    await page.getByLabel('CSV file').setInputFiles(FIXTURE);
    await expect.poll(() => page.getByLabel('Or paste the CSV').inputValue(), WAIT).toContain('PC-COMPTA-01');
    await page.getByRole('button', { name: 'Read the file' }).click();

    // The French headers are recognised: each column's select shows the guessed field.
    const mapping = page.getByRole('region', { name: 'Column mapping' });
    await mapping.waitFor(WAIT);
    expect(await mapping.getByLabel("Numéro d'inventaire").inputValue()).toBe('assetTag');
    expect(await mapping.getByLabel('Date d\'achat').inputValue()).toBe('purchaseDate');
    expect(await mapping.getByLabel('Utilisateur').inputValue()).toBe('user');
    expect(await mapping.getByLabel('Garantie (mois)').inputValue()).toBe('warrantyMonths');

    await expect.poll(() => page.getByTestId('asset-import-summary').textContent(), WAIT).toBe('10 rows: 6 to create, 0 to update, 0 unchanged, 4 in error (skipped).');
    expect(await errorRows(page)).toEqual([
      "5 Date d'achat “31/02/2024” is not a day of the calendar",
      "6 Numéro d'inventaire asset tag INV-2024-0001 is already on row 2",
      '9 Nom the name is required',
      '10 Utilisateur no user “pdurand” (give an existing user’s username or email)',
    ]);
    const commit = page.getByTestId('asset-import-commit');
    expect(await commit.textContent()).toBe('Import 6 assets');
    expect(await commit.isEnabled()).toBe(true);
    await shot(page, 'asset-import-preview');

    // Ignoring the name column leaves nothing valid: the import button is disabled until the preview is right again.
    await mapping.getByLabel('Nom').selectOption('');
    await page.getByRole('button', { name: 'Update the preview' }).click();
    await page.getByText("no column gives the assets' names", { exact: false }).waitFor(WAIT);
    expect(await commit.isDisabled()).toBe(true);
    await mapping.getByLabel('Nom').selectOption('name');
    await page.getByRole('button', { name: 'Update the preview' }).click();
    await expect.poll(() => commit.isEnabled(), WAIT).toBe(true);

    await commit.click();
    await expect.poll(() => page.getByTestId('asset-import-done').textContent(), WAIT).toBe('Import finished: 6 assets created, 0 updated, 0 unchanged, 4 rows skipped.');
    await shot(page, 'asset-import-done');
    await page.getByRole('link', { name: 'PC-COMPTA-01' }).click();
    await page.getByRole('heading', { level: 1, name: /PC-COMPTA-01/ }).waitFor(WAIT);

    // The same file again: everything already there, nothing to import.
    await page.goto(`${t!.baseUrl}/#/devices/import`);
    await page.getByLabel('CSV file').setInputFiles(FIXTURE);
    await expect.poll(() => page.getByLabel('Or paste the CSV').inputValue(), WAIT).toContain('PC-COMPTA-01');
    await page.getByRole('button', { name: 'Read the file' }).click();
    await expect.poll(() => page.getByTestId('asset-import-summary').textContent(), WAIT).toBe('10 rows: 0 to create, 0 to update, 6 unchanged, 4 in error (skipped).');
    expect(await page.getByTestId('asset-import-commit').isDisabled()).toBe(true);

    // In French, the same row errors are worded in French (from their codes, not the server's English).
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor(WAIT);
    await page.goto(`${t!.baseUrl}/#/devices/import`);
    await page.getByLabel('Fichier CSV').setInputFiles(FIXTURE);
    await expect.poll(() => page.getByLabel('Ou collez le CSV').inputValue(), WAIT).toContain('PC-COMPTA-01');
    await page.getByRole('button', { name: 'Lire le fichier' }).click();
    await page.getByTestId('asset-import-errors').waitFor(WAIT);
    expect(await errorRows(page)).toEqual([
      "5 Date d'achat « 31/02/2024 » n’est pas un jour du calendrier",
      "6 Numéro d'inventaire le numéro d’inventaire INV-2024-0001 est déjà à la ligne 2",
      '9 Nom le nom est obligatoire',
      '10 Utilisateur aucun utilisateur « pdurand » (donnez l’identifiant ou l’e-mail d’un utilisateur existant)',
    ]);
    expect(pageErrors).toEqual([]);
  });
});
