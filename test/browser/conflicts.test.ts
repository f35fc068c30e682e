import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInventory } from '../../server/test/helpers/inventory-factory.js';
import { CHROMIUM, HAVE_CHROMIUM, startHarness, type Harness } from './harness.js';

/**
 * Reconcile conflicts in Chromium: a machine is reinstalled (a new agent reports the serial and UUID of
 * a device still bound to its old, unrevoked agent), so Parc keeps two devices and opens a conflict; an
 * admin finds it in the administration, sees both devices, and merges them. The old record keeps its
 * ticket and is bound to the new agent, the other device is gone, and the conflict is closed.
 */
const ADMIN_PASSWORD = 'browser-conflicts-admin-pw';
const POLL = { timeout: 10_000 };

let h: Harness | undefined;
let adminToken = '';
let oldId = 0;
let newId = 0;
let freshAgentId = '';

async function seed(): Promise<void> {
  const api = h!.api.bind(h);
  ({ token: adminToken } = await api<{ token: string }>('POST', '/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD }));
  const enrollment = await api<{ token: string }>('POST', '/api/v1/enrollment-tokens', { description: 'conflicts test' }, adminToken);
  const enroll = () => api<{ agentId: string; agentKey: string }>('POST', '/api/v1/agent/enroll', { enrollmentToken: enrollment.token, hostname: 'ws-reinstalled' });
  const old = await enroll();
  ({ deviceId: oldId } = await api<{ deviceId: number }>('POST', '/api/v1/agent/inventory', makeInventory({ agentId: old.agentId, hostname: 'ws-reinstalled', seed: 11, packages: 5 }), old.agentKey));
  await api('POST', '/api/v1/tickets', { title: 'Fan noise', description: 'Loud since Friday.', deviceIds: [oldId] }, adminToken);
  const fresh = await enroll();
  freshAgentId = fresh.agentId;
  ({ deviceId: newId } = await api<{ deviceId: number }>('POST', '/api/v1/agent/inventory', makeInventory({ agentId: fresh.agentId, hostname: 'ws-reinstalled', seed: 11, packages: 3 }), fresh.agentKey));
}

describe.skipIf(!HAVE_CHROMIUM)(`reconcile conflicts in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} is absent)`}`, () => {
  beforeAll(async () => {
    h = await startHarness({ adminPassword: ADMIN_PASSWORD, name: 'ui-conflicts' });
    await seed();
  }, 90_000);

  afterAll(async () => {
    await h?.close();
  });

  it('an admin sees both devices of a conflict and merges them', { timeout: 90_000 }, async () => {
    expect(newId).not.toBe(oldId);
    const page: Page = h!.context.pages()[0] ?? (await h!.context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('401')) pageErrors.push(m.text());
    });

    await page.goto(h!.baseUrl);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fleet' }).waitFor(); // an admin lands on the fleet home
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Reconcile conflicts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reconcile conflicts' }).waitFor();

    const conflict = page.getByRole('listitem', { name: /^Conflict \d+$/ });
    expect(await conflict.count()).toBe(1);
    expect(await conflict.textContent()).toContain('bound to active agent');
    const rows = conflict.getByRole('region', { name: /Devices named by conflict/ }).locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain(`#${newId} ws-reinstalled`);
    expect(await rows.nth(1).textContent()).toContain(`#${oldId} ws-reinstalled`);
    expect(await rows.nth(1).textContent()).toContain('active');
    await page.screenshot({ path: path.join(h!.shotsDir, 'conflict-open.png'), fullPage: true });

    // Merge with the defaults: keep the old record, absorb the new device, bind the new agent.
    await conflict.getByText('Merge: they are one machine').click();
    const merge = conflict.getByRole('form', { name: /Merge the devices of conflict/ });
    expect(await merge.getByLabel('Keep').inputValue()).toBe(String(oldId));
    expect(await merge.getByLabel('Merge into it, then delete').inputValue()).toBe(String(newId));
    await merge.getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), POLL).toContain(`#${newId} ws-reinstalled merged into #${oldId} ws-reinstalled`);
    await page.getByText('No open conflict').waitFor();

    // Through the API: one device left, bound to the new agent, with its ticket; the conflict merged.
    const api = h!.api.bind(h);
    const device = await api<{ agent: { id: string } | null }>('GET', `/api/v1/devices/${oldId}`, undefined, adminToken);
    expect(device.agent?.id).toBe(freshAgentId);
    const tickets = await api<{ items: { title: string }[] }>('GET', `/api/v1/devices/${oldId}/tickets`, undefined, adminToken);
    expect(tickets.items.map((x) => x.title)).toEqual(['Fan noise']);
    const devices = await api<{ items: { id: number; type: string; parentDevice: { id: number } | null }[] }>('GET', '/api/v1/devices', undefined, adminToken);
    expect(devices.items.filter((d) => d.type === 'computer').map((d) => d.id)).toEqual([oldId]);
    // The monitor both records reported is one asset, attached to the kept record.
    expect(devices.items.filter((d) => d.type === 'monitor').map((d) => d.parentDevice?.id)).toEqual([oldId]);
    const resolved = await api<{ items: { resolution: string }[] }>('GET', '/api/v1/reconcile-conflicts?state=resolved', undefined, adminToken);
    expect(resolved.items.map((c) => c.resolution)).toEqual(['merged']);
    expect(pageErrors).toEqual([]);
  });
});
