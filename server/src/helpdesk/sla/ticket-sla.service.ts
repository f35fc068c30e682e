import type { Db } from '../../platform/db/database.js';
import { findSlaPolicy } from './sla-policies.service.js';
import { slaDates, slaView, type TicketClockInput, type TicketSlaDates } from './ticket-sla.js';

/**
 * The SLA steps the tickets service calls: which policy times a ticket and its due dates (recomputed
 * whenever the clock starts or stops, or the priority or category changes), and the SLA its page shows.
 * The tickets feature stores the answer in its own columns.
 */

export interface TicketSlaFacts extends TicketClockInput {
  categoryId: number | null;
}

/** The policy and due dates to store on a ticket now; all null when no policy (or no target for its priority) applies. */
export async function recomputeTicketSla(db: Db, t: TicketSlaFacts): Promise<TicketSlaDates & { policyId: number | null }> {
  const policy = await findSlaPolicy(db, t.categoryId);
  const dates = policy ? slaDates(policy, t) : null;
  return {
    policyId: policy?.id ?? null,
    ownDueAt: dates?.ownDueAt ?? null,
    resolveDueAt: dates?.resolveDueAt ?? null,
    ownAtRiskAt: dates?.ownAtRiskAt ?? null,
    resolveAtRiskAt: dates?.resolveAtRiskAt ?? null,
  };
}

/** What a ticket's page shows of its SLA, under the policy that applies to its category now. */
export async function ticketSlaView(db: Db, t: TicketSlaFacts) {
  const policy = await findSlaPolicy(db, t.categoryId);
  return policy ? slaView(policy, t) : { policy: null };
}
