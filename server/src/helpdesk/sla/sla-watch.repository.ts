import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { PAUSED_STATUSES } from '../itil/ticket-kind.js';

/** The SLA watch's reads (tickets whose clock runs, with a target not yet alerted) and its `ticket_sla_alerts` claims. */

export type SlaTarget = 'own' | 'resolve';

/** Up to `limit` tickets after id `after` whose clock runs and that have a target without an alert yet, by id. */
export function ticketsToWatch(db: Db, after: number, limit: number) {
  const alerted = (target: SlaTarget) => sql<boolean>`exists (select 1 from ticket_sla_alerts a where a.ticket_id = t.id and a.target = ${target})`;
  return db
    .selectFrom('tickets as t')
    .leftJoin('sla_policies as p', 'p.id', 't.sla_policy_id')
    .where('t.id', '>', after)
    .where('t.kind', '=', 'ticket')
    .where('t.status', 'not in', [...PAUSED_STATUSES])
    .where((eb) =>
      eb.or([
        eb.and([eb('t.owned_at', 'is', null), eb('t.own_due_at', 'is not', null), eb.not(alerted('own'))]),
        eb.and([eb('t.resolve_due_at', 'is not', null), eb.not(alerted('resolve'))]),
      ]),
    )
    .select(['t.id', 't.title', 't.status', 't.created_at', 't.owned_at', 't.own_due_at', 't.resolve_due_at', 't.own_at_risk_at', 't.resolve_at_risk_at', 'p.at_risk_ratio'])
    .orderBy('t.id')
    .limit(limit)
    .execute();
}

/**
 * Claims the alerts in one statement (ON CONFLICT DO NOTHING): only the claims this call made come back,
 * so two watchers never both notify the same ticket and target.
 */
export async function claimAlerts(db: Db, alerts: readonly { ticketId: number; target: SlaTarget; dueAt: Date }[], now: Date): Promise<Set<string>> {
  if (alerts.length === 0) return new Set();
  const claimed = await db
    .insertInto('ticket_sla_alerts')
    .values(alerts.map((a) => ({ ticket_id: a.ticketId, target: a.target, due_at: a.dueAt, sent_at: now })))
    .onConflict((oc) => oc.doNothing())
    .returning(['ticket_id', 'target'])
    .execute();
  return new Set(claimed.map((c) => alertKey(c.ticket_id, c.target)));
}

export const alertKey = (ticketId: number, target: SlaTarget) => `${ticketId}:${target}`;
