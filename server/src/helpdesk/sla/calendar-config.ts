import { WEEKDAYS, minutesToHhmm, type BusinessCalendar, type BusinessCalendarConfig } from './business-calendar.js';

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
