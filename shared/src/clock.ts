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

/** The real time. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move: for tests. */
export interface ManualClock extends Clock {
  /** Moves the clock forward (or back, with a negative number) by `ms` milliseconds. */
  advance(ms: number): void;
  set(at: Date | string): void;
}

export function manualClock(start: Date | string = '2026-01-05T09:00:00Z'): ManualClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (at) => {
      t = new Date(at).getTime();
    },
  };
}
