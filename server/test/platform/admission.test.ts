import { describe, expect, it } from 'vitest';
import {
  Admission,
  ServerBusyError,
  decayedCount,
  decideAdmission,
  nextServiceMs,
  retryAfterSeconds,
  type AdmissionLimits,
  type AdmissionState,
} from '../../src/platform/http/admission.js';

const limits: AdmissionLimits = { concurrency: 4, queue: 2, maxWaitMs: 1000, maxRetryAfterSeconds: 300 };
const idle: AdmissionState = { inFlight: 0, queued: 0, serviceMs: 100, recentRejections: 0 };
const half = () => 0.5;

describe('decideAdmission (pure)', () => {
  it('runs while a slot is free, waits while the queue has room, then turns away', () => {
    expect(decideAdmission(idle, limits, half)).toEqual({ kind: 'run' });
    expect(decideAdmission({ ...idle, inFlight: 3 }, limits, half)).toEqual({ kind: 'run' });
    expect(decideAdmission({ ...idle, inFlight: 4 }, limits, half)).toEqual({ kind: 'wait' });
    expect(decideAdmission({ ...idle, inFlight: 4, queued: 1 }, limits, half)).toEqual({ kind: 'wait' });
    const d = decideAdmission({ ...idle, inFlight: 4, queued: 2 }, limits, half);
    expect(d.kind).toBe('reject');
  });

  it('does not let a newcomer overtake those already waiting', () => {
    expect(decideAdmission({ ...idle, inFlight: 3, queued: 1 }, limits, half)).toEqual({ kind: 'wait' });
  });

  it('with no queue, turns away as soon as the slots are taken', () => {
    expect(decideAdmission({ ...idle, inFlight: 4 }, { ...limits, queue: 0 }, half).kind).toBe('reject');
  });
});

describe('retryAfterSeconds (pure)', () => {
  it('is at least one second and at most the ceiling', () => {
    expect(retryAfterSeconds(idle, limits, () => 0)).toBe(1);
    const flooded = { inFlight: 4, queued: 2, serviceMs: 60_000, recentRejections: 100_000 };
    expect(retryAfterSeconds(flooded, limits, () => 0.99)).toBe(300);
  });

  it('grows with the backlog and the observed service time', () => {
    const busy = { inFlight: 4, queued: 2, serviceMs: 2000, recentRejections: 0 };
    // 4 slots of 2 s: 2 per second; 6 requests ahead take 3 s.
    expect(retryAfterSeconds(busy, limits, () => 0)).toBe(3);
    expect(retryAfterSeconds({ ...busy, serviceMs: 4000 }, limits, () => 0)).toBe(6);
  });

  it('spreads a crowd over the time needed to serve it', () => {
    // 4 slots of 100 ms: 40 per second; 4,000 turned away need 100 s.
    const crowd = { inFlight: 4, queued: 2, serviceMs: 100, recentRejections: 3999 };
    const first = retryAfterSeconds(crowd, limits, () => 0);
    const last = retryAfterSeconds(crowd, limits, () => 0.999);
    expect(first).toBe(1);
    expect(last).toBeGreaterThanOrEqual(100);
    expect(last).toBeLessThanOrEqual(101);
  });
});

describe('counters (pure)', () => {
  it('averages the service time, the first sample replacing the guess', () => {
    expect(nextServiceMs(50, 400, 0)).toBe(400);
    expect(nextServiceMs(400, 900, 1)).toBe(500);
  });
  it('forgets rejections exponentially', () => {
    expect(decayedCount(100, 0)).toBe(100);
    expect(decayedCount(100, 10_000, 10_000)).toBeCloseTo(100 / Math.E, 5);
    expect(decayedCount(100, -5)).toBe(100);
  });
});

describe('Admission', () => {
  function gate() {
    let open!: () => void;
    const opened = new Promise<void>((r) => (open = r));
    return { open, opened };
  }

  it('runs up to the limit, queues, turns away the rest, and hands slots to waiters in order', async () => {
    let clock = 0;
    const adm = new Admission({ concurrency: 2, queue: 1, maxWaitMs: 60_000, maxRetryAfterSeconds: 300 }, { now: () => clock, random: () => 0 });
    const gates = [gate(), gate(), gate()];
    const order: number[] = [];
    const runs = gates.map((g, i) => adm.run(async () => { order.push(i); await g.opened; return i; }));
    await Promise.resolve();
    expect(adm.state()).toMatchObject({ inFlight: 2, queued: 1 });
    await expect(adm.run(async () => 'never')).rejects.toBeInstanceOf(ServerBusyError);
    expect(order).toEqual([0, 1]);
    clock = 500;
    gates[0]!.open();
    await runs[0];
    // The service time was measured: the first request held its slot 500 ms.
    expect(adm.state().serviceMs).toBe(500);
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([0, 1, 2]);
    expect(adm.state()).toMatchObject({ inFlight: 2, queued: 0 });
    gates[1]!.open();
    gates[2]!.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(adm.counters()).toMatchObject({ inFlight: 0, queued: 0, admitted: 3, rejected: 1 });
  });

  it('turns away a waiter whose wait runs out, and frees nothing it did not hold', async () => {
    const adm = new Admission({ concurrency: 1, queue: 5, maxWaitMs: 20, maxRetryAfterSeconds: 300 });
    const g = gate();
    const first = adm.run(() => g.opened);
    const waiting = adm.run(async () => 'late');
    const err = await waiting.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerBusyError);
    expect((err as ServerBusyError).status).toBe(429);
    expect((err as ServerBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    g.open();
    await first;
    expect(adm.state()).toMatchObject({ inFlight: 0, queued: 0 });
    expect(await adm.run(async () => 'next')).toBe('next');
  });

  it('frees the slot when the work fails', async () => {
    const adm = new Admission({ concurrency: 1, queue: 0, maxWaitMs: 0, maxRetryAfterSeconds: 300 });
    await expect(adm.run(async () => { throw new Error('db down'); })).rejects.toThrow('db down');
    expect(await adm.run(async () => 'ok')).toBe('ok');
  });

  it('tells a burst turned away together to come back spread out', async () => {
    let clock = 0;
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const adm = new Admission({ concurrency: 2, queue: 0, maxWaitMs: 0, maxRetryAfterSeconds: 3600 }, { now: () => clock, random });
    // Measure a service time of 100 ms: 20 per second at 2 slots.
    await adm.run(async () => void (clock += 100));
    const g = gate();
    const held = [adm.run(() => g.opened), adm.run(() => g.opened)];
    const waits: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const e = await adm.run(async () => undefined).catch((x: unknown) => x);
      waits.push((e as ServerBusyError).retryAfterSeconds);
    }
    g.open();
    await Promise.all(held);
    // 1,000 agents at 20 per second need 50 s: the answers cover that span instead of all saying "1".
    const distinct = new Set(waits).size;
    expect(Math.max(...waits)).toBeGreaterThanOrEqual(40);
    expect(distinct).toBeGreaterThan(30);
    // No second of the spread gets more than a few times its fair share.
    const perSecond = new Map<number, number>();
    for (const w of waits) perSecond.set(w, (perSecond.get(w) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThan(120);
  });
});
