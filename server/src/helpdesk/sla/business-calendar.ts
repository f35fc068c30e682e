import { dateOfDayNumber, DAY_MS, localDayNumber, MINUTE_MS, offsetSegments } from './time-zones.js';

/**
 * Business calendars and business-time arithmetic, pure (time zones and local dates in time-zones.ts; the
 * configured form of a calendar in calendar-config.ts).
 *
 * Units: instants are `Date` (UTC underneath); durations are minutes (fractional when the inputs carry
 * seconds); times of day are minutes after local midnight (0 … 1440, so 24:00 closes a day).
 *
 * DST rule, the one definition everything follows: **an instant is working time when the office wall clock
 * shows a working time on a working day.** Consequences, deliberate:
 * - a 09:00–17:00 day is 8 hours on DST change days too (European and US changes happen at night);
 * - a range that spans the change counts the real time elapsed: a 24/7 day is 23 h on the spring-forward
 *   day and 25 h on the fall-back day; 00:00–08:00 is 7 h / 9 h;
 * - local times that do not exist (the skipped hour) are never working time, so a range starting inside
 *   the gap effectively starts when the clock jumps (02:30–04:00 in Paris on the spring day = 03:00–04:00);
 * - local times that happen twice (the repeated hour) are working time both times, because the wall clock
 *   shows them both times.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes after local midnight, half-open [start, end), 0 ≤ start < end ≤ 1440. */
export interface TimeRange {
  start: number;
  end: number;
}

export interface Holiday {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** When true only the month and day count: the holiday comes back every year (Feb 29 only in leap years). */
  recurring: boolean;
  name?: string;
}

export interface BusinessCalendar {
  /** IANA time zone, e.g. Europe/Paris. */
  timeZone: string;
  /** Working ranges per weekday, sorted and non-overlapping; an empty list is a day off. */
  hours: Readonly<Record<Weekday, readonly TimeRange[]>>;
  holidays: readonly Holiday[];
}

/** A half-open interval of instants [start, end) in epoch milliseconds (UTC). */
export interface Interval {
  start: number;
  end: number;
}


const DAY_MINUTES = 1440;
/** Give up looking for working time after this many days: such a calendar has none (e.g. all holidays). */
export const SEARCH_HORIZON_DAYS = 3660;

const ALL_DAY: readonly TimeRange[] = [{ start: 0, end: DAY_MINUTES }];

/** A 24/7 calendar: every minute of every day is business time. */
export function alwaysOpenCalendar(timeZone = 'UTC'): BusinessCalendar {
  return {
    timeZone,
    hours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
    holidays: [],
  };
}

/** Weekday of a day number (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(day: number): Weekday {
  return WEEKDAYS[(((day + 3) % 7) + 7) % 7]!;
}

interface CalendarCache {
  days: Map<number, readonly Interval[]>;
  fixedHolidays: Set<string>;
  recurringHolidays: Set<string>;
}

// Calendars are treated as immutable values: the cache is keyed by the object.
const caches = new WeakMap<BusinessCalendar, CalendarCache>();

function cacheFor(calendar: BusinessCalendar): CalendarCache {
  let c = caches.get(calendar);
  if (c === undefined) {
    c = {
      days: new Map(),
      fixedHolidays: new Set(calendar.holidays.filter((h) => !h.recurring).map((h) => h.date)),
      recurringHolidays: new Set(calendar.holidays.filter((h) => h.recurring).map((h) => h.date.slice(5))),
    };
    caches.set(calendar, c);
  }
  return c;
}

export function isHoliday(date: string, calendar: BusinessCalendar): boolean {
  const c = cacheFor(calendar);
  return c.fixedHolidays.has(date) || c.recurringHolidays.has(date.slice(5));
}

/** The working intervals (UTC ms, sorted, merged) of one local date; see the DST rule at the top. */
function workingIntervalsOfDay(day: number, calendar: BusinessCalendar): readonly Interval[] {
  const cache = cacheFor(calendar);
  const hit = cache.days.get(day);
  if (hit !== undefined) return hit;
  const ranges = calendar.hours[weekdayOfDayNumber(day)];
  const out: Interval[] = [];
  if (ranges.length > 0 && !isHoliday(dateOfDayNumber(day), calendar)) {
    const segments = offsetSegments(day, calendar.timeZone);
    for (const r of ranges) {
      for (const seg of segments) {
        // Instants t with wall time t + offset in [day + r.start, day + r.end), within this segment.
        const start = Math.max(day * DAY_MS + r.start * MINUTE_MS - seg.offset, seg.start);
        const end = Math.min(day * DAY_MS + r.end * MINUTE_MS - seg.offset, seg.end);
        if (end > start) out.push({ start, end });
      }
    }
    out.sort((x, y) => x.start - y.start);
  }
  const merged: Interval[] = [];
  for (const i of out) {
    const last = merged[merged.length - 1];
    if (last !== undefined && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  cache.days.set(day, merged);
  return merged;
}

/** Working intervals from `fromMs` onwards, clipped to start at `fromMs`; stops after the search horizon. */
export function* workingIntervalsFrom(fromMs: number, calendar: BusinessCalendar): Generator<Interval> {
  const first = localDayNumber(fromMs, calendar.timeZone);
  let idle = 0;
  for (let day = first; ; day++) {
    let any = false;
    for (const i of workingIntervalsOfDay(day, calendar)) {
      if (i.end <= fromMs) continue;
      any = true;
      yield { start: Math.max(i.start, fromMs), end: i.end };
    }
    idle = any ? 0 : idle + 1;
    if (idle > SEARCH_HORIZON_DAYS) {
      throw new RangeError(`calendar has no working time in the ${SEARCH_HORIZON_DAYS} days after ${new Date(fromMs).toISOString()}`);
    }
  }
}

/** Working intervals inside [from, to), clipped. */
export function workingIntervalsBetween(from: Date, to: Date, calendar: BusinessCalendar): Interval[] {
  const a = from.getTime();
  const b = to.getTime();
  const out: Interval[] = [];
  if (!(b > a)) return out;
  const lastDay = localDayNumber(b, calendar.timeZone);
  for (let day = localDayNumber(a, calendar.timeZone); day <= lastDay; day++) {
    for (const i of workingIntervalsOfDay(day, calendar)) {
      const start = Math.max(i.start, a);
      const end = Math.min(i.end, b);
      if (end > start) out.push({ start, end });
    }
  }
  return out;
}

export function isWorkingTime(instant: Date, calendar: BusinessCalendar): boolean {
  const t = instant.getTime();
  return workingIntervalsOfDay(localDayNumber(t, calendar.timeZone), calendar).some((i) => i.start <= t && t < i.end);
}

function assertDate(name: string, d: Date): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError(`${name} must be a valid Date`);
}

/**
 * Business minutes between two instants (negative when b < a). Exact: fractional when the instants carry
 * seconds; round for display only.
 */
export function businessMinutesBetween(a: Date, b: Date, calendar: BusinessCalendar): number {
  assertDate('a', a);
  assertDate('b', b);
  if (b.getTime() < a.getTime()) return -businessMinutesBetween(b, a, calendar);
  let ms = 0;
  for (const i of workingIntervalsBetween(a, b, calendar)) ms += i.end - i.start;
  return ms / MINUTE_MS;
}

/**
 * The instant when `minutes` business minutes have elapsed after `start`. Adding 0 returns `start`
 * unchanged (even outside working hours). A budget that runs out exactly at closing time ends at the
 * closing time, not at the next opening. `minutes` must be finite and ≥ 0.
 */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  assertDate('start', start);
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a finite number ≥ 0, got ${minutes}`);
  let remaining = Math.round(minutes * MINUTE_MS);
  if (remaining === 0) return new Date(start.getTime());
  for (const i of workingIntervalsFrom(start.getTime(), calendar)) {
    const len = i.end - i.start;
    if (remaining <= len) return new Date(i.start + remaining);
    remaining -= len;
  }
  /* c8 ignore next: workingIntervalsFrom never ends, it throws past the horizon */
  throw new Error('unreachable');
}
