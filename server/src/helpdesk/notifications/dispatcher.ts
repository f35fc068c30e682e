import { systemClock, type Clock, type Timer, type TimerClock } from '@parc/shared';
import { sql } from 'kysely';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/log.js';
import { rememberedPublicOrigin } from '../../platform/settings/public-origin.js';
import { createEmailSender, type EmailSender, type RenderOptions } from './email.js';
import { emailLocale } from './email-messages.js';
import { recipientLocales } from './outbox.repository.js';
import type { NotificationPayload } from './notification.types.js';
import { DEFAULT_BACKOFF, nextState, type BackoffPolicy, type DeliveryOutcome, type NextState } from './retry-policy.js';
import { deliverWebhook, WEBHOOK_TIMEOUT_MS, type WebhookTarget } from './webhook.js';

export interface DispatcherOptions {
  db: Db;
  config: Config;
  log: Logger;
  /** Pause between polls when the outbox has nothing due. */
  intervalMs?: number;
  /** Rows claimed per batch. */
  batchSize?: number;
  /** Deliveries running at once within a batch. */
  concurrency?: number;
  /** Defaults to PARC_NOTIFY_MAX_ATTEMPTS. */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  /**
   * How long a claimed row stays invisible to other dispatchers. A process that dies mid-batch leaves
   * its rows to be picked up after this, so delivery is at least once; it must exceed a batch's run time.
   */
  leaseMs?: number;
  webhookTimeoutMs?: number;
  random?: () => number;
  /** The time for due rows, leases, backoff and Retry-After; the system clock unless told. */
  clock?: Clock;
}

export interface BatchReport {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
}

interface ClaimedRow {
  id: string;
  event: string;
  ticket_id: number | null;
  channel: 'email' | 'webhook';
  target: string;
  payload: NotificationPayload;
  attempts: number;
}

/** Webhook URL for logs: no credentials, no query string (tokens often live there). */
const safeUrl = (raw: string) => (URL.canParse(raw) ? ((u) => `${u.protocol}//${u.host}${u.pathname}`)(new URL(raw)) : '(invalid URL)');

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Claims up to `limit` due rows in one statement. The CTE locks them with SKIP LOCKED, so a second
 * dispatcher (another server process) claiming at the same moment gets other rows; the claim pushes
 * next_attempt_at past the lease, so once committed they are no longer due for anyone. The network
 * work then happens outside any transaction.
 */
async function claimDue(db: Db, now: Date, limit: number, leaseMs: number): Promise<ClaimedRow[]> {
  const rows = await db
    .with('due', (q) =>
      q
        .selectFrom('notification_outbox')
        .select('id')
        .where('delivered_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .updateTable('notification_outbox as o')
    .from('due')
    .set((eb) => ({ attempts: eb('o.attempts', '+', 1), next_attempt_at: new Date(now.getTime() + leaseMs) }))
    .whereRef('o.id', '=', 'due.id')
    .returning(['o.id', 'o.event', 'o.ticket_id', 'o.channel', 'o.target', 'o.payload', 'o.attempts'])
    .execute();
  return rows
    .map((r) => ({ ...r, id: String(r.id), payload: r.payload as unknown as NotificationPayload }))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * Writes every row's outcome in one statement. Matching on the attempt number too means a dispatcher
 * that overran its lease (and saw its rows claimed again) cannot overwrite the newer attempt's result.
 */
async function recordStates(db: Db, rows: readonly ClaimedRow[], states: readonly NextState[]): Promise<void> {
  const iso = (d: Date | undefined) => (d ? d.toISOString() : null);
  const ids = rows.map((r) => r.id);
  const attempts = rows.map((r) => r.attempts);
  const delivered = states.map((s) => iso(s.state === 'delivered' ? s.deliveredAt : undefined));
  const failed = states.map((s) => iso(s.state === 'failed' ? s.failedAt : undefined));
  const next = states.map((s) => iso(s.state === 'retry' ? s.nextAttemptAt : undefined));
  const errors = states.map((s) => (s.state === 'delivered' ? null : s.lastError.slice(0, 1000)));
  await sql`
    update notification_outbox o set
      delivered_at = v.delivered_at::timestamptz,
      failed_at = v.failed_at::timestamptz,
      next_attempt_at = coalesce(v.next_attempt_at::timestamptz, o.next_attempt_at),
      last_error = coalesce(v.last_error, o.last_error)
    from unnest(${ids}::bigint[], ${attempts}::int[], ${delivered}::text[], ${failed}::text[], ${next}::text[], ${errors}::text[])
      as v(id, attempts, delivered_at, failed_at, next_attempt_at, last_error)
    where o.id = v.id and o.attempts = v.attempts`.execute(db);
}

export interface NotificationDispatcher {
  /** Claims, delivers and records one batch, at the options' clock's time. */
  dispatchOnce(): Promise<BatchReport>;
  /** Releases the SMTP connections. */
  close(): void;
}

export function createNotificationDispatcher(opts: DispatcherOptions): NotificationDispatcher {
  const { db, config, log } = opts;
  const batchSize = opts.batchSize ?? 20;
  const concurrency = opts.concurrency ?? 4;
  const maxAttempts = opts.maxAttempts ?? config.PARC_NOTIFY_MAX_ATTEMPTS;
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  const leaseMs = opts.leaseMs ?? 10 * 60_000;
  const webhookTimeoutMs = opts.webhookTimeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const random = opts.random ?? Math.random;
  const clock = opts.clock ?? systemClock;
  const email: EmailSender | undefined = config.PARC_SMTP_URL
    ? createEmailSender({ smtpUrl: config.PARC_SMTP_URL, from: config.PARC_SMTP_FROM })
    : undefined;

  /** How this batch's emails render: the public address (configured, else remembered) and each recipient's language. */
  async function renderingFor(rows: readonly ClaimedRow[]): Promise<(to: string) => RenderOptions> {
    const addresses = [...new Set(rows.filter((r) => r.channel === 'email').map((r) => r.target.toLowerCase()))];
    if (addresses.length === 0) return () => ({ publicUrl: undefined });
    const [publicUrl, people] = await Promise.all([
      config.PARC_PUBLIC_URL ? Promise.resolve(config.PARC_PUBLIC_URL) : rememberedPublicOrigin(db),
      recipientLocales(db, addresses),
    ]);
    const locales = new Map(people.map((p) => [p.email, p.locale]));
    return (to) => ({ publicUrl, locale: emailLocale(locales.get(to.toLowerCase()), config.PARC_DEFAULT_LOCALE) });
  }

  async function deliver(row: ClaimedRow, hooks: Map<number, WebhookTarget & { active: boolean }>, render: (to: string) => RenderOptions): Promise<DeliveryOutcome> {
    if (row.channel === 'email') {
      if (!email) {
        return { kind: 'fail', error: 'email is off: PARC_SMTP_URL is not set', hint: 'set PARC_SMTP_URL (and PARC_SMTP_FROM) and restart to send email notifications' };
      }
      return email.send(row.target, row.payload, row.id, render(row.target));
    }
    const hook = hooks.get(Number(row.target));
    if (!hook) return { kind: 'fail', error: `webhook ${row.target} was deleted`, hint: 'nothing to do unless the webhook was deleted by mistake' };
    if (!hook.active) return { kind: 'fail', error: `webhook ${row.target} is inactive`, hint: 'activate the webhook to receive later events' };
    return deliverWebhook(hook, row.payload, row.id, { timeoutMs: webhookTimeoutMs, clock });
  }

  async function dispatchOnce(): Promise<BatchReport> {
    const rows = await claimDue(db, clock.now(), batchSize, leaseMs);
    const report: BatchReport = { claimed: rows.length, delivered: 0, retrying: 0, failed: 0 };
    if (rows.length === 0) return report;

    const hookIds = [...new Set(rows.filter((r) => r.channel === 'webhook').map((r) => Number(r.target)).filter(Number.isInteger))];
    const hookRows = hookIds.length > 0 ? await db.selectFrom('webhooks').select(['id', 'url', 'secret', 'active']).where('id', 'in', hookIds).execute() : [];
    const hooks = new Map(hookRows.map((h) => [h.id, h]));
    const render = await renderingFor(rows);

    const outcomes = await mapLimit(rows, concurrency, (row) =>
      deliver(row, hooks, render).catch((err: unknown): DeliveryOutcome => ({ kind: 'retry', error: `unexpected: ${(err as Error).message}` })),
    );
    const states = rows.map((row, i) => nextState(outcomes[i]!, row.attempts, maxAttempts, clock.now(), backoff, random));
    await recordStates(db, rows, states);

    let emailOff = 0;
    rows.forEach((row, i) => {
      const s = states[i]!;
      const about = {
        notificationId: row.id,
        event: row.event,
        ticketId: row.ticket_id,
        channel: row.channel,
        ...(row.channel === 'email' ? { to: row.target } : { webhookId: Number(row.target), url: safeUrl(hooks.get(Number(row.target))?.url ?? '') }),
        attempts: row.attempts,
      };
      if (s.state === 'delivered') {
        report.delivered++;
        log.debug(about, 'notification delivered');
      } else if (s.state === 'retry') {
        report.retrying++;
        log.info({ ...about, error: s.lastError, nextAttemptAt: s.nextAttemptAt.toISOString() }, 'notification not delivered; will retry');
      } else {
        report.failed++;
        if (row.channel === 'email' && !email) emailOff++;
        else log.warn({ ...about, error: s.lastError }, `notification given up: ${s.hint}`);
      }
    });
    if (emailOff > 0) {
      log.warn({ count: emailOff }, 'email notifications dropped because PARC_SMTP_URL is not set: set it to send email, or ignore if email is not wanted');
    }
    return report;
  }

  return { dispatchOnce, close: () => email?.close() };
}

export interface RunningDispatcher {
  /** Stops polling and resolves once the batch in flight (if any) is recorded. */
  stop(): Promise<void>;
  /**
   * Resolves once the dispatcher rests: no batch in flight, the last one not full, the next poll
   * waiting out the interval (or stopped). With a manual clock, a test moves time and then awaits this.
   */
  idle(): Promise<void>;
}

export interface RunningDispatcherOptions extends DispatcherOptions {
  /** Also times the polls; the system clock unless told. */
  clock?: TimerClock;
}

/**
 * Polls the outbox every `intervalMs` (5 s by default), draining without pause while batches come back
 * full. Everything lives in the table, so a restart resumes where the last process stopped.
 */
export function startNotificationDispatcher(opts: RunningDispatcherOptions): RunningDispatcher {
  const { config, log } = opts;
  const intervalMs = opts.intervalMs ?? 5_000;
  const batchSize = opts.batchSize ?? 20;
  const clock = opts.clock ?? systemClock;
  const dispatcher = createNotificationDispatcher({ ...opts, batchSize, clock });
  let stopped = false;
  let timer: Timer | undefined;
  let inFlight: Promise<void> | undefined;
  let resting = false;
  const waiters: Array<() => void> = [];
  const rest = () => {
    resting = true;
    for (const resolve of waiters.splice(0)) resolve();
  };

  if (config.PARC_SMTP_URL) {
    const u = new URL(config.PARC_SMTP_URL);
    log.info({ smtp: `${u.protocol}//${u.host}`, from: config.PARC_SMTP_FROM }, 'email notifications on');
    if (!config.PARC_PUBLIC_URL) log.info('PARC_PUBLIC_URL is not set: email links use the address staff last opened the app at; set PARC_PUBLIC_URL to choose it');
  } else {
    log.info('email notifications off (PARC_SMTP_URL not set); webhooks still delivered');
  }

  const tick = async () => {
    let full = false;
    try {
      const report = await dispatcher.dispatchOnce();
      full = report.claimed === batchSize;
    } catch (err) {
      log.error({ err }, 'notification dispatch failed; will try again: check that the database is reachable');
    }
    if (!stopped) schedule(full ? 0 : intervalMs);
    if (!full) rest();
  };
  const schedule = (ms: number) => {
    timer = clock.setTimeout(() => {
      resting = false;
      inFlight = tick().finally(() => (inFlight = undefined));
    }, ms);
  };
  schedule(0);

  return {
    async stop() {
      stopped = true;
      timer?.cancel();
      await inFlight;
      dispatcher.close();
      rest();
    },
    idle: () => (resting ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}
