import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../src/log.js';
import { firstRunDelay, jitterDelay, scheduleInterval, startSchedule } from '../src/schedule.js';

describe('logger', () => {
  it('writes JSON lines and never the key or token', () => {
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(l));
    log.debug('hidden');
    log.info('enroll', { agentKey: 'k-1', enrollmentToken: 't-1', nested: { Authorization: 'Bearer x' }, server: 'https://s' });
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]!);
    expect(rec).toMatchObject({ level: 'info', msg: 'enroll', agentKey: '[redacted]', enrollmentToken: '[redacted]', server: 'https://s' });
    expect(lines[0]).not.toMatch(/k-1|t-1|Bearer x/);
    expect(redact(new Error('x'))).toEqual({ message: 'x' });
  });
});

describe('schedule', () => {
  it('pure delays', () => {
    expect(firstRunDelay(3_600_000, () => 0.5)).toBe(1_800_000);
    expect(firstRunDelay(3_600_000, () => 0)).toBe(0);
    expect(jitterDelay(300, () => 0.999)).toBe(299_700);
    expect(jitterDelay(0, () => 0.9)).toBe(0);
    const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
    expect(scheduleInterval({ getNextRuns: () => [at(0), at(15)] })).toBe(900_000);
    expect(scheduleInterval({ getNextRuns: () => [] })).toBe(3_600_000);
  });

  it('runs first at a random point of the interval, then on the cron ticks, never overlapping', async () => {
    const runs: string[] = [];
    let active = 0;
    let maxActive = 0;
    const s = startSchedule({
      expression: '* * * * * *', // every second
      jitterMaxSeconds: 0,
      random: () => 0, // first run at once, so it comes before any tick
      run: async (reason) => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs.push(reason);
        await new Promise((r) => setTimeout(r, 1100)); // longer than a tick: the next one must be skipped
        active--;
      },
    });
    expect(s.nextRun()).toBeInstanceOf(Date);
    await new Promise((r) => setTimeout(r, 3500));
    await s.stop();
    expect(runs[0]).toBe('first');
    expect(runs.filter((r) => r === 'scheduled').length).toBeGreaterThanOrEqual(1);
    expect(maxActive).toBe(1);
  });
});
