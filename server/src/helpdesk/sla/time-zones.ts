/**
 * Time zones and local dates, pure and dependency-free (through `Intl.DateTimeFormat`): a zone's offset
 * at an instant, local dates as day numbers, and the instant a wall-clock time happens. The business
 * calendar (business-calendar.ts) builds working time on these.
 *
 * For the one place that must turn a wall time into a single instant (`zonedTimeToInstant`), an
 * ambiguous time takes its first occurrence and a skipped time is moved forward by the gap (02:30 → 03:30),
 * the rule RFC 5545 and Temporal's "compatible" disambiguation use.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's UTC offset at an instant, in ms (Paris in summer: +7 200 000). */
export function timeZoneOffsetMs(instantMs: number, timeZone: string): number {
  const seconds = Math.floor(instantMs / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(seconds))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - seconds;
}

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date. */
export function dayNumberOf(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a real date: ${date}`);
  return ms / DAY_MS;
}

/** YYYY-MM-DD of a day number. */
export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The local day number of an instant in a zone. */
export function localDayNumber(instantMs: number, timeZone: string): number {
  return Math.floor((instantMs + timeZoneOffsetMs(instantMs, timeZone)) / DAY_MS);
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return dateOfDayNumber(localDayNumber(instant.getTime(), timeZone));
}

/**
 * The instant a wall-clock time happens in a zone. Ambiguous (repeated hour): the first occurrence.
 * Skipped (spring-forward gap): moved forward by the gap length, 02:30 → 03:30 in Paris.
 */
export function zonedTimeToInstant(date: string, minuteOfDay: number, timeZone: string): Date {
  const wall = dayNumberOf(date) * DAY_MS + minuteOfDay * MINUTE_MS;
  const before = timeZoneOffsetMs(wall - DAY_MS, timeZone);
  const after = timeZoneOffsetMs(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => t + timeZoneOffsetMs(t, timeZone) === wall);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // In the gap: read the wall time with the offset in force before the jump, which lands after it.
  return new Date(wall - before);
}

/** Start of a local date (its first instant) in a zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return zonedTimeToInstant(date, 0, timeZone);
}

/**
 * Offset-constant pieces of the instants that can carry local date `day`: [day − 14 h, day + 38 h) covers
 * every offset from −12 h to +14 h. Assumes at most one offset change in that window (true of every zone
 * in the tz database since time zones were standardised).
 */
export function offsetSegments(day: number, timeZone: string): { offset: number; start: number; end: number }[] {
  const a = day * DAY_MS - 14 * HOUR_MS;
  const b = day * DAY_MS + 38 * HOUR_MS;
  const oa = timeZoneOffsetMs(a, timeZone);
  const ob = timeZoneOffsetMs(b, timeZone);
  if (oa === ob) return [{ offset: oa, start: a, end: b }];
  // Binary search, to the second, for the first instant with the new offset.
  let lo = a;
  let hi = b;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (timeZoneOffsetMs(mid, timeZone) === oa) lo = mid;
    else hi = mid;
  }
  return [
    { offset: oa, start: a, end: hi },
    { offset: ob, start: hi, end: b },
  ];
}
