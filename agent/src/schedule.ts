import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import { log } from './log.js';
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

/** The gap between the next two firings of the schedule (one hour when it cannot tell). */
export function scheduleInterval(task: Pick<ScheduledTask, 'getNextRuns'>): number {
  const [a, b] = task.getNextRuns(2);
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
}

export interface Schedule {
  stop(): Promise<void>;
  nextRun(): Date | undefined;
}

/**
 * Plain node-cron task (noOverlap) plus a one-off first run at a random point of the first interval,
 * so a fleet rebooted together does not hit the server in the same minute.
 */
export function startSchedule(opts: ScheduleOptions): Schedule {
  const random = opts.random ?? Math.random;
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const delayThen = (ms: number, fn: () => Promise<void>) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        if (stopped) return resolve();
        fn().then(resolve, resolve);
      }, ms);
      timers.add(t);
    });

  // The first run and a cron tick can meet; the later one is skipped, not queued.
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
    opts.onNextRun?.(next());
  };

  const task = cron.schedule(
    opts.expression,
    () => delayThen(jitterDelay(opts.jitterMaxSeconds, random), () => guarded('scheduled')),
    { name: 'parc-agent-inventory', noOverlap: true },
  );

  const firstDelay = firstRunDelay(scheduleInterval(task), random);
  const firstAt = new Date(Date.now() + firstDelay);
  const next = (): Date | undefined => {
    const cronNext = task.getNextRun() ?? undefined;
    if (firstAt.getTime() > Date.now() && (!cronNext || firstAt < cronNext)) return firstAt;
    return cronNext;
  };

  void delayThen(firstDelay, () => guarded('first'));
  opts.onNextRun?.(next());
  log.info('schedule started', { expression: opts.expression, firstRunAt: firstAt.toISOString(), jitterMaxSeconds: opts.jitterMaxSeconds });

  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await task.stop();
      await task.destroy();
    },
    nextRun: next,
  };
}
