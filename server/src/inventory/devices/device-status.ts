import type { DeviceStatus } from '../ingest/ingest.tables.js';

/** An active device that has not reported for `staleDays` shows as stale; people's statuses stand as set. */
export function effectiveStatus(status: DeviceStatus, lastSeenAt: Date, now: Date, staleDays: number): DeviceStatus | 'stale' {
  if (status !== 'active') return status;
  return now.getTime() - lastSeenAt.getTime() > staleDays * 86_400_000 ? 'stale' : 'active';
}

export function staleCutoff(now: Date, staleDays: number): Date {
  return new Date(now.getTime() - staleDays * 86_400_000);
}
