import { LICENCE_CSV_COLUMNS, licenceCreateBodySchema, type LicenceCreateBody, type LicenceImportError, type LicenceImportPreview, type LicenceImportRow } from '@parc/shared';
import { normalizeName } from '../inventory/software/normalize.js';
import { parseCsv } from './csv.js';

/**
 * Licences from a spreadsheet, pure: the text is read into rows (readLicenceCsv), the service looks up
 * the products the rows name, and toLicences turns each row into a licence or into errors that name the
 * line and the column, as the user sees them in the spreadsheet.
 */

export type CsvColumn = (typeof LICENCE_CSV_COLUMNS)[number];

/** Most rows in one file: one import is a contract or a purchase history, not a data warehouse. */
export const MAX_ROWS = 20_000;

const squash = (s: string) => s.toLowerCase().replace(/[\s_\-.]+/g, '');

/** Header spellings people use, folded (lower case, no spaces, underscores, hyphens or dots). */
const HEADER_ALIASES: Record<string, CsvColumn> = {
  ...Object.fromEntries(LICENCE_CSV_COLUMNS.map((c) => [squash(c), c])),
  name: 'product',
  productname: 'product',
  software: 'product',
  editor: 'publisher',
  manufacturer: 'publisher',
  seats: 'quantity',
  qty: 'quantity',
  count: 'quantity',
  type: 'metric',
  start: 'startsOn',
  startdate: 'startsOn',
  validfrom: 'startsOn',
  end: 'expiresOn',
  enddate: 'expiresOn',
  expires: 'expiresOn',
  expiry: 'expiresOn',
  expirydate: 'expiresOn',
  validuntil: 'expiresOn',
  cost: 'unitCost',
  price: 'unitCost',
  unitprice: 'unitCost',
  supplier: 'vendor',
  reseller: 'vendor',
  order: 'reference',
  contract: 'reference',
  ordernumber: 'reference',
  ponumber: 'reference',
  comment: 'notes',
  comments: 'notes',
  note: 'notes',
};

export interface RawRow {
  line: number;
  values: Partial<Record<CsvColumn, string>>;
}

export interface ReadCsv {
  columns: CsvColumn[];
  rows: RawRow[];
  errors: LicenceImportError[];
}

export function readLicenceCsv(text: string): ReadCsv {
  const parsed = parseCsv(text);
  const errors: LicenceImportError[] = [];
  if (parsed.error) errors.push({ line: parsed.error.line, column: null, message: parsed.error.message });
  const [header, ...records] = parsed.records;
  if (!header) return { columns: [], rows: [], errors: [{ line: 1, column: null, message: 'the file is empty: the first line must name the columns (product, metric, quantity…)' }] };
  const columns: (CsvColumn | null)[] = header.cells.map((name) => {
    const col = HEADER_ALIASES[squash(name)] ?? null;
    if (col === null && name.trim() !== '') errors.push({ line: header.line, column: name.trim(), message: `unknown column "${name.trim()}"; the columns are ${LICENCE_CSV_COLUMNS.join(', ')}` });
    return col;
  });
  const seen = new Set<CsvColumn>();
  for (const c of columns) {
    if (c === null) continue;
    if (seen.has(c)) errors.push({ line: header.line, column: c, message: `column ${c} appears twice` });
    seen.add(c);
  }
  if (!seen.has('product') && !seen.has('productId')) errors.push({ line: header.line, column: 'product', message: 'a column product (or productId) is needed' });
  if (!seen.has('metric')) errors.push({ line: header.line, column: 'metric', message: 'a column metric (device, user or site) is needed' });
  if (records.length > MAX_ROWS) errors.push({ line: records[MAX_ROWS]!.line, column: null, message: `at most ${MAX_ROWS} licences per file; split it` });
  const rows = records.slice(0, MAX_ROWS).map((r) => {
    const values: RawRow['values'] = {};
    r.cells.forEach((cell, i) => {
      const col = columns[i];
      if (col && cell.trim() !== '') values[col] = cell.trim();
    });
    return { line: r.line, values };
  });
  return { columns: columns.filter((c): c is CsvColumn => c !== null), rows, errors };
}

export interface ProductRef {
  id: number;
  name: string;
  publisher: string | null;
}

export interface ProductLookup {
  byId: ReadonlyMap<number, ProductRef>;
  /** Products by folded name (several when publishers differ). */
  byName: ReadonlyMap<string, ProductRef[]>;
}

/** The product names a file mentions, folded: the service reads them in one query. */
export function productNamesOf(rows: readonly RawRow[]): { names: string[]; ids: number[] } {
  const names = new Set<string>();
  const ids = new Set<number>();
  for (const r of rows) {
    if (r.values.product) names.add(normalizeName(r.values.product));
    const id = Number(r.values.productId);
    if (Number.isSafeInteger(id) && id > 0) ids.add(id);
  }
  return { names: [...names], ids: [...ids] };
}

const METRICS: Record<string, 'device' | 'user' | 'site'> = { device: 'device', devices: 'device', perdevice: 'device', machine: 'device', user: 'user', users: 'user', peruser: 'user', named: 'user', site: 'site', sitelicence: 'site', sitelicense: 'site', unlimited: 'site' };

/** A decimal in either notation ("1 249,50", "1249.50"); NaN when it is not one. */
function decimal(s: string): number {
  const compact = s.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d+(?:[.,]\d+)?$/.test(compact)) return NaN;
  return Number(compact.replace(',', '.'));
}

function resolveProduct(v: RawRow['values'], products: ProductLookup): ProductRef | string {
  if (v.productId !== undefined) {
    const id = Number(v.productId);
    const p = Number.isSafeInteger(id) ? products.byId.get(id) : undefined;
    return p ?? `no software product with id ${v.productId}`;
  }
  if (v.product === undefined) return 'give the product name (or productId)';
  let found = products.byName.get(normalizeName(v.product)) ?? [];
  if (v.publisher !== undefined) found = found.filter((p) => p.publisher !== null && normalizeName(p.publisher) === normalizeName(v.publisher!));
  if (found.length === 1) return found[0]!;
  if (found.length === 0) return `no product "${v.product}"${v.publisher ? ` by ${v.publisher}` : ''} in the software catalogue; check the spelling, or map the inventoried name to it with a normalisation rule`;
  return `several products are named "${v.product}" (publishers ${found.map((p) => p.publisher ?? 'none').join(', ')}); add a publisher column`;
}

/** Each row as a licence, or its errors; `errors` also carries the header's problems. */
export function toLicences(read: ReadCsv, products: ProductLookup): LicenceImportPreview {
  const rows: LicenceImportRow[] = read.rows.map((raw) => {
    const v = raw.values;
    const errors: LicenceImportError[] = [];
    const err = (column: CsvColumn | null, message: string) => errors.push({ line: raw.line, column, message });
    const product = resolveProduct(v, products);
    if (typeof product === 'string') err(v.productId !== undefined ? 'productId' : 'product', product);
    const metric = v.metric === undefined ? undefined : METRICS[squash(v.metric)];
    if (v.metric === undefined) err('metric', 'give the metric: device, user or site');
    else if (metric === undefined) err('metric', `"${v.metric}" is not a metric; use device, user or site`);
    const quantity = v.quantity === undefined ? null : /^\d+$/.test(v.quantity.replace(/[\s\u00a0\u202f]/g, '')) ? Number(v.quantity.replace(/[\s\u00a0\u202f]/g, '')) : NaN;
    if (Number.isNaN(quantity)) err('quantity', `"${v.quantity}" is not a whole number of seats`);
    const unitCost = v.unitCost === undefined ? null : decimal(v.unitCost);
    if (Number.isNaN(unitCost)) err('unitCost', `"${v.unitCost}" is not an amount (digits, with . or , before the decimals; no currency sign)`);
    for (const col of ['startsOn', 'expiresOn'] as const) {
      const d = v[col];
      if (d !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d)) {
        err(col, `"${d}" is not a date; write it YYYY-MM-DD`);
      }
    }
    if (errors.length > 0) return { line: raw.line, licence: null, product: typeof product === 'string' ? null : product, errors };
    const candidate = {
      productId: (product as ProductRef).id,
      metric,
      quantity,
      versionFrom: v.versionFrom ?? null,
      versionTo: v.versionTo ?? null,
      startsOn: v.startsOn ?? null,
      expiresOn: v.expiresOn ?? null,
      unitCost,
      currency: v.currency ?? null,
      vendor: v.vendor ?? null,
      reference: v.reference ?? null,
      notes: v.notes ?? null,
    };
    const parsed = licenceCreateBodySchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const col = String(issue.path[0] ?? '');
        err((LICENCE_CSV_COLUMNS as readonly string[]).includes(col) ? (col as CsvColumn) : null, issue.message);
      }
      return { line: raw.line, licence: null, product: product as ProductRef, errors };
    }
    return { line: raw.line, licence: parsed.data as LicenceCreateBody, product: product as ProductRef, errors };
  });
  const errors = [...read.errors, ...rows.flatMap((r) => r.errors)].sort((a, b) => a.line - b.line);
  const valid = rows.filter((r) => r.errors.length === 0).length;
  return { columns: read.columns, rows, errors, valid, invalid: rows.length - valid };
}
