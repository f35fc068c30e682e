import cron from 'node-cron';

/**
 * When a cron expression fires, in the machine's time zone, counted from any given time rather than
 * from the real "now" (node-cron's own getNextRun reads the system time), so the schedule can run on an
 * injected clock. node-cron parses the expression and judges each candidate; this walks the candidates.
 */
export interface CronTimes {
  /** The first firing strictly after `after`; undefined when it never fires in the next five years. */
  next(after: Date): Date | undefined;
  /** Releases node-cron's matcher. */
  dispose(): void;
}

const SEARCH_DAYS = 366 * 5;
const ascending = (values: number[]) => [...values].sort((a, b) => a - b);

export function cronTimes(expression: string): CronTimes {
  const fields = cron.parse(expression);
  const hours = ascending(fields.hour);
  const minutes = ascending(fields.minute);
  const seconds = ascending(fields.second);
  // Never started: only its match(), which knows the whole syntax (names, L, W, #, day-of-week rules).
  const matcher = cron.createTask(expression, () => undefined, { name: 'parc-agent-cron-matcher' });

  /** The first firing on that local day after `after`; undefined when the day's date fields do not match. */
  function firstOnDay(year: number, month: number, day: number, after: number, fromHour: number): Date | undefined {
    let dayMatches: boolean | undefined;
    for (const h of hours) {
      if (h < fromHour) continue;
      for (const m of minutes) {
        for (const s of seconds) {
          const t = new Date(year, month, day, h, m, s);
          // A local time that does not exist that day (the hour skipped when clocks go forward).
          if (t.getDate() !== day || t.getHours() !== h || t.getMinutes() !== m || t.getSeconds() !== s) continue;
          // Hour, minute and second are allowed values here, so one candidate tells whether the date matches.
          dayMatches ??= matcher.match(t);
          if (!dayMatches) return undefined;
          if (t.getTime() > after) return t;
        }
      }
    }
    return undefined;
  }

  return {
    next(after) {
      const start = new Date(after.getTime());
      let date = new Date(start.getFullYear(), start.getMonth(), start.getDate());
      for (let i = 0; i < SEARCH_DAYS; i++) {
        const found = firstOnDay(date.getFullYear(), date.getMonth(), date.getDate(), after.getTime(), i === 0 ? start.getHours() : 0);
        if (found) return found;
        date = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1);
      }
      return undefined;
    },
    dispose: () => void matcher.destroy(),
  };
}
