import { backoffDelay } from '@parc/shared';

/** What one delivery attempt came to. */
export type DeliveryOutcome =
  | { kind: 'delivered' }
  /** Worth trying again later (network, timeout, 5xx, 429, SMTP 4xx); retryAfterMs when the receiver said when. */
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  /** Trying again would get the same answer (4xx, SMTP 5xx, webhook gone); `hint` says what to fix. */
  | { kind: 'fail'; error: string; hint: string };

export interface BackoffPolicy {
  /** Wait after the first failure, before jitter. */
  baseMs: number;
  /** Ceiling of the exponential wait. */
  maxMs: number;
  /** Ceiling on a receiver's Retry-After, so a bogus header cannot park a notification for a year. */
  maxRetryAfterMs: number;
}

/** 30 s, 1 min, 2 min … capped at 4 h: ten attempts span about eight hours. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 4 * 3_600_000, maxRetryAfterMs: 24 * 3_600_000 };

/**
 * Wait before the next attempt after `attempts` failed ones (1 after the first failure): exponential,
 * with "equal jitter" (half fixed, half random) so retries of notifications that failed together spread
 * out while each still waits at least half its exponential step.
 */
export function retryDelayMs(attempts: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  return backoffDelay(attempts - 1, { baseMs: policy.baseMs, maxMs: policy.maxMs, jitter: 'equal' }, random);
}

/** The columns to write after an attempt: delivered, due again at a later time, or given up on. */
export type NextState =
  | { state: 'delivered'; deliveredAt: Date }
  | { state: 'retry'; nextAttemptAt: Date; lastError: string }
  | { state: 'failed'; failedAt: Date; lastError: string; hint: string };

/**
 * Decides a row's fate after its `attempts`-th attempt (counted, including this one). A receiver's
 * Retry-After replaces the backoff (clamped to the policy's ceiling); the last allowed attempt failing
 * gives up whatever the reason.
 */
export function nextState(
  outcome: DeliveryOutcome,
  attempts: number,
  maxAttempts: number,
  now: Date,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): NextState {
  if (outcome.kind === 'delivered') return { state: 'delivered', deliveredAt: now };
  if (outcome.kind === 'fail') return { state: 'failed', failedAt: now, lastError: outcome.error, hint: outcome.hint };
  if (attempts >= maxAttempts) {
    return {
      state: 'failed',
      failedAt: now,
      lastError: `${outcome.error} (gave up after ${attempts} attempts)`,
      hint: 'the receiver kept failing: check it is reachable from this server and working, then re-send if needed',
    };
  }
  const wait =
    outcome.retryAfterMs !== undefined
      ? Math.min(Math.max(0, outcome.retryAfterMs), policy.maxRetryAfterMs)
      : retryDelayMs(attempts, policy, random);
  return { state: 'retry', nextAttemptAt: new Date(now.getTime() + wait), lastError: outcome.error };
}
