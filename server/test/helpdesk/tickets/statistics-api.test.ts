import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '@parc/shared';
import type { AuthUser } from '../../../src/platform/http/context.js';
import { createLogger } from '../../../src/platform/log.js';
import { createTicketBodySchema } from '../../../src/helpdesk/tickets/tickets.schemas.js';
import { createTicket } from '../../../src/helpdesk/tickets/ticket-creation.js';
import { actOnTicket } from '../../../src/helpdesk/tickets/ticket-workflow.js';
import { ALWAYS_OPEN, at, fails, helpdesk, ok, setupTicketsApp, type TestContext } from './helpers.js';

/**
 * A few hundred tickets generated through the service with the clock set for each step, then the
 * statistics endpoint compared with figures computed here from what the generator did. The SLA calendar
 * is always open (UTC), so business minutes are wall-clock minutes minus the time spent pending.
 */
let t: TestContext;
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at('2026-11-20T00:00:00Z');
  t = await setupTicketsApp();
});
afterEach(() => {
  vi.useRealTimers();
});

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const GLPI = [
  [1, 1, 2, 2, 2],
  [1, 2, 2, 3, 3],
  [2, 2, 3, 4, 4],
  [2, 3, 4, 4, 5],
  [2, 3, 4, 5, 5],
];
const MIN = 60_000;
const OWN_TARGET = 60;
const RESOLVE_TARGET = 600;

interface Generated {
  id: number;
  createdAt: number;
  status: string;
  priority: number;
  categoryId: number | null;
  techId: number | null;
  ownedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  /** Running minutes from creation to resolution (pauses excluded). */
  resolveMinutes: number | null;
  /** Running minutes used when the ticket went pending (still pending), for compliance. */
  usedWhenPaused: number | null;
}

function quantile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

describe('GET /api/v1/tickets/statistics', () => {
  it('matches figures computed independently for a generated history', async () => {
    const admin = await t.as('admin');
    const h = helpdesk(t, admin);
    const techHeaders = [await t.as('technician', 'tech1'), await t.as('technician', 'tech2'), await t.as('technician', 'tech3')];
    const rob = await t.as('requester', 'rob');
    const techs: AuthUser[] = [];
    for (const [i, hd] of techHeaders.entries()) techs.push({ id: (await h.me(hd)).id, username: `tech${i + 1}`, role: 'technician', displayName: null });
    const requester: AuthUser = { id: (await h.me(rob)).id, username: 'rob', role: 'requester', displayName: null };
    const cal = await h.calendar('Always', ALWAYS_OPEN);
    const targets = Object.fromEntries([1, 2, 3, 4, 5].map((p) => [String(p), { ownMinutes: OWN_TARGET, resolveMinutes: RESOLVE_TARGET }]));
    await h.policy({ name: 'All', calendarId: cal.id, targets });
    const categories = [(await h.category('Hardware')).id, (await h.category('Software')).id, (await h.category('Network')).id];

    const log = createLogger('silent');
    const ctx = (user: AuthUser) => ({ db: t.db, log, user, email: false, clock: systemClock });
    const setClock = (ms: number) => vi.setSystemTime(new Date(ms));
    const random = rng(20261201);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const T0 = Date.parse('2026-11-25T00:00:00Z');
    const SPAN_MIN = 11 * 24 * 60;

    const generated: Generated[] = [];
    for (let n = 0; n < 300; n++) {
      const createdAt = T0 + int(0, SPAN_MIN) * MIN;
      const urgency = int(1, 5);
      const impact = int(1, 5);
      const categoryId = random() < 0.25 ? null : categories[int(0, 2)]!;
      setClock(createdAt);
      const id = await createTicket(ctx(requester), createTicketBodySchema.parse({ title: `T${n}`, description: 'generated', urgency, impact, ...(categoryId ? { categoryId } : {}) }));
      const g: Generated = { id, createdAt, status: 'new', priority: GLPI[urgency - 1]![impact - 1]!, categoryId, techId: null, ownedAt: null, resolvedAt: null, closedAt: null, resolveMinutes: null, usedWhenPaused: null };
      generated.push(g);
      const kind = random();
      if (kind < 0.15) continue; // never touched
      const tech = techs[int(0, 2)]!;
      let now = createdAt + int(1, 120) * MIN;
      setClock(now);
      await actOnTicket(ctx(tech), id, { action: 'take' });
      Object.assign(g, { status: 'assigned', techId: tech.id, ownedAt: now });
      let used = (now - createdAt) / MIN;
      if (kind < 0.35) continue; // assigned, open
      const work1 = int(10, 500);
      now += work1 * MIN;
      used += work1;
      if (kind < 0.45 || random() < 0.4) {
        setClock(now);
        await actOnTicket(ctx(tech), id, { action: 'set-pending', reason: 'waiting' });
        g.status = 'pending';
        if (kind < 0.45) {
          g.usedWhenPaused = used;
          continue; // still pending
        }
        now += int(30, 3000) * MIN;
        setClock(now);
        await actOnTicket(ctx(random() < 0.5 ? tech : requester), id, { action: 'resume' });
        g.status = 'assigned';
      }
      const work2 = int(10, 400);
      now += work2 * MIN;
      used += work2;
      setClock(now);
      await actOnTicket(ctx(tech), id, { action: 'solve', solution: 'done' });
      Object.assign(g, { status: 'solved', resolvedAt: now, resolveMinutes: used });
      if (kind < 0.65) continue; // solved, awaiting the requester
      now += int(60, 4000) * MIN;
      setClock(now);
      await actOnTicket(ctx(requester), id, { action: 'accept-solution' });
      Object.assign(g, { status: 'closed', closedAt: now });
    }

    const NOW = Date.parse('2026-12-15T12:00:00Z');
    setClock(NOW);
    const timeZone = 'Europe/Paris';
    const from = '2026-11-27';
    const to = '2026-12-03';
    const stats = await ok<{
      counts: { total: number; byStatus: Record<string, number>; byPriority: Record<string, number>; byCategory: { key: number | null; count: number }[]; byTechnician: { key: number | null; count: number }[] };
      daily: { date: string; opened: number; closed: number; backlog: number }[];
      timeToOwn: { count: number; median: number | null; p90: number | null };
      timeToResolve: { count: number; median: number | null; p90: number | null };
      compliance: Record<'timeToOwn' | 'timeToResolve', { met: number; breached: number; running: number; rate: number | null }>;
    }>(t.json('GET', `/api/v1/tickets/statistics?from=${from}&to=${to}&timeZone=${encodeURIComponent(timeZone)}`, undefined, techHeaders[0]));

    // Independent figures.
    const localDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
    const inPeriod = generated.filter((g) => localDate(g.createdAt) >= from && localDate(g.createdAt) <= to);
    expect(inPeriod.length).toBeGreaterThan(100);
    const tally = <K extends string | number | null>(keys: K[]) => {
      const m = new Map<K, number>();
      for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
      return m;
    };
    const asMap = (list: { key: number | null; count: number }[]) => new Map(list.map((x) => [x.key, x.count]));

    expect(stats.counts.total).toBe(inPeriod.length);
    const byStatus = tally(inPeriod.map((g) => g.status));
    expect(stats.counts.byStatus).toEqual(Object.fromEntries(['new', 'assigned', 'planned', 'pending', 'solved', 'closed'].map((s) => [s, byStatus.get(s) ?? 0])));
    const byPriority = tally(inPeriod.map((g) => g.priority));
    expect(stats.counts.byPriority).toEqual(Object.fromEntries([1, 2, 3, 4, 5, 6].map((p) => [String(p), byPriority.get(p) ?? 0])));
    expect(asMap(stats.counts.byCategory)).toEqual(tally(inPeriod.map((g) => g.categoryId)));
    expect(asMap(stats.counts.byTechnician)).toEqual(tally(inPeriod.map((g) => g.techId)));
    // Most tickets first.
    const counts = stats.counts.byCategory.map((c) => c.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    // Opened / closed per local day and the backlog at the end of each day.
    const days: string[] = [];
    for (let d = Date.parse(`${from}T12:00:00Z`); localDate(d) <= to; d += 86_400_000) days.push(localDate(d));
    const endOfDay = (date: string) => {
      // Midnight Paris after `date`: the first whole UTC hour whose local date is the next day.
      let ms = Date.parse(`${date}T20:00:00Z`);
      while (localDate(ms) === date) ms += 3_600_000;
      return ms;
    };
    expect(stats.daily).toEqual(
      days.map((date) => ({
        date,
        opened: generated.filter((g) => localDate(g.createdAt) === date).length,
        closed: generated.filter((g) => g.closedAt !== null && localDate(g.closedAt) === date).length,
        backlog: generated.filter((g) => g.createdAt < endOfDay(date) && (g.closedAt === null || g.closedAt >= endOfDay(date))).length,
      })),
    );

    // Durations (running minutes, type-7 quantiles).
    const own = inPeriod.filter((g) => g.ownedAt !== null).map((g) => (g.ownedAt! - g.createdAt) / MIN);
    const resolve = inPeriod.filter((g) => g.resolveMinutes !== null).map((g) => g.resolveMinutes!);
    expect(stats.timeToOwn).toEqual({ count: own.length, median: quantile(own, 0.5), p90: quantile(own, 0.9) });
    expect(stats.timeToResolve).toEqual({ count: resolve.length, median: quantile(resolve, 0.5), p90: quantile(resolve, 0.9) });

    // Compliance: every ticket has both targets. A ticket still pending stopped its clock: it has breached
    // only if it had used up its time before it paused.
    const ownMet = own.filter((m) => m <= OWN_TARGET).length;
    const ownBreached = inPeriod.length - ownMet; // never owned: long past due by NOW
    const resolveMet = resolve.filter((m) => m <= RESOLVE_TARGET).length;
    const stillPendingInTime = inPeriod.filter((g) => g.usedWhenPaused !== null && g.usedWhenPaused < RESOLVE_TARGET).length;
    const resolveBreached = inPeriod.length - resolveMet - stillPendingInTime;
    expect(stats.compliance.timeToOwn).toEqual({ met: ownMet, breached: ownBreached, running: 0, rate: ownMet / (ownMet + ownBreached) });
    expect(stats.compliance.timeToResolve).toEqual({
      met: resolveMet,
      breached: resolveBreached,
      running: stillPendingInTime,
      rate: resolveMet / (resolveMet + resolveBreached),
    });
  }, 240_000);

  it('is for staff only and validates its query', async () => {
    const tech = await t.as('technician', 'tina');
    const rob = await t.as('requester', 'rob');
    expect((await fails(t.json('GET', '/api/v1/tickets/statistics?from=2026-12-01&to=2026-12-07', undefined, rob))).status).toBe(403);
    expect((await fails(t.json('GET', '/api/v1/tickets/statistics?from=2026-12-01&to=2026-12-07', undefined, await t.as('licence-manager')))).status).toBe(403);
    for (const [query, field] of [
      ['to=2026-12-07', 'from'],
      ['from=2026-12-01', 'to'],
      ['from=2026-12-08&to=2026-12-07', 'to'],
      ['from=2026-12-01&to=2026-12-07&timeZone=Mars/Olympus', 'timeZone'],
      ['from=01/12/2026&to=2026-12-07', 'from'],
    ]) {
      const e = await fails(t.json('GET', `/api/v1/tickets/statistics?${query}`, undefined, tech));
      expect({ query, status: e.status, field: e.field }).toEqual({ query, status: 400, field });
    }
    const empty = await ok<{ counts: { total: number }; daily: unknown[] }>(t.json('GET', '/api/v1/tickets/statistics?from=2026-12-01&to=2026-12-07', undefined, tech));
    expect([empty.counts.total, empty.daily.length]).toEqual([0, 7]);
  });
});
