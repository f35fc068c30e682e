/** An open check-out whose due day (UTC) has ended. Pure. */
export function isOverdue(dueOn: string | null, closed: boolean, now: Date): boolean {
  return !closed && dueOn !== null && now.toISOString().slice(0, 10) > dueOn;
}
