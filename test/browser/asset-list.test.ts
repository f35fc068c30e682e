import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/platform/db/database.js';
import { migrateToLatest } from '../../server/src/platform/db/migrate.js';
import { CHROMIUM, HAVE_CHROMIUM, startHarness, type Harness } from './harness.js';

/**
 * The asset list: an admin picks the Computers tab, then a site in the location picker (its building
 * included), and the list, the URL and the "Export CSV" link all carry both filters; the export holds
 * exactly those rows. The fleet home's totals link to the filtered list. The register's rows are seeded
 * straight into the embedded database before the server starts (the APIs that write them are elsewhere).
 */
const ADMIN_PASSWORD = 'browser-assets-admin-pw';
const WAIT = { timeout: 20_000 };

let h: Harness | undefined;
let dataDir: string;
let paris: number;

async function seed(dir: string) {
  const { db } = await openDatabase({ dataDir: dir });
  await migrateToLatest(db);
  const place = async (name: string, parent_id: number | null) => (await db.insertInto('locations').values({ name, parent_id }).returning('id').executeTakeFirstOrThrow()).id;
  paris = await place('Paris', null);
  const buildingA = await place('Building A', paris);
  const lyon = await place('Lyon', null);
  const at = new Date();
  await db
    .insertInto('devices')
    .values([
      { hostname: 'pc-paris', type: 'computer', location_id: buildingA, match_rule: 'manual', matched_at: at, serial: 'SN-PARIS' },
      { hostname: 'mon-paris', type: 'monitor', source: 'manual', location_id: buildingA, match_rule: 'manual', matched_at: at },
      { hostname: 'pc-lyon', type: 'computer', location_id: lyon, match_rule: 'manual', matched_at: at },
      { hostname: 'prn-nowhere', type: 'printer', state: 'in_stock', match_rule: 'manual', matched_at: at },
    ])
    .execute();
  await db.destroy();
}

async function logIn(page: Page) {
  await page.goto(`${h!.baseUrl}/#/`);
  await page.locator('input[name="username"]').waitFor(WAIT);
  await page.locator('input[name="username"]').fill('admin');
  await page.locator('input[name="password"]').fill(ADMIN_PASSWORD);
  await page.locator('form button[type="submit"]').click();
}

const hostnames = (page: Page) => page.locator('main table tbody tr td:nth-child(2)').allInnerTexts();

describe.skipIf(!HAVE_CHROMIUM)(`asset list${HAVE_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is absent)`}`, () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'parc-assets-data-'));
    await seed(dataDir);
    h = await startHarness({ adminPassword: ADMIN_PASSWORD, name: 'assets', dataDir, pglite: true });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('filters by type and location, and the export link carries the filters', { timeout: 90_000 }, async () => {
    const page = h!.context.pages()[0] ?? (await h!.context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page);
    // The fleet home counts the register and links each count to the filtered list.
    const byType = page.getByTestId('assets-by-type');
    await byType.waitFor(WAIT);
    await page.screenshot({ path: path.join(h!.shotsDir, 'asset-totals-home-en.png'), fullPage: true });
    expect(await byType.getByRole('link', { name: /Computers\s*2/ }).getAttribute('href')).toBe('#/devices?type=computer');
    expect(await page.getByTestId('assets-by-location').getByRole('link', { name: /Paris\s*2/ }).getAttribute('href')).toBe(`#/devices?locationId=${paris}`);

    await page.goto(`${h!.baseUrl}/#/devices`);
    const tabs = page.getByRole('navigation', { name: 'Asset types' });
    await tabs.getByRole('link', { name: 'All (4)' }).waitFor(WAIT);
    await tabs.getByRole('link', { name: 'Computers (2)' }).click();
    await expect.poll(() => page.url(), WAIT).toContain('type=computer');
    await expect.poll(() => hostnames(page), WAIT).toEqual(['pc-lyon', 'pc-paris']);
    expect(await tabs.getByRole('link', { name: 'Computers (2)' }).getAttribute('aria-current')).toBe('page');

    // The picker shows paths; a site includes its buildings.
    const picker = page.getByLabel('Location', { exact: true });
    expect(await picker.locator('option').allInnerTexts()).toEqual(['Anywhere', 'No location', 'Lyon', 'Paris', 'Paris / Building A']);
    await picker.selectOption({ label: 'Paris' });
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => hostnames(page), WAIT).toEqual(['pc-paris']);
    expect(page.url()).toContain(`locationId=${paris}`);
    expect(page.url()).toContain('type=computer');
    // Tab counts follow the other filters: in Paris, one computer and one monitor.
    await tabs.getByRole('link', { name: 'Monitors (1)' }).waitFor(WAIT);
    await page.screenshot({ path: path.join(h!.shotsDir, 'asset-list-en.png'), fullPage: true });

    const href = (await page.getByTestId('asset-export').getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/v1\/devices\/export\.csv\?/);
    const params = new URLSearchParams(href.split('?')[1]);
    expect(params.get('type')).toBe('computer');
    expect(params.get('locationId')).toBe(String(paris));
    const csv = await page.evaluate<string>(`fetch(${JSON.stringify(href)}, { credentials: 'same-origin' }).then((r) => r.text())`);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('pc-paris');
    expect(lines[1]).toContain('Paris / Building A');

    // Unticking sub-locations: nothing sits on the site itself.
    await page.getByLabel('Include sub-locations').uncheck();
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.url(), WAIT).toContain('includeSublocations=false');
    await page.getByText('No asset matches these filters.').waitFor(WAIT);
    expect(errors).toEqual([]);
  });
});
