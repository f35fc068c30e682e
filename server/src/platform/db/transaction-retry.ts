import { backoffDelay } from '@parc/shared';
import { isRetryableTransactionError } from './db-errors.js';

/** Runs `fn` again on deadlock or serialization failure, with jittered backoff; other errors pass through. */
export async function withRetry<T>(fn: () => Promise<T>, attempts = 5, baseMs = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= attempts || !isRetryableTransactionError(err)) throw err;
      await new Promise((r) => setTimeout(r, backoffDelay(attempt, { baseMs, maxMs: baseMs * 2 ** attempts, jitter: 'full' })));
    }
  }
}
