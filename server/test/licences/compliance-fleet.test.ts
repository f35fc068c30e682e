import { beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceDrill, ComplianceHistory, ComplianceItem, ComplianceSummary, LicenceDetail } from '@parc/shared/api';
import { addDays, dayOf } from '../../src/licences/licence-dates.js';
import { addDevice, lastSeenDaysAgo, productId, setupFleet, type FleetContext, type Package } from './fleet-helpers.js';

// A fleet with known installations and licences, through the API: every product's installed, owned,
// shortfall, surplus and true-up cost, checked exactly.

const office = (v: string): Package => ({ name: 'Microsoft Office 2019', version: v, publisher: 'Microsoft Corporation' });
const acrobat = (v: string): Package => ({ name: 'Adobe Acrobat', version: v, publisher: 'Adobe Systems Incorporated' });
const photoshop: Package = { name: 'Adobe Photoshop', version: '24.0', publisher: 'Adobe' };
const visio: Package = { name: 'Microsoft Visio', version: '16.0', publisher: 'Microsoft' };
const slack: Package = { name: 'Slack', version: '4.33', publisher: 'Slack Technologies' };
const sevenZip: Package = { name: '7-Zip', version: '23.01', publisher: 'Igor Pavlov' };

let t: FleetContext;
let admin: Record<string, string>;
const dev: Record<string, number> = {};
const pid: Record<string, number> = {};
let today: string;

beforeAll(async () => {
  t = await setupFleet();
  admin = await t.as('admin');
  t.clock.set(new Date());
  today = dayOf(t.clock.now());
  dev.pc1 = await addDevice(t, 'pc-01', [office('16.0.1'), acrobat('23.1'), visio, photoshop], 'alice');
  dev.pc2 = await addDevice(t, 'pc-02', [office('16.0.2'), acrobat('23.1')], 'alice');
  dev.pc3 = await addDevice(t, 'pc-03', [office('16.0.1'), acrobat('20.0'), photoshop], 'bob');
  dev.pc4 = await addDevice(t, 'pc-04', [office('14.0'), acrobat('23.1')], 'carol');
  dev.pc5 = await addDevice(t, 'pc-05', [office('16.0.1')], 'dave');
  dev.pc6 = await addDevice(t, 'pc-06', [office('16.0.1'), acrobat('23.1')], 'erin');
  dev.pc7 = await addDevice(t, 'pc-07', [acrobat('19.0'), acrobat('23.1')], 'frank');
  dev.pc8 = await addDevice(t, 'pc-08', [slack, sevenZip], 'gina');
  // pc-05 is retired, pc-06 stopped reporting 60 days ago (stale at PARC_STALE_DAYS=30), pc-07 belongs to bob.
  expect((await t.call('PATCH', `/api/v1/devices/${dev.pc5}`, { state: 'retired' }, admin)).status).toBe(200);
  expect((await t.call('PATCH', `/api/v1/devices/${dev.pc7}`, { owner: 'Bob' }, admin)).status).toBe(200);
  await lastSeenDaysAgo(t, dev.pc6!, 60, t.clock.now());
  for (const name of ['Microsoft Office 2019', 'Adobe Acrobat', 'Adobe Photoshop', 'Microsoft Visio', 'Slack', '7-Zip']) pid[name] = await productId(t, name);

  const licences = [
    { productId: pid['Microsoft Office 2019'], metric: 'device', quantity: 2, versionFrom: '16', versionTo: '16', startsOn: '2025-01-01', unitCost: 200, currency: 'EUR', allocations: { deviceIds: [dev.pc3] } },
    // Expired ten days ago: its five seats no longer count, its cheaper price is older, its range still says 15 and 16 need licences.
    { productId: pid['Microsoft Office 2019'], metric: 'device', quantity: 5, versionFrom: '15', versionTo: '16', startsOn: '2024-01-01', expiresOn: addDays(today, -10), unitCost: 180, currency: 'EUR' },
    { productId: pid['Adobe Acrobat'], metric: 'user', quantity: 5, versionFrom: '20', unitCost: 150, currency: 'USD' },
    { productId: pid['Adobe Photoshop'], metric: 'site', expiresOn: addDays(today, 365) },
    // Slack's licence starts next month: nothing is owned yet.
    { productId: pid.Slack, metric: 'device', quantity: 10, startsOn: addDays(today, 30), unitCost: 7.25, currency: 'EUR' },
  ];
  for (const l of licences) expect((await t.call('POST', '/api/v1/licences', l)).status).toBe(201);
  expect((await t.call('PATCH', `/api/v1/software/${pid['Microsoft Visio']}`, { licensable: true })).status).toBe(200);
});

const row = (i: ComplianceItem) => [i.product, i.metric, i.installed, i.owned, i.shortfall, i.surplus, i.trueUpCost, i.currency, i.status, i.excluded.retired, i.excluded.stale];

describe('compliance of a known fleet', () => {
  it('gives exactly the expected figures for every product', async () => {
    const res = await t.call<ComplianceSummary>('GET', '/api/v1/compliance');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ date: today, source: 'live', staleDays: 30 });
    expect(res.body.items.map(row)).toEqual([
      // pc-01, pc-02, pc-03 counted (16.x covered; pc-04's 14.0 is not), pc-05 retired, pc-06 stale; 2 valid seats.
      ['Microsoft Office 2019', 'device', 3, 2, 1, 0, 200, 'EUR', 'over-deployed', 1, 1],
      // A licence that has not started owns nothing; its price still sets the true-up.
      ['Slack', 'device', 1, 0, 1, 0, 7.25, 'EUR', 'unlicensed', 0, 0],
      // Licensable, no licence at all.
      ['Microsoft Visio', null, 1, 0, 1, 0, null, null, 'unlicensed', 0, 0],
      // Users alice (2 devices), bob (pc-03, and pc-07 whose owner he is), carol; erin's device is stale; 19.0 alone is not covered but pc-07 has 23.1 too.
      ['Adobe Acrobat', 'user', 3, 5, 0, 2, 0, 'USD', 'under-used', 0, 1],
      ['Adobe Photoshop', 'device', 2, null, 0, null, null, null, 'compliant', 0, 0],
    ]);
    expect(res.body.trueUpTotals).toEqual([{ currency: 'EUR', amount: 207.25 }, { currency: 'USD', amount: 0 }]);
    const officeItem = res.body.items[0]!;
    expect(officeItem.licences).toEqual({ total: 2, valid: 1 });
    expect(officeItem.versions.map((v) => [v.version, v.installed, v.covered])).toEqual([
      ['16.0.2', 1, true],
      ['16.0.1', 2, true],
      ['14.0', 1, false],
    ]);
    const acrobatItem = res.body.items.find((i) => i.product === 'Adobe Acrobat')!;
    expect(acrobatItem.versions.map((v) => [v.version, v.installed, v.covered])).toEqual([['23.1', 4], ['20.0', 1], ['19.0', 1]].map(([v, n]) => [v, n, v !== '19.0']));
    // Not licensable and unlicensed: not in the summary.
    expect(res.body.items.some((i) => i.productId === pid['7-Zip'])).toBe(false);
  });

  it('drills down to the devices, marking the one beyond the owned seats and the reclaim candidate', async () => {
    const res = await t.call<ComplianceDrill>('GET', `/api/v1/compliance/${pid['Microsoft Office 2019']}`);
    expect(res.status).toBe(200);
    const d = res.body.devices.items.map((x) => [x.hostname, x.state, x.counted, x.beyondOwned, x.reclaimCandidate, x.allocated, x.versions]);
    // pc-03 is allocated, so it holds a seat first; then pc-01 (installed first); pc-02 is beyond.
    expect(d).toEqual([
      ['pc-01', 'in_use', true, false, false, false, ['16.0.1']],
      ['pc-02', 'in_use', true, true, false, false, ['16.0.2']],
      ['pc-03', 'in_use', true, false, false, true, ['16.0.1']],
      ['pc-05', 'retired', false, false, false, false, ['16.0.1']],
      ['pc-06', 'stale', false, false, true, false, ['16.0.1']],
    ]);
    expect(res.body.counts).toEqual({ counted: 3, beyond: 1, reclaim: 1, excluded: 2 });
    const beyond = await t.call<ComplianceDrill>('GET', `/api/v1/compliance/${pid['Microsoft Office 2019']}?only=beyond`);
    expect(beyond.body.devices.items.map((x) => x.hostname)).toEqual(['pc-02']);
    expect(beyond.body.devices.total).toBe(1);
    const recent = await t.call<ComplianceDrill>('GET', `/api/v1/compliance/${pid['Microsoft Office 2019']}?reclaimDays=90&limit=2&offset=1`);
    expect(recent.body.counts.reclaim).toBe(0);
    expect(recent.body.devices).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(recent.body.devices.items.map((x) => x.hostname)).toEqual(['pc-02', 'pc-03']);

    const users = await t.call<ComplianceDrill>('GET', `/api/v1/compliance/${pid['Adobe Acrobat']}`);
    expect(users.body.devices.items.map((x) => [x.hostname, x.primaryUser, x.counted])).toEqual([
      ['pc-01', 'alice', true],
      ['pc-02', 'alice', true],
      ['pc-03', 'bob', true],
      ['pc-04', 'carol', true],
      ['pc-07', 'Bob', true],
      ['pc-06', 'erin', false],
    ]);
    expect((await t.call('GET', '/api/v1/compliance/999999')).status).toBe(404);
  });

  it('leaves out devices in any state set not to count, added states included', async () => {
    const office = async () => (await t.call<ComplianceSummary>('GET', '/api/v1/compliance')).body.items.find((i) => i.product === 'Microsoft Office 2019')!;
    expect((await t.call('POST', '/api/v1/asset-states', { label: 'Awaiting disposal', countsInCompliance: false }, admin)).status).toBe(201);
    expect((await t.call('PATCH', `/api/v1/devices/${dev.pc2}`, { state: 'awaiting_disposal' }, admin)).status).toBe(200);
    expect(await office()).toMatchObject({ installed: 2, excluded: { retired: 2, stale: 1 } });
    const drill = await t.call<ComplianceDrill>('GET', `/api/v1/compliance/${pid['Microsoft Office 2019']}`);
    expect(drill.body.devices.items.find((x) => x.hostname === 'pc-02')).toMatchObject({ state: 'awaiting_disposal', counted: false });
    // Once the admin says the state counts, its devices count again.
    expect((await t.call('PATCH', '/api/v1/asset-states/awaiting_disposal', { countsInCompliance: true }, admin)).status).toBe(200);
    expect(await office()).toMatchObject({ installed: 3, excluded: { retired: 1, stale: 1 } });
  });

  it('exports the summary as CSV, formulas neutralised', async () => {
    const res = await t.call('GET', '/api/v1/compliance.csv');
    expect(res.status).toBe(200);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('productId,product,publisher,metric,installed,owned,shortfall,surplus,trueUpCost,unitCost,currency,status,licensable,licences,validLicences,excludedRetired,excludedStale,date');
    expect(lines[1]).toBe(`${pid['Microsoft Office 2019']},Microsoft Office 2019,Microsoft,device,3,2,1,0,200,200,EUR,over-deployed,false,2,1,1,1,${today}`);
    expect(lines).toHaveLength(6);
  });

  it('registering the missing licence makes it compliant; the history keeps yesterday\'s position', async () => {
    const before = await t.call<ComplianceHistory>('GET', '/api/v1/compliance/history');
    expect(before.body.items.filter((i) => i.date === today).map((i) => [i.product, i.installed, i.owned, i.status])).toContainEqual(['Microsoft Office 2019', 3, 2, 'over-deployed']);
    const added = await t.call<LicenceDetail>('POST', '/api/v1/licences', { productId: pid['Microsoft Office 2019'], metric: 'device', quantity: 1, versionFrom: '16', versionTo: '16', unitCost: 210, currency: 'EUR' });
    expect(added.status).toBe(201);
    const now = await t.call<ComplianceSummary>('GET', '/api/v1/compliance');
    expect(row(now.body.items.find((i) => i.product === 'Microsoft Office 2019')!)).toEqual(['Microsoft Office 2019', 'device', 3, 3, 0, 0, 0, 'EUR', 'compliant', 1, 1]);

    // The next day: the snapshot of today answers for today; tomorrow is live.
    t.clock.set(new Date(Date.parse(`${addDays(today, 1)}T08:00:00Z`)));
    const past = await t.call<ComplianceSummary>('GET', `/api/v1/compliance?at=${today}`);
    expect(past.body).toMatchObject({ date: today, source: 'snapshot' });
    expect(row(past.body.items[0]!)).toEqual(['Microsoft Office 2019', 'device', 3, 2, 1, 0, 200, 'EUR', 'over-deployed', 1, 1]);
    const trend = await t.call<ComplianceHistory>('GET', `/api/v1/compliance/history?productId=${pid['Microsoft Office 2019']}`);
    expect(trend.body.items.map((i) => [i.date, i.installed, i.owned, i.status])).toEqual([
      [today, 3, 2, 'over-deployed'],
      [addDays(today, 1), 3, 3, 'compliant'],
    ]);
    expect((await t.call('GET', `/api/v1/compliance?at=${addDays(today, -5)}`)).status).toBe(404);
    expect((await t.call<{ error: { field: string } }>('GET', `/api/v1/compliance?at=${addDays(today, 9)}`)).body.error.field).toBe('at');
    expect((await t.call('GET', '/api/v1/compliance?at=2026-13-01')).status).toBe(400);
  });
});
