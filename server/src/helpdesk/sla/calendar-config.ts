import { z } from 'zod';
import { WEEKDAYS, type BusinessCalendar, type TimeRange, type Weekday } from './business-calendar.js';
import { dayNumberOf, isValidTimeZone } from './time-zones.js';

/**
 * A business calendar as configured and stored: `{ timeZone, hours: { mon: [{ start: '08:00', end: '12:00' }],
 * … }, holidays: [...] }`. `businessCalendarSchema` parses it into a `BusinessCalendar` (ranges in minutes);
 * `calendarToConfig` prints one back.
 */

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

/**
 * The stored (and returned) form of a parsed calendar: every weekday listed, ranges sorted as HH:MM,
 * holidays with `recurring` explicit. Parsing it again with businessCalendarSchema gives the same calendar.
 */
export function calendarToConfig(c: BusinessCalendar): BusinessCalendarConfig {
  const hours: Record<string, { start: string; end: string }[]> = {};
  for (const d of WEEKDAYS) hours[d] = c.hours[d].map((r) => ({ start: minutesToHhmm(r.start), end: minutesToHhmm(r.end) }));
  return {
    timeZone: c.timeZone,
    hours,
    holidays: c.holidays.map((h) => ({ date: h.date, recurring: h.recurring, ...(h.name !== undefined ? { name: h.name } : {}) })),
  };
}

/** A stored definition parsed back. Definitions are validated on write; one that no longer parses was edited by hand. */
export function parseStoredCalendar(calendarId: number, definition: unknown): BusinessCalendar {
  const parsed = businessCalendarSchema.safeParse(definition);
  if (!parsed.success) throw new Error(`calendar ${calendarId}: stored definition is invalid (${parsed.error.issues[0]?.message}); fix it with PATCH /api/v1/calendars/${calendarId}`);
  return parsed.data;
}
