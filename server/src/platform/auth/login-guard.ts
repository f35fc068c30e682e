import type { Clock } from '@parc/shared';
import type { Db } from '../db/database.js';
import { deleteFailuresBefore, deletePairFailures, insertFailure, recentFailures } from './login-failures.repository.js';
import { loginRetryAfterSeconds, throttleUsername, type ThrottleLimits } from './login-throttle.js';

/**
 * The login throttle's I/O: failures live in the database, so every server sees the same counts and a
 * restart forgets nothing. The decision itself is login-throttle.ts (pure).
 */
export class LoginGuard {
  private lastCleanup = 0;

  constructor(
    private readonly db: Db,
    private readonly limits: ThrottleLimits,
    private readonly clock: Clock,
  ) {}

  /** Seconds to wait before `username` may be tried from `address` (undefined: unknown), or 0. */
  async retryAfterSeconds(username: string, address: string | undefined): Promise<number> {
    const now = this.clock.now();
    return loginRetryAfterSeconds(await recentFailures(this.db, throttleUsername(username), address ?? '', this.limits, now), this.limits, now);
  }

  /** Counts a failure (inside the caller's transaction); old rows go at most once a minute per server. */
  async recordFailure(tx: Db, username: string, address: string | undefined): Promise<void> {
    const now = this.clock.now();
    await insertFailure(tx, throttleUsername(username), address ?? '', now);
    if (now.getTime() - this.lastCleanup >= 60_000) {
      this.lastCleanup = now.getTime();
      await deleteFailuresBefore(tx, new Date(now.getTime() - this.limits.windowMs));
    }
  }

  async recordSuccess(tx: Db, username: string, address: string | undefined): Promise<void> {
    await deletePairFailures(tx, throttleUsername(username), address ?? '');
  }
}
