import { describe, expect, it } from 'vitest';
import { manualClock, systemClock } from '../src/clock.js';

describe('manualClock', () => {
  it('stands still until moved', () => {
    const clock = manualClock('2026-01-05T09:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-01-05T09:00:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-01-05T09:01:00.000Z');
    clock.set('2026-02-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });

  it('runs timers in due order as time passes, each at its due time, including timers set by timers', () => {
    const clock = manualClock('2026-01-05T09:00:00Z');
    const seen: string[] = [];
    const at = () => clock.now().toISOString().slice(11, 19);
    clock.setTimeout(() => seen.push(`b ${at()}`), 2_000);
    clock.setTimeout(() => {
      seen.push(`a ${at()}`);
      clock.setTimeout(() => seen.push(`a+1s ${at()}`), 1_000);
    }, 1_000);
    clock.setTimeout(() => seen.push(`late ${at()}`), 10_000);
    clock.advance(1_999);
    expect(seen).toEqual(['a 09:00:01']);
    clock.advance(1);
    // Two timers due at 09:00:02: the one set first runs first.
    expect(seen).toEqual(['a 09:00:01', 'b 09:00:02', 'a+1s 09:00:02']);
    expect(clock.now().toISOString()).toBe('2026-01-05T09:00:02.000Z');
    expect(clock.pendingTimers()).toBe(1);
  });

  it('a cancelled timer never runs', () => {
    const clock = manualClock();
    let ran = false;
    const timer = clock.setTimeout(() => (ran = true), 1_000);
    timer.cancel();
    clock.advance(5_000);
    expect(ran).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('a timer already due runs soon without moving the clock, never inside the call that set it', async () => {
    const clock = manualClock();
    let ran = false;
    clock.setTimeout(() => (ran = true), 0);
    expect(ran).toBe(false);
    await Promise.resolve();
    expect(ran).toBe(true);
    expect(clock.now().toISOString()).toBe('2026-01-05T09:00:00.000Z');
  });
});

describe('systemClock', () => {
  it('reads the real time and sets real timers', async () => {
    const before = Date.now();
    expect(systemClock.now().getTime()).toBeGreaterThanOrEqual(before);
    const fired = await new Promise<boolean>((resolve) => systemClock.setTimeout(() => resolve(true), 1));
    expect(fired).toBe(true);
    let ran = false;
    systemClock.setTimeout(() => (ran = true), 1).cancel();
    await new Promise<void>((resolve) => systemClock.setTimeout(resolve, 20));
    expect(ran).toBe(false);
  });
});
