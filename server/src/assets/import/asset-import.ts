import { ASSET_IMPORT_MAX_ROWS, type AssetImportError, type AssetImportField } from '@parc/shared/api';
import { cleanSerial } from '../../inventory/ingest/identity-blacklist.js';
import type { AssetType } from '../../inventory/ingest/ingest.tables.js';
import { parseCsv } from '../../platform/csv-parse.js';
import { guessMapping } from './asset-import-columns.js';
import { isError, parseCost, parseCurrency, parseDate, parseLocationPath, parseMonths, parseState, parseType, type Parsed } from './asset-import-values.js';
import { problem, rowError, type ImportProblem } from './asset-import-errors.js';

/**
 * Assets from a spreadsheet, pure: the text into rows under a column mapping (readAssetCsv), each row
 * into an asset record or field errors (validateRows, duplicates inside the file included). What the
 * records do to the database (create, update, unchanged) is decided in asset-import-plan.ts.
 */

/** The file cannot be read at all (no header, a quote never closed, a bad mapping): nothing to preview. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly field: 'csv' | 'mapping',
  ) {
    super(message);
  }
}

export interface RawRow {
  /** Row number as a spreadsheet shows it (header = 1). */
  row: number;
  values: Partial<Record<AssetImportField, string>>;
}

export interface ReadFile {
  columns: string[];
  mapping: (AssetImportField | null)[];
  rows: RawRow[];
}

/** Reads the file and applies the mapping (guessed from the headers when not given). Throws ImportFileError. */
export function readAssetCsv(text: string, mapping?: readonly (AssetImportField | null)[]): ReadFile {
  const parsed = parseCsv(text, { keepBlankLines: true });
  if (parsed.error) throw new ImportFileError(`the file cannot be read as CSV: row ${rowOfLine(parsed.records, parsed.error.line)}: ${parsed.error.message}`, 'csv');
  const [header, ...records] = parsed.records;
  const columns = header?.cells.map((c) => c.trim()) ?? [];
  if (columns.every((c) => c === '')) throw new ImportFileError('the file is empty: its first row must name the columns (Name, Serial, Asset Tag…)', 'csv');
  if (records.length > ASSET_IMPORT_MAX_ROWS && records.slice(ASSET_IMPORT_MAX_ROWS).some((r) => !isBlank(r.cells))) {
    throw new ImportFileError(`the file has more than ${ASSET_IMPORT_MAX_ROWS} rows; split it`, 'csv');
  }
  const used = mapping ? [...mapping] : guessMapping(columns);
  if (used.length !== columns.length) throw new ImportFileError(`the mapping has ${used.length} entries but the file has ${columns.length} columns`, 'mapping');
  const seen = new Map<AssetImportField, string>();
  used.forEach((f, i) => {
    if (f === null) return;
    if (seen.has(f)) throw new ImportFileError(`columns "${seen.get(f)}" and "${columns[i]}" both feed ${f}; map one of them only`, 'mapping');
    seen.set(f, columns[i]!);
  });
  if (!seen.has('name')) throw new ImportFileError('no column gives the assets\' names: map one column to name', 'mapping');
  const rows: RawRow[] = [];
  records.forEach((r, i) => {
    if (isBlank(r.cells)) return;
    const values: RawRow['values'] = {};
    r.cells.forEach((cell, c) => {
      const f = used[c];
      const v = cell.trim();
      if (f && v !== '') values[f] = v;
    });
    rows.push({ row: i + 2, values });
  });
  return { columns, mapping: used, rows };
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** The spreadsheet row of a file line (records may span lines inside quotes). */
function rowOfLine(records: readonly { line: number }[], line: number): number {
  const i = records.findIndex((r) => r.line >= line);
  return i < 0 ? records.length + 1 : i + 1;
}

/** A row as an asset: strings trimmed, blanks null (a blank cell leaves a stored value as it is). */
export interface AssetRecord {
  row: number;
  type: AssetType;
  /** False when the type is the default one: an update then leaves the stored asset's type alone. */
  typeGiven: boolean;
  name: string;
  manufacturer: string | null;
  model: string | null;
  /** As written; `serialKey` is the cleaned form used to match, null for a placeholder. */
  serial: string | null;
  serialKey: string | null;
  assetTag: string | null;
  notes: string | null;
  state: string | null;
  location: string[] | null;
  userId: number | null;
  purchaseDate: string | null;
  orderNumber: string | null;
  invoiceNumber: string | null;
  supplier: string | null;
  cost: number | null;
  currency: string | null;
  warrantyStart: string | null;
  warrantyMonths: number | null;
  depreciationMonths: number | null;
}

export interface RowResult {
  row: number;
  record: AssetRecord | null;
  /** What the row says, for the report even when it has errors. */
  name: string | null;
  assetTag: string | null;
  serial: string | null;
  type: AssetType | null;
  errors: AssetImportError[];
}

export interface ValidateContext {
  defaultType: AssetType;
  /** Folded code, name or label → state code (stateLookup). */
  states: ReadonlyMap<string, string>;
  /** Lower-cased username or email → user id. */
  users: ReadonlyMap<string, number>;
  /** Header of each field's column, to name it in messages. */
  columnOf: Partial<Record<AssetImportField, string>>;
}

const TEXT_LIMITS: Partial<Record<AssetImportField, number>> = { name: 255, manufacturer: 255, model: 255, serial: 255, assetTag: 255, orderNumber: 255, invoiceNumber: 255, supplier: 255, notes: 10_000 };

/** The users a file names (lower-cased), for one lookup. */
export function userKeysOf(rows: readonly RawRow[]): string[] {
  return [...new Set(rows.flatMap((r) => (r.values.user ? [r.values.user.toLowerCase()] : [])))];
}

export function validateRow(raw: RawRow, ctx: ValidateContext): RowResult {
  const v = raw.values;
  const errors: AssetImportError[] = [];
  const err = (field: AssetImportField | null, p: ImportProblem) => errors.push(rowError(ctx.columnOf, field, p));
  for (const [field, max] of Object.entries(TEXT_LIMITS) as [AssetImportField, number][]) {
    if ((v[field]?.length ?? 0) > max) err(field, problem('too-long', { max }));
  }
  let type: AssetType | null = ctx.defaultType;
  if (v.type !== undefined) {
    const t = parseType(v.type);
    if (isError(t)) {
      err('type', t.error);
      type = null;
    } else type = t;
  }
  if (v.name === undefined) err('name', problem('name-required'));
  const pick = <T>(field: AssetImportField, p: (s: string) => Parsed<T>): T | null => {
    const s = v[field];
    if (s === undefined) return null;
    const out = p(s);
    if (isError(out)) {
      err(field, out.error);
      return null;
    }
    return out as T;
  };
  const state = pick('state', (s) => parseState(s, ctx.states));
  const location = pick('location', parseLocationPath);
  const userId = pick('user', (s) => ctx.users.get(s.toLowerCase()) ?? { error: problem('user-unknown', { value: s }) });
  const purchaseDate = pick('purchaseDate', parseDate);
  const warrantyStart = pick('warrantyStart', parseDate);
  const cost = pick('cost', parseCost);
  const currency = pick('currency', parseCurrency);
  const warrantyMonths = pick('warrantyMonths', (s) => parseMonths(s, 0));
  const depreciationMonths = pick('depreciationMonths', (s) => parseMonths(s, 1));
  const serial = v.serial ?? null;
  const result: RowResult = { row: raw.row, record: null, name: v.name ?? null, assetTag: v.assetTag ?? null, serial, type, errors };
  if (errors.length > 0 || type === null) return result;
  result.record = {
    row: raw.row,
    type,
    typeGiven: v.type !== undefined,
    name: v.name!,
    manufacturer: v.manufacturer ?? null,
    model: v.model ?? null,
    serial,
    serialKey: cleanSerial(serial) ?? null,
    assetTag: v.assetTag ?? null,
    notes: v.notes ?? null,
    state,
    location,
    userId,
    purchaseDate,
    orderNumber: v.orderNumber ?? null,
    invoiceNumber: v.invoiceNumber ?? null,
    supplier: v.supplier ?? null,
    cost: cost?.amount ?? null,
    currency: currency ?? cost?.currency ?? null,
    warrantyStart,
    warrantyMonths,
    depreciationMonths,
  };
  return result;
}

/**
 * A later row with the asset tag of an earlier one, or the same real serial for the same type, is an
 * error naming the earlier row (the earlier one is kept: it is the one a person reads first).
 */
export function markDuplicates(results: RowResult[], columnOf: ValidateContext['columnOf']): void {
  const tags = new Map<string, number>();
  const serials = new Map<string, number>();
  for (const r of results) {
    const rec = r.record;
    if (!rec) continue;
    const tagKey = rec.assetTag?.toLowerCase();
    const serialKey = rec.serialKey ? `${rec.type}\u0000${rec.serialKey}` : undefined;
    const tagFirst = tagKey === undefined ? undefined : tags.get(tagKey);
    const serialFirst = serialKey === undefined ? undefined : serials.get(serialKey);
    if (tagFirst !== undefined) r.errors.push(rowError(columnOf, 'assetTag', problem('tag-in-file-twice', { tag: rec.assetTag!, row: tagFirst })));
    if (serialFirst !== undefined) r.errors.push(rowError(columnOf, 'serial', problem('serial-in-file-twice', { serial: rec.serial ?? rec.serialKey!, type: rec.type, row: serialFirst })));
    if (r.errors.length > 0) {
      r.record = null;
      continue;
    }
    if (tagKey !== undefined) tags.set(tagKey, rec.row);
    if (serialKey !== undefined) serials.set(serialKey, rec.row);
  }
}

/** Header of the column feeding each field. */
export function columnsByField(read: ReadFile): Partial<Record<AssetImportField, string>> {
  const out: Partial<Record<AssetImportField, string>> = {};
  read.mapping.forEach((f, i) => {
    if (f) out[f] = read.columns[i]!;
  });
  return out;
}

export function validateRows(read: ReadFile, ctx: Omit<ValidateContext, 'columnOf'>): RowResult[] {
  const columnOf = columnsByField(read);
  const results = read.rows.map((r) => validateRow(r, { ...ctx, columnOf }));
  markDuplicates(results, columnOf);
  return results;
}
