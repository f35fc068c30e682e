import { describe, expect, it } from 'vitest';
import { createUser } from '../../../src/platform/auth/users.service.js';
import type { Role } from '../../../src/platform/db/schema.js';
import { helpdesk, ok, setupTicketsApp, type Detail, type TestContext } from './helpers.js';

/** What the tickets API queues in the notification outbox for each change (no dispatcher runs here). */
async function people(t: TestContext) {
  const user = async (username: string, role: Role) => {
    const u = await createUser(t.db, { username, password: `${username}-password`, role, email: `${username}@example.org` });
    return { id: u.id, h: await t.as(role, username) };
  };
  return { admin: await user('boss', 'admin'), tina: await user('tina', 'technician'), tom: await user('tom', 'technician'), rob: await user('rob', 'requester') };
}

async function outbox(t: TestContext, since = '0') {
  const rows = await t.db
    .selectFrom('notification_outbox')
    .select(['id', 'event', 'ticket_id', 'channel', 'target', 'payload'])
    .where('id', '>', since)
    .orderBy('id')
    .execute();
  return rows;
}
const emailsFor = (rows: Awaited<ReturnType<typeof outbox>>, event: string) =>
  rows
    .filter((r) => r.event === event && r.channel === 'email')
    .map((r) => r.target)
    .sort();
const lastId = async (t: TestContext) => (await outbox(t)).at(-1)?.id ?? '0';

describe('notifications queued by the tickets API', () => {
  it('created, assigned, followups (public and private), solved: the right people by email, subscribed webhooks', async () => {
    const t = await setupTicketsApp({ PARC_SMTP_URL: 'smtp://127.0.0.1:2525' });
    const p = await people(t);
    const h = helpdesk(t, p.admin.h);
    const desk = await h.group('Desk', [p.tina.id, p.tom.id]);
    const hook = await ok<{ id: number }>(t.json('POST', '/api/v1/webhooks', { url: 'https://hooks.example.org/parc', events: ['ticket.created', 'ticket.solved'] }, p.admin.h), 201);

    const tk = await ok<Detail>(t.json('POST', '/api/v1/tickets', { title: 'Mail down', description: 'Outlook says offline' }, p.rob.h), 201);
    let rows = await outbox(t);
    // Nobody else is on the ticket yet and the requester opened it: no email; the webhook hears of it.
    expect(rows.map((r) => [r.event, r.channel, r.target])).toEqual([['ticket.created', 'webhook', String(hook.id)]]);
    expect(rows[0]!.ticket_id).toBe(tk.id);
    expect(rows[0]!.payload).toMatchObject({ event: 'ticket.created', ticketId: tk.id, summary: 'Mail down' });
    // The webhook gets the ticket as opened, not an empty data object.
    expect(rows[0]!.payload.data).toMatchObject({
      title: 'Mail down',
      description: 'Outlook says offline',
      type: 'incident',
      status: 'new',
      urgency: 3,
      impact: 3,
      priority: 3,
      categoryId: null,
      requesterId: p.rob.id,
      deviceIds: [],
      viaAgent: false,
    });

    let since = await lastId(t);
    await ok(t.json('POST', `/api/v1/tickets/${tk.id}/actions`, { action: 'assign', groupIds: [desk.id] }, p.admin.h));
    rows = await outbox(t, since);
    expect(emailsFor(rows, 'ticket.assigned')).toEqual(['rob@example.org', 'tina@example.org', 'tom@example.org']);
    expect(rows.filter((r) => r.channel === 'webhook')).toEqual([]);

    since = await lastId(t);
    await ok(t.json('POST', `/api/v1/tickets/${tk.id}/followups`, { body: 'Restart Outlook please' }, p.tina.h), 201);
    rows = await outbox(t, since);
    expect(emailsFor(rows, 'ticket.followup')).toEqual(['rob@example.org', 'tom@example.org']);
    expect(rows[0]!.payload).toMatchObject({ data: { private: false, body: 'Restart Outlook please' } });

    since = await lastId(t);
    await ok(t.json('POST', `/api/v1/tickets/${tk.id}/followups`, { body: 'VIP, be quick', private: true }, p.tina.h), 201);
    rows = await outbox(t, since);
    // Private: staff only, never the requester.
    expect(emailsFor(rows, 'ticket.followup')).toEqual(['tom@example.org']);

    since = await lastId(t);
    await ok(t.json('POST', `/api/v1/tickets/${tk.id}/followups`, { body: 'Done, still offline' }, p.rob.h), 201);
    expect(emailsFor(await outbox(t, since), 'ticket.followup')).toEqual(['tina@example.org', 'tom@example.org']);

    since = await lastId(t);
    await ok(t.json('POST', `/api/v1/tickets/${tk.id}/actions`, { action: 'solve', solution: 'Mailbox was full' }, p.tom.h));
    rows = await outbox(t, since);
    expect(emailsFor(rows, 'ticket.solved')).toEqual(['rob@example.org', 'tina@example.org']);
    expect(rows.filter((r) => r.channel === 'webhook').map((r) => [r.event, r.target])).toEqual([['ticket.solved', String(hook.id)]]);

    // A refused action queues nothing.
    since = await lastId(t);
    expect((await t.json('POST', `/api/v1/tickets/${tk.id}/actions`, { action: 'solve', solution: 'again' }, p.tom.h)).status).toBe(409);
    expect(await outbox(t, since)).toEqual([]);
  });

  it('auto-assignment notifies the group; without SMTP only webhooks are queued', async () => {
    const t = await setupTicketsApp();
    const p = await people(t);
    const h = helpdesk(t, p.admin.h);
    const desk = await h.group('Desk', [p.tina.id]);
    const cat = await h.category('Mail');
    await h.rule({ name: 'mail', categoryId: cat.id, groupId: desk.id });
    await ok(t.json('POST', '/api/v1/webhooks', { url: 'https://hooks.example.org/all', events: ['ticket.created', 'ticket.assigned', 'ticket.followup', 'ticket.solved'] }, p.admin.h), 201);
    const tk = await ok<Detail>(t.json('POST', '/api/v1/tickets', { title: 'Mail down', description: 'x', categoryId: cat.id }, p.rob.h), 201);
    expect(tk.assignees.groups.map((g) => g.id)).toEqual([desk.id]);
    await ok(t.json('POST', `/api/v1/tickets/${tk.id}/followups`, { body: 'hi' }, p.tina.h), 201);
    const rows = await outbox(t);
    expect(rows.map((r) => [r.event, r.channel])).toEqual([
      ['ticket.created', 'webhook'],
      ['ticket.assigned', 'webhook'],
      ['ticket.followup', 'webhook'],
    ]);
    expect(rows[1]!.payload).toMatchObject({ data: { groupIds: [desk.id], userIds: [] } });
  });

  it('with SMTP, an auto-assigned ticket emails the group members', async () => {
    const t = await setupTicketsApp({ PARC_SMTP_URL: 'smtp://127.0.0.1:2525' });
    const p = await people(t);
    const h = helpdesk(t, p.admin.h);
    const desk = await h.group('Desk', [p.tina.id, p.tom.id]);
    const cat = await h.category('Mail');
    await h.rule({ name: 'mail', categoryId: cat.id, groupId: desk.id });
    const tk = await ok<Detail>(t.json('POST', '/api/v1/tickets', { title: 'Mail down', description: 'x', categoryId: cat.id }, p.rob.h), 201);
    const rows = await outbox(t);
    expect(emailsFor(rows, 'ticket.assigned')).toEqual(['rob@example.org', 'tina@example.org', 'tom@example.org']);
    expect(rows.every((r) => r.ticket_id === tk.id)).toBe(true);
  });
});
