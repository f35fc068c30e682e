export { parseCsv, type CsvParse, type CsvParseOptions, type CsvRecord } from '../platform/csv-parse.js';

/**
 * One cell of an exported CSV. A value a spreadsheet would run as a formula (starting with = + - @, tab
 * or CR) is prefixed with a quote, so exporting never carries an injected formula to whoever opens it.
 */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of cells as CSV text with CRLF line ends (what spreadsheets expect). */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
