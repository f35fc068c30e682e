import { beforeEach, describe, expect, it } from 'vitest';
import type { SoftwareDetail, SoftwareList, SoftwareRule, SoftwareRuleApplyResult, SoftwareRulePreview } from '@parc/shared/api';
import { addDevice, productId, setupFleet, type FleetContext } from '../../licences/fleet-helpers.js';

let t: FleetContext;

const OFFICE_PRO = { name: 'Microsoft Office Professional Plus 2019 - en-us', version: '16.0.10827.20138', publisher: 'Microsoft Corporation' };
const OFFICE_STD = { name: 'Microsoft Office Standard 2019', version: '16.0.10827.20138', publisher: 'Microsoft Corporation' };
const KB = { name: 'Update for Microsoft Office 2019 (KB4484104)', version: '1', publisher: 'Microsoft Corporation' };
const FIREFOX = (v: string) => ({ name: 'Mozilla Firefox', version: v, publisher: 'Mozilla' });

beforeEach(async () => {
  t = await setupFleet();
  await addDevice(t, 'ws-1', [OFFICE_PRO, KB, FIREFOX('128.0')]);
  await addDevice(t, 'ws-2', [OFFICE_STD, FIREFOX('99.0')]);
  await addDevice(t, 'ws-3', [OFFICE_PRO, OFFICE_STD, FIREFOX('128.0')]);
});

describe('software catalogue', () => {
  it('lists products with distinct-device counts and versions newest first, searchable and paged', async () => {
    const list = await t.call<SoftwareList>('GET', '/api/v1/software?search=firefox');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ name: 'Mozilla Firefox', publisher: 'Mozilla', licensable: false, category: null, installCount: 3, versions: [{ version: '128.0', installCount: 2 }, { version: '99.0', installCount: 1 }] });
    const page = await t.call<SoftwareList>('GET', '/api/v1/software?limit=2&offset=1');
    expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.body.items.map((p) => p.name)).toEqual(['Microsoft Office Standard 2019', 'Mozilla Firefox']);
  });

  it('shows a product with the devices that have it; licence managers set licensable and category, technicians only read', async () => {
    const id = await productId(t, 'Mozilla Firefox');
    const detail = await t.call<SoftwareDetail>('GET', `/api/v1/software/${id}?limit=2`);
    expect(detail.body.devices).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(detail.body.devices.items.map((d) => [d.hostname, d.versions, d.state, d.lastUser])).toEqual([
      ['ws-1', ['128.0'], 'in_use', 'alice'],
      ['ws-2', ['99.0'], 'in_use', 'alice'],
    ]);
    expect(detail.body.aliases).toEqual([{ id, name: 'Mozilla Firefox', publisher: 'Mozilla' }]);

    const tech = await t.as('technician');
    expect((await t.call('PATCH', `/api/v1/software/${id}`, { licensable: true }, tech)).status).toBe(403);
    const patched = await t.call('PATCH', `/api/v1/software/${id}`, { licensable: true, category: 'Browser' });
    expect(patched.body).toMatchObject({ id, licensable: true, category: 'Browser', installCount: 3 });
    expect((await t.call<SoftwareList>('GET', '/api/v1/software?licensable=true')).body.items.map((p) => p.id)).toEqual([id]);
    expect((await t.call<SoftwareList>('GET', '/api/v1/software?category=browser')).body.total).toBe(1);
    expect((await t.call('PATCH', `/api/v1/software/${id}`, {})).status).toBe(400);
    expect((await t.call('GET', '/api/v1/software/999999')).status).toBe(404);
  });
});

describe('normalisation rules', () => {
  it('preview shows what a rule would move; re-applying moves stored installations in one pass; new inventories follow at ingest', async () => {
    const pro = await productId(t, OFFICE_PRO.name);
    const rule = { label: 'Office 2019 editions', name: { match: 'regex', value: '^Microsoft Office (Professional Plus|Standard) 2019' }, action: 'rename', renameTo: { name: 'Microsoft Office 2019', publisher: null }, category: 'Office suite' };
    const preview = await t.call<SoftwareRulePreview>('POST', '/api/v1/software-rules/preview', rule);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ matched: 2, changed: 2, devices: 3, truncated: false });
    expect(preview.body.moves.map((m) => [m.inventoried.name, m.from?.name, m.to, m.devices])).toEqual([
      [OFFICE_PRO.name, OFFICE_PRO.name, { id: null, name: 'Microsoft Office 2019', publisher: 'Microsoft' }, 2],
      [OFFICE_STD.name, OFFICE_STD.name, { id: null, name: 'Microsoft Office 2019', publisher: 'Microsoft' }, 2],
    ]);
    expect(preview.body.moves[0]!.category).toEqual({ from: null, to: 'Office suite' });
    // Nothing was written by the preview.
    expect((await t.call<SoftwareList>('GET', '/api/v1/software?search=Office%202019')).body.items.map((p) => p.name)).not.toContain('Microsoft Office 2019');

    const created = await t.call<SoftwareRule>('POST', '/api/v1/software-rules', rule);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ position: 1, action: 'rename', active: true, renameTo: { name: 'Microsoft Office 2019', publisher: null } });
    const ignore = await t.call<SoftwareRule>('POST', '/api/v1/software-rules', { name: { match: 'prefix', value: 'update for ' }, action: 'ignore', position: 1 });
    expect(ignore.body.position).toBe(1);
    expect((await t.call<{ items: SoftwareRule[] }>('GET', '/api/v1/software-rules')).body.items.map((r) => r.id)).toEqual([ignore.body.id, created.body.id]);

    const applied = await t.call<SoftwareRuleApplyResult>('POST', '/api/v1/software-rules/apply');
    expect(applied.body).toEqual({ examined: 5, moved: 2, hidden: 1, shown: 0, installations: 5, productsCreated: 1, categoriesChanged: 1 });
    const office = await productId(t, 'Microsoft Office 2019');
    const detail = await t.call<SoftwareDetail>('GET', `/api/v1/software/${office}`);
    expect(detail.body).toMatchObject({ name: 'Microsoft Office 2019', publisher: 'Microsoft', category: 'Office suite', installCount: 3, versions: [{ version: '16.0.10827.20138', installCount: 3 }] });
    expect(detail.body.aliases.map((a) => a.name)).toEqual([OFFICE_PRO.name, OFFICE_STD.name]);
    const all = (await t.call<SoftwareList>('GET', '/api/v1/software')).body.items.map((p) => p.name);
    expect(all).toEqual(['Microsoft Office 2019', 'Mozilla Firefox']);
    // Searching an inventoried spelling finds the product it counts under; the old title counts nothing now.
    expect((await t.call<SoftwareList>('GET', '/api/v1/software?search=professional')).body.items.map((p) => p.name)).toEqual(['Microsoft Office 2019']);
    expect((await t.call<SoftwareDetail>('GET', `/api/v1/software/${pro}`)).body.installCount).toBe(0);
    // A second re-apply has nothing left to move.
    expect((await t.call<SoftwareRuleApplyResult>('POST', '/api/v1/software-rules/apply')).body).toMatchObject({ moved: 0, hidden: 0, installations: 0, productsCreated: 0 });

    // At ingest: a new machine's Office title lands on the product at once, its update package hidden.
    await addDevice(t, 'ws-4', [OFFICE_STD, KB]);
    expect((await t.call<SoftwareDetail>('GET', `/api/v1/software/${office}`)).body.installCount).toBe(4);
    expect((await t.call<SoftwareList>('GET', '/api/v1/software?search=update')).body.total).toBe(0);

    // Deleting the rename and re-applying moves them back.
    expect((await t.call('DELETE', `/api/v1/software-rules/${created.body.id}`)).status).toBe(204);
    const back = await t.call<SoftwareRuleApplyResult>('POST', '/api/v1/software-rules/apply');
    expect(back.body).toMatchObject({ moved: 2, installations: 5, categoriesChanged: 1 });
    expect((await t.call<SoftwareDetail>('GET', `/api/v1/software/${pro}`)).body.installCount).toBe(2);
  });

  it('map, version conditions, reorder and patch; bad rules get a 400 naming the field; technicians read only', async () => {
    const ff = await productId(t, 'Mozilla Firefox');
    const tech = await t.as('technician');
    const oldFirefox = { name: { match: 'exact', value: 'mozilla firefox' }, version: { match: 'regex', value: '^9\\d\\.' }, action: 'rename', renameTo: { name: 'Firefox (unsupported)', publisher: null } };
    expect((await t.call('POST', '/api/v1/software-rules', oldFirefox, tech)).status).toBe(403);
    expect((await t.call('GET', '/api/v1/software-rules', undefined, tech)).status).toBe(200);
    const r1 = await t.call<SoftwareRule>('POST', '/api/v1/software-rules', oldFirefox);
    const r2 = await t.call<SoftwareRule>('POST', '/api/v1/software-rules', { name: { match: 'prefix', value: 'Microsoft Office' }, action: 'map', productId: ff });
    await t.call('POST', '/api/v1/software-rules/apply');
    expect((await t.call<SoftwareDetail>('GET', `/api/v1/software/${ff}`)).body.versions).toEqual([
      { version: '128.0', installCount: 2 },
      { version: '16.0.10827.20138', installCount: 3 },
    ]);
    expect((await t.call<SoftwareDetail>('GET', `/api/v1/software/${await productId(t, 'Firefox (unsupported)')}`)).body.installCount).toBe(1);

    const reordered = await t.call<{ items: SoftwareRule[] }>('POST', '/api/v1/software-rules/reorder', { ids: [r2.body.id, r1.body.id] });
    expect(reordered.body.items.map((r) => [r.id, r.position])).toEqual([[r2.body.id, 1], [r1.body.id, 2]]);
    const patched = await t.call<SoftwareRule>('PATCH', `/api/v1/software-rules/${r2.body.id}`, { action: 'ignore' });
    expect(patched.body).toMatchObject({ action: 'ignore', productId: null });

    const bad: [unknown, number, string][] = [
      [{ action: 'ignore' }, 400, 'name'],
      [{ name: { match: 'regex', value: '(a+)+$' }, action: 'ignore' }, 400, 'name.value'],
      [{ name: { match: 'regex', value: '(' }, action: 'ignore' }, 400, 'name.value'],
      [{ name: { match: 'exact', value: 'x' }, action: 'map', productId: 999999 }, 400, 'productId'],
      [{ name: { match: 'exact', value: 'x' }, action: 'map' }, 400, 'productId'],
      [{ name: { match: 'exact', value: 'x' }, action: 'rename', renameTo: { name: '' , publisher: null } }, 400, 'renameTo.name'],
      [{ name: { match: 'fuzzy', value: 'x' }, action: 'ignore' }, 400, 'name.match'],
    ];
    for (const [body, status, field] of bad) {
      const res = await t.call<{ error: { field: string } }>('POST', '/api/v1/software-rules', body);
      expect({ body, status: res.status, field: res.body.error.field }).toEqual({ body, status, field });
    }
    expect((await t.call<{ error: { field: string } }>('POST', '/api/v1/software-rules/reorder', { ids: [r1.body.id] })).body.error.field).toBe('ids');
    expect((await t.call('PATCH', '/api/v1/software-rules/999999', { active: false })).status).toBe(404);
    expect((await t.call('POST', '/api/v1/software-rules/preview', { id: 999999, name: { match: 'exact', value: 'x' }, action: 'ignore' })).status).toBe(404);
    const big = await t.call('POST', '/api/v1/software-rules', { label: 'x'.repeat(70_000), name: { match: 'exact', value: 'x' }, action: 'ignore' });
    expect(big.status).toBe(413);
  });
});
