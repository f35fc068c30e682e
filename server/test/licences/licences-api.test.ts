import { beforeEach, describe, expect, it } from 'vitest';
import type { LicenceDetail, LicenceImportPreview, LicenceImportResult, LicenceList } from '@parc/shared';
import { addDevice, productId, setupFleet, type FleetContext } from './fleet-helpers.js';

let t: FleetContext;
let office: number;
let acrobat: number;
let ws1: number;

beforeEach(async () => {
  t = await setupFleet();
  t.clock.set('2026-06-15T12:00:00Z');
  ws1 = await addDevice(t, 'ws-1', [{ name: 'Microsoft Office 2019', version: '16.0', publisher: 'Microsoft' }, { name: 'Adobe Acrobat', version: '23.1', publisher: 'Adobe' }]);
  office = await productId(t, 'Microsoft Office 2019');
  acrobat = await productId(t, 'Adobe Acrobat');
});

describe('licences', () => {
  it('create, read, list with filters, patch and delete; technicians read, requesters do not', async () => {
    const created = await t.call<LicenceDetail>('POST', '/api/v1/licences', {
      productId: office, metric: 'device', quantity: 10, versionFrom: '16', startsOn: '2026-01-01', expiresOn: '2026-07-01',
      unitCost: 249.5, currency: 'eur', vendor: 'SoftwareOne', reference: 'PO-1', allocations: { deviceIds: [ws1], users: ['CORP\\alice'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      productId: office, product: { id: office, name: 'Microsoft Office 2019', publisher: 'Microsoft' }, metric: 'device', quantity: 10,
      versionFrom: '16', versionTo: null, startsOn: '2026-01-01', expiresOn: '2026-07-01', unitCost: 249.5, currency: 'EUR', state: 'active',
      allocationCounts: { devices: 1, users: 1 }, allocations: { devices: [{ id: ws1, hostname: 'ws-1' }], users: ['CORP\\alice'] },
    });
    const site = await t.call<LicenceDetail>('POST', '/api/v1/licences', { productId: acrobat, metric: 'site', quantity: 99, startsOn: '2027-01-01' });
    expect(site.body).toMatchObject({ quantity: null, state: 'future' });

    const tech = await t.as('technician');
    const requester = await t.as('requester');
    expect((await t.call<LicenceList>('GET', '/api/v1/licences', undefined, tech)).body.total).toBe(2);
    expect((await t.call('GET', '/api/v1/licences', undefined, requester)).status).toBe(403);
    expect((await t.call('POST', '/api/v1/licences', { productId: office, metric: 'site' }, tech)).status).toBe(403);
    const ids = async (q: string) => (await t.call<LicenceList>('GET', `/api/v1/licences?${q}`)).body.items.map((l) => l.id);
    expect(await ids('state=future')).toEqual([site.body.id]);
    expect(await ids('expiringWithinDays=30')).toEqual([created.body.id]);
    expect(await ids('expiringWithinDays=10')).toEqual([]);
    expect(await ids('search=softwareone')).toEqual([created.body.id]);
    expect(await ids(`productId=${acrobat}`)).toEqual([site.body.id]);

    t.clock.set('2026-07-02T00:00:00Z');
    expect((await t.call<LicenceDetail>('GET', `/api/v1/licences/${created.body.id}`)).body.state).toBe('expired');
    const patched = await t.call<LicenceDetail>('PATCH', `/api/v1/licences/${created.body.id}`, { expiresOn: '2027-07-01', allocations: { deviceIds: [], users: [] } });
    expect(patched.body).toMatchObject({ state: 'active', quantity: 10, allocationCounts: { devices: 0, users: 0 } });
    expect((await t.call('DELETE', `/api/v1/licences/${site.body.id}`)).status).toBe(204);
    expect((await t.call('GET', `/api/v1/licences/${site.body.id}`)).status).toBe(404);
  });

  it('refuses what does not hold together with a 4xx naming the field, and stores nothing', async () => {
    const bad: [unknown, number, string][] = [
      [{ productId: office, metric: 'device' }, 400, 'quantity'],
      [{ productId: office, metric: 'device', quantity: 1, startsOn: '2026-05-01', expiresOn: '2026-04-01' }, 400, 'expiresOn'],
      [{ productId: office, metric: 'device', quantity: 1, unitCost: 3 }, 400, 'currency'],
      [{ productId: office, metric: 'device', quantity: 1, currency: 'EURO' }, 400, 'currency'],
      [{ productId: office, metric: 'device', quantity: -1 }, 400, 'quantity'],
      [{ productId: office, metric: 'device', quantity: 1, startsOn: '2026-02-30' }, 400, 'startsOn'],
      [{ productId: 999999, metric: 'site' }, 400, 'productId'],
      [{ productId: office, metric: 'device', quantity: 1, allocations: { deviceIds: [999999] } }, 400, 'allocations.deviceIds.0'],
      [{ productId: office, metric: 'floating', quantity: 1 }, 400, 'metric'],
    ];
    for (const [body, status, field] of bad) {
      const res = await t.call<{ error: { field: string } }>('POST', '/api/v1/licences', body);
      expect({ body, status: res.status, field: res.body.error.field }).toEqual({ body, status, field });
    }
    expect((await t.call<LicenceList>('GET', '/api/v1/licences')).body.total).toBe(0);
    await t.call('POST', '/api/v1/licences', { productId: office, metric: 'device', quantity: 1 });
    const mixed = await t.call<{ error: { field: string } }>('POST', '/api/v1/licences', { productId: office, metric: 'user', quantity: 1 });
    expect([mixed.status, mixed.body.error.field]).toEqual([409, 'metric']);
    expect((await t.call('POST', '/api/v1/licences', { productId: office, metric: 'site' })).status).toBe(201);
  });

  it('imports a CSV: the preview writes nothing, an error anywhere refuses the whole file, a clean file goes in at once', async () => {
    const good = 'product,metric,quantity,expiresOn,unitCost,currency,reference\n' +
      'Microsoft Office 2019,device,10,2027-12-31,249.50,EUR,PO-1\n' +
      'Adobe Acrobat,user,5,,,,"=cmd|\' /C calc\'!A0"\n';
    const bad = good + 'Adobe Acrobat,device,1,,,,\nNo Such Thing,device,1,,,,\n';
    const preview = await t.call<LicenceImportPreview>('POST', '/api/v1/licences/import/preview', { csv: bad });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ valid: 2, invalid: 2 });
    expect(preview.body.errors.map((e) => [e.line, e.column])).toEqual([[4, 'metric'], [5, 'product']]);
    expect(preview.body.rows[0]).toMatchObject({ line: 2, product: { id: office }, licence: { productId: office, quantity: 10, unitCost: 249.5 } });
    const refused = await t.call<{ error: { field: string; details: { errors: unknown[] } } }>('POST', '/api/v1/licences/import', { csv: bad });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('csv');
    expect(refused.body.error.details.errors).toHaveLength(2);
    expect((await t.call<LicenceList>('GET', '/api/v1/licences')).body.total).toBe(0);

    const imported = await t.call<LicenceImportResult>('POST', '/api/v1/licences/import', { csv: good });
    expect(imported.status).toBe(201);
    expect(imported.body.created).toBe(2);
    const list = (await t.call<LicenceList>('GET', '/api/v1/licences')).body;
    expect(list.items.map((l) => [l.product.name, l.metric, l.quantity, l.reference])).toEqual([
      ['Adobe Acrobat', 'user', 5, "=cmd|' /C calc'!A0"],
      ['Microsoft Office 2019', 'device', 10, 'PO-1'],
    ]);
    expect((await t.call('POST', '/api/v1/licences/import', { csv: 'x'.repeat(100) })).status).toBe(400);
  });
});
