import { sql } from 'kysely';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/log.js';
import { DEFAULT_AT_RISK_RATIO, PAUSED_STATUSES } from './sla.js';
import type { TicketStatus } from '../tickets/tickets.tables.js';
import { enqueueNotifications } from '../notifications/outbox.js';
import type { NotificationEvent } from '../notifications/notification.types.js';

export type SlaTarget = 'own' | 'resolve';

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
  /** Tickets read per query. */
  pageSize?: number;
}

/**
 * One pass over the open tickets with an SLA target not yet alerted, a page at a time. Each page's
 * alerts are claimed in ticket_sla_alerts (ON CONFLICT DO NOTHING) and enqueued in the same
 * transaction, so each ticket and target is notified once even with several servers watching.
 */
export async function runSlaWatch(opts: Pick<SlaWatchOptions, 'db' | 'config' | 'pageSize'>, now: Date): Promise<number> {
  const { db, config } = opts;
  const pageSize = opts.pageSize ?? 500;
  const alerted = (target: SlaTarget) =>
    sql<boolean>`exists (select 1 from ticket_sla_alerts a where a.ticket_id = t.id and a.target = ${target})`;
  let after = 0;
  let enqueued = 0;
  for (;;) {
    const page = await db
      .selectFrom('tickets as t')
      .leftJoin('sla_policies as p', 'p.id', 't.sla_policy_id')
      .where('t.id', '>', after)
      .where('t.status', 'not in', [...PAUSED_STATUSES])
      .where((eb) =>
        eb.or([
          eb.and([eb('t.owned_at', 'is', null), eb('t.own_due_at', 'is not', null), eb.not(alerted('own'))]),
          eb.and([eb('t.resolve_due_at', 'is not', null), eb.not(alerted('resolve'))]),
        ]),
      )
      .select([
        't.id',
        't.title',
        't.status',
        't.created_at',
        't.owned_at',
        't.own_due_at',
        't.resolve_due_at',
        't.own_at_risk_at',
        't.resolve_at_risk_at',
        'p.at_risk_ratio',
      ])
      .orderBy('t.id')
      .limit(pageSize)
      .execute();
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;

    const found = page.flatMap((t) =>
      slaAlertsDue(
        {
          status: t.status,
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
        const claimed = await tx
          .insertInto('ticket_sla_alerts')
          .values(found.map((a) => ({ ticket_id: a.ticketId, target: a.target, due_at: a.dueAt, sent_at: now })))
          .onConflict((oc) => oc.doNothing())
          .returning(['ticket_id', 'target'])
          .execute();
        const mine = new Set(claimed.map((c) => `${c.ticket_id}:${c.target}`));
        const events: NotificationEvent[] = found
          .filter((a) => mine.has(`${a.ticketId}:${a.target}`))
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
  stop(): Promise<void>;
}

/** Runs the SLA watch every `intervalMs` (one minute by default) until stopped. */
export function startSlaWatch(opts: SlaWatchOptions): RunningSlaWatch {
  const { log } = opts;
  const intervalMs = opts.intervalMs ?? 60_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  const tick = async () => {
    try {
      const n = await runSlaWatch(opts, new Date());
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
  };
}
