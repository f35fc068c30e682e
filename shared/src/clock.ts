/**
 * Where code that depends on the time reads it, so tests move time instead of sleeping.
 *
 * @example
 * const clock = manualClock('2026-01-05T09:00:00Z');
 * clock.advance(60_000);
 * clock.now().toISOString(); // '2026-01-05T09:01:00.000Z'
 */
export interface Clock {
  now(): Date;
}

/** A waiting callback; `cancel()` keeps it from running (harmless once it ran). */
export interface Timer {
  cancel(): void;
}

/**
 * A clock that can also wake code up later: polling loops and schedules wait on it, so a test moves
 * them by moving a manual clock.
 *
 * @example
 * const clock = manualClock('2026-01-05T09:00:00Z');
 * clock.setTimeout(() => console.log('a minute later'), 60_000);
 * clock.advance(60_000); // prints, with clock.now() at 09:01
 */
export interface TimerClock extends Clock {
  /** Calls `fn` once `ms` milliseconds have passed on this clock. */
  setTimeout(fn: () => void, ms: number): Timer;
}

/** The real time, and real timers. */
export const systemClock: TimerClock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, Math.max(0, ms));
    return { cancel: () => clearTimeout(t) };
  },
};

/** A clock that stands still until told to move: for tests. */
export interface ManualClock extends TimerClock {
  /**
   * Moves the clock forward (or back, with a negative number) by `ms` milliseconds. Timers that fall due
   * on the way run in time order, each with the clock at its due time, including timers they set.
   */
  advance(ms: number): void;
  /** Moves the clock to `at`, running the timers due by then as advance() does. */
  set(at: Date | string): void;
  /** How many timers are waiting: a test can check that nothing is left scheduled. */
  pendingTimers(): number;
}

export function manualClock(start: Date | string = '2026-01-05T09:00:00Z'): ManualClock {
  let t = new Date(start).getTime();
  let seq = 0;
  const timers: Array<{ due: number; seq: number; fn: () => void }> = [];

  const runDue = (until: number) => {
    for (;;) {
      let next: (typeof timers)[number] | undefined;
      for (const timer of timers) if (timer.due <= until && (!next || timer.due < next.due || (timer.due === next.due && timer.seq < next.seq))) next = timer;
      if (!next) return;
      timers.splice(timers.indexOf(next), 1);
      t = Math.max(t, next.due);
      next.fn();
    }
  };
  const moveTo = (target: number) => {
    runDue(target);
    t = target;
  };

  return {
    now: () => new Date(t),
    setTimeout: (fn, ms) => {
      const timer = { due: t + Math.max(0, ms), seq: seq++, fn };
      timers.push(timer);
      // Like a real timer of 0 ms, one already due runs soon without the test moving the clock, and
      // never inside the caller's own call.
      if (ms <= 0) queueMicrotask(() => runDue(t));
      return {
        cancel: () => {
          const i = timers.indexOf(timer);
          if (i >= 0) timers.splice(i, 1);
        },
      };
    },
    advance: (ms) => moveTo(t + ms),
    set: (at) => moveTo(new Date(at).getTime()),
    pendingTimers: () => timers.length,
  };
}
