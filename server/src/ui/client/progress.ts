/** Pure helpers of long operations' progress (ui/busy.ts draws them): tested in server/test/ui. */

/** Whole seconds since `startedAt`, never negative. */
export const elapsedSeconds = (startedAt: number, now: number) => Math.max(0, Math.floor((now - startedAt) / 1000));

/** Rows of a CSV received so far: complete lines after the header (a line cut between chunks counts once it ends). */
export function csvRowsSoFar(newlines: number): number {
  return Math.max(0, newlines - 1);
}

/** Newlines in a chunk of bytes (LF only: CRLF files count once per line too). */
export function countNewlines(chunk: Uint8Array): number {
  let n = 0;
  for (const b of chunk) if (b === 10) n++;
  return n;
}
