import { manualClock, type TimerClock } from '@parc/shared';
import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { firstRunDelay, jitterDelay, scheduleInterval, startSchedule } from '../src/schedule.js';
import { cronTimes } from '../src/schedule-times.js';

// Cron expressions are read in the machine's time zone: the tests build local times.
const local = (day: number, h: number, m = 0, s = 0, ms = 0) => new Date(2026, 0, day, h, m, s, ms);
const MIN = 60_000;
/** Lets promise callbacks (a run's end, its bookkeeping) happen; no time passes on any clock. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('cron times from any given time', () => {
  it('finds the next firing strictly after the time given', () => {
    const hourly = cronTimes('0 * * * *');
    expect(hourly.next(local(5, 9))).toEqual(local(5, 10));
    expect(hourly.next(local(5, 9, 59, 59, 500))).toEqual(local(5, 10));
    expect(hourly.next(local(5, 23, 30))).toEqual(local(6, 0));
    hourly.dispose();
    const everyTwoSeconds = cronTimes('*/2 * * * * *');
    expect(everyTwoSeconds.next(local(5, 9, 0, 0, 500))).toEqual(local(5, 9, 0, 2));
    everyTwoSeconds.dispose();
  });

  it('follows the date fields: weekdays, names, the last day of the month', () => {
    // 2026-01-09 is a Friday: the next weekday morning is Monday the 12th.
    expect(cronTimes('30 9 * * mon-fri').next(local(9, 10))).toEqual(local(12, 9, 30));
    expect(cronTimes('0 0 L * *').next(local(5, 9))).toEqual(local(31, 0));
    expect(cronTimes('15 8 1 feb *').next(local(5, 9))).toEqual(new Date(2026, 1, 1, 8, 15));
  });

  it('says so when an expression never fires', () => {
    expect(cronTimes('0 0 L-30 2 *').next(local(5, 9))).toBeUndefined(); // 30 days before the end of February
  });

  it('agrees with node-cron about the next run from now', () => {
    for (const expression of ['0 * * * *', '*/15 9-17 * * mon-fri', '0 3 * * sun', '0 0 1 */3 *']) {
      const theirs = cron.createTask(expression, () => undefined);
      const ours = cronTimes(expression);
      expect(ours.next(new Date()), expression).toEqual(theirs.getNextRuns(1)[0]);
      void theirs.destroy();
      ours.dispose();
    }
  });
});

describe('schedule', () => {
  it('pure delays', () => {
    expect(firstRunDelay(3_600_000, () => 0.5)).toBe(1_800_000);
    expect(firstRunDelay(3_600_000, () => 0)).toBe(0);
    expect(jitterDelay(300, () => 0.999)).toBe(299_700);
    expect(jitterDelay(0, () => 0.9)).toBe(0);
    expect(scheduleInterval(cronTimes('*/15 * * * *'), local(5, 9))).toBe(900_000);
    expect(scheduleInterval({ next: () => undefined }, local(5, 9))).toBe(3_600_000);
  });

  it('runs first at a random point of the interval, then on the ticks after their jitter, never overlapping', async () => {
    const clock = manualClock(local(5, 9));
    const runs: string[] = [];
    const nextRuns: Array<string | undefined> = [];
    let active = 0;
    let maxActive = 0;
    let finish = deferred();
    const at = () => clock.now().toTimeString().slice(0, 8);
    const s = startSchedule({
      expression: '0 * * * *',
      jitterMaxSeconds: 300,
      random: () => 0.5, // first run half-way through the hour; jitter 150 s
      clock,
      run: async (reason) => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs.push(`${reason} ${at()}`);
        await finish.promise;
        active--;
      },
      onNextRun: (d) => nextRuns.push(d?.toTimeString().slice(0, 8)),
    });
    expect(s.nextRun()).toEqual(local(5, 9, 30));
    expect(nextRuns).toEqual(['09:30:00']);

    clock.advance(30 * MIN - 1);
    expect(runs).toEqual([]);
    clock.advance(1);
    expect(runs).toEqual(['first 09:30:00']);
    expect(s.nextRun()).toEqual(local(5, 10));

    // 10:00 tick, run after 150 s of jitter: the first run is still going, so it is skipped.
    clock.set(local(5, 10, 2, 30));
    expect(runs).toEqual(['first 09:30:00']);
    finish.resolve();
    await settle();
    expect(nextRuns.at(-1)).toBe('11:00:00');

    finish = deferred();
    clock.set(local(5, 11, 2, 29));
    expect(runs).toHaveLength(1);
    clock.advance(1_000);
    expect(runs).toEqual(['first 09:30:00', 'scheduled 11:02:30']);
    // Still going at the 12:00 tick: that one is skipped, not queued behind it.
    clock.set(local(5, 12, 30));
    expect(runs).toHaveLength(2);
    finish.resolve();
    await settle();
    clock.set(local(5, 13, 2, 30));
    expect(runs).toEqual(['first 09:30:00', 'scheduled 11:02:30', 'scheduled 13:02:30']);
    expect(maxActive).toBe(1);

    await s.stop();
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(24 * 60 * MIN);
    expect(runs).toHaveLength(3);
  });

  it('a first run that meets a tick makes the tick skip', async () => {
    const clock = manualClock(local(5, 9));
    const runs: string[] = [];
    const finish = deferred();
    const s = startSchedule({
      expression: '*/10 * * * *',
      jitterMaxSeconds: 0,
      random: () => 0.999, // first run at 09:09:59.400, just before the 09:10 tick
      clock,
      run: async (reason) => {
        runs.push(`${reason} ${clock.now().toTimeString().slice(0, 8)}`);
        await finish.promise;
      },
    });
    clock.set(local(5, 9, 15));
    expect(runs).toEqual(['first 09:09:59']);
    finish.resolve();
    await settle();
    clock.set(local(5, 9, 20));
    expect(runs).toEqual(['first 09:09:59', 'scheduled 09:20:00']);
    await s.stop();
  });

  it('a tick waiting out its jitter makes the next ticks skip: runs do not pile up when the jitter outlasts the interval', async () => {
    const clock = manualClock(local(5, 9));
    const runs: string[] = [];
    const s = startSchedule({
      expression: '* * * * *', // every minute
      jitterMaxSeconds: 300,
      random: () => 0.5, // first run at 09:00:30; each tick's run 150 s after it
      clock,
      run: async (reason) => void runs.push(`${reason} ${clock.now().toTimeString().slice(0, 8)}`),
    });
    for (let i = 0; i < 20; i++) {
      clock.advance(30_000);
      await settle();
    }
    expect(runs).toEqual(['first 09:00:30', 'scheduled 09:03:30', 'scheduled 09:06:30', 'scheduled 09:09:30']);
    await s.stop();
  });

  it('after stop() nothing runs and nothing is planned, even when a run in flight ends later', async () => {
    const clock = manualClock(local(5, 9));
    const finish = deferred();
    const nextRuns: Array<Date | undefined> = [];
    const runs: string[] = [];
    const s = startSchedule({
      expression: '0 * * * *',
      jitterMaxSeconds: 0,
      random: () => 0,
      clock,
      run: async (reason) => {
        runs.push(reason);
        await finish.promise;
      },
      onNextRun: (at) => nextRuns.push(at),
    });
    await settle();
    expect(runs).toEqual(['first']);
    await s.stop();
    finish.resolve();
    await settle();
    expect(nextRuns).toHaveLength(1); // only the one at start
    expect(s.nextRun()).toBeUndefined();
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(3 * 60 * MIN);
    expect(runs).toEqual(['first']);
  });

  it('follows the wall clock: woken early after it was set back, it waits; after a sleep it runs once, not once per missed tick', async () => {
    const timers = manualClock(local(5, 9));
    let skewMs = 0;
    // Timers run on one time line; the wall clock the schedule reads can be moved apart from it.
    const clock: TimerClock = { now: () => new Date(timers.now().getTime() + skewMs), setTimeout: (fn, ms) => timers.setTimeout(fn, ms) };
    const runs: string[] = [];
    const s = startSchedule({
      expression: '0 * * * *',
      jitterMaxSeconds: 0,
      random: () => 0.5,
      clock,
      run: async (reason) => void runs.push(`${reason} ${clock.now().toTimeString().slice(0, 5)}`),
    });
    timers.advance(30 * MIN);
    await settle();
    expect(runs).toEqual(['first 09:30']);
    runs.length = 0;

    skewMs = -5 * MIN; // the wall clock goes back five minutes
    timers.advance(30 * MIN); // the timer planned for 10:00 wakes at a wall time of 09:55
    expect(runs).toEqual([]);
    timers.advance(5 * MIN);
    expect(runs).toEqual(['scheduled 10:00']);
    await settle();

    skewMs = 5 * 60 * MIN - 5 * MIN; // asleep for five hours: the 11:00 timer wakes at 16:00
    timers.advance(60 * MIN);
    await settle();
    expect(runs).toEqual(['scheduled 10:00', 'scheduled 16:00']);
    expect(s.nextRun()).toEqual(local(5, 17));
    await s.stop();
  });
});
