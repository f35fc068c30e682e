import { describe, expect, it } from 'vitest';
import { foldStates, foldTypes, rollUpLocations } from '../../../src/assets/search/totals.js';
import { EXPORT_COLUMNS, exportFilename, exportRow, type ExportRecord } from '../../../src/inventory/devices/devices-export.js';
import { pathTexts, rootsOf } from '../../../src/assets/locations/location-tree.js';
import { csvCell, csvLine, csvStream } from '../../../src/platform/http/csv.js';

const tree = [
  { id: 3, parentId: 2, name: 'Floor 2' },
  { id: 1, parentId: null, name: 'Paris' },
  { id: 2, parentId: 1, name: 'Building A' },
  { id: 4, parentId: null, name: 'Lyon' },
];

describe('location paths', () => {
  it('gives each location its path from the top and its top-level ancestor, whatever the row order', () => {
    const [path, root] = [pathTexts(tree), rootsOf(tree)];
    expect(path.get(3)).toBe('Paris / Building A / Floor 2');
    expect(path.get(1)).toBe('Paris');
    expect([...root]).toEqual(expect.arrayContaining([[3, 1], [2, 1], [1, 1], [4, 4]]));
  });

  it('stops at a missing parent or a loop instead of walking forever', () => {
    const nodes = [
      { id: 1, parentId: 2, name: 'A' },
      { id: 2, parentId: 1, name: 'B' },
      { id: 5, parentId: 99, name: 'Orphan' },
    ];
    const [path, root] = [pathTexts(nodes), rootsOf(nodes)];
    expect(path.get(5)).toBe('Orphan');
    expect(root.get(5)).toBe(5);
    // The loop is cut once: one of the two becomes the top, the other sits under it.
    expect([path.get(1), path.get(2)].sort()).toEqual(['B', 'B / A']);
    expect(path.size).toBe(3);
  });
});

describe('totals folding', () => {
  it('lists every type in tab order, zeros included', () => {
    expect(foldTypes([{ type: 'printer', n: 2 }, { type: 'computer', n: 5 }]).map((x) => `${x.type}:${x.count}`)).toEqual([
      'computer:5', 'monitor:0', 'printer:2', 'phone:0', 'network:0', 'peripheral:0', 'other:0',
    ]);
  });

  it('keeps built-in states always and admin-added ones only when used', () => {
    const states = [
      { code: 'in_use', label: null, builtin: true },
      { code: 'custom', label: 'Custom', builtin: false },
      { code: 'unused', label: 'Unused', builtin: false },
    ];
    expect(foldStates(states, [{ state: 'custom', n: 3 }])).toEqual([
      { code: 'in_use', label: null, builtin: true, count: 0 },
      { code: 'custom', label: 'Custom', builtin: false, count: 3 },
    ]);
  });

  it('rolls each location up into its top-level one, with unknown ids as no location', () => {
    expect(
      rollUpLocations(tree, [
        { location_id: 3, n: 4 },
        { location_id: 1, n: 1 },
        { location_id: 4, n: 5 },
        { location_id: null, n: 2 },
        { location_id: 77, n: 1 },
      ]),
    ).toEqual({ byLocation: [{ id: 4, name: 'Lyon', count: 5 }, { id: 1, name: 'Paris', count: 5 }], noLocation: 3 });
    // Biggest first; equal counts by name.
    expect(rollUpLocations(tree, [{ location_id: 2, n: 6 }, { location_id: 4, n: 5 }]).byLocation.map((l) => l.name)).toEqual(['Paris', 'Lyon']);
  });
});

describe('CSV export rows', () => {
  const record: ExportRecord = {
    id: 7, type: 'computer', hostname: 'pc-7', manufacturer: 'HP', model: 'EliteBook', serial: null, raw_serial: 'To Be Filled By O.E.M.',
    asset_tag: null, inventory_asset_tag: 'FW-7', state: 'in_use', location_id: 3, user_name: '=HYPERLINK("x")', source: 'agent',
    parent_hostname: null, purchase_date: '2024-02-29', cost: '999.90', currency: 'EUR', warranty_end: '2027-02-28', last_seen_at: new Date('2026-11-30T08:00:00Z'),
  };
  const paths = pathTexts(tree);

  it('gives one cell per column, the firmware tag and serial when people set none', () => {
    const row = exportRow(record, paths);
    expect(row).toHaveLength(EXPORT_COLUMNS.length);
    expect(csvLine(row)).toBe(`7,computer,pc-7,HP,EliteBook,To Be Filled By O.E.M.,FW-7,in_use,Paris / Building A / Floor 2,"'=HYPERLINK(""x"")",agent,,2024-02-29,999.90,EUR,2027-02-28,2026-11-30T08:00:00.000Z\r\n`);
  });

  it('leaves "last seen" blank for manual records and an unknown location empty', () => {
    const row = exportRow({ ...record, source: 'manual', location_id: 99, asset_tag: 'MINE' }, paths);
    expect(row[EXPORT_COLUMNS.indexOf('last_seen')]).toBeNull();
    expect(row[EXPORT_COLUMNS.indexOf('location')]).toBeNull();
    expect(row[EXPORT_COLUMNS.indexOf('asset_tag')]).toBe('MINE');
  });

  it('names the file after the day', () => {
    expect(exportFilename(new Date('2026-11-30T23:59:00Z'))).toBe('assets-2026-11-30.csv');
  });
});

describe('CSV writer', () => {
  it('defuses formulas and quotes separators, quotes and line breaks', () => {
    expect(['=1+1', '+33 1 23', '-x', '@SUM(A1)', '\tx', '\rx', 'plain', 'a,b', 'a;b', 'say "hi"', 'two\nlines', null, undefined, 42, { a: 1 }].map(csvCell)).toEqual([
      "'=1+1", "'+33 1 23", "'-x", "'@SUM(A1)", "'\tx", "\"'\rx\"", 'plain', '"a,b"', '"a;b"', '"say ""hi"""', '"two\nlines"', '', '', '42', '"{""a"":1}"',
    ]);
  });

  it('streams the header, then each page until an empty one', async () => {
    const pages = [[[1, 'a']], [[2, 'b'], [3, 'c']], []];
    let calls = 0;
    const text = await new Response(csvStream(['id', 'name'], async () => pages[calls++]!)).text();
    expect(text).toBe('id,name\r\n1,a\r\n2,b\r\n3,c\r\n');
    expect(calls).toBe(3);
  });
});
