/**
 * Backoff and Retry-After, defined once for the agent's uploads, the server's notification delivery and
 * its transaction retries.
 *
 * @example
 * backoffDelay(3, { baseMs: 1000, maxMs: 60_000, jitter: 'full' }); // uniformly in [0, 8000)
 * parseRetryAfter('120', new Date()); // 120000
 */
export interface BackoffOptions {
  /** Wait after the first failure (attempt 0), before jitter. */
  baseMs: number;
  /** Ceiling of the exponential wait. */
  maxMs: number;
  /**
   * `full`: uniformly random in [0, step): a fleet that failed together comes back spread out.
   * `equal`: half the step fixed, half random: each retry still waits at least half its step.
   */
  jitter: 'full' | 'equal';
}

/** Milliseconds to wait before retry number `attempt` (0 after the first failure): base·2^attempt, capped, with jitter. */
export function backoffDelay(attempt: number, opts: BackoffOptions, random: () => number = Math.random): number {
  const step = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt));
  return opts.jitter === 'full' ? Math.floor(random() * step) : Math.round(step / 2 + random() * (step / 2));
}

/**
 * Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). Milliseconds to wait, or undefined
 * when absent or unreadable (the caller's backoff applies then).
 */
export function parseRetryAfter(header: string | null | undefined, now: Date = new Date()): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!/[a-z]/i.test(value)) return undefined; // "-5", "1.5": neither form
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
