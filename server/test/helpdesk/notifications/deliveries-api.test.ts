import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { ok, setupTicketsApp, type TestContext } from '../tickets/helpers.js';

/**
 * The deliveries page's API: every queued email and webhook call with its status, attempts and last
 * error, filtered by status, and "retry now" for one that is retrying or was given up (admins only).
 */
type Delivery = { id: number; event: string; ticketId: number | null; channel: string; target: string; webhookUrl: string | null; status: string; attempts: number; lastError: string | null; nextAttemptAt: string | null; deliveredAt: string | null; failedAt: string | null };
type Page = { items: Delivery[]; total: number; counts: Record<string, number> };

let t: TestContext;
let admin: Record<string, string>;
const ids: number[] = [];

beforeAll(async () => {
  t = await setupTicketsApp();
  admin = await t.as('admin');
  await ok(t.json('POST', '/api/v1/webhooks', { url: 'https://hooks.example.org/parc?token=s3cret', events: ['ticket.created'] }, admin), 201);
  for (const title of ['One', 'Two', 'Three', 'Four']) {
    const tk = await ok<{ id: number }>(t.json('POST', '/api/v1/tickets', { title, description: 'x' }, admin), 201);
    const [row] = await t.db.selectFrom('notification_outbox').select('id').where('ticket_id', '=', tk.id).execute();
    ids.push(Number(row!.id));
  }
  // One of each: pending (as queued), retrying, delivered, given up.
  await sql`update notification_outbox set attempts = 2, last_error = 'HTTP 503', next_attempt_at = now() + interval '5 minutes' where id = ${ids[1]}`.execute(t.db);
  await sql`update notification_outbox set attempts = 1, delivered_at = now() where id = ${ids[2]}`.execute(t.db);
  await sql`update notification_outbox set attempts = 8, failed_at = now(), last_error = 'HTTP 410: gone' where id = ${ids[3]}`.execute(t.db);
}, 120_000);

describe('notification deliveries API', () => {
  it('lists deliveries newest first with their status, attempts, last error and counts', async () => {
    const page = await ok<Page>(t.json('GET', '/api/v1/notification-deliveries', undefined, admin));
    expect(page.total).toBe(4);
    expect(page.counts).toEqual({ pending: 1, retrying: 1, delivered: 1, failed: 1 });
    expect(page.items.map((d) => [d.id, d.status, d.attempts])).toEqual([
      [ids[3], 'failed', 8],
      [ids[2], 'delivered', 1],
      [ids[1], 'retrying', 2],
      [ids[0], 'pending', 0],
    ]);
    const given = page.items[0]!;
    expect(given).toMatchObject({ event: 'ticket.created', channel: 'webhook', lastError: 'HTTP 410: gone', nextAttemptAt: null });
    // The webhook's URL without its query string (tokens live there).
    expect(given.webhookUrl).toBe('https://hooks.example.org/parc');
    expect(page.items[2]!.nextAttemptAt).not.toBeNull();
    const failed = await ok<Page>(t.json('GET', '/api/v1/notification-deliveries?status=failed', undefined, admin));
    expect(failed.items.map((d) => d.id)).toEqual([ids[3]]);
    expect(failed.counts).toEqual(page.counts);
  });

  it('retry now makes a given-up delivery due at once with a fresh budget; delivered ones are refused', async () => {
    const d = await ok<Delivery>(t.json('POST', `/api/v1/notification-deliveries/${ids[3]}/retry`, undefined, admin));
    expect(d).toMatchObject({ id: ids[3], status: 'pending', attempts: 0, failedAt: null, lastError: 'HTTP 410: gone' });
    expect(new Date(d.nextAttemptAt!).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    const conflict = await t.json('POST', `/api/v1/notification-deliveries/${ids[2]}/retry`, undefined, admin);
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ error: { code: 'conflict', field: 'id' } });
    expect((await t.json('POST', '/api/v1/notification-deliveries/999999/retry', undefined, admin)).status).toBe(404);
  });

  it('names the bad query field, and is for admins only', async () => {
    for (const [q, field] of [['status=lost', 'status'], ['limit=0', 'limit'], ['channel=pigeon', 'channel']] as const) {
      const res = await t.json('GET', `/api/v1/notification-deliveries?${q}`, undefined, admin);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect(await res.json()).toMatchObject({ error: { field } });
    }
    for (const role of ['technician', 'licence-manager', 'requester'] as const) {
      const who = await t.as(role);
      expect((await t.json('GET', '/api/v1/notification-deliveries', undefined, who)).status).toBe(403);
      expect((await t.json('POST', `/api/v1/notification-deliveries/${ids[1]}/retry`, undefined, who)).status).toBe(403);
    }
  });
});
