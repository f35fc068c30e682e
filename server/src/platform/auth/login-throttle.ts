/**
 * Slows password guessing: after `maxFailures` failed logins for one username within `windowMs`, further
 * attempts for it are refused until the oldest failure leaves the window. Kept in memory: a restart
 * forgets it, and several server processes each count on their own (so the limit is per process).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Seconds to wait before trying this username again, or 0 when an attempt is allowed now. */
  retryAfterSeconds(username: string, now = Date.now()): number {
    const recent = this.recent(username.toLowerCase(), now);
    if (recent.length < this.maxFailures) return 0;
    const freedAt = recent[recent.length - this.maxFailures]! + this.windowMs;
    return Math.max(1, Math.ceil((freedAt - now) / 1000));
  }

  recordFailure(username: string, now = Date.now()) {
    const key = username.toLowerCase();
    this.failures.set(key, [...this.recent(key, now), now]);
    // Bound memory under a spray of made-up usernames: forget the oldest keys first.
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value!);
  }

  recordSuccess(username: string) {
    this.failures.delete(username.toLowerCase());
  }
}
