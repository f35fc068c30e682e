/** Pure helpers of the compliance screens, tested without a DOM in server/test/ui. */

/** A round top for a count axis: 1, 2 or 5 times a power of ten, at least `n`. */
export function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= n) ?? n;
}

/** Axis ticks at 0, the middle and the top, whole numbers only (a half of 5 devices is not a tick). */
export function axisTicks(max: number): number[] {
  const mid = max / 2;
  return Number.isInteger(mid) ? [0, mid, max] : [0, max];
}
