import { describe, expect, it } from 'vitest';
import { foldLastSeen, foldRejections, startOfDay, topAndOther } from '../../../src/inventory/fleet/fleet.js';
import { hourOf, rejectionReason } from '../../../src/inventory/ingest/upload-rejections.js';
import { DomainError, PayloadTooLargeError, UnauthorizedError, ValidationError } from '../../../src/platform/http/errors.js';

describe('startOfDay', () => {
  it('is local midnight as an instant, in any zone, across a DST change', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(startOfDay(now, 'UTC').toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(startOfDay(now, 'Europe/Paris').toISOString()).toBe('2026-03-09T23:00:00.000Z');
    expect(startOfDay(now, 'Asia/Kolkata').toISOString()).toBe('2026-03-09T18:30:00.000Z');
    expect(startOfDay(new Date('2026-03-10T03:00:00Z'), 'Pacific/Auckland').toISOString()).toBe('2026-03-09T11:00:00.000Z');
    // New York moved to summer time at 02:00 on 8 March: that day began at 05:00Z (EST), not 04:00Z.
    expect(startOfDay(new Date('2026-03-08T20:00:00Z'), 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
  });
});

describe('fleet folds', () => {
  it('lists every last-seen bucket and every rejection reason, zeros included', () => {
    expect(foldLastSeen({ week: 2 })).toEqual([
      { bucket: 'day', count: 0 },
      { bucket: 'week', count: 2 },
      { bucket: 'month', count: 0 },
      { bucket: 'quarter', count: 0 },
      { bucket: 'older', count: 0 },
    ]);
    expect(foldRejections([{ reason: 'invalid', today: 1, week: 3 }, { reason: 'unauthenticated', today: 0, week: 2 }])).toEqual({
      today: 1,
      last7Days: 5,
      byReason: [
        { reason: 'unauthenticated', today: 0, last7Days: 2 },
        { reason: 'too-large', today: 0, last7Days: 0 },
        { reason: 'bad-encoding', today: 0, last7Days: 0 },
        { reason: 'invalid', today: 1, last7Days: 3 },
      ],
    });
  });

  it('sums what is beyond the top groups from the window total', () => {
    expect(topAndOther([{ version: '1.2', n: 5, total: 9 }, { version: null, n: 3, total: 9 }])).toEqual({ items: [{ version: '1.2', count: 5 }, { version: null, count: 3 }], otherCount: 1 });
    expect(topAndOther<{ version: string }>([])).toEqual({ items: [], otherCount: 0 });
  });
});

describe('upload rejections', () => {
  it('names the refusal by status; server faults and write conflicts are not refusals', () => {
    expect(rejectionReason(new UnauthorizedError('unknown key', 'reenroll_required'))).toBe('unauthenticated');
    expect(rejectionReason(new PayloadTooLargeError(10))).toBe('too-large');
    expect(rejectionReason(new DomainError(415, 'unsupported_encoding', 'br'))).toBe('bad-encoding');
    expect(rejectionReason(new ValidationError('missing hostname', 'hostname'))).toBe('invalid');
    expect(rejectionReason(new DomainError(409, 'conflict', 'busy'))).toBeNull();
    expect(rejectionReason(new Error('database down'))).toBeNull();
  });

  it('counts per hour', () => {
    expect(hourOf(new Date('2026-03-10T12:34:56.789Z')).toISOString()).toBe('2026-03-10T12:00:00.000Z');
  });
});
