import { z } from 'zod';

/**
 * Business calendars and business-time arithmetic, pure and dependency-free (time zones through
 * `Intl.DateTimeFormat`).
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
 * For the one place that must turn a wall time into a single instant (`zonedTimeToInstant`), an
 * ambiguous time takes its first occurrence and a skipped time is moved forward by the gap (02:30 → 03:30),
 * the rule RFC 5545 and Temporal's "compatible" disambiguation use.
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

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const DAY_MINUTES = 1440;
/** Give up looking for working time after this many days: such a calendar has none (e.g. all holidays). */
export const SEARCH_HORIZON_DAYS = 3660;

// ---------------------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------------------

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
function localDayNumber(instantMs: number, timeZone: string): number {
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
function offsetSegments(day: number, timeZone: string): { offset: number; start: number; end: number }[] {
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

// ---------------------------------------------------------------------------------------------------
// Calendars
// ---------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------------

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

function hhmmToMinutes(s: string): number {
  const [h, m] = s.split(':');
  return Number(h) * 60 + Number(m);
}

export function minutesToHhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const timeOfDaySchema = z.string().regex(HHMM, { error: 'must be a time HH:MM between 00:00 and 24:00' });

const timeRangeSchema = z
  .object({ start: timeOfDaySchema, end: timeOfDaySchema })
  .refine((r) => hhmmToMinutes(r.start) < hhmmToMinutes(r.end), {
    error: 'must be after the start (ranges cannot cross midnight: split them into two days)',
    path: ['end'],
  });

const dayRangesSchema = z.array(timeRangeSchema).superRefine((ranges, ctx) => {
  const sorted = ranges
    .map((r, index) => ({ start: hhmmToMinutes(r.start), end: hhmmToMinutes(r.end), index }))
    .sort((x, y) => x.start - y.start);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (cur.start < prev.end) {
      ctx.addIssue({
        code: 'custom',
        path: [cur.index, 'start'],
        message: `overlaps ${minutesToHhmm(prev.start)}–${minutesToHhmm(prev.end)}`,
      });
    }
  }
});

const holidaySchema = z.object({
  date: z.string().refine(
    (d) => {
      try {
        dayNumberOf(d);
        return true;
      } catch {
        return false;
      }
    },
    { error: 'must be a real date YYYY-MM-DD' },
  ),
  recurring: z.boolean().default(false),
  name: z.string().max(200).optional(),
});

/**
 * A calendar as configured: `{ timeZone, hours: { mon: [{ start: '08:00', end: '12:00' }, …], … },
 * holidays: [{ date: '2026-12-25', recurring: true }] }`. Missing weekdays are days off. Parses into a
 * `BusinessCalendar` (ranges in minutes, sorted).
 */
export const businessCalendarSchema = z
  .object({
    timeZone: z.string().refine(isValidTimeZone, { error: 'must be an IANA time zone such as Europe/Paris' }),
    hours: z.strictObject({
      mon: dayRangesSchema.optional(),
      tue: dayRangesSchema.optional(),
      wed: dayRangesSchema.optional(),
      thu: dayRangesSchema.optional(),
      fri: dayRangesSchema.optional(),
      sat: dayRangesSchema.optional(),
      sun: dayRangesSchema.optional(),
    }),
    holidays: z.array(holidaySchema).default([]),
  })
  .refine((c) => WEEKDAYS.some((d) => (c.hours[d]?.length ?? 0) > 0), {
    error: 'a calendar needs at least one working range',
    path: ['hours'],
  })
  .transform((c): BusinessCalendar => {
    const hours = {} as Record<Weekday, TimeRange[]>;
    for (const d of WEEKDAYS) {
      hours[d] = (c.hours[d] ?? []).map((r) => ({ start: hhmmToMinutes(r.start), end: hhmmToMinutes(r.end) })).sort((x, y) => x.start - y.start);
    }
    return {
      timeZone: c.timeZone,
      hours,
      holidays: c.holidays.map((h) => (h.name === undefined ? { date: h.date, recurring: h.recurring } : { date: h.date, recurring: h.recurring, name: h.name })),
    };
  });

export type BusinessCalendarConfig = z.input<typeof businessCalendarSchema>;
