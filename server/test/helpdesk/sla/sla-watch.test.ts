import { beforeEach, describe, expect, it, vi } from 'vitest';
import { manualClock } from '@parc/shared';
import { configSchema } from '../../../src/platform/config.js';
import type { Db } from '../../../src/platform/db/database.js';
import { runSlaWatch, startSlaWatch } from '../../../src/helpdesk/sla/sla-watch.js';
import { resetDatabase, testDatabase } from '../../helpers/test-db.js';
import { capturingLogger, insertTicket, insertUser, insertWebhook, outboxRows, T0 } from '../notifications/fixtures.js';

let db: Db;
beforeEach(async () => {
  db = (await testDatabase()).db;
  await resetDatabase(db);
});

const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const config = configSchema.parse({ PARC_DATA_DIR: 'memory://', PARC_SMTP_URL: 'smtp://127.0.0.1:2525' });

async function policy(ratio: number): Promise<number> {
  const cal = await db.insertInto('calendars').values({ name: 'always', definition: JSON.stringify({}) }).returning('id').executeTakeFirstOrThrow();
  const p = await db
    .insertInto('sla_policies')
    .values({ name: 'p', calendar_id: cal.id, targets: JSON.stringify({}), at_risk_ratio: ratio })
    .returning('id')
    .executeTakeFirstOrThrow();
  return p.id;
}

describe('SLA watch', () => {
  it('queues one alert per ticket and target, to the assigned staff and subscribed webhooks, at the right moment', async () => {
    const requester = await insertUser(db, 'rita', 'requester', 'rita@example.org');
    const tech = await insertUser(db, 'tom', 'technician', 'tom@example.org');
    const hook = await insertWebhook(db, 'https://hooks.example.org/sla', ['ticket.sla-at-risk']);
    const half = await policy(0.5);
    const ticket = await insertTicket(db, {
      title: 'Mail down',
      requesterId: requester,
      status: 'assigned',
      assignees: { userIds: [tech] },
      slaPolicyId: half,
      ownDueAt: minutes(60),
      resolveDueAt: minutes(600),
    });

    expect(await runSlaWatch({ db, config }, minutes(29))).toBe(0);
    expect(await runSlaWatch({ db, config }, minutes(30))).toBe(1);
    expect(await runSlaWatch({ db, config }, minutes(31))).toBe(0);
    let rows = await outboxRows(db);
    expect(rows.map((r) => [r.event, r.channel, r.target])).toEqual([
      ['ticket.sla-at-risk', 'email', 'tom@example.org'],
      ['ticket.sla-at-risk', 'webhook', String(hook)],
    ]);
    expect(rows[0]!.payload).toEqual({
      event: 'ticket.sla-at-risk',
      ticketId: ticket,
      summary: 'Mail down',
      data: { target: 'own', dueAt: minutes(60).toISOString(), state: 'at-risk' },
      occurredAt: minutes(30).toISOString(),
    });

    // Owned in time: no further "own" alert; resolve turns at risk at half of its span.
    await db.updateTable('tickets').set({ owned_at: minutes(40) }).where('id', '=', ticket).execute();
    expect(await runSlaWatch({ db, config }, minutes(299))).toBe(0);
    expect(await runSlaWatch({ db, config }, minutes(300))).toBe(1);
    expect(await runSlaWatch({ db, config }, minutes(900))).toBe(0);
    rows = await outboxRows(db);
    expect(rows).toHaveLength(4);
    expect(rows[2]!.payload.data).toEqual({ target: 'resolve', dueAt: minutes(600).toISOString(), state: 'at-risk' });
    expect(await db.selectFrom('ticket_sla_alerts').select(['ticket_id', 'target']).orderBy('target').execute()).toEqual([
      { ticket_id: ticket, target: 'own' },
      { ticket_id: ticket, target: 'resolve' },
    ]);
  });

  it("uses the tickets service's at-risk moment when stored, skips pending and solved tickets, reports breaches", async () => {
    const requester = await insertUser(db, 'rita', 'requester', 'rita@example.org');
    const tech = await insertUser(db, 'tom', 'technician', 'tom@example.org');
    const stored = await insertTicket(db, { requesterId: requester, assignees: { userIds: [tech] }, ownDueAt: minutes(100), ownAtRiskAt: minutes(10) });
    await insertTicket(db, { requesterId: requester, status: 'pending', assignees: { userIds: [tech] }, ownDueAt: minutes(100) });
    await insertTicket(db, { requesterId: requester, status: 'solved', assignees: { userIds: [tech] }, resolveDueAt: minutes(100) });
    const late = await insertTicket(db, { requesterId: requester, assignees: { userIds: [tech] }, resolveDueAt: minutes(5) });

    expect(await runSlaWatch({ db, config, pageSize: 1 }, minutes(10))).toBe(2);
    const rows = await outboxRows(db);
    expect(rows.map((r) => [r.ticket_id, r.payload.data])).toEqual([
      [stored, { target: 'own', dueAt: minutes(100).toISOString(), state: 'at-risk' }],
      [late, { target: 'resolve', dueAt: minutes(5).toISOString(), state: 'breached' }],
    ]);
  });

  it('alerts an unassigned ticket to the admins, never to the requester', async () => {
    const requester = await insertUser(db, 'rita', 'requester', 'rita@example.org');
    await insertUser(db, 'ada', 'admin', 'ada@example.org');
    await insertTicket(db, { requesterId: requester, ownDueAt: minutes(10) });
    expect(await runSlaWatch({ db, config }, minutes(9))).toBe(1);
    expect((await outboxRows(db)).map((r) => r.target)).toEqual(['ada@example.org']);
  });

  it('two watchers running together alert once', async () => {
    const requester = await insertUser(db, 'rita', 'requester', 'rita@example.org');
    const tech = await insertUser(db, 'tom', 'technician', 'tom@example.org');
    for (let i = 0; i < 10; i++) await insertTicket(db, { requesterId: requester, assignees: { userIds: [tech] }, ownDueAt: minutes(10) });
    const [a, b] = await Promise.all([runSlaWatch({ db, config, pageSize: 3 }, minutes(9)), runSlaWatch({ db, config, pageSize: 3 }, minutes(9))]);
    expect(a + b).toBe(10);
    expect(await outboxRows(db)).toHaveLength(10);
  });

  it('runs a pass each interval, as of the injected clock, until stopped', async () => {
    const requester = await insertUser(db, 'rita', 'requester', 'rita@example.org');
    const tech = await insertUser(db, 'tom', 'technician', 'tom@example.org');
    await insertTicket(db, { requesterId: requester, assignees: { userIds: [tech] }, ownDueAt: minutes(10), ownAtRiskAt: minutes(5) });
    const clock = manualClock(T0);
    const { log, lines } = capturingLogger();
    // Only the timers are faked (Date and the database drivers stay real); the watch reads the time from `clock`.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const watch = startSlaWatch({ db, config, log, intervalMs: 60_000, clock });
      const pass = async (at: Date) => {
        clock.set(at);
        vi.advanceTimersByTime(60_000);
        await watch.idle();
        return (await outboxRows(db)).length;
      };
      expect(await pass(minutes(4))).toBe(0);
      expect(await pass(minutes(5))).toBe(1);
      expect(lines().filter((l) => l.msg === 'SLA alerts queued')).toEqual([expect.objectContaining({ alerts: 1 })]);
      // A ticket due later is picked up by a later pass.
      await insertTicket(db, { requesterId: requester, assignees: { userIds: [tech] }, resolveDueAt: minutes(30), resolveAtRiskAt: minutes(20) });
      expect(await pass(minutes(19))).toBe(1);
      expect(await pass(minutes(20))).toBe(2);
      await watch.stop();
      // Stopped: no pass any more, whatever the time.
      await insertTicket(db, { requesterId: requester, assignees: { userIds: [tech] }, ownDueAt: minutes(21) });
      clock.set(minutes(60));
      vi.advanceTimersByTime(10 * 60_000);
      await watch.idle();
      expect(await outboxRows(db)).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
