import { systemClock, type Timer, type TimerClock } from '@parc/shared';
import { log } from './log.js';
import { cronTimes, type CronTimes } from './schedule-times.js';
import { errorMessage } from './util/timeout.js';

const HOUR_MS = 3_600_000;

/** Random point in [0, intervalMs): where a freshly started agent makes its first run. */
export function firstRunDelay(intervalMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.max(0, intervalMs));
}

/** Random delay in [0, maxSeconds] added to each scheduled run. */
export function jitterDelay(maxSeconds: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.max(0, maxSeconds) * 1000);
}

/** The gap between the next two firings after `now` (one hour when it cannot tell). */
export function scheduleInterval(times: Pick<CronTimes, 'next'>, now: Date): number {
  const a = times.next(now);
  const b = a && times.next(a);
  return a && b ? Math.max(1000, b.getTime() - a.getTime()) : HOUR_MS;
}

export interface ScheduleOptions {
  expression: string;
  jitterMaxSeconds: number;
  /** One collection+upload; must not throw for ordinary failures (they are logged by the caller). */
  run: (reason: 'first' | 'scheduled') => Promise<void>;
  /** Told the next planned run whenever it changes, for the status file. */
  onNextRun?: (at: Date | undefined) => void;
  random?: () => number;
  /** Where the schedule reads the time and waits; the system clock unless told. */
  clock?: TimerClock;
}

export interface Schedule {
  stop(): Promise<void>;
  nextRun(): Date | undefined;
}

/**
 * Runs on the cron expression's ticks (each after a random jitter), plus a one-off first run at a random
 * point of the first interval, so a fleet rebooted together does not hit the server in the same minute.
 * A tick that comes while the previous run (or its jitter wait) is still going is skipped, not queued.
 */
export function startSchedule(opts: ScheduleOptions): Schedule {
  const random = opts.random ?? Math.random;
  const clock = opts.clock ?? systemClock;
  const times = cronTimes(opts.expression);
  const timers = new Set<Timer>();
  let stopped = false;

  const after = (ms: number, fn: () => void) => {
    const timer = clock.setTimeout(() => {
      timers.delete(timer);
      if (!stopped) fn();
    }, ms);
    timers.add(timer);
  };

  // The first run and a tick can meet; the later one is skipped, not queued.
  let running = false;
  const guarded = async (reason: 'first' | 'scheduled') => {
    if (running) {
      log.info('run skipped: the previous one is still going', { reason });
      return;
    }
    running = true;
    try {
      await opts.run(reason);
    } catch (e) {
      log.error('scheduled run failed', { error: errorMessage(e) });
    } finally {
      running = false;
    }
    // A run that ends after stop() plans nothing: the service is going away.
    if (!stopped) opts.onNextRun?.(next());
  };

  let nextTick: Date | undefined;
  let tickBusy = false;
  const planTick = (from: Date) => {
    nextTick = times.next(from);
    if (nextTick) after(nextTick.getTime() - clock.now().getTime(), onTick);
    else log.warn('the schedule never fires: check the cron expression in config.json', { expression: opts.expression });
  };
  const onTick = () => {
    const at = nextTick!;
    const now = clock.now();
    // Woken early (the wall clock was set back meanwhile): wait for the tick's real time.
    if (now < at) return after(at.getTime() - now.getTime(), onTick);
    // From now, not from the tick: ticks missed while the machine slept are not run in a burst.
    planTick(now);
    if (tickBusy) return log.info('run skipped: the previous one is still going', { reason: 'scheduled' });
    tickBusy = true;
    after(jitterDelay(opts.jitterMaxSeconds, random), () => {
      void guarded('scheduled').finally(() => (tickBusy = false));
    });
  };

  const startedAt = clock.now();
  const firstDelay = firstRunDelay(scheduleInterval(times, startedAt), random);
  const firstAt = new Date(startedAt.getTime() + firstDelay);
  const next = (): Date | undefined => {
    if (stopped) return undefined;
    if (firstAt > clock.now() && (!nextTick || firstAt < nextTick)) return firstAt;
    return nextTick;
  };

  after(firstDelay, () => void guarded('first'));
  planTick(startedAt);
  opts.onNextRun?.(next());
  log.info('schedule started', { expression: opts.expression, firstRunAt: firstAt.toISOString(), jitterMaxSeconds: opts.jitterMaxSeconds });

  return {
    async stop() {
      stopped = true;
      for (const t of timers) t.cancel();
      timers.clear();
      times.dispose();
    },
    nextRun: next,
  };
}
