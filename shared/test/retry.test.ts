import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../src/retry.js';

describe('backoffDelay, full jitter', () => {
  it('spreads over [0, base·2^attempt) and is capped at max', () => {
    expect(backoffDelay(0, { baseMs: 1000, maxMs: 60_000, jitter: 'full' }, () => 0)).toBe(0);
    expect(backoffDelay(0, { baseMs: 1000, maxMs: 60_000, jitter: 'full' }, () => 0.999)).toBe(999);
    expect(backoffDelay(3, { baseMs: 1000, maxMs: 60_000, jitter: 'full' }, () => 0.5)).toBe(4000);
    expect(backoffDelay(20, { baseMs: 1000, maxMs: 60_000, jitter: 'full' }, () => 0.5)).toBe(30_000);
  });
  it('never exceeds the cap over many draws', () => {
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(i % 12, { baseMs: 100, maxMs: 5000, jitter: 'full' });
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(5000);
    }
  });
});

describe('backoffDelay, equal jitter', () => {
  it('waits at least half of each step and at most the step', () => {
    expect(backoffDelay(2, { baseMs: 1000, maxMs: 60_000, jitter: 'equal' }, () => 0)).toBe(2000);
    expect(backoffDelay(2, { baseMs: 1000, maxMs: 60_000, jitter: 'equal' }, () => 1)).toBe(4000);
    expect(backoffDelay(30, { baseMs: 1000, maxMs: 60_000, jitter: 'equal' }, () => 0)).toBe(30_000);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });
  it('reads an HTTP date, never negative', () => {
    expect(parseRetryAfter('Sat, 28 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });
  it('rejects garbage', () => {
    for (const v of [undefined, null, '', '-5', '1.5', 'soon']) expect(parseRetryAfter(v, now)).toBeUndefined();
  });
});
