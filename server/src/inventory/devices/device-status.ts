/** A device in use that has not reported for `staleDays` is stale; other states stand as people set them. */
export function isStale(state: string, lastSeenAt: Date, now: Date, staleDays: number): boolean {
  return state === 'in_use' && now.getTime() - lastSeenAt.getTime() > staleDays * 86_400_000;
}

export function staleCutoff(now: Date, staleDays: number): Date {
  return new Date(now.getTime() - staleDays * 86_400_000);
}
