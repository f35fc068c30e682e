import { afterEach, describe, expect, it } from 'vitest';
import { guessMapping } from '../../src/assets/import/asset-import-columns.js';
import { ImportFileError, readAssetCsv, validateRows, type RowResult } from '../../src/assets/import/asset-import.js';
import { locationResolver, newLocationPaths, planRows, serialIndexKey, type StoredAsset } from '../../src/assets/import/asset-import-plan.js';
import { parseCost, parseDate, parseLocationPath, parseMonths, parseState, parseType, stateLookup } from '../../src/assets/import/asset-import-values.js';
import { parseCsv } from '../../src/platform/csv-parse.js';
import { describeChange } from '../../src/ui/client/changes.js';
import { setLocale } from '../../src/ui/client/i18n/i18n.js';
import type { Change } from '../../src/ui/client/types.js';

const states = stateLookup([
  { code: 'in_stock', label: null },
  { code: 'in_use', label: null },
  { code: 'retired', label: null },
  { code: 'at-supplier', label: 'Chez le fournisseur' },
]);
const users = new Map([
  ['alice', 1],
  ['alice.martin@example.org', 1],
  ['bob', 2],
]);
const ctx = { defaultType: 'computer' as const, states, users };

describe('reading the file', () => {
  it('keeps blank lines when asked, so rows are numbered as a spreadsheet numbers them', () => {
    expect(parseCsv('a\n\nb\n', { keepBlankLines: true }).records.map((r) => r.cells)).toEqual([['a'], [''], ['b']]);
    expect(parseCsv('a\n\nb\n').records.map((r) => r.cells)).toEqual([['a'], ['b']]);
  });

  it('reads semicolons, quotes, a BOM and CRLF, and numbers rows from the header (row 1) across multi-line cells and blank rows', () => {
    const read = readAssetCsv('\uFEFFNom;Numéro de série;Commentaires\r\nPC-1;ABC123;"deux\r\nlignes"\r\n\r\nPC-2;DEF456;"dit ""ok"""\r\n');
    expect(read.columns).toEqual(['Nom', 'Numéro de série', 'Commentaires']);
    expect(read.mapping).toEqual(['name', 'serial', 'notes']);
    expect(read.rows).toEqual([
      { row: 2, values: { name: 'PC-1', serial: 'ABC123', notes: 'deux\r\nlignes' } },
      { row: 4, values: { name: 'PC-2', serial: 'DEF456', notes: 'dit "ok"' } },
    ]);
  });

  it('refuses an unreadable file, an empty one, a mapping of the wrong length or feeding a field twice, and no name column', () => {
    const fails = (text: string, mapping?: Parameters<typeof readAssetCsv>[1]) => {
      try {
        readAssetCsv(text, mapping);
      } catch (e) {
        return e instanceof ImportFileError ? `${e.field}: ${e.message}` : 'other';
      }
      return 'ok';
    };
    expect(fails('Name,Serial\nPC,"open\nPC2,x\n')).toMatch(/^csv: .*row 2.*never closed/);
    expect(fails('\n\n')).toMatch(/^csv: the file is empty/);
    expect(fails('Name,Serial\nPC,1\n', ['name'])).toMatch(/^mapping: the mapping has 1 entries but the file has 2 columns/);
    expect(fails('Name,Serial\nPC,1\n', ['name', 'name'])).toMatch(/^mapping: columns "Name" and "Serial" both feed name/);
    expect(fails('Serial\n1\n')).toMatch(/^mapping: no column gives the assets' names/);
    expect(fails('Name,Serial\nPC,1\n', ['name', null])).toBe('ok');
  });

  it('refuses more than 20,000 rows', () => {
    expect(() => readAssetCsv(`Name\n${'x\n'.repeat(20_001)}`)).toThrow(/more than 20000 rows/);
    expect(readAssetCsv(`Name\n${'x\n'.repeat(20_000)}`).rows).toHaveLength(20_000);
  });
});

describe('guessing the mapping', () => {
  it('knows Snipe-IT export headers, taking the first of two columns feeding one field', () => {
    expect(
      guessMapping(['ID', 'Asset Name', 'Asset Tag', 'Serial', 'Model', 'Model No.', 'Category', 'Manufacturer', 'Status', 'Checked Out To', 'Location', 'Default Location', 'Purchase Date', 'Purchase Cost', 'Order Number', 'Supplier', 'Warranty', 'Notes']),
    ).toEqual([null, 'name', 'assetTag', 'serial', 'model', null, 'type', 'manufacturer', 'state', 'user', 'location', null, 'purchaseDate', 'cost', 'orderNumber', 'supplier', 'warrantyMonths', 'notes']);
  });

  it('knows GLPI and French headers whatever the case and accents', () => {
    expect(guessMapping(['NOM', 'Statut', 'Fabricant', 'Numero de serie', "Numéro d'inventaire", 'Lieu', 'Utilisateur', "Date d'achat", 'Coût', 'Devise', 'Fournisseur', 'N° de facture', 'Garantie (mois)', 'Amortissement', 'Début de garantie', 'Type', 'Modèle', 'Inconnue'])).toEqual([
      'name',
      'state',
      'manufacturer',
      'serial',
      'assetTag',
      'location',
      'user',
      'purchaseDate',
      'cost',
      'currency',
      'supplier',
      'invoiceNumber',
      'warrantyMonths',
      'depreciationMonths',
      'warrantyStart',
      'type',
      'model',
      null,
    ]);
  });
});

describe('cells', () => {
  it('reads dates in ISO, dd/mm/yyyy and Excel yyyy/mm/dd, at the edges of months and leap years', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDate('2024/02/29')).toBe('2024-02-29');
    expect(parseDate('1/3/2024')).toBe('2024-03-01');
    expect(parseDate('31.12.2023')).toBe('2023-12-31');
    expect(parseDate('2024-01-15 00:00:00')).toBe('2024-01-15');
    expect(parseDate('31/12/2024')).toBe('2024-12-31');
    for (const bad of ['29/02/2023', '31/02/2024', '2023-02-29', '31/04/2024', '00/01/2024', '2024-13-01', '2024/12/32']) expect(parseDate(bad)).toEqual({ error: { code: 'date-not-a-day', params: { value: bad } } });
    for (const bad of ['03-15-2024', 'March 3, 2024', '2024', '15/03/24', 'hier']) expect(parseDate(bad)).toEqual({ error: { code: 'date-invalid', params: { value: bad } } });
  });

  it('reads costs in both notations, with thousands groups and currency signs', () => {
    expect(parseCost('1 234,50')).toEqual({ amount: 1234.5, currency: null });
    expect(parseCost('1,234.50')).toEqual({ amount: 1234.5, currency: null });
    expect(parseCost('1.234,50')).toEqual({ amount: 1234.5, currency: null });
    expect(parseCost('1234.5')).toEqual({ amount: 1234.5, currency: null });
    expect(parseCost('249,9')).toEqual({ amount: 249.9, currency: null });
    expect(parseCost('1,234')).toEqual({ amount: 1234, currency: null });
    expect(parseCost('1,234,567.89')).toEqual({ amount: 1234567.89, currency: null });
    expect(parseCost('0')).toEqual({ amount: 0, currency: null });
    expect(parseCost('1\u202f099,00 €')).toEqual({ amount: 1099, currency: 'EUR' });
    expect(parseCost('$899.99')).toEqual({ amount: 899.99, currency: 'USD' });
    expect(parseCost('1200 CHF')).toEqual({ amount: 1200, currency: 'CHF' });
    for (const bad of ['-5', '1,23,4', '12.34.56,7', 'abc', '1.234.56', '1,2,3']) expect(parseCost(bad)).toEqual({ error: { code: 'cost-invalid', params: { value: bad } } });
  });

  it('reads months, types, states and location paths', () => {
    expect(parseMonths('36', 0)).toBe(36);
    expect(parseMonths('36 mois', 0)).toBe(36);
    expect(parseMonths('3 years', 0)).toBe(36);
    expect(parseMonths('0', 1)).toEqual({ error: { code: 'months-out-of-range', params: { value: 0, min: 1, max: 1200 } } });
    expect(parseMonths('1201', 0)).toEqual({ error: { code: 'months-out-of-range', params: { value: 1201, min: 0, max: 1200 } } });
    expect(parseType('Laptops')).toBe('computer');
    expect(parseType('Écrans')).toBe('monitor');
    expect(parseType('imprimante')).toBe('printer');
    expect(parseType('Switch')).toBe('network');
    expect(parseType('Toaster')).toEqual({ error: { code: 'type-unknown', params: { value: 'Toaster' } } });
    expect(parseState('In stock', states)).toBe('in_stock');
    expect(parseState('en réparation', states)).toBe('in_repair');
    expect(parseState('Ready to Deploy', states)).toBe('in_stock');
    expect(parseState('RÉFORMÉ', states)).toBe('retired');
    expect(parseState('chez le fournisseur', states)).toBe('at-supplier');
    expect(parseState('at-supplier', states)).toBe('at-supplier');
    expect(parseState('Vaporised', states)).toEqual({ error: { code: 'state-unknown', params: { value: 'Vaporised' } } });
    expect(parseLocationPath('Lyon / Bâtiment A / 2e étage / 204')).toEqual(['Lyon', 'Bâtiment A', '2e étage', '204']);
    expect(parseLocationPath('Lyon > Siège')).toEqual(['Lyon', 'Siège']);
    expect(parseLocationPath('Lyon // 204')).toEqual({ error: { code: 'location-empty-level', params: { value: 'Lyon // 204' } } });
  });
});

describe('rows', () => {
  const read = (text: string) => validateRows(readAssetCsv(text), ctx);
  const errorsOf = (rows: RowResult[]) => rows.flatMap((r) => r.errors.map((e) => `${r.row} ${e.column}: ${e.message}`));

  it('turns a valid row into a record with the default type and a cleaned serial key', () => {
    const [r] = read('Name,Serial,Asset Tag,Status,Checked Out To,Purchase Date,Cost,Warranty\nPC-01, abc-123 ,TAG-1,Deployed,Alice.Martin@example.org,15/01/2024,"1 099,00 €",36 months\n');
    expect(r!.errors).toEqual([]);
    expect(r!.record).toMatchObject({ row: 2, type: 'computer', name: 'PC-01', serial: 'abc-123', serialKey: 'ABC-123', assetTag: 'TAG-1', state: 'in_use', userId: 1, purchaseDate: '2024-01-15', cost: 1099, currency: 'EUR', warrantyMonths: 36 });
  });

  it('names the column of each error: a bad date, an unknown user, a missing name, a bad type', () => {
    const rows = read('Name,Type,User,Date d\'achat\nPC-1,laptop,carol,31/02/2024\n,monitor,,\nPC-3,toaster,bob,2024-01-01\n');
    expect(errorsOf(rows)).toEqual([
      '2 User: no user "carol" (give an existing user\'s username or email)',
      '2 Date d\'achat: "31/02/2024" is not a day of the calendar',
      '3 Name: the name is required',
      expect.stringMatching(/^4 Type: "toaster" is not an asset type/),
    ]);
    expect(rows.map((r) => r.record === null)).toEqual([true, true, true]);
    // Each error carries a stable code and its params, for clients to word in their language.
    expect(rows.flatMap((r) => r.errors.map((e) => [e.field, e.code, e.params]))).toEqual([
      ['user', 'user-unknown', { value: 'carol' }],
      ['purchaseDate', 'date-not-a-day', { value: '31/02/2024' }],
      ['name', 'name-required', {}],
      ['type', 'type-unknown', { value: 'toaster' }],
    ]);
  });

  it('makes a later duplicate (asset tag any case, or real serial of a same type) an error naming the earlier row', () => {
    const rows = read(
      'Name,Type,Serial,Asset Tag\nA,computer,SN-0001,T-1\nB,computer,SN-0002,t-1\nC,monitor,SN-0001,T-3\nD,computer,sn-0001,T-4\nE,computer,To Be Filled By O.E.M.,T-5\nF,computer,To Be Filled By O.E.M.,T-6\n',
    );
    expect(errorsOf(rows)).toEqual(['3 Asset Tag: asset tag t-1 is already on row 2', '5 Serial: serial sn-0001 (computer) is already on row 2']);
    expect(rows.flatMap((r) => r.errors.map((e) => [e.code, e.params]))).toEqual([
      ['tag-in-file-twice', { tag: 't-1', row: 2 }],
      ['serial-in-file-twice', { serial: 'sn-0001', type: 'computer', row: 2 }],
    ]);
    expect(rows.filter((r) => r.record).map((r) => r.row)).toEqual([2, 4, 6, 7]);
  });
});

describe('planning against what is stored', () => {
  const stored = (over: Partial<StoredAsset>): StoredAsset => ({
    id: 1,
    type: 'computer',
    source: 'manual',
    name: 'PC',
    manufacturer: null,
    model: null,
    serial: null,
    rawSerial: null,
    assetTag: null,
    notes: null,
    state: 'in_use',
    locationId: null,
    userId: null,
    finance: null,
    ...over,
  });
  const locations = [
    { id: 10, parentId: null, name: 'Lyon' },
    { id: 11, parentId: 10, name: 'Bâtiment A' },
    { id: 20, parentId: null, name: 'Paris' },
    { id: 21, parentId: 20, name: 'Accueil' },
    { id: 12, parentId: 10, name: 'Accueil' },
  ];

  it('resolves paths and single names in the tree, case aside', () => {
    const resolve = locationResolver(locations);
    expect(resolve(['lyon', 'BÂTIMENT A'])).toEqual({ id: 11 });
    expect(resolve(['Bâtiment A'])).toEqual({ id: 11 });
    expect(resolve(['Accueil'])).toEqual({ error: { code: 'location-ambiguous', params: { name: 'Accueil' } } });
    expect(resolve(['Lyon', 'Bâtiment B', 'RDC'])).toEqual({ path: ['Lyon', 'Bâtiment B', 'RDC'] });
  });

  it('matches by asset tag, then by real serial and type; updates only people fields of an agent computer; lists new locations', () => {
    const agentPc = stored({ id: 2, source: 'agent', name: 'ws-042', serial: 'SN-AGENT', rawSerial: 'sn-agent', manufacturer: 'Dell' });
    const tagged = stored({ id: 3, name: 'Old name', assetTag: 'T-9', state: 'in_stock', finance: { purchaseDate: '2024-01-15', orderNumber: null, invoiceNumber: null, supplier: null, cost: 100, currency: 'EUR', warrantyStart: null, warrantyMonths: null, depreciationMonths: null } });
    const read = readAssetCsv(
      'Name,Serial,Asset Tag,Manufacturer,Location,Purchase Date,Cost,Currency\n' +
        'New name,,t-9,,,2024-01-15,100,EUR\n' +
        'Other name,sn-agent,T-42,HP,Lyon / Bâtiment B / RDC,,,\n' +
        'Fresh,NEW-1,,,Nantes,,,\n' +
        'Same,,T-9b,,,,,\n',
    );
    const results = validateRows(read, ctx);
    const plan = planRows(
      results,
      { byTag: new Map([['t-9', [tagged]]]), bySerial: new Map([[serialIndexKey('computer', 'SN-AGENT'), [agentPc]]]), locations },
      {},
    );
    expect(plan.map((p) => [p.row, p.outcome, p.deviceId, p.changes])).toEqual([
      [2, 'update', 3, ['name']],
      [3, 'update', 2, ['assetTag', 'location']],
      [4, 'create', null, ['type', 'name', 'serial', 'location']],
      [5, 'create', null, ['type', 'name', 'assetTag']],
    ]);
    expect(newLocationPaths(plan, locations)).toEqual([['Lyon', 'Bâtiment B'], ['Lyon', 'Bâtiment B', 'RDC'], ['Nantes']]);
  });

  it('reports unchanged when every given field equals the stored one, and refuses two rows matching one asset', () => {
    const tagged = stored({ id: 3, name: 'PC', assetTag: 'T-1', serial: 'SN-1', rawSerial: 'SN-1' });
    const results = validateRows(readAssetCsv('Name,Asset Tag,Serial\nPC,T-1,\nPC,,SN-1\n'), { ...ctx, defaultType: 'monitor' });
    // The default type (monitor) is no reason to change the stored computer's type.
    const plan = planRows(results, { byTag: new Map([['t-1', [tagged]]]), bySerial: new Map([[serialIndexKey('monitor', 'SN-1'), [tagged]]]), locations: [] }, {});
    expect(plan.map((p) => [p.outcome, p.result.errors.map((e) => e.message)])).toEqual([
      ['unchanged', []],
      ['error', ['this row and row 2 both match asset #3']],
    ]);
  });
});

describe('history lines of an import, as the interface words them', () => {
  afterEach(() => setLocale('en', []));
  const change = (c: Partial<Change>): Change => ({ at: '2026-11-30T09:00:00Z', section: 'device', kind: 'added', item: 'imported from CSV', old: null, new: null, ...c });

  it('says created or updated, with the number of fields, in English and French', () => {
    const created = change({ code: 'asset-imported', params: { fields: 12 } });
    const updated = change({ kind: 'changed', item: 'updated by CSV import', code: 'asset-import-updated', params: { fields: 1 } });
    expect(describeChange(created)).toEqual({ verb: 'added', item: 'Imported from a CSV file', detail: '12 fields', group: 'hardware' });
    expect(describeChange(updated)).toEqual({ verb: 'changed', item: 'Updated by a CSV import', detail: '1 field', group: 'hardware' });
    setLocale('fr', ['fr-FR']);
    expect(describeChange(updated)).toMatchObject({ item: 'Mis à jour par un import CSV', detail: '1 champ' });
  });
});
