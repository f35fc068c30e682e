import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/platform/db/database.js';
import { enqueueNotification, enqueueNotifications } from '../../../src/helpdesk/notifications/outbox.js';
import { resetDatabase, testDatabase } from '../../helpers/test-db.js';
import { insertGroup, insertTicket, insertUser, insertWebhook, outboxRows, T0 } from './fixtures.js';

let db: Db;
beforeEach(async () => {
  db = (await testDatabase()).db;
  await resetDatabase(db);
});

const targets = async (channel: 'email' | 'webhook') => (await outboxRows(db)).filter((r) => r.channel === channel).map((r) => r.target);

/** requester, two technicians (one in a mailbox-less group), a group with a mailbox, an observer. */
async function scene() {
  const requester = await insertUser(db, 'rita', 'requester', 'rita@example.org');
  const tech = await insertUser(db, 'tom', 'technician', 'tom@example.org');
  const tech2 = await insertUser(db, 'tina', 'technician', 'Tina@Example.org');
  const noMail = await insertUser(db, 'nomail', 'technician', null);
  const off = await insertUser(db, 'off', 'technician', 'off@example.org', true);
  const boss = await insertUser(db, 'boss', 'requester', 'boss@example.org');
  const admin = await insertUser(db, 'ada', 'admin', 'ada@example.org');
  const network = await insertGroup(db, 'Network', null, [tech2, noMail, off]);
  const desk = await insertGroup(db, 'Desk', 'desk@example.org', [tech]);
  const ticketId = await insertTicket(db, {
    requesterId: requester,
    assignees: { userIds: [tech], groupIds: [network, desk] },
    observers: { userIds: [boss] },
  });
  return { requester, tech, tech2, boss, admin, ticketId };
}

describe('enqueueNotification', () => {
  it('queues one email per recipient: requester, assignees, group mailbox or members, observers, minus the actor', async () => {
    const s = await scene();
    const n = await db.transaction().execute((tx) =>
      enqueueNotification(tx, { type: 'ticket.assigned', ticketId: s.ticketId, actorId: s.tech, summary: 'Printer on fire' }, T0, { email: true }),
    );
    expect(n).toBe(4);
    expect(await targets('email')).toEqual(['boss@example.org', 'desk@example.org', 'rita@example.org', 'Tina@Example.org']);
    const row = (await outboxRows(db))[0]!;
    expect(row).toMatchObject({ event: 'ticket.assigned', ticket_id: s.ticketId, attempts: 0, delivered_at: null, failed_at: null, last_error: null });
    expect(row.next_attempt_at).toEqual(T0);
    expect(row.created_at).toEqual(T0);
    expect(row.payload).toEqual({ event: 'ticket.assigned', ticketId: s.ticketId, summary: 'Printer on fire', data: {}, occurredAt: T0.toISOString() });
  });

  it('keeps private followups among staff: not the requester, not a requester-role observer', async () => {
    const s = await scene();
    await enqueueNotification(db, { type: 'ticket.followup', ticketId: s.ticketId, actorId: s.tech, summary: 'x', data: { private: true } }, T0);
    expect(await targets('email')).toEqual(['desk@example.org', 'Tina@Example.org']);
    await resetDatabase(db);
    const t = await scene();
    await enqueueNotification(db, { type: 'ticket.followup', ticketId: t.ticketId, actorId: t.tech, summary: 'x', data: { private: false } }, T0);
    expect(await targets('email')).toContain('rita@example.org');
  });

  it('sends SLA alerts on an unassigned ticket to the admins', async () => {
    const requester = await insertUser(db, 'rita', 'requester', 'rita@example.org');
    await insertUser(db, 'ada', 'admin', 'ada@example.org');
    await insertUser(db, 'old', 'admin', 'old@example.org', true);
    const ticketId = await insertTicket(db, { requesterId: requester });
    await enqueueNotification(db, { type: 'ticket.sla-at-risk', ticketId, actorId: null, summary: 'x', data: { target: 'own' } }, T0);
    expect(await targets('email')).toEqual(['ada@example.org']);
  });

  it('adds one row per active webhook subscribed to the event type', async () => {
    const s = await scene();
    const created = await insertWebhook(db, 'https://hooks.example.org/a', ['ticket.created', 'ticket.solved'], 'k');
    await insertWebhook(db, 'https://hooks.example.org/b', ['ticket.solved']);
    await insertWebhook(db, 'https://hooks.example.org/c', ['ticket.created'], null, false);
    await enqueueNotification(db, { type: 'ticket.created', ticketId: s.ticketId, actorId: s.requester, summary: 'x' }, T0, { email: false });
    expect(await targets('email')).toEqual([]);
    expect(await targets('webhook')).toEqual([String(created)]);
  });

  it('writes several events in one call, each with its own recipients', async () => {
    const s = await scene();
    const other = await insertTicket(db, { requesterId: s.boss });
    const n = await enqueueNotifications(
      db,
      [
        { type: 'ticket.solved', ticketId: s.ticketId, actorId: s.tech, summary: 'a' },
        { type: 'ticket.created', ticketId: other, actorId: null, summary: 'b' },
      ],
      T0,
    );
    expect(n).toBe(5);
    const rows = await outboxRows(db);
    expect(rows.filter((r) => r.ticket_id === other).map((r) => r.target)).toEqual(['boss@example.org']);
  });

  it('queues nothing when the ticket change rolls back', async () => {
    const s = await scene();
    await insertWebhook(db, 'https://hooks.example.org/a', ['ticket.solved']);
    await expect(
      db.transaction().execute(async (tx) => {
        await tx.updateTable('tickets').set({ status: 'solved' }).where('id', '=', s.ticketId).execute();
        await enqueueNotification(tx, { type: 'ticket.solved', ticketId: s.ticketId, actorId: s.tech, summary: 'x' }, T0);
        throw new Error('the solution failed validation');
      }),
    ).rejects.toThrow('the solution failed validation');
    expect(await outboxRows(db)).toEqual([]);
  });
});
