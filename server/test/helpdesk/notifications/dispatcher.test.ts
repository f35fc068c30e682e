import { createHmac } from 'node:crypto';
import { manualClock } from '@parc/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/platform/config.js';
import type { Db } from '../../../src/platform/db/database.js';
import { createNotificationDispatcher, startNotificationDispatcher, type DispatcherOptions } from '../../../src/helpdesk/notifications/dispatcher.js';
import { enqueueNotification } from '../../../src/helpdesk/notifications/outbox.js';
import { rememberPublicOrigin } from '../../../src/platform/settings/public-origin.js';
import type { BackoffPolicy } from '../../../src/helpdesk/notifications/retry-policy.js';
import { resetDatabase, testDatabase } from '../../helpers/test-db.js';
import { capturingLogger, insertTicket, insertUser, insertWebhook, outboxRows, startHookServer, startSmtp, T0 } from './fixtures.js';

let db: Db;
const cleanups: Array<() => unknown> = [];
beforeEach(async () => {
  db = (await testDatabase()).db;
  await resetDatabase(db);
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, maxRetryAfterMs: 3_600_000 };
const at = (ms: number) => new Date(T0.getTime() + ms);

/** A dispatcher on its own manual clock, standing at T0 until the test moves it. */
function dispatcher(env: Record<string, string> = {}, opts: Partial<DispatcherOptions> = {}) {
  // An empty value leaves the variable unset (PARC_PUBLIC_URL: '' for a server without one).
  const config = configSchema.parse(Object.fromEntries(Object.entries({ PARC_DATA_DIR: 'memory://', PARC_PUBLIC_URL: 'http://parc.test', ...env }).filter(([, v]) => v !== '')));
  const { log, lines } = capturingLogger();
  const clock = manualClock(T0);
  const d = createNotificationDispatcher({ db, config, log, backoff: BACKOFF, random: () => 0.5, clock, ...opts });
  cleanups.push(() => d.close());
  return { d, lines, config, clock };
}

async function ticketWithPeople() {
  const requester = await insertUser(db, 'rita', 'requester', 'rita@example.org');
  const tech = await insertUser(db, 'tom', 'technician', 'tom@example.org');
  const ticketId = await insertTicket(db, { title: 'Printer on fire', requesterId: requester, assignees: { userIds: [tech] } });
  return { requester, tech, ticketId };
}

async function hook(script?: Parameters<typeof startHookServer>[0], secret: string | null = null) {
  const server = await startHookServer(script);
  cleanups.push(server.close);
  const id = await insertWebhook(db, server.url, ['ticket.created', 'ticket.followup', 'ticket.solved'], secret);
  return { server, id };
}

describe('email over SMTP', () => {
  it('delivers to each recipient with the subject, the body and the link, authenticating with PARC_SMTP_URL', async () => {
    const smtp = await startSmtp({ user: 'parc', pass: 's3cret/pw' });
    cleanups.push(smtp.close);
    const { ticketId, tech } = await ticketWithPeople();
    await enqueueNotification(db, { type: 'ticket.followup', ticketId, actorId: tech, summary: 'Printer on fire', data: { body: 'Unplug it now.' } }, T0);
    const { d } = dispatcher({ PARC_SMTP_URL: `smtp://parc:${encodeURIComponent('s3cret/pw')}@127.0.0.1:${smtp.port}`, PARC_SMTP_FROM: 'helpdesk@parc.test' });

    expect(await d.dispatchOnce()).toEqual({ claimed: 1, delivered: 1, retrying: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.from).toBe('helpdesk@parc.test');
    expect(mail.to).toEqual(['rita@example.org']);
    expect(mail.raw).toContain(`Subject: [Parc #${ticketId}] Printer on fire`);
    expect(mail.raw).toContain('Auto-Submitted: auto-generated');
    expect(mail.raw).toContain(`New followup on ticket #${ticketId}: Printer on fire`);
    expect(mail.raw).toContain('Unplug it now.');
    expect(mail.raw).toContain(`Open the ticket: http://parc.test/#/tickets/${ticketId}`);
    expect(mail.raw).toContain('Content-Type: text/html');
    const [row] = await outboxRows(db);
    expect(row).toMatchObject({ attempts: 1, failed_at: null });
    expect(row!.delivered_at).toEqual(T0);
  });

  it('writes to each recipient in their language, else the server default; links to the address staff opened the app at', async () => {
    const smtp = await startSmtp({});
    cleanups.push(smtp.close);
    const { ticketId, tech, requester } = await ticketWithPeople();
    await db.updateTable('users').set({ locale: 'fr' }).where('id', '=', requester).execute();
    await insertUser(db, 'olga', 'requester', 'olga@example.org');
    await db.insertInto('ticket_actors').values({ ticket_id: ticketId, role: 'observer', user_id: (await db.selectFrom('users').select('id').where('username', '=', 'olga').executeTakeFirstOrThrow()).id }).execute();
    // An origin no other test remembers: the process keeps the last one it wrote per database and skips rewriting it.
    await rememberPublicOrigin(db, 'https://helpdesk.corp.example', T0);
    await enqueueNotification(db, { type: 'ticket.followup', ticketId, actorId: tech, summary: 'Imprimante en feu', data: { body: 'Débranchez-la.' } }, T0);
    // No PARC_PUBLIC_URL: the remembered address; no language for Olga: PARC_DEFAULT_LOCALE.
    const { d } = dispatcher({ PARC_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PARC_PUBLIC_URL: '', PARC_DEFAULT_LOCALE: 'en' });
    expect(await d.dispatchOnce()).toMatchObject({ delivered: 2 });
    const to = (who: string) => smtp.mails.find((m) => m.to.includes(who))!.raw;
    expect(to('rita@example.org')).toContain(`Nouveau suivi sur le ticket n=C2=B0 ${ticketId}`);
    expect(to('rita@example.org')).toContain(`https://helpdesk.corp.example/#/tickets/${ticketId}`);
    expect(to('olga@example.org')).toContain(`New followup on ticket #${ticketId}`);
    expect(to('olga@example.org')).toContain(`Open the ticket: https://helpdesk.corp.example/#/tickets/${ticketId}`);
  });

  it('retries a wrong password without ever writing it down, and gives up on a refused address', async () => {
    const smtp = await startSmtp({ user: 'parc', pass: 'right-password', reject: ['rita@example.org'] });
    cleanups.push(smtp.close);
    const { ticketId } = await ticketWithPeople();
    await enqueueNotification(db, { type: 'ticket.created', ticketId, actorId: null, summary: 'x' }, T0);

    const wrong = dispatcher({ PARC_SMTP_URL: `smtp://parc:wrong-password@127.0.0.1:${smtp.port}` });
    expect(await wrong.d.dispatchOnce()).toMatchObject({ claimed: 2, retrying: 2 });
    const rows = await outboxRows(db);
    for (const r of rows) {
      expect(r.last_error).toContain('SMTP authentication failed');
      expect(r.last_error).not.toContain('wrong-password');
    }
    expect(JSON.stringify(wrong.lines())).not.toContain('wrong-password');

    const right = dispatcher({ PARC_SMTP_URL: `smtp://parc:right-password@127.0.0.1:${smtp.port}` });
    right.clock.set(at(60_000));
    expect(await right.d.dispatchOnce()).toEqual({ claimed: 2, delivered: 1, retrying: 0, failed: 1 });
    expect(smtp.mails.map((m) => m.to)).toEqual([['tom@example.org']]);
    const rita = (await outboxRows(db)).find((r) => r.target === 'rita@example.org')!;
    expect(rita.failed_at).toEqual(at(60_000));
    expect(rita.last_error).toMatch(/^SMTP 550/);
    const warn = right.lines().find((l) => l.msg === 'notification given up: the mail server refused this message: check the recipient address (user or group email)');
    expect(warn).toMatchObject({ level: 40, to: 'rita@example.org', channel: 'email' });
  });

  it('marks queued emails failed, with one warning, when SMTP is not configured', async () => {
    const { ticketId } = await ticketWithPeople();
    await enqueueNotification(db, { type: 'ticket.created', ticketId, actorId: null, summary: 'x' }, T0);
    const { d, lines } = dispatcher();
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 2, failed: 2 });
    expect((await outboxRows(db)).map((r) => r.last_error)).toEqual(['email is off: PARC_SMTP_URL is not set', 'email is off: PARC_SMTP_URL is not set']);
    expect(lines().filter((l) => l.level === 40)).toHaveLength(1);
  });
});

describe('webhooks', () => {
  it('POSTs the JSON payload, signed with the secret, with the event and delivery id', async () => {
    const { server, id } = await hook([{ status: 200 }], 'hook-secret');
    const { ticketId, requester } = await ticketWithPeople();
    await enqueueNotification(db, { type: 'ticket.created', ticketId, actorId: requester, summary: 'Printer on fire', data: { priority: 3 } }, T0, { email: false });
    const { d } = dispatcher();
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 1, delivered: 1 });

    expect(server.received).toHaveLength(1);
    const req = server.received[0]!;
    expect(JSON.parse(req.body)).toEqual({ event: 'ticket.created', ticketId, summary: 'Printer on fire', data: { priority: 3 }, occurredAt: T0.toISOString() });
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-parc-event']).toBe('ticket.created');
    expect(req.headers['x-parc-signature']).toBe(`sha256=${createHmac('sha256', 'hook-secret').update(req.body).digest('hex')}`);
    const [row] = await outboxRows(db);
    expect(req.headers['x-parc-delivery']).toBe(String(row!.id));
    expect(row!.target).toBe(String(id));
    expect(row!.delivered_at).toEqual(T0);
  });

  it('sends no signature without a secret', async () => {
    const { server } = await hook([{ status: 204 }]);
    const { ticketId } = await ticketWithPeople();
    await enqueueNotification(db, { type: 'ticket.solved', ticketId, actorId: null, summary: 'x' }, T0, { email: false });
    await dispatcher().d.dispatchOnce();
    expect(server.received[0]!.headers['x-parc-signature']).toBeUndefined();
  });

  it('retries after a 500 with backoff, then delivers', async () => {
    const { server } = await hook([{ status: 500 }, { status: 200 }]);
    const { ticketId } = await ticketWithPeople();
    await enqueueNotification(db, { type: 'ticket.created', ticketId, actorId: null, summary: 'x' }, T0, { email: false });
    const { d, lines, clock } = dispatcher();

    expect(await d.dispatchOnce()).toMatchObject({ claimed: 1, retrying: 1 });
    let [row] = await outboxRows(db);
    // First retry: half of the 1 s step plus half of the random share (0.5): 750 ms.
    expect(row).toMatchObject({ attempts: 1, delivered_at: null, failed_at: null });
    expect(row!.last_error).toBe('HTTP 500: status 500 from the test receiver');
    expect(row!.next_attempt_at).toEqual(at(750));
    expect(lines().find((l) => l.msg === 'notification not delivered; will retry')).toMatchObject({ nextAttemptAt: at(750).toISOString() });

    clock.advance(749);
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 0 });
    clock.advance(1);
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    [row] = await outboxRows(db);
    expect(row).toMatchObject({ attempts: 2, failed_at: null });
    expect(row!.delivered_at).toEqual(at(750));
    expect(server.received).toHaveLength(2);
    expect(server.received[1]!.headers['x-parc-delivery']).toBe(server.received[0]!.headers['x-parc-delivery']);
  });

  it('gives up after the configured number of attempts and tells the admin what to check', async () => {
    const { server } = await hook([{ status: 503 }]);
    const { ticketId } = await ticketWithPeople();
    await enqueueNotification(db, { type: 'ticket.created', ticketId, actorId: null, summary: 'x' }, T0, { email: false });
    const { d, lines, clock } = dispatcher({ PARC_NOTIFY_MAX_ATTEMPTS: '3' });
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await d.dispatchOnce()).toMatchObject({ claimed: 1 });
      const [row] = await outboxRows(db);
      if (row!.failed_at) break;
      waits.push(row!.next_attempt_at.getTime() - clock.now().getTime());
      clock.set(row!.next_attempt_at);
    }
    expect(waits).toEqual([750, 1500]);
    const [row] = await outboxRows(db);
    expect(row).toMatchObject({ attempts: 3, delivered_at: null, last_error: 'HTTP 503: status 503 from the test receiver (gave up after 3 attempts)' });
    expect(row!.failed_at).toEqual(clock.now());
    clock.advance(86_400_000);
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 0 });
    expect(server.received).toHaveLength(3);
    const warn = lines().find((l) => typeof l.msg === 'string' && l.msg.startsWith('notification given up'));
    expect(warn).toMatchObject({ level: 40, channel: 'webhook', url: server.url, attempts: 3 });
    expect(warn!.msg).toContain('check it is reachable');
  });

  it('waits as long as Retry-After says on a 429', async () => {
    const { server } = await hook([{ status: 429, headers: { 'retry-after': '120' } }, { status: 200 }]);
    const { ticketId } = await ticketWithPeople();
    await enqueueNotification(db, { type: 'ticket.created', ticketId, actorId: null, summary: 'x' }, T0, { email: false });
    const { d, clock } = dispatcher();
    await d.dispatchOnce();
    expect((await outboxRows(db))[0]!.next_attempt_at).toEqual(at(120_000));
    clock.advance(119_999);
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 0 });
    clock.advance(1);
    expect(await d.dispatchOnce()).toMatchObject({ delivered: 1 });
    expect(server.received).toHaveLength(2);
  });

  it('gives up at once on 410 and other 4xx, and retries an unreachable or slow receiver', async () => {
    const gone = await hook([{ status: 410 }]);
    const bad = await startHookServer([{ status: 400 }]);
    cleanups.push(bad.close);
    const slow = await startHookServer([{ status: 200, delayMs: 2000 }]);
    cleanups.push(slow.close);
    await insertWebhook(db, bad.url, ['ticket.created']);
    const closed = await startHookServer();
    await closed.close();
    await insertWebhook(db, closed.url, ['ticket.created']);
    await insertWebhook(db, slow.url, ['ticket.created']);
    const { ticketId } = await ticketWithPeople();
    await enqueueNotification(db, { type: 'ticket.created', ticketId, actorId: null, summary: 'x' }, T0, { email: false });
    const { d } = dispatcher({}, { webhookTimeoutMs: 300 });
    expect(await d.dispatchOnce()).toEqual({ claimed: 4, delivered: 0, retrying: 2, failed: 2 });
    const rows = await outboxRows(db);
    expect(rows.map((r) => [r.failed_at !== null, r.last_error])).toEqual([
      [true, 'HTTP 410 Gone: status 410 from the test receiver'],
      [true, 'HTTP 400: status 400 from the test receiver'],
      [false, `cannot reach ${new URL(closed.url).host}: ECONNREFUSED`],
      [false, 'cannot reach ' + new URL(slow.url).host + ': no answer within 0.3 s'],
    ]);
    expect(gone.server.received).toHaveLength(1);
  });

  it('drops rows whose webhook was deleted or deactivated meanwhile', async () => {
    const { id } = await hook();
    const other = await hook();
    const { ticketId } = await ticketWithPeople();
    await enqueueNotification(db, { type: 'ticket.created', ticketId, actorId: null, summary: 'x' }, T0, { email: false });
    await db.deleteFrom('webhooks').where('id', '=', id).execute();
    await db.updateTable('webhooks').set({ active: false }).where('id', '=', other.id).execute();
    const { d } = dispatcher();
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 2, failed: 2 });
    expect((await outboxRows(db)).map((r) => r.last_error)).toEqual([`webhook ${id} was deleted`, `webhook ${other.id} is inactive`]);
    expect(other.server.received).toHaveLength(0);
  });
});

describe('restarts and several dispatchers', () => {
  it('a new dispatcher picks up what the previous process left: due rows, and rows claimed when it died', async () => {
    const { server } = await hook([{ status: 200 }]);
    const { ticketId } = await ticketWithPeople();
    await enqueueNotification(db, { type: 'ticket.created', ticketId, actorId: null, summary: 'x' }, T0, { email: false });
    await enqueueNotification(db, { type: 'ticket.solved', ticketId, actorId: null, summary: 'x' }, T0, { email: false });
    // The first process claimed the second row (attempt counted, lease taken) and died before sending.
    const [, claimed] = await outboxRows(db);
    const leaseMs = 60_000;
    await db.updateTable('notification_outbox').set({ attempts: 1, next_attempt_at: at(leaseMs) }).where('id', '=', claimed!.id).execute();

    const { d, clock } = dispatcher({}, { leaseMs });
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    clock.advance(leaseMs - 1);
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 0 });
    clock.advance(1);
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(server.received.map((r) => r.headers['x-parc-event'])).toEqual(['ticket.created', 'ticket.solved']);
    expect((await outboxRows(db)).map((r) => r.attempts)).toEqual([1, 2]);
  });

  it('a dispatcher that overran its lease cannot overwrite the result of the attempt that replaced it', async () => {
    // The first attempt hangs past its lease and then fails; the second, claimed after the lease, succeeds first.
    const { server } = await hook([{ status: 500, delayMs: 400 }, { status: 200, delayMs: 20 }]);
    const { ticketId } = await ticketWithPeople();
    await enqueueNotification(db, { type: 'ticket.created', ticketId, actorId: null, summary: 'x' }, T0, { email: false });
    const slow = dispatcher({}, { leaseMs: 100 });
    const late = dispatcher({}, { leaseMs: 100 });
    const first = slow.d.dispatchOnce();
    await server.requests(1); // the first attempt is out, its lease running
    late.clock.set(at(100));
    expect(await late.d.dispatchOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    await first;
    const [row] = await outboxRows(db);
    expect(row).toMatchObject({ attempts: 2, failed_at: null });
    expect(row!.delivered_at).toEqual(at(100));
  });

  it('the running worker delivers, and stop() waits for the batch in flight and leaves nothing scheduled', async () => {
    const { server } = await hook([{ status: 200, delayMs: 300 }]);
    const { ticketId } = await ticketWithPeople();
    const config = configSchema.parse({ PARC_DATA_DIR: 'memory://' });
    const { log } = capturingLogger();
    const clock = manualClock(T0);
    await enqueueNotification(db, { type: 'ticket.created', ticketId, actorId: null, summary: 'x' }, T0, { email: false });
    const running = startNotificationDispatcher({ db, config, log, intervalMs: 5_000, clock });
    await server.requests(1);
    // The receiver is still holding its answer: stop() must not return before the row is recorded.
    await running.stop();
    const [row] = await outboxRows(db);
    expect(row!.delivered_at).toEqual(T0);

    await enqueueNotification(db, { type: 'ticket.solved', ticketId, actorId: null, summary: 'x' }, T0, { email: false });
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(3_600_000);
    expect(server.received).toHaveLength(1);
  });

  it('the running worker drains full batches without pause, then polls once per interval of its clock', async () => {
    const { server } = await hook([{ status: 200 }]);
    const { ticketId } = await ticketWithPeople();
    const config = configSchema.parse({ PARC_DATA_DIR: 'memory://' });
    const { log } = capturingLogger();
    const clock = manualClock(T0);
    for (let i = 0; i < 5; i++) await enqueueNotification(db, { type: 'ticket.followup', ticketId, actorId: null, summary: `f${i}` }, T0, { email: false });
    const running = startNotificationDispatcher({ db, config, log, intervalMs: 5_000, batchSize: 2, clock });
    cleanups.push(() => running.stop());
    // Batches of 2, 2 and 1, back to back, all at T0: no time passed.
    await running.idle();
    expect(server.received).toHaveLength(5);
    expect((await outboxRows(db)).map((r) => r.delivered_at)).toEqual(Array(5).fill(T0));

    await enqueueNotification(db, { type: 'ticket.solved', ticketId, actorId: null, summary: 'x' }, T0, { email: false });
    clock.advance(4_999);
    await running.idle();
    expect(server.received).toHaveLength(5);
    clock.advance(1);
    await running.idle();
    expect(server.received).toHaveLength(6);
    expect((await outboxRows(db))[5]!.delivered_at).toEqual(at(5_000));
  });

  it('the running worker retries on its clock: a failed delivery goes again once the backoff has passed', async () => {
    const { server } = await hook([{ status: 500 }, { status: 200 }]);
    const { ticketId } = await ticketWithPeople();
    const config = configSchema.parse({ PARC_DATA_DIR: 'memory://' });
    const { log } = capturingLogger();
    const clock = manualClock(T0);
    await enqueueNotification(db, { type: 'ticket.created', ticketId, actorId: null, summary: 'x' }, T0, { email: false });
    const running = startNotificationDispatcher({ db, config, log, intervalMs: 1_000, backoff: { ...BACKOFF, baseMs: 10_000 }, random: () => 0.5, clock });
    cleanups.push(() => running.stop());
    await running.idle();
    const [row] = await outboxRows(db);
    expect(row!.next_attempt_at).toEqual(at(7_500));
    // Polls at 1 s, 2 s … 7 s find nothing due; the one at 8 s delivers.
    for (let s = 1; s <= 7; s++) {
      clock.advance(1_000);
      await running.idle();
    }
    expect(server.received).toHaveLength(1);
    clock.advance(1_000);
    await running.idle();
    expect(server.received).toHaveLength(2);
    expect((await outboxRows(db))[0]!.delivered_at).toEqual(at(8_000));
  });

  it('two dispatchers working at once never send the same row twice', async () => {
    const { server } = await hook([{ status: 200, delayMs: 5 }]);
    const { ticketId } = await ticketWithPeople();
    for (let i = 0; i < 40; i++) await enqueueNotification(db, { type: 'ticket.followup', ticketId, actorId: null, summary: `f${i}` }, T0, { email: false });
    const a = dispatcher({}, { batchSize: 5 });
    const b = dispatcher({}, { batchSize: 5 });
    const drain = async (d: typeof a.d) => {
      let total = 0;
      for (;;) {
        const r = await d.dispatchOnce();
        if (r.claimed === 0) return total;
        total += r.delivered;
      }
    };
    const [na, nb] = await Promise.all([drain(a.d), drain(b.d)]);
    expect(na + nb).toBe(40);
    // Both took a share: neither waited for the other's locked rows.
    expect(na).toBeGreaterThan(0);
    expect(nb).toBeGreaterThan(0);
    const ids = server.received.map((r) => r.headers['x-parc-delivery']);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    expect((await outboxRows(db)).every((r) => r.attempts === 1 && r.delivered_at !== null)).toBe(true);
  });
});
