import { describe, expect, it } from 'vitest';
import { complianceItem, coverage, latestUnitCost, sortItems, trueUpTotals, type LicenceFacts, type ProductFacts } from '../../src/licences/compliance.js';

const DAY = '2026-06-15';
const licence = (over: Partial<LicenceFacts> & Pick<LicenceFacts, 'id' | 'metric'>): LicenceFacts => ({
  quantity: null, versionFrom: null, versionTo: null, startsOn: null, expiresOn: null, unitCost: null, currency: null, ...over,
});
const product = (licences: LicenceFacts[], licensable = true): ProductFacts => ({ productId: 1, name: 'P', publisher: null, licensable, licences });
const counts = (devices: number, users = devices, versions: { version: string; installed: number }[] = []) => ({ devices, users, retired: 0, stale: 0, versions });

describe('compliance counting', () => {
  it('per device: valid quantities only, shortfall priced at the latest unit cost', () => {
    const item = complianceItem(
      product([
        licence({ id: 1, metric: 'device', quantity: 10, startsOn: '2025-01-01', unitCost: 100, currency: 'EUR' }),
        licence({ id: 2, metric: 'device', quantity: 5, startsOn: '2026-01-01', unitCost: 120, currency: 'EUR' }),
        licence({ id: 3, metric: 'device', quantity: 50, expiresOn: '2026-06-14', unitCost: 999, currency: 'EUR' }),
        licence({ id: 4, metric: 'device', quantity: 50, startsOn: '2026-06-16' }),
      ]),
      counts(18),
      DAY,
    );
    expect(item).toMatchObject({ metric: 'device', installed: 18, owned: 15, shortfall: 3, surplus: 0, trueUpCost: 360, unitCost: 120, currency: 'EUR', status: 'over-deployed', licences: { total: 4, valid: 2 } });
  });

  it('a licence is valid on its last day, not the day after', () => {
    const p = product([licence({ id: 1, metric: 'device', quantity: 2, expiresOn: DAY })]);
    expect(complianceItem(p, counts(2), DAY).status).toBe('compliant');
    expect(complianceItem(p, counts(2), '2026-06-16')).toMatchObject({ owned: 0, status: 'unlicensed' });
  });

  it('per user: users are counted, not devices', () => {
    const item = complianceItem(product([licence({ id: 1, metric: 'user', quantity: 4 })]), counts(9, 3), DAY);
    expect(item).toMatchObject({ metric: 'user', installed: 3, owned: 4, shortfall: 0, surplus: 1, status: 'under-used', trueUpCost: null });
  });

  it('a valid site licence makes it unlimited', () => {
    const item = complianceItem(product([licence({ id: 1, metric: 'site' }), licence({ id: 2, metric: 'device', quantity: 1, unitCost: 10, currency: 'USD' })]), counts(500), DAY);
    expect(item).toMatchObject({ installed: 500, owned: null, shortfall: 0, surplus: null, trueUpCost: 0, status: 'compliant' });
  });

  it('licensable without a licence is unlicensed when installed, compliant when not', () => {
    expect(complianceItem(product([]), counts(2), DAY)).toMatchObject({ metric: null, owned: 0, shortfall: 2, status: 'unlicensed', trueUpCost: null });
    expect(complianceItem(product([]), counts(0), DAY).status).toBe('compliant');
  });

  it('version ranges decide which versions count; unbounded licences cover everything', () => {
    const bounded = [licence({ id: 1, metric: 'device', versionFrom: '16', versionTo: '16' }), licence({ id: 2, metric: 'device', versionFrom: '2019' })];
    expect(coverage(bounded, ['16.0.1', '15.0', '2021', ''])).toEqual([
      { version: '16.0.1', covered: true, licenceIds: [1] },
      { version: '15.0', covered: false, licenceIds: [] },
      { version: '2021', covered: true, licenceIds: [2] },
      { version: '', covered: false, licenceIds: [] },
    ]);
    expect(coverage([...bounded, licence({ id: 3, metric: 'device' })], ['15.0']).map((c) => c.covered)).toEqual([true]);
    expect(coverage([], ['1']).map((c) => c.covered)).toEqual([true]);
    const item = complianceItem(product(bounded), counts(1, 1, [{ version: '15.0', installed: 4 }, { version: '16.0.1', installed: 1 }]), DAY);
    expect(item.versions).toEqual([
      { version: '16.0.1', installed: 1, covered: true, licenceIds: [1] },
      { version: '15.0', installed: 4, covered: false, licenceIds: [] },
    ]);
  });

  it('the latest priced licence sets the unit cost, expired or not', () => {
    expect(latestUnitCost([licence({ id: 1, metric: 'device', startsOn: '2027-01-01', unitCost: 5, currency: 'EUR' }), licence({ id: 2, metric: 'device', unitCost: 9, currency: 'EUR' })])).toEqual({ unitCost: 5, currency: 'EUR' });
    expect(latestUnitCost([licence({ id: 1, metric: 'device', unitCost: 5, currency: 'EUR' }), licence({ id: 2, metric: 'device', unitCost: 9, currency: 'EUR' })])).toEqual({ unitCost: 9, currency: 'EUR' });
  });

  it('sorts over-deployed first by true-up cost and totals true-up costs per currency', () => {
    const mk = (productId: number, name: string, installed: number, quantity: number, unitCost: number, currency: string) =>
      complianceItem({ productId, name, publisher: null, licensable: true, licences: [licence({ id: productId, metric: 'device', quantity, unitCost, currency })] }, counts(installed), DAY);
    const items = [mk(1, 'A', 1, 5, 1, 'EUR'), mk(2, 'B', 10, 5, 1.1, 'EUR'), mk(3, 'C', 10, 5, 3, 'USD'), mk(4, 'D', 5, 5, 1, 'EUR'), complianceItem({ ...product([]), productId: 5, name: 'E' }, counts(1), DAY)];
    expect(sortItems(items).map((i) => [i.product, i.status])).toEqual([['C', 'over-deployed'], ['B', 'over-deployed'], ['E', 'unlicensed'], ['A', 'under-used'], ['D', 'compliant']]);
    expect(trueUpTotals(items)).toEqual([{ currency: 'EUR', amount: 5.5 }, { currency: 'USD', amount: 15 }]);
  });
});
