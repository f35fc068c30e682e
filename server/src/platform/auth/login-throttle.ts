/**
 * Login throttling policy, pure (the database I/O is in login-failures.repository.ts and login-guard.ts).
 * Failures are counted over a sliding window per (username, address) pair, per address and per username:
 *
 * - a pair may fail `perPair` times: guessing one account from one address stops there;
 * - an address may fail `perAddress` times whatever the usernames: spraying many accounts stops there;
 * - a username may fail `perUsername` times from all addresses together; past that (distributed
 *   guessing) each address may fail it only `underAttackPerPair` times.
 *
 * So nobody locks an account for its owner by failing from elsewhere: an address that has not been
 * failing for that username can always try the right password, unless it is itself spraying.
 */
export interface ThrottleLimits {
  perPair: number;
  perAddress: number;
  perUsername: number;
  underAttackPerPair: number;
  windowMs: number;
}

/** The limits from PARC_LOGIN_MAX_FAILURES (the per-pair limit); the others are multiples of it. */
export function throttleLimits(maxFailures: number, windowMs = 15 * 60_000): ThrottleLimits {
  return { perPair: maxFailures, perAddress: maxFailures * 5, perUsername: maxFailures * 10, underAttackPerPair: Math.min(3, maxFailures), windowMs };
}

/** Recent failures within the window, newest first; each list need hold no more than its limit. */
export interface RecentFailures {
  pair: readonly Date[];
  address: readonly Date[];
  username: readonly Date[];
}

/** When a rule stops refusing: as soon as its `limit`-th newest failure leaves the window. */
const freedAt = (newestFirst: readonly Date[], limit: number, windowMs: number) => newestFirst[limit - 1]!.getTime() + windowMs;

/** Seconds to wait before this username may be tried from this address, or 0 when it may be now. */
export function loginRetryAfterSeconds(recent: RecentFailures, limits: ThrottleLimits, now: Date): number {
  const within = (list: readonly Date[]) => list.filter((d) => now.getTime() - d.getTime() < limits.windowMs);
  const pair = within(recent.pair);
  const address = within(recent.address);
  const username = within(recent.username);
  const until: number[] = [];
  if (pair.length >= limits.perPair) until.push(freedAt(pair, limits.perPair, limits.windowMs));
  if (address.length >= limits.perAddress) until.push(freedAt(address, limits.perAddress, limits.windowMs));
  if (username.length >= limits.perUsername && pair.length >= limits.underAttackPerPair) {
    // Either the attack dies down or this pair's own failures age out, whichever comes first.
    until.push(Math.min(freedAt(username, limits.perUsername, limits.windowMs), freedAt(pair, limits.underAttackPerPair, limits.windowMs)));
  }
  if (!until.length) return 0;
  return Math.max(1, Math.ceil((Math.max(...until) - now.getTime()) / 1000));
}

/** Usernames are matched case-insensitively, like the login itself presents them to people. */
export const throttleUsername = (username: string) => username.toLowerCase();
