import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, HAVE_CHROMIUM, startHarness, type Harness } from './harness.js';

/**
 * The admin and statistics screens end to end in Chromium: an admin sets up routing and SLA through the
 * UI only (group with a technician, category and subcategory, calendar, SLA policy, assignment rules,
 * priority matrix), then a ticket opened in the subcategory is auto-assigned with SLA due times, and the
 * statistics page counts it.
 */
const ADMIN_PASSWORD = 'browser-admin-test-pw';
const POLL = { timeout: 10_000 };

let t: Harness | undefined;

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(t!.shotsDir, `${name}.png`), fullPage: true });

describe.skipIf(!HAVE_CHROMIUM)(`admin web UI in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is absent; install it with apt-get install chromium)`}`, () => {
  beforeAll(async () => {
    t = await startHarness({ adminPassword: ADMIN_PASSWORD, name: 'ui-admin' });
    const { token } = await t.api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    await t.api('POST', '/api/v1/users', { username: 'tom', password: 'technician-pw-1', role: 'technician', displayName: 'Tom Tech' }, token);
    // Rules name a node of the location tree.
    await t.api('POST', '/api/v1/locations', { name: 'Lyon', kind: 'site' }, token);
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  });

  it('an admin sets up routing and SLA; a ticket in the subcategory is auto-assigned with due times and counted in the statistics', { timeout: 90_000 }, async () => {
    const page = t!.context.pages()[0] ?? (await t!.context.newPage());
    const pageErrors: string[] = [];
    const refused: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Console errors would include CSP violations; refused requests are checked one by one below.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    });
    const status = () => page.getByRole('status').first().textContent();

    await page.goto(t!.baseUrl);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fleet' }).waitFor();

    // Users is the admin's first screen; the technician seeded through the API is listed.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    expect(await page.locator('tr', { hasText: 'tom' }).textContent()).toContain('Technician');
    const admin = page.getByRole('navigation', { name: 'Administration' });

    // A group with the technician as member.
    await admin.getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('heading', { level: 1, name: 'Groups' }).waitFor();
    const createGroup = page.getByRole('form', { name: 'Create a group' });
    await createGroup.getByRole('button', { name: 'Create group' }).click();
    // An empty name: the API's error names the field, which is marked and focused.
    await expect.poll(() => createGroup.getByRole('alert').textContent(), POLL).toMatch(/\S/);
    expect(await createGroup.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await createGroup.getByLabel('Name').fill('Network team');
    await createGroup.getByRole('button', { name: 'Create group' }).click();
    await expect.poll(status, POLL).toContain('Network team');
    const members = page.getByRole('form', { name: 'Members of Network team' });
    await members.getByLabel(/Tom Tech/).check();
    await members.getByRole('button', { name: 'Save members' }).click();
    await expect.poll(status, POLL).toContain('1 member');
    expect(await page.getByRole('form', { name: 'Members of Network team' }).getByLabel(/Tom Tech/).isChecked()).toBe(true);

    // A category and a subcategory; deleting the parent is refused with the API's message.
    await admin.getByRole('link', { name: 'Categories' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ticket categories' }).waitFor();
    let createCategory = page.getByRole('form', { name: 'Create a category' });
    await createCategory.getByLabel('Name').fill('Network');
    await createCategory.getByRole('button', { name: 'Create category' }).click();
    await expect.poll(status, POLL).toContain('"Network" created');
    createCategory = page.getByRole('form', { name: 'Create a category' });
    await createCategory.getByLabel('Name').fill('Wi-Fi');
    await createCategory.getByLabel('Under').selectOption({ label: 'Network' });
    await createCategory.getByRole('button', { name: 'Create category' }).click();
    await expect.poll(status, POLL).toContain('"Network > Wi-Fi" created');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete Network', exact: true }).click();
    await expect.poll(() => page.locator('.tree li').first().getByRole('alert').first().textContent(), POLL).toContain('still used by');
    await shot(page, 'admin-1-categories');

    // A calendar: the default office week plus a Saturday morning, and a holiday.
    await admin.getByRole('link', { name: 'Calendars' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calendars' }).waitFor();
    const createCalendar = page.getByRole('form', { name: 'Create a calendar' });
    await createCalendar.getByLabel('Name', { exact: true }).fill('Office hours');
    expect(await createCalendar.getByLabel('Time zone').inputValue()).toBe('Europe/Paris');
    expect(await createCalendar.getByLabel('Monday, range 2, from').inputValue()).toBe('13:00');
    await createCalendar.getByRole('button', { name: 'Add a range on Saturday' }).click();
    await createCalendar.getByLabel('Saturday, range 1, from').fill('10:00');
    await createCalendar.getByLabel('Saturday, range 1, to').fill('09:00');
    await createCalendar.getByRole('button', { name: '+ Holiday' }).click();
    await createCalendar.getByLabel('Date').fill('2026-12-25');
    await createCalendar.getByLabel('Every year').check();
    await createCalendar.getByRole('button', { name: 'Create calendar' }).click();
    // The end before the start: refused, and the very input the API names is marked.
    await expect.poll(() => createCalendar.getByLabel('Saturday, range 1, to').getAttribute('aria-invalid'), POLL).toBe('true');
    await createCalendar.getByLabel('Saturday, range 1, to').fill('12:00');
    await createCalendar.getByRole('button', { name: 'Create calendar' }).click();
    await expect.poll(status, POLL).toContain('"Office hours" created');
    expect(await page.locator('section.card', { hasText: 'Office hours' }).textContent()).toContain('Sat 10:00–12:00');
    await shot(page, 'admin-2-calendars');

    // An SLA policy for the Network category; minutes are read back as hours.
    await admin.getByRole('link', { name: 'SLA policies' }).click();
    await page.getByRole('heading', { level: 1, name: 'SLA policies' }).waitFor();
    const createPolicy = page.getByRole('form', { name: 'Create an SLA policy' });
    await createPolicy.getByLabel('Name').fill('Network SLA');
    await createPolicy.getByLabel('Calendar').selectOption({ label: 'Office hours' });
    await createPolicy.getByLabel('Category').selectOption({ label: 'Network' });
    await createPolicy.getByLabel('Own within (minutes), priority Very high').fill('30');
    await createPolicy.getByLabel('Resolve within (minutes), priority Very high').fill('240');
    expect(await createPolicy.locator('.minutes-cell', { has: page.getByLabel('Resolve within (minutes), priority Very high') }).locator('output').textContent()).toBe('= 4 h');
    await createPolicy.getByLabel('Own within (minutes), priority Medium').fill('60');
    await createPolicy.getByLabel('Resolve within (minutes), priority Medium').fill('480');
    await createPolicy.getByRole('button', { name: 'Create policy' }).click();
    await expect.poll(status, POLL).toContain('"Network SLA" created');
    expect(await page.locator('section.card', { hasText: 'Network SLA' }).textContent()).toContain('Very high: own 30 min, resolve 4 h');
    await shot(page, 'admin-3-sla');

    // Two assignment rules; the second is moved up (the reorder endpoint), and still the category rule routes the ticket.
    await admin.getByRole('link', { name: 'Assignment rules' }).click();
    await page.getByRole('heading', { level: 1, name: 'Assignment rules' }).waitFor();
    const createRule = async (name: string, set: (form: ReturnType<typeof page.getByRole>) => Promise<void>) => {
      const form = page.getByRole('form', { name: 'Create an assignment rule' });
      await form.getByLabel('Name').fill(name);
      await form.getByLabel('Assign to group').selectOption({ label: 'Network team' });
      await set(form);
      await form.getByRole('button', { name: 'Create rule' }).click();
      await expect.poll(status, POLL).toContain(`"${name}" created`);
    };
    await createRule('Network tickets', (f) => f.getByLabel('Category').selectOption({ label: 'Network' }).then(() => undefined));
    await createRule('Lyon office', (f) => f.getByLabel('Location').selectOption({ label: 'Lyon' }).then(() => undefined));
    await page.getByRole('button', { name: 'Move Lyon office up' }).click();
    await expect.poll(status, POLL).toContain('moved up to position 1');
    expect(await page.locator('ol.rules > li .rule-head .strong').allTextContents()).toEqual(['Lyon office', 'Network tickets']);
    await shot(page, 'admin-4-rules');

    // The matrix: urgency 3 × impact 3 becomes "very high".
    await admin.getByRole('link', { name: 'Helpdesk settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Helpdesk settings' }).waitFor();
    await page.getByLabel('Priority for urgency 3 (Medium) and impact 3 (Medium)').selectOption('5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(status, POLL).toContain('Helpdesk settings saved');
    expect(await page.getByLabel('Priority for urgency 3 (Medium) and impact 3 (Medium)').inputValue()).toBe('5');
    await shot(page, 'admin-5-matrix');

    // A ticket in the subcategory: assigned to the group by the rule, priority from the matrix, SLA from the parent category.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New ticket' }).click();
    await page.getByRole('heading', { level: 1, name: 'New ticket' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Wi-Fi drops every hour');
    await page.getByLabel('Description', { exact: true }).fill('On the second floor.');
    await page.getByLabel('Category').selectOption({ label: 'Network > Wi-Fi' });
    await page.getByRole('button', { name: 'Open the ticket' }).click();
    await page.getByRole('heading', { level: 1, name: /Wi-Fi drops every hour/ }).waitFor();
    const side = page.locator('.ticket-side');
    expect(await side.textContent()).toContain('Group Network team');
    expect(await page.locator('.page-head .badge.priority-5').textContent()).toBe('Very high');
    expect(await side.textContent()).toContain('Policy: Network SLA');
    const targets = side.locator('.sla-target');
    expect(await targets.count()).toBe(2);
    expect(await targets.first().textContent()).toMatch(/Time to own.*Due.*30 min/);
    expect(await targets.nth(1).textContent()).toMatch(/Time to resolve.*Due.*4 h/);
    await shot(page, 'admin-6-ticket');

    // The statistics count it (default period: the last 30 days in the browser's zone).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Statistics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
    expect(await page.getByTestId('stats-total').textContent()).toContain('1 ticket opened');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Paris');
    const byCategory = page.locator('section', { has: page.getByRole('heading', { name: 'By category' }) });
    expect(await byCategory.locator('tr', { hasText: 'Network > Wi-Fi' }).locator('.bar-value').textContent()).toBe('1');
    const byPriority = page.locator('section', { has: page.getByRole('heading', { name: 'By priority' }) });
    expect(await byPriority.locator('tr', { hasText: 'Very high' }).locator('.bar-value').textContent()).toBe('1');
    expect(await page.getByRole('img', { name: /opened, closed and backlog/i }).count()).toBe(1);
    await shot(page, 'admin-7-statistics');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'admin-8-statistics-phone');
    await page.setViewportSize({ width: 1440, height: 1000 });

    expect(pageErrors).toEqual([]);
    // Only the refusals the test provoked: no session yet, a nameless group, a category in use, a backwards range.
    expect(refused).toEqual(['401 GET /api/v1/me', '400 POST /api/v1/groups', expect.stringMatching(/^409 DELETE \/api\/v1\/ticket-categories\/\d+$/), '400 POST /api/v1/calendars']);
  });

  it('an admin manages users, webhooks and legacy agents, with refusals shown on the field the API names', { timeout: 60_000 }, async () => {
    const page = await t!.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const status = () => page.getByRole('status').first().textContent();
    // Still logged in from the first test (same browser profile).
    await page.goto(`${t!.baseUrl}/#/admin/users`);
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();

    const createUser = page.getByRole('form', { name: 'Create a user' });
    await createUser.getByLabel('Username').fill('nina');
    await createUser.getByLabel('Display name').fill('Nina New');
    await createUser.getByLabel('Role').selectOption('technician');
    await createUser.getByLabel('Password').fill('short');
    await createUser.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => createUser.getByLabel('Password').getAttribute('aria-invalid'), POLL).toBe('true');
    await createUser.getByLabel('Password').fill('long-enough-pw');
    await createUser.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(status, POLL).toContain('User nina created as Technician');
    const row = page.locator('tr', { hasText: 'nina' });
    await row.getByText('Change').click();
    const change = page.getByRole('form', { name: 'Change nina' });
    await change.getByLabel('Role').selectOption('licence-manager');
    await change.getByLabel('Disabled: cannot log in').check();
    await change.getByRole('button', { name: 'Save' }).click();
    await expect.poll(status, POLL).toContain('User nina saved');
    expect(await page.locator('tr', { hasText: 'nina' }).textContent()).toMatch(/Licence manager.*Disabled/);

    const admin = page.getByRole('navigation', { name: 'Administration' });
    await admin.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    const addHook = page.getByRole('form', { name: 'Add a webhook' });
    await addHook.getByLabel('URL').fill('https://hooks.example.org/parc');
    await addHook.getByLabel('Followup added').uncheck();
    await addHook.getByLabel('Licence expiring').uncheck();
    await addHook.getByLabel('Secret').fill('too-short');
    await addHook.getByRole('button', { name: 'Add webhook' }).click();
    await expect.poll(() => addHook.getByLabel('Secret').getAttribute('aria-invalid'), POLL).toBe('true');
    expect(await addHook.getByRole('alert').textContent()).toMatch(/16/);
    await addHook.getByLabel('Secret').fill('a-secret-of-enough-length');
    await addHook.getByRole('button', { name: 'Add webhook' }).click();
    await expect.poll(status, POLL).toContain('Webhook added');
    const hook = page.locator('li.card', { hasText: 'hooks.example.org' });
    expect(await hook.textContent()).toContain('Signed');
    expect(await hook.getByText(/^Events:/).textContent()).toBe('Events: Ticket opened, Ticket assigned, Ticket solved, SLA at risk, Software over-deployed, Warranty ending, Maintenance contract ending, Approval requested, Approval settled');
    expect(await page.content()).not.toContain('a-secret-of-enough-length');
    await shot(page, 'admin-9-webhooks');

    await admin.getByRole('link', { name: 'Legacy agents' }).click();
    await page.getByRole('heading', { level: 1, name: 'Legacy agents' }).waitFor();
    await page.getByLabel('Accept inventories from legacy agents').check();
    await page.getByLabel('Networks allowed without credentials').fill('10.0.0.0/8\nnot-a-network');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByLabel('Networks allowed without credentials').getAttribute('aria-invalid'), POLL).toBe('true');
    await page.getByLabel('Networks allowed without credentials').fill('10.0.0.0/8\n192.168.1.0/24');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(status, POLL).toContain('Legacy agent settings saved');
    expect(await page.locator('.kv').textContent()).toContain('10.0.0.0/8, 192.168.1.0/24');
    expect(pageErrors).toEqual([]);
  });
});
