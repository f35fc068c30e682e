import { beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceDrill, ComplianceSummary, SoftwareRule, SoftwareRuleApplyResult, SoftwareRulePreview } from '@parc/shared';
import { addDevice, productId, setupFleet, type FleetContext } from './fleet-helpers.js';

let t: FleetContext;
beforeAll(async () => {
  t = await setupFleet();
});

describe('normalisation rules and compliance', () => {
  it('re-applying a new rule moves existing installations to the new product in one pass, and compliance follows', async () => {
    const pro = { name: 'Microsoft Office Professional Plus 2019 - en-us', version: '16.0.10827.20138', publisher: 'Microsoft Corporation' };
    const std = { name: 'Microsoft Office Standard 2019', version: '16.0.10827.20138', publisher: 'Microsoft Corporation' };
    const plain = { name: 'Microsoft Office 2019', version: '16.0.10827.20138', publisher: 'Microsoft' };
    const kb = { name: 'Update for Microsoft Office 2019 (KB5002623)', version: '1', publisher: 'Microsoft' };
    await addDevice(t, 'pc-1', [plain, kb]);
    await addDevice(t, 'pc-2', [pro, kb]);
    await addDevice(t, 'pc-3', [std]);
    await addDevice(t, 'pc-4', [pro, std]);
    const office = await productId(t, 'Microsoft Office 2019');
    const kbProduct = await productId(t, kb.name);
    await t.call('POST', '/api/v1/licences', { productId: office, metric: 'device', quantity: 2, unitCost: 100, currency: 'EUR' });
    await t.call('PATCH', `/api/v1/software/${kbProduct}`, { licensable: true });

    const item = async (id: number) => (await t.call<ComplianceSummary>('GET', '/api/v1/compliance')).body.items.find((i) => i.productId === id);
    await expect(item(office)).resolves.toMatchObject({ installed: 1, owned: 2, surplus: 1, status: 'under-used' });
    await expect(item(kbProduct)).resolves.toMatchObject({ installed: 2, status: 'unlicensed' });

    const mapRule = { label: 'Office 2019 editions', name: { match: 'regex', value: '^Microsoft Office (Professional Plus|Standard) 2019' }, action: 'map', productId: office };
    const preview = await t.call<SoftwareRulePreview>('POST', '/api/v1/software-rules/preview', mapRule);
    expect(preview.body).toMatchObject({ matched: 2, changed: 2, devices: 3 });
    expect(preview.body.moves.every((m) => m.to?.id === office)).toBe(true);
    expect((await t.call<SoftwareRule>('POST', '/api/v1/software-rules', mapRule)).status).toBe(201);
    expect((await t.call('POST', '/api/v1/software-rules', { name: { match: 'prefix', value: 'Update for Microsoft' }, action: 'ignore' })).status).toBe(201);
    // Saved but not applied: what is stored has not moved yet.
    await expect(item(office)).resolves.toMatchObject({ installed: 1 });

    const applied = await t.call<SoftwareRuleApplyResult>('POST', '/api/v1/software-rules/apply');
    expect(applied.body).toEqual({ examined: 4, moved: 2, hidden: 1, shown: 0, installations: 6, productsCreated: 0, categoriesChanged: 0 });
    const summary = await t.call<ComplianceSummary>('GET', '/api/v1/compliance');
    expect(summary.body.items.find((i) => i.productId === office)).toMatchObject({ installed: 4, owned: 2, shortfall: 2, trueUpCost: 200, status: 'over-deployed' });
    // The ignored update package is hidden: licensable, but nothing is installed any more.
    expect(summary.body.items.find((i) => i.productId === kbProduct)).toMatchObject({ installed: 0, status: 'compliant' });
    const drill = await t.call<ComplianceDrill>('GET', `/api/v1/compliance/${office}`);
    expect(drill.body.devices.items.map((d) => d.hostname)).toEqual(['pc-1', 'pc-2', 'pc-3', 'pc-4']);
    expect(drill.body.counts.beyond).toBe(2);
  });
});
