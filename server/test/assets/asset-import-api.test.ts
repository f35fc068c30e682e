import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AssetImportReport } from '@parc/shared/api';
import { createUser } from '../../src/platform/auth/users.service.js';
import { makeInventory } from '../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

const FIXTURE = readFileSync(new URL('./fixtures/parc-inventaire.csv', import.meta.url), 'utf8');

/** A Snipe-IT-like export of `n` good assets, with five bad rows spread through it (their row numbers returned). */
function generatedFile(n: number) {
  const header = 'Asset Name,Asset Tag,Serial,Category,Manufacturer,Model,Status,Location,Checked Out To,Purchase Date,Purchase Cost,Order Number,Supplier,Warranty,Notes';
  const lines: string[] = [header];
  const bad: Record<number, string> = {};
  const cats = ['Laptops', 'Desktops', 'Monitors', 'Printers', 'Mobile Phones', 'Networking', 'Docking stations'];
  const sites = ['Lyon / Siège / 1er étage', 'Lyon / Siège / 2e étage', 'Paris / Agence', 'Nantes / Entrepôt', ''];
  let good = 0;
  for (let i = 1; good < n || Object.keys(bad).length < 5; i++) {
    const row = lines.length + 1;
    const cat = cats[i % cats.length]!;
    const cells = [
      `${cat.slice(0, 3).toUpperCase()}-${String(i).padStart(4, '0')}`,
      `ACME-${String(i).padStart(5, '0')}`,
      i % 11 === 0 ? '' : `SN${(i * 7919).toString(36).toUpperCase()}X${i}`,
      cat,
      ['Dell', 'HP', 'Lenovo', 'Cisco', 'Brother'][i % 5]!,
      i % 4 === 0 ? '' : `Model ${i % 9}`,
      ['Deployed', 'Ready to Deploy', 'Archived', 'Pending', ''][i % 5]!,
      sites[i % sites.length]!,
      i % 3 === 0 ? 'alice' : i % 3 === 1 ? 'bob@example.org' : '',
      i % 6 === 0 ? '' : `2023-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      i % 5 === 0 ? '' : `"${(200 + i).toLocaleString('en-US')}.50"`,
      i % 7 === 0 ? '' : `PO-${1000 + (i % 40)}`,
      i % 2 === 0 ? 'CDW' : '',
      i % 8 === 0 ? '' : '36',
      i % 13 === 0 ? '"Screen scratched, works"' : '',
    ];
    if (good >= 100 * (Object.keys(bad).length + 1) && Object.keys(bad).length < 5) {
      const k = Object.keys(bad).length;
      const [index, value, column] = ([
        [9, '31/02/2023', 'Purchase Date'],
        [1, 'ACME-00001', 'Asset Tag'],
        [8, 'nobody', 'Checked Out To'],
        [10, 'twelve', 'Purchase Cost'],
        [0, '', 'Asset Name'],
      ] as const)[k]!;
      cells[index] = value;
      bad[row] = column;
    } else good++;
    lines.push(cells.join(','));
    if (i % 50 === 0) lines.push('');
  }
  return { csv: lines.join('\r\n') + '\r\n', bad };
}

async function count(t: TestContext, table: 'devices' | 'asset_finance' | 'locations' | 'audit_log') {
  const r = await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('asset CSV import', () => {
  let t: TestContext;
  let tech: Record<string, string>;
  beforeEach(async () => {
    t = await setupTestApp();
    tech = await t.as('technician');
    await createUser(t.db, { username: 'alice', password: 'alice-password-1', role: 'requester' });
    await createUser(t.db, { username: 'bob', password: 'bob-password-12', role: 'requester', email: 'bob@example.org' });
  });

  const preview = async (body: object) => {
    const res = await t.json('POST', '/api/v1/assets/import/preview', body, tech);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as AssetImportReport;
  };
  const importIt = async (body: object) => t.json('POST', '/api/v1/assets/import', body, tech);

  it('imports 500 of 505 rows, reporting the 5 bad ones by row number; a re-import changes nothing', async () => {
    const { csv, bad } = generatedFile(500);
    const p = await preview({ csv });
    expect(p.totals).toEqual({ rows: 505, create: 500, update: 0, unchanged: 0, error: 5 });
    const errors = p.rows.filter((r) => r.outcome === 'error');
    expect(errors.map((r) => [r.row, r.errors[0]!.column])).toEqual(Object.entries(bad).map(([row, col]) => [Number(row), col]));
    expect(errors.find((r) => r.errors[0]!.column === 'Asset Tag')!.errors[0]!.message).toBe('asset tag ACME-00001 is already on row 2');
    expect(p.mapping.filter((m) => m !== null)).toHaveLength(15);
    expect(p.newLocations).toEqual(['Lyon', 'Lyon / Siège', 'Lyon / Siège / 1er étage', 'Lyon / Siège / 2e étage', 'Nantes', 'Nantes / Entrepôt', 'Paris', 'Paris / Agence']);
    expect(await count(t, 'devices')).toBe(0);
    expect(await count(t, 'locations')).toBe(0);

    const res = await importIt({ csv, previewId: p.previewId });
    expect(res.status, await res.clone().text()).toBe(200);
    const done = (await res.json()) as AssetImportReport;
    expect(done.imported).toBe(true);
    expect(done.totals).toEqual(p.totals);
    expect(done.rows.filter((r) => r.outcome === 'create').every((r) => r.deviceId !== null)).toBe(true);
    expect(await count(t, 'devices')).toBe(500);
    expect(await count(t, 'locations')).toBe(8);
    const sample = await t.db
      .selectFrom('devices as d')
      .leftJoin('asset_finance as f', 'f.device_id', 'd.id')
      .leftJoin('users as u', 'u.id', 'd.user_id')
      .leftJoin('locations as l', 'l.id', 'd.location_id')
      .select(['d.hostname', 'd.type', 'd.source', 'd.state', 'd.serial', 'd.raw_serial', 'u.username', 'l.name as location', (eb) => eb.cast<string>('f.purchase_date', 'text').as('purchase_date'), (eb) => eb.cast<number>('f.cost', 'float8').as('cost'), 'f.warranty_months', 'f.order_number', 'f.supplier'])
      .where('d.asset_tag', '=', 'ACME-00003')
      .executeTakeFirstOrThrow();
    expect(sample).toEqual({ hostname: 'PRI-0003', type: 'printer', source: 'manual', state: 'in_stock', serial: 'SNIBXX3', raw_serial: 'SNIBXX3', username: 'alice', location: 'Entrepôt', purchase_date: '2023-04-04', cost: 203.5, warranty_months: 36, order_number: 'PO-1003', supplier: null });
    const audit = await t.db.selectFrom('audit_log').select(['detail', 'actor_username']).where('action', '=', 'assets.imported').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_username).toBe('technician');
    expect(audit[0]!.detail).toMatchObject({ rows: 505, created: 500, updated: 0, unchanged: 0, errors: 5, locationsCreated: 8 });

    const auditBefore = await count(t, 'audit_log');
    const before = await t.db.selectFrom('devices').select((eb) => eb.fn.max('updated_at').as('at')).executeTakeFirstOrThrow();
    const again = await preview({ csv });
    expect(again.totals).toEqual({ rows: 505, create: 0, update: 0, unchanged: 500, error: 5 });
    expect(again.newLocations).toEqual([]);
    const res2 = await importIt({ csv, previewId: again.previewId });
    expect(res2.status).toBe(200);
    expect(await count(t, 'devices')).toBe(500);
    expect(await count(t, 'locations')).toBe(8);
    const after = await t.db.selectFrom('devices').select((eb) => eb.fn.max('updated_at').as('at')).executeTakeFirstOrThrow();
    expect(after.at).toEqual(before.at);
    // One history line per created asset, none for the re-import.
    const history = await t.db.selectFrom('device_changes').select(['code', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('code').execute();
    expect(history.map((h) => [h.code, Number(h.n)])).toEqual([['asset-imported', 500]]);
    expect(await count(t, 'audit_log')).toBe(auditBefore);
  }, 60_000);

  it('matches an agent computer by serial and updates only the people fields', async () => {
    const { agentKey } = await t.enrollAgent('ws-compta-7');
    expect((await t.upload(agentKey, makeInventory({ hostname: 'ws-compta-7', serial: 'PF3ABC12' }))).status).toBe(200);
    const stored = await t.db.selectFrom('devices').selectAll().executeTakeFirstOrThrow();
    const csv = 'Name,Serial,Manufacturer,Model,Asset Tag,Status,Location,User,Purchase Date,Cost,Currency,Notes\n' + 'Poste compta,pf3abc12,Other brand,Other model,INV-77,En réparation,Lyon / Siège,alice,2024-01-15,"1 099,90",EUR,Écran à changer\n';
    const p = await preview({ csv });
    expect(p.rows[0]).toMatchObject({ outcome: 'update', deviceId: stored.id, changes: ['assetTag', 'notes', 'state', 'location', 'user', 'purchaseDate', 'cost', 'currency'] });
    expect((await importIt({ csv, previewId: p.previewId })).status).toBe(200);
    const d = await t.db.selectFrom('devices').selectAll().where('id', '=', stored.id).executeTakeFirstOrThrow();
    expect({ hostname: d.hostname, manufacturer: d.manufacturer, model: d.model, serial: d.serial, source: d.source, type: d.type }).toEqual({
      hostname: stored.hostname,
      manufacturer: stored.manufacturer,
      model: stored.model,
      serial: stored.serial,
      source: 'agent',
      type: 'computer',
    });
    expect({ tag: d.asset_tag, notes: d.notes, state: d.state, user: d.user_id !== null, location: d.location_id !== null }).toEqual({ tag: 'INV-77', notes: 'Écran à changer', state: 'in_repair', user: true, location: true });
    const f = await t.db.selectFrom('asset_finance').select([(eb) => eb.cast<number>('cost', 'float8').as('cost'), 'currency']).where('device_id', '=', stored.id).executeTakeFirstOrThrow();
    expect(f).toEqual({ cost: 1099.9, currency: 'EUR' });
    // The computer and the monitor its agent reported (an asset of its own): the file added nothing.
    expect(await count(t, 'devices')).toBe(2);
    const line = await t.db.selectFrom('device_changes').select(['kind', 'new_value', 'params']).where('device_id', '=', stored.id).where('code', '=', 'asset-import-updated').executeTakeFirstOrThrow();
    expect(line).toEqual({ kind: 'changed', new_value: 'assetTag, notes, state, location, user, purchaseDate, cost, currency', params: { fields: 8 } });
    expect((await preview({ csv })).totals).toMatchObject({ unchanged: 1, update: 0, create: 0 });
  });

  it('never matches on a placeholder serial', async () => {
    const { agentKey } = await t.enrollAgent('ws-oem');
    await t.upload(agentKey, makeInventory({ hostname: 'ws-oem', serial: 'To Be Filled By O.E.M.' }));
    const p = await preview({ csv: 'Name,Serial\nBox,To Be Filled By O.E.M.\n' });
    expect(p.rows[0]).toMatchObject({ outcome: 'create', deviceId: null });
  });

  it('reads the hand-written French file: row errors for a bad date, a duplicate tag, a blank name and an unknown user', async () => {
    await createUser(t.db, { username: 'cmartin', password: 'cmartin-password', role: 'requester' });
    await createUser(t.db, { username: 'jbernard', password: 'jbernard-password', role: 'requester', email: 'julie.bernard@exemple.fr' });
    const p = await preview({ csv: FIXTURE });
    expect(p.unmapped).toEqual([]);
    expect(p.rows.map((r) => [r.row, r.outcome, r.type])).toEqual([
      [2, 'create', 'computer'],
      [3, 'create', 'computer'],
      [4, 'create', 'monitor'],
      [5, 'error', 'printer'],
      [6, 'error', 'phone'],
      [7, 'create', 'network'],
      [8, 'create', 'peripheral'],
      [9, 'error', 'monitor'],
      [10, 'error', 'computer'],
      [11, 'create', 'computer'],
    ]);
    expect(p.rows.flatMap((r) => r.errors.map((e) => `${r.row} ${e.column}: ${e.message}`))).toEqual([
      '5 Date d\'achat: "31/02/2024" is not a day of the calendar',
      '6 Numéro d\'inventaire: asset tag INV-2024-0001 is already on row 2',
      '9 Nom: the name is required',
      '10 Utilisateur: no user "pdurand" (give an existing user\'s username or email)',
    ]);
    const res = await importIt({ csv: FIXTURE, previewId: p.previewId });
    expect(res.status).toBe(200);
    const rows = await t.db.selectFrom('devices').select(['hostname', 'state', 'serial', 'raw_serial']).orderBy('id').execute();
    expect(rows.map((r) => r.hostname)).toEqual(['PC-COMPTA-01', 'PC-COMPTA-02', 'ECR-ACC-01', 'SW-BAIE-01', 'DOCK-07', 'PC-RH-02']);
    expect(rows.find((r) => r.hostname === 'DOCK-07')).toMatchObject({ serial: null, raw_serial: 'To Be Filled By O.E.M.' });
    expect(rows.find((r) => r.hostname === 'PC-RH-02')!.state).toBe('retired');
  });

  it('refuses an import whose preview is out of date (409) and writes nothing', async () => {
    const csv = 'Name,Asset Tag,Location\nPC-1,T-1,Lyon / Siège\nPC-2,T-2,Lyon\n';
    const p = await preview({ csv });
    const wrong = await importIt({ csv, previewId: 'a'.repeat(64) });
    expect(wrong.status).toBe(409);
    // Someone registers T-2 between the preview and the import: the import would now update it.
    await t.db.insertInto('devices').values({ hostname: 'other', asset_tag: 't-2', match_rule: 'manual', matched_at: new Date(), source: 'manual', type: 'computer' }).execute();
    const stale = await importIt({ csv, previewId: p.previewId });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { message: string } }).error.message).toMatch(/preview it again/);
    const changedMapping = await importIt({ csv, previewId: p.previewId, mapping: ['name', 'assetTag', null] });
    expect(changedMapping.status).toBe(409);
    expect(await count(t, 'devices')).toBe(1);
    expect(await count(t, 'locations')).toBe(0);
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'assets.imported').execute()).toEqual([]);
  });

  it('answers 400 naming the field for an unreadable file or a bad mapping', async () => {
    const bad = await t.json('POST', '/api/v1/assets/import/preview', { csv: 'Name,Serial\nPC,"open\n' }, tech);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: 'csv', message: expect.stringContaining('never closed') } });
    const mapping = await t.json('POST', '/api/v1/assets/import/preview', { csv: 'Name,Serial\nPC,1\n', mapping: ['name'] }, tech);
    expect(mapping.status).toBe(400);
    expect(await mapping.json()).toMatchObject({ error: { field: 'mapping' } });
  });

  it('is for admins and technicians only', async () => {
    const body = { csv: 'Name\nPC\n' };
    for (const role of ['requester', 'licence-manager'] as const) {
      expect((await t.json('POST', '/api/v1/assets/import/preview', body, await t.as(role))).status).toBe(403);
      expect((await t.json('POST', '/api/v1/assets/import', { ...body, previewId: 'a'.repeat(64) }, await t.as(role))).status).toBe(403);
    }
    expect((await t.json('POST', '/api/v1/assets/import/preview', body)).status).toBe(401);
    expect((await t.json('POST', '/api/v1/assets/import/preview', body, await t.as('admin'))).status).toBe(200);
    expect(await count(t, 'devices')).toBe(0);
  });
});
