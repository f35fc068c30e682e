import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { parseIp } from '../../platform/http/cidr.js';
import { TooManyRequestsError } from '../../platform/http/errors.js';

/**
 * Enrollment rate limits: fixed windows counted in the database, so every server process shares them.
 * One upsert per check; a refused attempt still counts, so hammering does not shorten the wait.
 */

export type EnrollmentLimitName = 'enrollments_per_token' | 'enrollments_per_address';

/** The start of the window `now` falls in (windows are aligned on the epoch). */
export function windowStart(now: Date, windowSeconds: number): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/** Whole seconds until the window `now` falls in ends (at least 1). */
export function secondsLeft(now: Date, windowSeconds: number): number {
  const end = windowStart(now, windowSeconds).getTime() + windowSeconds * 1000;
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}

/**
 * The per-address bucket: an IPv4 address, or an IPv6 address's /64 (one machine or site usually holds a
 * whole /64, so counting each /128 would let it rotate addresses past the limit).
 */
export function addressBucket(address: string): string {
  const v = parseIp(address);
  if (v === undefined) return `address:${address}`;
  if (v >> 32n === 0xffffn) return `address:${[24n, 16n, 8n, 0n].map((s) => Number((v >> s) & 255n)).join('.')}`;
  return `address:${(v >> 64n).toString(16).padStart(16, '0')}/64`;
}

/** Counts one attempt in `bucket`'s current window and returns the window's count so far. */
export async function countAttempt(db: Db, bucket: string, now: Date, windowSeconds: number): Promise<number> {
  const row = await db
    .insertInto('enrollment_rate_windows')
    .values({ bucket, window_start: windowStart(now, windowSeconds), hits: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet({ hits: sql<number>`enrollment_rate_windows.hits + 1` }))
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

export interface EnrollmentLimit {
  name: EnrollmentLimitName;
  /** `token:<id>` or `address:<ip>`. */
  bucket: string;
  max: number;
  windowSeconds: number;
}

/** Counts the attempt; over the limit, a 429 naming the limit with Retry-After the end of the window. */
export async function enforceLimit(db: Db, limit: EnrollmentLimit, now: Date): Promise<void> {
  const hits = await countAttempt(db, limit.bucket, now, limit.windowSeconds);
  if (hits <= limit.max) return;
  const wait = secondsLeft(now, limit.windowSeconds);
  const what = limit.name === 'enrollments_per_token' ? 'with this enrollment token' : 'from this address';
  throw new TooManyRequestsError(
    `too many enrollments ${what} (at most ${limit.max} every ${limit.windowSeconds} s): try again in ${wait} s`,
    wait,
    { limit: limit.name, max: limit.max, windowSeconds: limit.windowSeconds },
  );
}

/** Windows that have ended count for nothing; the maintenance job drops them. */
export async function pruneRateWindows(db: Db, now: Date, windowSeconds: number): Promise<number> {
  const res = await db.deleteFrom('enrollment_rate_windows').where('window_start', '<', windowStart(now, windowSeconds)).executeTakeFirst();
  return Number(res.numDeletedRows);
}
