import { requesterHomeSchema, technicianHomeSchema, type TechnicianHome } from '@parc/shared/api';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { at, helpdesk, ok, setupTicketsApp, type Detail, type TestContext } from '../tickets/helpers.js';

let t: TestContext;
let admin: Record<string, string>;
let tina: Record<string, string>;
let tom: Record<string, string>;
let rob: Record<string, string>;
let sue: Record<string, string>;
const NOW = '2026-12-10T12:00:00.000Z';

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at('2026-12-01T08:00:00Z');
  t = await setupTicketsApp();
  admin = await t.as('admin');
  tina = await t.as('technician', 'tina');
  tom = await t.as('technician', 'tom');
  rob = await t.as('requester', 'rob');
  sue = await t.as('requester', 'sue');
});
afterEach(() => {
  vi.useRealTimers();
});

const open = (as: Record<string, string>, body: Record<string, unknown>) => ok<Detail>(t.json('POST', '/api/v1/tickets', { description: 'Details.', ...body }, as), 201);
const act = (id: number, body: Record<string, unknown>, as = tina) => ok<Detail>(t.json('POST', `/api/v1/tickets/${id}/actions`, body, as));
/** Sets a ticket's stored resolution target relative to NOW, in minutes (the SLA engine's own output is tested elsewhere). */
const due = (id: number, dueIn: number, atRiskIn: number) =>
  sql`update tickets set resolve_due_at = ${new Date(Date.parse(NOW) + dueIn * 60_000)}, resolve_at_risk_at = ${new Date(Date.parse(NOW) + atRiskIn * 60_000)} where id = ${id}`.execute(t.db);

async function scenario() {
  const h = helpdesk(t, admin);
  const me = { tina: (await h.me(tina)).id, sue: (await h.me(sue)).id };
  const desk = await h.group('Desk', [me.tina]);
  at('2026-12-02T09:00:00Z');
  const mineTaken = await open(rob, { title: 'Keyboard broken', urgency: 2, impact: 2 });
  at('2026-12-03T09:00:00Z');
  const mineByGroup = await open(rob, { title: 'VPN down', urgency: 5, impact: 5 });
  const toms = await open(sue, { title: 'Printer jam', urgency: 3, impact: 3 });
  at('2026-12-04T09:00:00Z');
  const lowNew = await open(sue, { title: 'Mouse', urgency: 1, impact: 1 });
  const highNew = await open(sue, { title: 'Server room hot', urgency: 5, impact: 4, observerIds: [] });
  const observed = await open(tina, { title: 'Screen flickers', requesterId: me.sue, observerIds: [(await h.me(rob)).id], urgency: 3, impact: 3 });
  const solved = await open(rob, { title: 'Password reset', urgency: 3, impact: 3 });
  await act(mineTaken.id, { action: 'take' });
  await act(mineByGroup.id, { action: 'assign', groupIds: [desk.id] });
  await act(toms.id, { action: 'take' }, tom);
  await act(observed.id, { action: 'take' }, tom);
  await act(observed.id, { action: 'set-pending', reason: 'waiting for the part' }, tom);
  await act(solved.id, { action: 'take' });
  await act(solved.id, { action: 'solve', solution: 'Reset.' });
  at(NOW);
  await due(lowNew.id, -90, -180); // breached 90 minutes ago
  await due(mineTaken.id, 30, -10); // at risk, due in 30 minutes
  await due(toms.id, 600, 300); // on track
  return { mineTaken, mineByGroup, toms, lowNew, highNew, observed, solved };
}

describe('GET /api/v1/home/technician', () => {
  it("counts the caller's queue (theirs and their groups'), the unassigned tickets and the SLA at risk or breached, with short lists", async () => {
    const s = await scenario();
    const home = technicianHomeSchema.parse(await ok<TechnicianHome>(t.json('GET', '/api/v1/home/technician', undefined, tina)));
    expect(home.queue.total).toBe(2);
    expect(home.queue.byStatus).toEqual({ new: 0, assigned: 2, planned: 0, pending: 0, solved: 0, closed: 0 });
    const p = (id: number) => [s.mineTaken, s.mineByGroup].find((x) => x.id === id)!.priority;
    expect(home.queue.byPriority.map((x) => x.priority)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(home.queue.byPriority.reduce((a, x) => a + x.count, 0)).toBe(2);
    expect(home.queue.byPriority.find((x) => x.priority === p(s.mineByGroup.id))!.count).toBeGreaterThan(0);
    // Highest priority first.
    expect(home.queue.items.map((i) => i.id)).toEqual([s.mineByGroup.id, s.mineTaken.id]);
    // Nobody assigned: the higher priority first, then the older.
    expect(home.unassigned.total).toBe(2);
    expect(home.unassigned.items.map((i) => i.id)).toEqual([s.highNew.id, s.lowNew.id]);
    // The most overdue first, with how long.
    expect(home.sla).toMatchObject({ atRisk: 1, breached: 1, mineAtRisk: 1, mineBreached: 0 });
    expect(home.sla.items.map((i) => [i.id, i.overdueMinutes])).toEqual([
      [s.lowNew.id, 90],
      [s.mineTaken.id, -30],
    ]);
    expect(home.sla.items[0]).toMatchObject({ title: 'Mouse', status: 'new', resolveDueAt: '2026-12-10T10:30:00.000Z' });

    // Another technician's queue is theirs: the pending ticket counts under pending.
    const toms = await ok<TechnicianHome>(t.json('GET', '/api/v1/home/technician', undefined, tom));
    expect(toms.queue.total).toBe(2);
    expect(toms.queue.byStatus).toMatchObject({ assigned: 1, pending: 1 });
    expect(toms.sla).toMatchObject({ mineAtRisk: 0, mineBreached: 0, atRisk: 1, breached: 1 });
  });

  it('is for helpdesk staff only', async () => {
    expect((await t.json('GET', '/api/v1/home/technician', undefined, rob)).status).toBe(403);
    expect((await t.json('GET', '/api/v1/home/technician', undefined, await t.as('licence-manager'))).status).toBe(403);
    expect((await t.json('GET', '/api/v1/home/technician')).status).toBe(401);
  });
});

describe('GET /api/v1/home/requester', () => {
  it('lists the tickets the caller requested or observes, open and solved, with counts per status', async () => {
    const s = await scenario();
    const home = requesterHomeSchema.parse(await ok(t.json('GET', '/api/v1/home/requester', undefined, rob)));
    expect(home.byStatus).toEqual({ new: 0, assigned: 2, planned: 0, pending: 1, solved: 1, closed: 0 });
    expect(home.awaitingYou).toBe(1);
    expect(home.items.map((i) => i.id).sort((a, b) => a - b)).toEqual([s.mineTaken.id, s.mineByGroup.id, s.observed.id, s.solved.id].sort((a, b) => a - b));
    // Sue's own tickets are not Rob's.
    const sues = await ok<{ items: { id: number }[] }>(t.json('GET', '/api/v1/home/requester', undefined, sue));
    expect(sues.items.map((i) => i.id).sort((a, b) => a - b)).toEqual([s.toms.id, s.lowNew.id, s.highNew.id, s.observed.id]);
  });

  it('the most recently updated first', async () => {
    const s = await scenario();
    at('2026-12-11T08:00:00Z');
    await ok(t.json('POST', `/api/v1/tickets/${s.mineTaken.id}/followups`, { body: 'Any news?' }, rob), 201);
    const home = await ok<{ items: { id: number }[] }>(t.json('GET', '/api/v1/home/requester', undefined, rob));
    expect(home.items[0]!.id).toBe(s.mineTaken.id);
  });
});
