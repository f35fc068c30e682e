import { describe, expect, it } from 'vitest';
import { fullJitterDelay, parseRetryAfter } from '../src/transport/backoff.js';

describe('fullJitterDelay', () => {
  it('spreads over [0, base·2^attempt) and is capped at max', () => {
    expect(fullJitterDelay(0, 1000, 60_000, () => 0)).toBe(0);
    expect(fullJitterDelay(0, 1000, 60_000, () => 0.999)).toBe(999);
    expect(fullJitterDelay(3, 1000, 60_000, () => 0.5)).toBe(4000);
    expect(fullJitterDelay(20, 1000, 60_000, () => 0.5)).toBe(30_000);
  });
  it('never exceeds the cap over many draws', () => {
    for (let i = 0; i < 200; i++) {
      const d = fullJitterDelay(i % 12, 100, 5000);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(5000);
    }
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
