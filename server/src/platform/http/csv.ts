/**
 * CSV answers (RFC 4180, CRLF line ends) for any filtered list, shared by the features that export one.
 * Cells a spreadsheet would run as a formula are defused; a long export is streamed page by page so a
 * hundred thousand rows never sit in memory at once.
 */

/**
 * One cell. A value starting with = + - @, tab or CR is prefixed with a quote: whatever an agent reported
 * or a person typed reaches whoever opens the file as text, never as a formula.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record with its line end. */
export const csvLine = (cells: readonly unknown[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * A streamed CSV body: the header, then each batch `next` yields until it yields an empty one. Batches
 * are fetched as the client reads, so memory holds one page.
 */
export function csvStream(header: readonly string[], next: () => Promise<readonly (readonly unknown[])[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine(header)));
        return;
      }
      const rows = await next();
      if (rows.length === 0) controller.close();
      else controller.enqueue(encoder.encode(rows.map(csvLine).join('')));
    },
  });
}

/** Headers of a CSV download named `filename` (ours, ASCII: never from input). */
export const csvHeaders = (filename: string): Record<string, string> => ({
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': `attachment; filename="${filename}"`,
  'Cache-Control': 'no-store',
});
