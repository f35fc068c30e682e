import { LAST_SEEN_BUCKET_DAYS, LAST_SEEN_BUCKETS, UPLOAD_REJECTION_REASONS, type LastSeenBucket, type UploadRejectionReason } from '@parc/shared/api/home-enums';
import type { FleetHome } from '@parc/shared/api';

/** Pure pieces of the fleet home: where today starts, and the grouped rows folded into the answer. */

/** The wall-clock reading of `at` in `timeZone`, as if it were UTC (to measure the zone's offset). */
function wallClockAsUtc(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The instant the local day containing `now` began in `timeZone` (DST-aware: the offset is read at midnight). */
export function startOfDay(now: Date, timeZone: string): Date {
  const local = new Date(wallClockAsUtc(now, timeZone));
  const midnightAsUtc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  let guess = midnightAsUtc - (wallClockAsUtc(now, timeZone) - now.getTime());
  // The offset at midnight may differ from now's (a DST change during the day): measure it there once more.
  guess = midnightAsUtc - (wallClockAsUtc(new Date(guess), timeZone) - guess);
  return new Date(guess);
}

/** The lower bound of each last-seen bucket as an instant: a device belongs to the first bucket whose bound it is not older than. */
export function lastSeenBounds(now: Date): { bucket: Exclude<LastSeenBucket, 'older'>; since: Date }[] {
  return (Object.entries(LAST_SEEN_BUCKET_DAYS) as [Exclude<LastSeenBucket, 'older'>, number][]).map(([bucket, days]) => ({ bucket, since: new Date(now.getTime() - days * 86_400_000) }));
}

/** Every bucket in order, zeros included. */
export function foldLastSeen(counts: Partial<Record<LastSeenBucket, number>>): FleetHome['lastSeen'] {
  return LAST_SEEN_BUCKETS.map((bucket) => ({ bucket, count: counts[bucket] ?? 0 }));
}

/** Every rejection reason, zeros included, with the totals. */
export function foldRejections(rows: readonly { reason: UploadRejectionReason; today: number; week: number }[]): FleetHome['rejectedUploads'] {
  const byReason = UPLOAD_REJECTION_REASONS.map((reason) => {
    const r = rows.find((x) => x.reason === reason);
    return { reason, today: r?.today ?? 0, last7Days: r?.week ?? 0 };
  });
  return { today: byReason.reduce((a, r) => a + r.today, 0), last7Days: byReason.reduce((a, r) => a + r.last7Days, 0), byReason };
}

/** The top groups and what the rest adds up to, from rows that carry the grand total (a window sum). */
export function topAndOther<T>(rows: readonly (T & { n: number; total: number })[]): { items: (Omit<T, never> & { count: number })[]; otherCount: number } {
  const items = rows.map(({ n, total: _total, ...rest }) => ({ ...(rest as unknown as T), count: n }));
  const total = rows[0]?.total ?? 0;
  return { items, otherCount: total - items.reduce((a, i) => a + i.count, 0) };
}
