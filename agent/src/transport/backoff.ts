/**
 * Exponential backoff with FULL jitter: a uniformly random wait in [0, min(max, base·2^attempt)).
 * Spreading each retry over the whole window keeps a fleet that lost the server at the same moment
 * from coming back in lockstep. `attempt` counts from 0 (the wait after the first failure).
 */
export function fullJitterDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/**
 * Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Returns milliseconds to wait,
 * or undefined when the header is absent or unparseable (the caller then falls back to backoff).
 */
export function parseRetryAfter(header: string | undefined | null, now: Date = new Date()): number | undefined {
  if (header === undefined || header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!/[a-z]/i.test(value)) return undefined; // "-5", "1.5": neither form
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
