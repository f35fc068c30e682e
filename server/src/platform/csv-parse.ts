/**
 * CSV as spreadsheets write it (RFC 4180): quoted fields with doubled quotes, newlines inside quotes,
 * CRLF, LF or CR line ends, a UTF-8 BOM, and `;` as the separator where Excel's locale uses a decimal
 * comma. Pure. Shared by every feature that reads a spreadsheet (licences, assets).
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

export interface CsvParseOptions {
  /**
   * Keep blank lines as records of one empty cell, so a caller can number records as a spreadsheet
   * numbers its rows (a blank line is a blank row there). Off by default: blank lines are skipped.
   */
  keepBlankLines?: boolean;
}

export function parseCsv(input: string, options: CsvParseOptions = {}): CsvParse {
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
    // Blank lines (and the trailing newline) are not records, unless the caller counts them.
    if (options.keepBlankLines || !(cells.length === 1 && cells[0]!.trim() === '')) records.push({ line: recordLine, cells });
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
