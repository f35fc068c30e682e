import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '@parc/shared';
import type { NotificationPayload } from '../../src/helpdesk/notifications/notification.types.js';
import { renderEmail } from '../../src/helpdesk/notifications/email.js';
import { enqueueNotices } from '../../src/helpdesk/notifications/outbox.js';
import { createUser } from '../../src/platform/auth/users.service.js';
import { createLogger } from '../../src/platform/log.js';
import { runAssetJobsOnce } from '../../src/assets/alerts/assets.jobs.js';
import { runAssetAlerts } from '../../src/assets/alerts/asset-alerts.service.js';
import { contractAlert, warrantyAlert } from '../../src/assets/alerts/asset-alerts.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';
import { makeInventory } from '../helpers/inventory-factory.js';

let t: TestContext;
const clock = manualClock(new Date('2026-06-15T10:00:00Z'));
let admin: Record<string, string>;
const outbox = async () =>
  (await t.db.selectFrom('notification_outbox').select(['event', 'channel', 'target', 'payload']).orderBy('id').execute()).map((r) => ({ ...r, payload: r.payload as unknown as NotificationPayload }));
const run = () => runAssetJobsOnce({ db: t.db, config: { ...t.config, PARC_WARRANTY_ALERT_DAYS: 30, PARC_SMTP_URL: 'smtp://mail.example.org:25' }, log: createLogger('silent'), clock, enqueue: enqueueNotices });

async function device(hostname: string): Promise<number> {
  const { agentKey } = await t.enrollAgent(hostname);
  const res = await t.upload(agentKey, makeInventory({ hostname, serial: `SN-${hostname}` }));
  return ((await res.json()) as { deviceId: number }).deviceId;
}

beforeAll(async () => {
  t = await setupTestApp({}, { clock });
  admin = await t.as('admin');
  await createUser(t.db, { username: 'boss', password: 'boss-password', role: 'admin', email: 'boss@example.org' });
  await createUser(t.db, { username: 'tim', password: 'tim-password', role: 'technician', email: 'tim@example.org' });
  await createUser(t.db, { username: 'lena', password: 'lena-password', role: 'licence-manager', email: 'lena@example.org' });
});

describe('warranty and contract alerts', () => {
  it('a warranty ending in 20 days raises exactly one alert, to admins and technicians, even when run twice or concurrently; one ending in 60 days does not', async () => {
    const soon = await device('alert-soon');
    const later = await device('alert-later');
    // Started 2025-07-05 for 12 months: ends 2026-07-05, 20 days after 2026-06-15.
    expect((await t.json('PUT', `/api/v1/devices/${soon}/finance`, { warrantyStart: '2025-07-05', warrantyMonths: 12 }, admin)).status).toBe(200);
    // Ends 2026-08-14: 60 days away.
    expect((await t.json('PUT', `/api/v1/devices/${later}/finance`, { warrantyStart: '2024-08-14', warrantyMonths: 24 }, admin)).status).toBe(200);

    const opts = { now: clock.now(), warrantyDays: 30, email: true, enqueue: enqueueNotices };
    const [a, b] = await Promise.all([runAssetAlerts(t.db, opts), runAssetAlerts(t.db, opts)]);
    expect(a.length + b.length).toBe(1);
    expect(await run()).toEqual({ alerts: 0 });
    const rows = await outbox();
    expect(rows.map((r) => [r.event, r.channel, r.target])).toEqual([
      ['asset.warranty-expiring', 'email', 'boss@example.org'],
      ['asset.warranty-expiring', 'email', 'tim@example.org'],
    ]);
    expect(rows[0]!.payload.data).toMatchObject({ deviceId: soon, endsOn: '2026-07-05', daysLeft: 20 });
    expect(await t.db.selectFrom('asset_alerts').select(['kind', 'key']).execute()).toEqual([{ kind: 'warranty-expiring', key: `${soon}:2026-07-05` }]);

    // Extended: a new end date is a new event when it comes near, not before.
    await t.json('PUT', `/api/v1/devices/${soon}/finance`, { warrantyStart: '2025-07-05', warrantyMonths: 24 }, admin);
    expect(await run()).toEqual({ alerts: 0 });
  });

  it('a contract ending within its notice days raises one alert', async () => {
    await t.json('POST', '/api/v1/contracts', { name: 'Copiers', supplier: 'PrintCo', endsOn: '2026-07-10', noticeDays: 30 }, admin);
    await t.json('POST', '/api/v1/contracts', { name: 'Far away', endsOn: '2026-07-10', noticeDays: 10 }, admin);
    expect(await run()).toEqual({ alerts: 1 });
    expect(await run()).toEqual({ alerts: 0 });
    const last = (await outbox()).at(-1)!;
    expect(last.event).toBe('asset.contract-expiring');
    expect(last.payload.summary).toBe('Maintenance contract Copiers (PrintCo) ends on 2026-07-10');
  });

  it("emails speak the recipient's language and link to the asset", () => {
    const a = warrantyAlert({ deviceId: 7, hostname: 'pc-7', assetTag: 'A-7', endsOn: '2026-07-05' }, '2026-06-15');
    const payload = { event: a.type, ticketId: null, summary: a.summary, data: a.data, occurredAt: '2026-06-15T00:00:00Z' };
    const en = renderEmail(payload, { publicUrl: 'https://parc.example.org/', locale: 'en' });
    expect(en.subject).toBe('[Parc] Warranty of pc-7 (A-7) ends on July 5, 2026');
    expect(en.text).toContain('20 days left');
    expect(en.text).toContain('Open the asset: https://parc.example.org/#/devices/7');
    const fr = renderEmail(payload, { publicUrl: 'https://parc.example.org', locale: 'fr' });
    expect(fr.subject).toBe('[Parc] La garantie de pc-7 (A-7) se termine le 5 juillet 2026');
    expect(fr.text).toContain('Il reste 20 jours');
    expect(fr.text).toContain('Ouvrir le matériel : https://parc.example.org/#/devices/7');
    const c = contractAlert({ contractId: 4, name: 'Copiers', supplier: 'PrintCo', endsOn: '2026-07-10', devices: 3 }, '2026-06-15');
    const cfr = renderEmail({ event: c.type, ticketId: null, summary: c.summary, data: c.data, occurredAt: '2026-06-15T00:00:00Z' }, { publicUrl: 'https://parc.example.org', locale: 'fr' });
    expect(cfr.subject).toBe('[Parc] Le contrat de maintenance Copiers (PrintCo) se termine le 10 juillet 2026');
    expect(cfr.text).toContain('Ouvrir le contrat : https://parc.example.org/#/contracts/4');
  });
});
