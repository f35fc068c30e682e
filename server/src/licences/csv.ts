/**
 * CSV as spreadsheets write it (RFC 4180): quoted fields with doubled quotes, newlines inside quotes,
 * CRLF, LF or CR line ends, a UTF-8 BOM, and `;` as the separator where Excel's locale uses a decimal
 * comma. Pure.
 */

export interface CsvRecord {
  /** Line of the file where the record starts (1-based), for error messages. */
  line: number;
  cells: string[];
}

export interface CsvParse {
  records: CsvRecord[];
  delimiter: ',' | ';';
  /** A quote left open: the file is cut or malformed from this line on. */
  error: { line: number; message: string } | null;
}

/** `;` when the header line has more semicolons than commas outside quotes. */
function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export function parseCsv(input: string): CsvParse {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let cellStarted = false;
  const endRecord = () => {
    cells.push(cell);
    // Blank lines (and the trailing newline) are not records.
    if (!(cells.length === 1 && cells[0]!.trim() === '')) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    cellStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && !cellStarted) {
      quoted = true;
      cellStarted = true;
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
      cellStarted = false;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += c;
      cellStarted = true;
    }
  }
  if (quoted) return { records, delimiter, error: { line: recordLine, message: 'a quoted field is never closed (a " is missing)' } };
  if (cell !== '' || cells.length > 0) endRecord();
  return { records, delimiter, error: null };
}

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
