import { beforeAll, describe, expect, it } from 'vitest';
import type { NotificationPayload } from '../../src/helpdesk/notifications/notification.types.js';
import { renderEmail } from '../../src/helpdesk/notifications/email.js';
import { createUser } from '../../src/platform/auth/users.service.js';
import { createLogger } from '../../src/platform/log.js';
import { expiringAlert, overDeployedAlert, overDeployedChanges } from '../../src/licences/alerts.js';
import { addDays, dayOf } from '../../src/licences/licence-dates.js';
import { runLicenceJobsOnce } from '../../src/licences/licences.jobs.js';
import { addDevice, productId, setupFleet, type FleetContext } from './fleet-helpers.js';

let t: FleetContext;
let today: string;
const outbox = async () =>
  (await t.db.selectFrom('notification_outbox').select(['event', 'channel', 'target', 'ticket_id', 'payload']).orderBy('id').execute()).map((r) => ({
    ...r,
    payload: r.payload as unknown as NotificationPayload,
  }));
const run = () => runLicenceJobsOnce({ db: t.db, config: { ...t.config, PARC_LICENCE_EXPIRY_DAYS: 30, PARC_SMTP_URL: 'smtp://mail.example.org:25' }, log: createLogger('silent'), clock: t.clock });

beforeAll(async () => {
  t = await setupFleet();
  t.clock.set(new Date());
  today = dayOf(t.clock.now());
  await createUser(t.db, { username: 'lena', password: 'lena-password', role: 'licence-manager', email: 'lena@example.org' });
  await createUser(t.db, { username: 'boss', password: 'boss-password', role: 'admin', email: 'boss@example.org' });
  await createUser(t.db, { username: 'tim', password: 'tim-password', role: 'technician', email: 'tim@example.org' });
});

describe('licence alerts', () => {
  it('tell licence managers once about a licence about to expire and a product that became over-deployed', async () => {
    await addDevice(t, 'pc-1', [{ name: 'Visio', version: '16', publisher: 'Microsoft' }]);
    await addDevice(t, 'pc-2', [{ name: 'Visio', version: '16', publisher: 'Microsoft' }]);
    const visio = await productId(t, 'Visio');
    await t.call('POST', '/api/v1/licences', { productId: visio, metric: 'device', quantity: 5, expiresOn: addDays(today, 20), reference: 'PO-7', unitCost: 10, currency: 'EUR' });
    // Expiring beyond the window: not yet.
    await t.call('POST', '/api/v1/licences', { productId: visio, metric: 'device', quantity: 1, expiresOn: addDays(today, 90) });

    const first = await run();
    expect(first).toMatchObject({ snapshot: true, alerts: 1 });
    let rows = await outbox();
    expect(rows.map((r) => [r.event, r.channel, r.target, r.ticket_id])).toEqual([['licence.expiring', 'email', 'lena@example.org', null]]);
    expect(rows[0]!.payload.summary).toBe(`Licence of Visio (PO-7) expires on ${addDays(today, 20)}`);
    expect(await run()).toMatchObject({ snapshot: false, alerts: 0 });

    // Five more machines: 7 installed, 6 owned: over-deployed, told once.
    for (let i = 3; i <= 7; i++) await addDevice(t, `pc-${i}`, [{ name: 'Visio', version: '16', publisher: 'Microsoft' }]);
    expect(await run()).toMatchObject({ alerts: 1 });
    expect(await run()).toMatchObject({ alerts: 0 });
    rows = await outbox();
    expect(rows.at(-1)!.event).toBe('licence.over-deployed');
    expect(rows.at(-1)!.payload.summary).toBe('Visio is over-deployed: 7 installed, 6 owned');
    expect(rows.at(-1)!.payload.data).toMatchObject({ shortfall: 1, trueUpCost: 10, currency: 'EUR' });

    // Renewed with a later date: a new expiry is a new event when it comes near.
    const list = (await t.call<{ items: { id: number; expiresOn: string }[] }>('GET', `/api/v1/licences?productId=${visio}&expiringWithinDays=30`)).body.items;
    await t.call('PATCH', `/api/v1/licences/${list[0]!.id}`, { expiresOn: addDays(today, 25) });
    expect(await run()).toMatchObject({ alerts: 1 });
  });

  it('emails about no ticket render without a ticket number', () => {
    const mail = renderEmail({ event: 'licence.expiring', ticketId: null, summary: 'Licence of Visio expires on 2026-12-01', data: { detail: '3 day(s) left.' }, occurredAt: '2026-11-28T00:00:00Z' }, { publicUrl: 'https://parc.example.org/' });
    expect(mail.subject).toBe('[Parc] Licence of Visio expires on 2026-12-01');
    expect(mail.text).toContain('3 day(s) left.');
    expect(mail.text).toContain('https://parc.example.org/#/compliance');
    expect(mail.html).not.toContain('#null');
  });

  it('licence alert emails speak the recipient\'s language, from the alert\'s data', () => {
    const expiring = expiringAlert({ id: 4, product: 'Visio', reference: 'EA-7', vendor: 'Microsoft', quantity: 3, expiresOn: '2026-12-10' }, '2026-12-01');
    const asPayload = (a: typeof expiring) => ({ event: a.type, ticketId: null, summary: a.summary, data: a.data, occurredAt: '2026-12-01T00:00:00Z' });
    const en = renderEmail(asPayload(expiring), { publicUrl: undefined, locale: 'en' });
    expect(en.subject).toBe('[Parc] Licence of Visio (EA-7, Microsoft) expires on December 10, 2026');
    expect(en.text).toContain('9 days left: renew it or plan the removals.');
    const fr = renderEmail(asPayload(expiring), { publicUrl: 'https://parc.example.org', locale: 'fr' });
    expect(fr.subject).toBe('[Parc] La licence de Visio (EA-7, Microsoft) expire le 10 décembre 2026');
    expect(fr.text).toContain('Il reste 9 jours : renouvelez-la');
    expect(fr.text).toContain('Ouvrir la conformité : https://parc.example.org/#/compliance');
    expect(fr.text).not.toMatch(/Licence of|days left|expires on/);

    const over = overDeployedAlert(
      { productId: 2, product: 'Office', installed: 1250, owned: 1000, shortfall: 250, trueUpCost: 12500, currency: 'EUR', metric: 'device' } as Parameters<typeof overDeployedAlert>[0],
      '2026-12-01',
    );
    const overFr = renderEmail(asPayload(over), { publicUrl: undefined, locale: 'fr' });
    expect(overFr.subject.replace(/\s/g, ' ')).toBe('[Parc] Office est en surdéploiement : 1 250 installé(s), 1 000 acquis');
    expect(overFr.text.replace(/\s/g, ' ')).toContain('250 postes au-delà des licences acquises ; régularisation 12 500,00 €.');
    const overEn = renderEmail(asPayload(over), { publicUrl: undefined, locale: 'en' });
    expect(overEn.text).toContain('250 devices beyond the owned licences; true-up €12,500.00.');
  });

  it('pure parts: event keys and transitions', () => {
    const a = expiringAlert({ id: 4, product: 'X', reference: null, vendor: 'V', quantity: 3, expiresOn: '2026-12-10' }, '2026-12-01');
    expect(a).toMatchObject({ key: '4:2026-12-10', summary: 'Licence of X (V) expires on 2026-12-10' });
    expect(a.data.detail).toContain('9 day(s) left');
    expect(overDeployedChanges(new Set([1, 2]), new Set([2, 3]))).toEqual({ entered: [1], left: [3] });
  });
});
