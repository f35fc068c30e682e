import { systemClock, type Clock } from '@parc/shared';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/log.js';
import type { RoundGate } from '../../platform/periodic.js';
import { PAUSED_STATUSES, type TicketStatus } from '../itil/ticket-kind.js';
import { DEFAULT_AT_RISK_RATIO } from './sla.js';
import { alertKey, claimAlerts, ticketsToWatch, type SlaTarget } from './sla-watch.repository.js';
import { enqueueNotifications } from '../notifications/outbox.js';
import type { NotificationEvent } from '../notifications/notification.types.js';

export type { SlaTarget };

export interface SlaTicketFacts {
  status: TicketStatus;
  createdAt: Date;
  ownedAt: Date | null;
  ownDueAt: Date | null;
  resolveDueAt: Date | null;
  /** When the tickets service computed the target turns at risk (business hours, pending excluded). */
  ownAtRiskAt: Date | null;
  resolveAtRiskAt: Date | null;
  /** The policy's at_risk_ratio; DEFAULT_AT_RISK_RATIO when the ticket has no policy. */
  atRiskRatio: number;
}

export interface SlaAlert {
  target: SlaTarget;
  dueAt: Date;
  state: 'at-risk' | 'breached';
}

/**
 * The moment a target turns at risk: the tickets service's own figure when it stored one, else the
 * share `ratio` of the wall-clock span from creation to the due time (an approximation that ignores
 * business hours, used only when the service left the column empty).
 */
export function atRiskMoment(createdAt: Date, dueAt: Date, storedAtRisk: Date | null, ratio: number): Date {
  if (storedAtRisk) return storedAtRisk;
  const r = Math.min(1, Math.max(0, ratio));
  return new Date(createdAt.getTime() + r * (dueAt.getTime() - createdAt.getTime()));
}

/**
 * The SLA targets of one ticket that call for an alert now. No alert while pending (the clock is
 * stopped) or once solved or closed; time to own only until someone owns the ticket. A target already
 * past its due time is reported as breached, so an alert the watch missed (server down) is not lost.
 */
export function slaAlertsDue(t: SlaTicketFacts, now: Date): SlaAlert[] {
  if (PAUSED_STATUSES.includes(t.status)) return [];
  const alerts: SlaAlert[] = [];
  const check = (target: SlaTarget, due: Date | null, stored: Date | null) => {
    if (!due || now < atRiskMoment(t.createdAt, due, stored, t.atRiskRatio)) return;
    alerts.push({ target, dueAt: due, state: now >= due ? 'breached' : 'at-risk' });
  };
  if (t.ownedAt === null) check('own', t.ownDueAt, t.ownAtRiskAt);
  check('resolve', t.resolveDueAt, t.resolveAtRiskAt);
  return alerts;
}

export interface SlaWatchOptions {
  db: Db;
  config: Config;
  log: Logger;
  intervalMs?: number;
  /** Where "now" comes from; tests pass a manualClock. */
  clock?: Clock;
  /** Tickets read per query. */
  pageSize?: number;
  /** With several server processes: lets one of them run each pass (platform/periodic.ts). */
  gate?: RoundGate;
}

/**
 * One pass over the open tickets with an SLA target not yet alerted, a page at a time. Each page's
 * alerts are claimed in ticket_sla_alerts and enqueued in the same transaction, so each ticket and target
 * is notified once even with several servers watching.
 */
export async function runSlaWatch(opts: Pick<SlaWatchOptions, 'db' | 'config' | 'pageSize'>, now: Date): Promise<number> {
  const { db, config } = opts;
  const pageSize = opts.pageSize ?? 500;
  let after = 0;
  let enqueued = 0;
  for (;;) {
    const page = await ticketsToWatch(db, after, pageSize);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;

    const found = page.flatMap((t) =>
      slaAlertsDue(
        {
          // Tickets only (ticketsToWatch filters the kind).
          status: t.status as TicketStatus,
          createdAt: t.created_at,
          ownedAt: t.owned_at,
          ownDueAt: t.own_due_at,
          resolveDueAt: t.resolve_due_at,
          ownAtRiskAt: t.own_at_risk_at,
          resolveAtRiskAt: t.resolve_at_risk_at,
          atRiskRatio: t.at_risk_ratio ?? DEFAULT_AT_RISK_RATIO,
        },
        now,
      ).map((a) => ({ ...a, ticketId: t.id, title: t.title })),
    );
    if (found.length > 0) {
      enqueued += await db.transaction().execute(async (tx) => {
        const mine = await claimAlerts(tx, found, now);
        const events: NotificationEvent[] = found
          .filter((a) => mine.has(alertKey(a.ticketId, a.target)))
          .map((a) => ({
            type: 'ticket.sla-at-risk',
            ticketId: a.ticketId,
            actorId: null,
            summary: a.title,
            data: { target: a.target, dueAt: a.dueAt.toISOString(), state: a.state },
          }));
        await enqueueNotifications(tx, events, now, { email: Boolean(config.PARC_SMTP_URL) });
        return events.length;
      });
    }
    if (page.length < pageSize) break;
  }
  return enqueued;
}

export interface RunningSlaWatch {
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
  /** Resolves once the pass in progress, if any, has finished. */
  idle(): Promise<void>;
}

/** Runs the SLA watch `intervalMs` after each pass (one minute by default), as of the clock's now, until stopped. */
export function startSlaWatch(opts: SlaWatchOptions): RunningSlaWatch {
  const { log } = opts;
  const intervalMs = opts.intervalMs ?? 60_000;
  const clock = opts.clock ?? systemClock;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  const tick = async () => {
    try {
      // A gate that fails (database unreachable) lets the pass go ahead, so its own error is logged.
      const mine = opts.gate ? await opts.gate().catch(() => true) : true;
      const n = mine ? await runSlaWatch(opts, clock.now()) : 0;
      if (n > 0) log.info({ alerts: n }, 'SLA alerts queued');
    } catch (err) {
      log.error({ err }, 'SLA watch failed; will try again: check that the database is reachable');
    }
    if (!stopped) schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => {
      inFlight = tick().finally(() => (inFlight = undefined));
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
    async idle() {
      await inFlight;
    },
  };
}
