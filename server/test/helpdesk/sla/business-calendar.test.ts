import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  alwaysOpenCalendar,
  businessMinutesBetween,
  isWorkingTime,
  workingIntervalsBetween,
  type BusinessCalendar,
  type TimeRange,
} from '../../../src/helpdesk/sla/business-calendar.js';
import { businessCalendarSchema, type BusinessCalendarConfig } from '../../../src/helpdesk/sla/calendar-config.js';
import { localDateOf, startOfLocalDay, timeZoneOffsetMs, zonedTimeToInstant } from '../../../src/helpdesk/sla/time-zones.js';

const z = (iso: string): Date => new Date(iso);
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const officeHours = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];
const PARIS_OFFICE_CONFIG: BusinessCalendarConfig = {
  timeZone: 'Europe/Paris',
  hours: { mon: officeHours, tue: officeHours, wed: officeHours, thu: officeHours, fri: officeHours },
  holidays: [
    { date: '2020-05-01', recurring: true, name: 'Fête du travail' },
    { date: '2020-12-25', recurring: true, name: 'Noël' },
    { date: '2026-05-14', recurring: false, name: 'Ascension 2026' },
  ],
};
const paris = businessCalendarSchema.parse(PARIS_OFFICE_CONFIG);

/** Every day of the week, one range, in a zone: isolates the DST behaviour from weekends. */
function daily(timeZone: string, start: string, end: string): BusinessCalendar {
  return businessCalendarSchema.parse({ timeZone, hours: Object.fromEntries(WEEK.map((d) => [d, [{ start, end }]])) });
}

describe('addBusinessMinutes, Paris office (08–12, 13–17, Mon–Fri)', () => {
  it.each([
    // [start (UTC), minutes, expected (UTC)] — Paris is UTC+1 until 29 March 2026, UTC+2 after.
    ['overnight: Tue 16:30 + 2 h → Wed 09:30', '2026-03-03T15:30:00Z', 120, '2026-03-04T08:30:00Z'],
    ['over lunch: 11:30 + 1 h → 13:30', '2026-03-03T10:30:00Z', 60, '2026-03-03T12:30:00Z'],
    ['weekend: Fri 16:00 + 2 h → Mon 09:00', '2026-03-06T15:00:00Z', 120, '2026-03-09T08:00:00Z'],
    ['started on Saturday → Mon 08:00 + 30', '2026-03-07T10:00:00Z', 30, '2026-03-09T07:30:00Z'],
    ['recurring holiday: Thu 30 Apr 16:00 + 2 h → Mon 4 May 09:00', '2026-04-30T14:00:00Z', 120, '2026-05-04T07:00:00Z'],
    ['fixed holiday: Wed 13 May 16:00 + 2 h → Fri 15 May 09:00', '2026-05-13T14:00:00Z', 120, '2026-05-15T07:00:00Z'],
    ['recurring holiday in another year: Fri 22 Dec 2028 16:00 + 2 h → Tue 26 Dec 09:00', '2028-12-22T15:00:00Z', 120, '2028-12-26T08:00:00Z'],
    ['a fixed holiday does not recur: 14 May 2027 is a working Friday', '2027-05-13T14:00:00Z', 120, '2027-05-14T07:00:00Z'],
    ['exactly at opening: 08:00 + 1 → 08:01', '2026-03-03T07:00:00Z', 1, '2026-03-03T07:01:00Z'],
    ['budget ends at closing: 08:00 + 4 h → 12:00, not 13:00', '2026-03-03T07:00:00Z', 240, '2026-03-03T11:00:00Z'],
    ['one minute more: 08:00 + 241 → 13:01', '2026-03-03T07:00:00Z', 241, '2026-03-03T12:01:00Z'],
    ['exactly at closing: 17:00 + 1 → next day 08:01', '2026-03-03T16:00:00Z', 1, '2026-03-04T07:01:00Z'],
    ['exactly at lunch: 12:00 + 1 → 13:01', '2026-03-03T11:00:00Z', 1, '2026-03-03T12:01:00Z'],
    ['full day: 08:00 + 8 h → 17:00 same day', '2026-03-03T07:00:00Z', 480, '2026-03-03T16:00:00Z'],
    ['a week: Mon 08:00 + 40 h → Fri 17:00', '2026-03-02T07:00:00Z', 2400, '2026-03-06T16:00:00Z'],
    ['across spring-forward weekend: Fri 27 Mar 16:00 CET + 2 h → Mon 30 Mar 09:00 CEST', '2026-03-27T15:00:00Z', 120, '2026-03-30T07:00:00Z'],
    ['across fall-back weekend: Fri 23 Oct 16:00 CEST + 2 h → Mon 26 Oct 09:00 CET', '2026-10-23T14:00:00Z', 120, '2026-10-26T08:00:00Z'],
    ['seconds kept: 08:00:30 + 1 → 08:01:30', '2026-03-03T07:00:30Z', 1, '2026-03-03T07:01:30Z'],
    ['fractional minutes: 08:00 + 1.5 → 08:01:30', '2026-03-03T07:00:00Z', 1.5, '2026-03-03T07:01:30Z'],
  ])('%s', (_name, start, minutes, expected) => {
    expect(addBusinessMinutes(z(start), minutes, paris).toISOString()).toBe(z(expected).toISOString());
  });

  it('adding 0 returns the start unchanged, even outside hours', () => {
    const sat = z('2026-03-07T10:00:00Z');
    expect(addBusinessMinutes(sat, 0, paris)).toEqual(sat);
    expect(addBusinessMinutes(sat, 0, paris)).not.toBe(sat);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s minutes', (m) => {
    expect(() => addBusinessMinutes(z('2026-03-03T07:00:00Z'), m, paris)).toThrow(RangeError);
  });

  it('refuses an invalid start', () => {
    expect(() => addBusinessMinutes(new Date('x'), 1, paris)).toThrow(/start/);
  });

  it('gives up on a calendar with no working time at all', () => {
    const never: BusinessCalendar = { timeZone: 'UTC', hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] };
    expect(() => addBusinessMinutes(z('2026-01-01T00:00:00Z'), 1, never)).toThrow(/no working time/);
  });

  it('is the inverse of businessMinutesBetween', () => {
    const start = z('2026-03-26T14:17:00Z');
    for (const m of [1, 59, 60, 61, 239, 240, 241, 480, 481, 1000, 2400, 5000]) {
      const end = addBusinessMinutes(start, m, paris);
      expect(businessMinutesBetween(start, end, paris)).toBe(m);
    }
  });
});

describe('businessMinutesBetween', () => {
  it.each([
    ['one working day', '2026-03-03T00:00:00Z', '2026-03-04T00:00:00Z', 480],
    ['a whole week', '2026-03-02T00:00:00Z', '2026-03-09T00:00:00Z', 2400],
    ['a weekend', '2026-03-06T16:00:00Z', '2026-03-09T07:00:00Z', 0],
    ['a holiday', '2026-05-01T00:00:00Z', '2026-05-02T00:00:00Z', 0],
    ['overnight 16:30 → 09:30', '2026-03-03T15:30:00Z', '2026-03-04T08:30:00Z', 120],
    ['the week with the spring change', '2026-03-23T00:00:00Z', '2026-03-30T22:00:00Z', 2880],
    ['with seconds', '2026-03-03T07:00:00Z', '2026-03-03T07:00:30Z', 0.5],
    ['same instant', '2026-03-03T07:00:00Z', '2026-03-03T07:00:00Z', 0],
  ])('%s', (_name, a, b, expected) => {
    expect(businessMinutesBetween(z(a), z(b), paris)).toBe(expected);
  });

  it('is negative when reversed', () => {
    expect(businessMinutesBetween(z('2026-03-04T08:30:00Z'), z('2026-03-03T15:30:00Z'), paris)).toBe(-120);
  });
});

describe('DST: the wall clock decides', () => {
  /** Business minutes of one local date: from its local midnight to the next one. */
  const day = (cal: BusinessCalendar, date: string): number => {
    const next = new Date(z(`${date}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
    return businessMinutesBetween(startOfLocalDay(date, cal.timeZone), startOfLocalDay(next, cal.timeZone), cal);
  };

  it.each([
    ['Europe/Paris', '2026-03-29'],
    ['Europe/Paris', '2026-10-25'],
    ['America/New_York', '2026-03-08'],
    ['America/New_York', '2026-11-01'],
    ['Europe/Paris', '2026-03-28'],
  ])('09:00–17:00 is 8 h on %s %s', (tz, date) => {
    expect(day(daily(tz, '09:00', '17:00'), date)).toBe(480);
  });

  it.each([
    ['Europe/Paris', '2026-03-29', 23 * 60],
    ['Europe/Paris', '2026-10-25', 25 * 60],
    ['Europe/Paris', '2026-06-15', 24 * 60],
    ['America/New_York', '2026-03-08', 23 * 60],
    ['America/New_York', '2026-11-01', 25 * 60],
    ['Australia/Lord_Howe', '2026-10-04', 23.5 * 60],
    ['Australia/Lord_Howe', '2026-04-05', 24.5 * 60],
    ['Asia/Kolkata', '2026-03-29', 24 * 60],
  ])('a 24/7 day counts the real hours: %s %s = %i min', (tz, date, minutes) => {
    expect(day(alwaysOpenCalendar(tz), date)).toBe(minutes);
  });

  it.each([
    ['Europe/Paris', '2026-03-29', 420],
    ['Europe/Paris', '2026-10-25', 540],
    ['America/New_York', '2026-03-08', 420],
    ['America/New_York', '2026-11-01', 540],
  ])('a night shift 00:00–08:00 spanning the change: %s %s = %i min', (tz, date, minutes) => {
    expect(day(daily(tz, '00:00', '08:00'), date)).toBe(minutes);
  });

  it('a range starting in the skipped hour starts when the clock jumps', () => {
    // Paris, 29 March 2026: 02:00 CET → 03:00 CEST at 01:00Z. 02:30–04:00 shows on the clock as 03:00–04:00.
    const cal = daily('Europe/Paris', '02:30', '04:00');
    expect(workingIntervalsBetween(z('2026-03-28T22:00:00Z'), z('2026-03-29T22:00:00Z'), cal)).toEqual([
      { start: z('2026-03-29T01:00:00Z').getTime(), end: z('2026-03-29T02:00:00Z').getTime() },
    ]);
    const inGap = daily('Europe/Paris', '02:15', '02:45');
    expect(day(inGap, '2026-03-29')).toBe(0);
    expect(day(inGap, '2026-03-30')).toBe(30);
  });

  it('a range in the repeated hour counts both passes', () => {
    // Paris, 25 October 2026: 03:00 CEST → 02:00 CET at 01:00Z; 02:00–03:00 happens twice.
    const cal = daily('Europe/Paris', '02:30', '03:30');
    expect(workingIntervalsBetween(z('2026-10-24T22:00:00Z'), z('2026-10-25T23:00:00Z'), cal)).toEqual([
      // 02:30–03:00 CEST, then (the clock back at 02:00, 02:00–02:30 CET is outside) 02:30–03:30 CET.
      { start: z('2026-10-25T00:30:00Z').getTime(), end: z('2026-10-25T01:00:00Z').getTime() },
      { start: z('2026-10-25T01:30:00Z').getTime(), end: z('2026-10-25T02:30:00Z').getTime() },
    ]);
    expect(day(cal, '2026-10-25')).toBe(90);
  });

  it('New York fall back: 01:00–02:00 twice', () => {
    expect(day(daily('America/New_York', '01:00', '02:00'), '2026-11-01')).toBe(120);
    expect(day(daily('America/New_York', '02:00', '03:00'), '2026-03-08')).toBe(0);
  });

  it('adding across the spring gap in a 24/7 calendar is plain elapsed time', () => {
    const cal = alwaysOpenCalendar('Europe/Paris');
    expect(addBusinessMinutes(z('2026-03-28T11:00:00Z'), 24 * 60, cal).toISOString()).toBe('2026-03-29T11:00:00.000Z');
    expect(addBusinessMinutes(z('2026-10-24T11:00:00Z'), 24 * 60, cal).toISOString()).toBe('2026-10-25T11:00:00.000Z');
  });

  it('New York office: Fri 16:00 EST + 2 h across spring forward → Mon 09:00 EDT', () => {
    const ny = daily('America/New_York', '09:00', '17:00');
    const weekdays = { ...ny, hours: { ...ny.hours, sat: [], sun: [] } };
    expect(addBusinessMinutes(z('2026-03-06T21:00:00Z'), 120, weekdays).toISOString()).toBe('2026-03-09T14:00:00.000Z');
    expect(addBusinessMinutes(z('2026-10-30T20:00:00Z'), 120, weekdays).toISOString()).toBe('2026-11-02T15:00:00.000Z');
  });
});

describe('time-zone helpers', () => {
  it.each([
    ['Europe/Paris', '2026-01-15', 9 * 60, '2026-01-15T08:00:00.000Z'],
    ['Europe/Paris', '2026-07-15', 9 * 60, '2026-07-15T07:00:00.000Z'],
    ['Europe/Paris', '2026-03-29', 150, '2026-03-29T01:30:00.000Z'], // 02:30 skipped → 03:30 CEST
    ['Europe/Paris', '2026-10-25', 150, '2026-10-25T00:30:00.000Z'], // 02:30 twice → the first (CEST)
    ['America/New_York', '2026-03-08', 150, '2026-03-08T07:30:00.000Z'], // 02:30 skipped → 03:30 EDT
    ['America/New_York', '2026-11-01', 90, '2026-11-01T05:30:00.000Z'], // 01:30 twice → the first (EDT)
    ['Asia/Kolkata', '2026-01-01', 0, '2025-12-31T18:30:00.000Z'],
    ['UTC', '2026-01-01', 1440, '2026-01-02T00:00:00.000Z'],
  ])('zonedTimeToInstant(%s, %s, %i) = %s', (tz, date, minute, iso) => {
    expect(zonedTimeToInstant(date, minute, tz).toISOString()).toBe(iso);
  });

  it('localDateOf', () => {
    expect(localDateOf(z('2026-03-02T23:30:00Z'), 'Europe/Paris')).toBe('2026-03-03');
    expect(localDateOf(z('2026-03-02T23:30:00Z'), 'America/New_York')).toBe('2026-03-02');
    expect(localDateOf(z('2026-03-03T04:59:59Z'), 'America/New_York')).toBe('2026-03-02');
    expect(localDateOf(z('2026-03-03T05:00:00Z'), 'America/New_York')).toBe('2026-03-03');
  });

  it('timeZoneOffsetMs', () => {
    expect(timeZoneOffsetMs(z('2026-03-29T00:59:59Z').getTime(), 'Europe/Paris')).toBe(3_600_000);
    expect(timeZoneOffsetMs(z('2026-03-29T01:00:00Z').getTime(), 'Europe/Paris')).toBe(7_200_000);
    expect(timeZoneOffsetMs(z('2026-07-01T00:00:00.999Z').getTime(), 'America/New_York')).toBe(-4 * 3_600_000);
  });

  it('isWorkingTime', () => {
    expect(isWorkingTime(z('2026-03-03T07:00:00Z'), paris)).toBe(true); // 08:00 opening
    expect(isWorkingTime(z('2026-03-03T11:00:00Z'), paris)).toBe(false); // 12:00 lunch
    expect(isWorkingTime(z('2026-03-03T15:59:59Z'), paris)).toBe(true);
    expect(isWorkingTime(z('2026-03-03T16:00:00Z'), paris)).toBe(false); // 17:00 closing
    expect(isWorkingTime(z('2026-05-01T08:00:00Z'), paris)).toBe(false); // holiday
  });
});

/** Brute force, independent of the module: walk minute by minute and ask Intl for the wall clock. */
function bruteForce(cal: BusinessCalendar) {
  const fmt = new Intl.DateTimeFormat('sv-SE', {
    timeZone: cal.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23',
  });
  const wd: Record<string, (typeof WEEK)[number]> = { mån: 'mon', tis: 'tue', ons: 'wed', tors: 'thu', fre: 'fri', lör: 'sat', sön: 'sun' };
  const working = (t: number): boolean => {
    const parts = Object.fromEntries(fmt.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
    const date = `${parts.year}-${parts.month}-${parts.day}`;
    if (cal.holidays.some((h) => (h.recurring ? h.date.slice(5) === date.slice(5) : h.date === date))) return false;
    const minute = Number(parts.hour) * 60 + Number(parts.minute);
    const ranges: readonly TimeRange[] = cal.hours[wd[String(parts.weekday).replace('.', '')]!];
    return ranges.some((r) => r.start <= minute && minute < r.end);
  };
  return {
    add(start: number, minutes: number): number {
      let t = start;
      let left = minutes;
      while (left > 0) {
        if (working(t)) left--;
        t += 60_000;
      }
      return t;
    },
    between(a: number, b: number): number {
      let n = 0;
      for (let t = a; t < b; t += 60_000) if (working(t)) n++;
      return n;
    },
  };
}

describe('against a minute-by-minute brute force', () => {
  // A deterministic generator (mulberry32) so failures reproduce.
  function rng(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const lateShift = [{ start: '22:00', end: '24:00' }];
  const night = businessCalendarSchema.parse({
    timeZone: 'America/New_York',
    hours: { mon: lateShift, tue: lateShift, wed: lateShift, thu: lateShift, fri: lateShift, sat: lateShift },
  });
  const cases: [string, BusinessCalendar, string][] = [
    ['Paris office around spring', paris, '2026-03-25T00:00:00Z'],
    ['Paris office around autumn', paris, '2026-10-21T00:00:00Z'],
    ['New York late shift around autumn', night, '2026-10-28T00:00:00Z'],
    ['Lord Howe 24/7 around spring', alwaysOpenCalendar('Australia/Lord_Howe'), '2026-10-02T00:00:00Z'],
  ];
  it.each(cases)('%s', (_name, cal, from) => {
    const brute = bruteForce(cal);
    const random = rng(42);
    for (let k = 0; k < 12; k++) {
      const start = z(from).getTime() + Math.floor(random() * 5 * 1440) * 60_000;
      const minutes = 1 + Math.floor(random() * 1500);
      const expected = brute.add(start, minutes);
      // brute.add stops after the last counted minute; the module returns the end of that minute.
      expect(addBusinessMinutes(new Date(start), minutes, cal).getTime()).toBe(expected);
      const end = start + Math.floor(random() * 4 * 1440) * 60_000;
      expect(businessMinutesBetween(new Date(start), new Date(end), cal)).toBe(brute.between(start, end));
    }
  });
});

describe('businessCalendarSchema', () => {
  const issues = (input: unknown) => {
    const r = businessCalendarSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  };

  it('parses times into minutes, sorts ranges, fills missing days', () => {
    const cal = businessCalendarSchema.parse({
      timeZone: 'Europe/Paris',
      hours: { mon: [{ start: '13:00', end: '17:30' }, { start: '08:15', end: '12:00' }], sun: [{ start: '00:00', end: '24:00' }] },
    });
    expect(cal.hours.mon).toEqual([{ start: 495, end: 720 }, { start: 780, end: 1050 }]);
    expect(cal.hours.sun).toEqual([{ start: 0, end: 1440 }]);
    expect(cal.hours.tue).toEqual([]);
    expect(cal.holidays).toEqual([]);
  });

  it('keeps holiday names and defaults recurring to false', () => {
    const cal = businessCalendarSchema.parse({ ...PARIS_OFFICE_CONFIG, holidays: [{ date: '2026-07-14' }, { date: '2026-08-15', name: 'x', recurring: true }] });
    expect(cal.holidays).toEqual([{ date: '2026-07-14', recurring: false }, { date: '2026-08-15', recurring: true, name: 'x' }]);
  });

  it.each([
    [{ timeZone: 'Mars/Olympus', hours: { mon: officeHours } }, 'timeZone', 'IANA'],
    [{ timeZone: 'UTC', hours: { mon: [{ start: '25:00', end: '26:00' }] } }, 'hours.mon.0.start', 'HH:MM'],
    [{ timeZone: 'UTC', hours: { mon: [{ start: '8:00', end: '12:00' }] } }, 'hours.mon.0.start', 'HH:MM'],
    [{ timeZone: 'UTC', hours: { mon: [{ start: '12:00', end: '12:00' }] } }, 'hours.mon.0.end', 'after the start'],
    [{ timeZone: 'UTC', hours: { tue: [{ start: '22:00', end: '02:00' }] } }, 'hours.tue.0.end', 'cross midnight'],
    [{ timeZone: 'UTC', hours: { wed: [{ start: '13:00', end: '17:00' }, { start: '08:00', end: '13:30' }] } }, 'hours.wed.0.start', 'overlaps 08:00–13:30'],
    [{ timeZone: 'UTC', hours: { mon: [] } }, 'hours', 'at least one working range'],
    [{ timeZone: 'UTC', hours: { monday: officeHours } }, 'hours', ''],
    [{ timeZone: 'UTC', hours: { mon: officeHours }, holidays: [{ date: '2026-02-30' }] }, 'holidays.0.date', 'real date'],
  ])('rejects %j at %s', (input, path, text) => {
    const found = issues(input);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.path).toBe(path);
    expect(found[0]!.message).toContain(text);
  });
});
