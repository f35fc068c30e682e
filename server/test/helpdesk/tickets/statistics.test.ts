import { describe, expect, it } from 'vitest';
import type { Priority } from '../../../src/helpdesk/itil/priority.js';
import {
  countTickets,
  dailyFlow,
  percentile,
  slaCompliance,
  summariseDurations,
  ticketStatistics,
  type TicketRecord,
} from '../../../src/helpdesk/tickets/statistics.js';
import type { TicketStatus } from '../../../src/helpdesk/itil/ticket-kind.js';

const z = (iso: string): Date => new Date(iso);

function rec(over: Partial<TicketRecord> & { id: number }): TicketRecord {
  return {
    status: 'new',
    priority: 3,
    categoryId: null,
    technicianIds: [],
    createdAt: z('2026-03-02T09:00:00Z'),
    closedAt: null,
    timeToOwnMinutes: null,
    timeToResolveMinutes: null,
    ownDueAt: null,
    ownedAt: null,
    resolveDueAt: null,
    resolvedAt: null,
    ...over,
  };
}

describe('percentile (linear interpolation, type 7)', () => {
  it.each([
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1], // NumPy/R/PERCENTILE.INC give 9.1
    [[15, 20, 35, 40, 50], 0.4, 29], // h = 1.6 → 20 + 0.6 × 15
    [[7], 0.9, 7],
    [[3, 1, 2], 0, 1],
    [[3, 1, 2], 1, 3],
    [[10, 10, 10, 50], 0.9, 38], // h = 2.7 → 10 + 0.7 × 40
  ])('%j at %s → %s', (values, p, expected) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 10);
  });
  it('null for nothing, refuses p outside [0, 1]', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(() => percentile([1], 1.1)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
  it('does not reorder its input', () => {
    const v = [3, 1, 2];
    percentile(v, 0.5);
    expect(v).toEqual([3, 1, 2]);
  });
});

describe('summariseDurations', () => {
  it('skips nulls', () => {
    expect(summariseDurations([30, null, 10, 20, null, 40])).toEqual({ count: 4, median: 25, p90: 37 });
  });
  it('empty', () => {
    expect(summariseDurations([null])).toEqual({ count: 0, median: null, p90: null });
  });
});

describe('countTickets', () => {
  const records = [
    rec({ id: 1, status: 'new', priority: 3, categoryId: 5 }),
    rec({ id: 2, status: 'assigned', priority: 5, categoryId: 5, technicianIds: [7] }),
    rec({ id: 3, status: 'assigned', priority: 6, categoryId: 2, technicianIds: [7, 8] }),
    rec({ id: 4, status: 'closed', priority: 3, categoryId: null, technicianIds: [8, 8] }),
  ];
  it('by status, priority, category, technician', () => {
    expect(countTickets(records)).toEqual({
      total: 4,
      byStatus: { new: 1, assigned: 2, planned: 0, pending: 0, solved: 0, closed: 1 },
      byPriority: { 1: 0, 2: 0, 3: 2, 4: 0, 5: 1, 6: 1 },
      byCategory: [
        { key: 5, count: 2 },
        { key: 2, count: 1 },
        { key: null, count: 1 },
      ],
      byTechnician: [
        { key: 7, count: 2 },
        { key: 8, count: 2 },
        { key: null, count: 1 },
      ],
    });
  });
  it('empty', () => {
    const c = countTickets([]);
    expect(c.total).toBe(0);
    expect(c.byCategory).toEqual([]);
    expect(Object.values(c.byStatus).every((n) => n === 0)).toBe(true);
  });
});

describe('dailyFlow', () => {
  // Paris: UTC+1. 23:30Z on 2 March is already 3 March locally.
  const records = [
    rec({ id: 1, createdAt: z('2026-02-27T10:00:00Z'), closedAt: null }), // before the period, still open
    rec({ id: 2, createdAt: z('2026-02-27T10:00:00Z'), closedAt: z('2026-02-28T10:00:00Z') }), // closed before
    rec({ id: 3, createdAt: z('2026-02-27T10:00:00Z'), closedAt: z('2026-03-02T10:00:00Z') }), // closed on day 1
    rec({ id: 4, createdAt: z('2026-03-02T08:00:00Z'), closedAt: z('2026-03-02T09:00:00Z') }), // same day
    rec({ id: 5, createdAt: z('2026-03-02T23:30:00Z'), closedAt: z('2026-03-05T10:00:00Z') }), // 3 March local
    rec({ id: 6, createdAt: z('2026-03-03T12:00:00Z'), closedAt: null }),
    rec({ id: 7, createdAt: z('2026-03-10T12:00:00Z'), closedAt: null }), // after the period
  ];
  it('Europe/Paris, hand-computed', () => {
    expect(dailyFlow(records, { from: '2026-03-02', to: '2026-03-04', timeZone: 'Europe/Paris' })).toEqual([
      { date: '2026-03-02', opened: 1, closed: 2, backlog: 1 }, // 1 and 3 open before; +4; −3, −4
      { date: '2026-03-03', opened: 2, closed: 0, backlog: 3 },
      { date: '2026-03-04', opened: 0, closed: 0, backlog: 3 },
    ]);
  });
  it('UTC puts ticket 5 on 2 March', () => {
    expect(dailyFlow(records, { from: '2026-03-02', to: '2026-03-02', timeZone: 'UTC' })).toEqual([{ date: '2026-03-02', opened: 2, closed: 2, backlog: 2 }]);
  });
  it('closed before created is read as closed on creation', () => {
    const bad = [rec({ id: 1, createdAt: z('2026-03-02T10:00:00Z'), closedAt: z('2026-03-01T10:00:00Z') })];
    expect(dailyFlow(bad, { from: '2026-03-01', to: '2026-03-02', timeZone: 'UTC' })).toEqual([
      { date: '2026-03-01', opened: 0, closed: 0, backlog: 0 },
      { date: '2026-03-02', opened: 1, closed: 1, backlog: 0 },
    ]);
  });
  it('refuses an inverted or huge period and bad dates', () => {
    expect(() => dailyFlow([], { from: '2026-03-02', to: '2026-03-01', timeZone: 'UTC' })).toThrow(RangeError);
    expect(() => dailyFlow([], { from: '2000-01-01', to: '2026-03-01', timeZone: 'UTC' })).toThrow(/longer/);
    expect(() => dailyFlow([], { from: '2026-02-30', to: '2026-03-01', timeZone: 'UTC' })).toThrow(RangeError);
  });
});

describe('slaCompliance', () => {
  const now = z('2026-03-10T12:00:00Z');
  const due = z('2026-03-05T12:00:00Z');
  const records = [
    rec({ id: 1, resolveDueAt: due, resolvedAt: z('2026-03-05T11:00:00Z') }), // met
    rec({ id: 2, resolveDueAt: due, resolvedAt: due }), // met exactly at due
    rec({ id: 3, resolveDueAt: due, resolvedAt: z('2026-03-05T12:00:01Z') }), // breached
    rec({ id: 4, resolveDueAt: due, resolvedAt: null }), // open, past due: breached
    rec({ id: 5, resolveDueAt: z('2026-03-11T00:00:00Z'), resolvedAt: null }), // open, not due: excluded
    rec({ id: 6, resolveDueAt: null, resolvedAt: z('2026-03-05T11:00:00Z') }), // no target: ignored
  ];
  it('met / (met + breached), running excluded', () => {
    expect(slaCompliance(records, 'resolve', now)).toEqual({ met: 2, breached: 2, running: 1, rate: 0.5 });
  });
  it('own target reads the own fields', () => {
    const own = [rec({ id: 1, ownDueAt: due, ownedAt: z('2026-03-01T00:00:00Z') }), rec({ id: 2, ownDueAt: due, ownedAt: null })];
    expect(slaCompliance(own, 'own', now)).toEqual({ met: 1, breached: 1, running: 0, rate: 0.5 });
  });
  it('null rate when nothing is decided', () => {
    expect(slaCompliance([records[4]!, records[5]!], 'resolve', now)).toEqual({ met: 0, breached: 0, running: 1, rate: null });
  });
});

// ---------------------------------------------------------------------------------------------------
// Property test: a generated history of a few thousand tickets against straightforward recomputation.
// ---------------------------------------------------------------------------------------------------

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(n: number, seed: number): TicketRecord[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const start = z('2026-02-15T00:00:00Z').getTime();
  const span = 90 * 86_400_000; // mid-Feb to mid-May: crosses the Paris and New York spring changes
  const out: TicketRecord[] = [];
  for (let id = 1; id <= n; id++) {
    const createdAt = new Date(start + Math.floor(r() * span / 60_000) * 60_000);
    const status = pick<TicketStatus>(['new', 'assigned', 'planned', 'pending', 'solved', 'closed', 'closed', 'closed']);
    const owned = status !== 'new' && r() < 0.95;
    const resolved = status === 'solved' || status === 'closed';
    const ownMin = owned ? Math.floor(r() * 600) : null;
    const resolveMin = resolved ? (ownMin ?? 0) + Math.floor(r() * 5000) + r() : null;
    const closedAt = status === 'closed' ? new Date(createdAt.getTime() + Math.floor(r() * 20 * 86_400_000)) : null;
    const hasOwnSla = r() < 0.8;
    const hasResolveSla = r() < 0.8;
    out.push({
      id,
      status,
      priority: pick<Priority>([1, 2, 3, 3, 4, 5, 6]),
      categoryId: r() < 0.1 ? null : Math.floor(r() * 12) + 1,
      technicianIds: Array.from({ length: Math.floor(r() * 3) }, () => Math.floor(r() * 8) + 1),
      createdAt,
      closedAt,
      timeToOwnMinutes: ownMin,
      timeToResolveMinutes: resolveMin,
      ownDueAt: hasOwnSla ? new Date(createdAt.getTime() + Math.floor(r() * 2 * 86_400_000)) : null,
      ownedAt: owned ? new Date(createdAt.getTime() + Math.floor(r() * 3 * 86_400_000)) : null,
      resolveDueAt: hasResolveSla ? new Date(createdAt.getTime() + Math.floor(r() * 10 * 86_400_000)) : null,
      resolvedAt: resolved ? new Date(createdAt.getTime() + Math.floor(r() * 15 * 86_400_000)) : null,
    });
  }
  return out;
}

/** Local date by a different route than the module: a Swedish-format date string (YYYY-MM-DD). */
const localDate = (d: Date, timeZone: string): string => d.toLocaleDateString('sv-SE', { timeZone });

/** Nearest-rank-free, by-definition quantile: rank (n−1)p between its two neighbours. */
function naiveQuantile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = (s.length - 1) * p;
  const below = s[Math.floor(rank)]!;
  const above = s[Math.ceil(rank)]!;
  return below + (above - below) * (rank - Math.floor(rank));
}

describe.each([
  [3000, 1, 'Europe/Paris'],
  [4000, 2, 'America/New_York'],
  [2500, 3, 'Asia/Kolkata'],
])('generated history of %i tickets (seed %i, %s)', (n, seed, timeZone) => {
  const records = generate(n, seed);
  const now = z('2026-05-01T12:00:00Z');
  const stats = ticketStatistics(records, { from: '2026-03-01', to: '2026-04-30', timeZone, now });

  it('counts', () => {
    expect(stats.counts.total).toBe(n);
    for (const s of ['new', 'assigned', 'planned', 'pending', 'solved', 'closed'] as const) {
      expect(stats.counts.byStatus[s]).toBe(records.filter((t) => t.status === s).length);
    }
    for (const p of [1, 2, 3, 4, 5, 6] as const) expect(stats.counts.byPriority[p]).toBe(records.filter((t) => t.priority === p).length);
    for (const { key, count } of stats.counts.byCategory) expect(count).toBe(records.filter((t) => t.categoryId === key).length);
    expect(stats.counts.byCategory.reduce((a, c) => a + c.count, 0)).toBe(n);
    for (const { key, count } of stats.counts.byTechnician) {
      expect(count).toBe(records.filter((t) => (key === null ? t.technicianIds.length === 0 : t.technicianIds.includes(key))).length);
    }
    const counts = stats.counts.byTechnician.map((c) => c.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('opened, closed and backlog per local day', () => {
    expect(stats.daily).toHaveLength(61);
    // Local dates once per ticket (toLocaleDateString is slow); then plain filters per day.
    const local = records.map((t) => ({ created: localDate(t.createdAt, timeZone), closed: t.closedAt && localDate(t.closedAt, timeZone) }));
    for (const day of stats.daily) {
      const d = day.date;
      expect(day.opened).toBe(local.filter((t) => t.created === d).length);
      expect(day.closed).toBe(local.filter((t) => t.closed === d).length);
      expect(day.backlog).toBe(local.filter((t) => t.created <= d && (t.closed === null || t.closed > d)).length);
    }
    expect(stats.daily.reduce((a, d) => a + d.opened, 0)).toBeGreaterThan(n / 2);
  });

  it('median and p90 of time to own and to resolve', () => {
    const own = records.flatMap((t) => (t.timeToOwnMinutes === null ? [] : [t.timeToOwnMinutes]));
    const res = records.flatMap((t) => (t.timeToResolveMinutes === null ? [] : [t.timeToResolveMinutes]));
    expect(stats.timeToOwn.count).toBe(own.length);
    expect(stats.timeToOwn.median).toBeCloseTo(naiveQuantile(own, 0.5)!, 9);
    expect(stats.timeToOwn.p90).toBeCloseTo(naiveQuantile(own, 0.9)!, 9);
    expect(stats.timeToResolve.median).toBeCloseTo(naiveQuantile(res, 0.5)!, 9);
    expect(stats.timeToResolve.p90).toBeCloseTo(naiveQuantile(res, 0.9)!, 9);
    // Sanity of the definition: at least 90 % of values are ≤ p90 and at least half are ≤ the median.
    expect(own.filter((v) => v <= stats.timeToOwn.p90!).length / own.length).toBeGreaterThanOrEqual(0.9);
    expect(res.filter((v) => v <= stats.timeToResolve.median!).length / res.length).toBeGreaterThanOrEqual(0.5);
  });

  it('SLA compliance', () => {
    for (const [which, due, got] of [
      ['timeToOwn', 'ownDueAt', 'ownedAt'],
      ['timeToResolve', 'resolveDueAt', 'resolvedAt'],
    ] as const) {
      const withTarget = records.filter((t) => t[due] !== null);
      const met = withTarget.filter((t) => t[got] !== null && t[got]! <= t[due]!).length;
      const breached = withTarget.filter((t) => (t[got] !== null ? t[got]! > t[due]! : now > t[due]!)).length;
      expect(stats.compliance[which].met).toBe(met);
      expect(stats.compliance[which].breached).toBe(breached);
      expect(stats.compliance[which].running).toBe(withTarget.length - met - breached);
      expect(stats.compliance[which].rate).toBeCloseTo(met / (met + breached), 12);
    }
  });
});
