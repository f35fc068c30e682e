import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv, toCsv } from '../../src/licences/csv.js';
import { readLicenceCsv, toLicences, type ProductLookup } from '../../src/licences/licence-import.js';

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, newlines in quotes, CRLF, a BOM and blank lines, numbering records by their first line', () => {
    const text = '\uFEFFa,b,c\r\n1,"two, with comma","multi\nline"\r\n\r\n"say ""hi""",,x\n';
    expect(parseCsv(text)).toEqual({
      delimiter: ',',
      error: null,
      records: [
        { line: 1, cells: ['a', 'b', 'c'] },
        { line: 2, cells: ['1', 'two, with comma', 'multi\nline'] },
        { line: 5, cells: ['say "hi"', '', 'x'] },
      ],
    });
  });

  it('takes ; as the separator when the header uses it (decimal-comma locales)', () => {
    expect(parseCsv('product;unitCost\nOffice;"249,50"').records[1]!.cells).toEqual(['Office', '249,50']);
  });

  it('reports a quote left open', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n').error).toEqual({ line: 2, message: expect.stringContaining('never closed') });
  });

  it('exports with formulas neutralised and separators quoted', () => {
    expect(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tx', 'plain', 'a,b', 'a;b', null].map(csvCell)).toEqual([
      '"\'=HYPERLINK(""x"")"',
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      'plain',
      '"a,b"',
      '"a;b"',
      '',
    ]);
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });
});

const products: ProductLookup = {
  byId: new Map([
    [1, { id: 1, name: 'Microsoft Office 2019', publisher: 'Microsoft' }],
    [2, { id: 2, name: 'Acrobat', publisher: 'Adobe' }],
    [3, { id: 3, name: 'Acrobat', publisher: 'Other' }],
  ]),
  byName: new Map([
    ['microsoft office 2019', [{ id: 1, name: 'Microsoft Office 2019', publisher: 'Microsoft' }]],
    [
      'acrobat',
      [
        { id: 2, name: 'Acrobat', publisher: 'Adobe' },
        { id: 3, name: 'Acrobat', publisher: 'Other' },
      ],
    ],
  ]),
};

describe('licence CSV', () => {
  it('turns good rows into licences (header aliases, decimal comma, site without quantity)', () => {
    const csv = 'Product;Publisher;Metric;Seats;Start date;Expiry;Unit price;Currency;Supplier;PO number\n' +
      'microsoft office 2019;;device;10;2026-01-01;2028-12-31;"249,5";eur;SoftwareOne;PO-1\n' +
      'Acrobat;Adobe;per user;5;;;;;;\n' +
      'Acrobat;Other;site;;;;;;;\n';
    const p = toLicences(readLicenceCsv(csv), products);
    expect(p.errors).toEqual([]);
    expect(p).toMatchObject({ valid: 3, invalid: 0, columns: ['product', 'publisher', 'metric', 'quantity', 'startsOn', 'expiresOn', 'unitCost', 'currency', 'vendor', 'reference'] });
    expect(p.rows.map((r) => r.licence)).toEqual([
      { productId: 1, metric: 'device', quantity: 10, versionFrom: null, versionTo: null, startsOn: '2026-01-01', expiresOn: '2028-12-31', unitCost: 249.5, currency: 'EUR', vendor: 'SoftwareOne', reference: 'PO-1', notes: null },
      { productId: 2, metric: 'user', quantity: 5, versionFrom: null, versionTo: null, startsOn: null, expiresOn: null, unitCost: null, currency: null, vendor: null, reference: null, notes: null },
      { productId: 3, metric: 'site', quantity: null, versionFrom: null, versionTo: null, startsOn: null, expiresOn: null, unitCost: null, currency: null, vendor: null, reference: null, notes: null },
    ]);
  });

  it('names the line and column of every problem', () => {
    const csv = 'product,metric,quantity,startsOn,expiresOn,unitCost,currency,colour\n' +
      'Nope,device,1,,,,,\n' +
      'Acrobat,device,1,,,,,\n' +
      'Microsoft Office 2019,seat,x,2026-02-30,,€5,,\n' +
      'Microsoft Office 2019,device,,,,,,\n' +
      'Microsoft Office 2019,device,3,2026-05-01,2026-01-01,,,\n' +
      'Microsoft Office 2019,device,3,,,12,,\n';
    const p = toLicences(readLicenceCsv(csv), products);
    expect(p.errors.map((e) => [e.line, e.column])).toEqual([
      [1, 'colour'],
      [2, 'product'],
      [3, 'product'],
      [4, 'metric'],
      [4, 'quantity'],
      [4, 'unitCost'],
      [4, 'startsOn'],
      [5, 'quantity'],
      [6, 'expiresOn'],
      [7, 'currency'],
    ]);
    expect(p.errors[2]!.message).toContain('add a publisher column');
    expect(p).toMatchObject({ valid: 0, invalid: 6 });
  });

  it('needs a header naming product and metric', () => {
    expect(readLicenceCsv('').errors[0]!.message).toContain('empty');
    expect(readLicenceCsv('quantity\n1').errors.map((e) => e.column)).toEqual(['product', 'metric']);
  });
});
