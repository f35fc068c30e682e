import { TICKET_STATUSES, type TicketStatus } from '@parc/shared/api/enums';
import type { TechnicianHome } from '@parc/shared/api';

/** One group of open tickets as the technician home's counting query returns it. */
export interface QueueCountRow {
  status: TicketStatus;
  priority: number;
  /** Assigned to the caller or one of their groups. */
  mine: boolean;
  /** Anyone (a person or a group) is assigned. */
  assigned: boolean;
  sla: 'at-risk' | 'breached' | null;
  n: number | string;
}

export const PRIORITIES = [6, 5, 4, 3, 2, 1] as const;

type Counts = Omit<TechnicianHome['queue'], 'items'> & { unassigned: number; sla: Omit<TechnicianHome['sla'], 'items'> };

/** Folds the grouped counts into the home's figures: every status and priority present, zeros included. */
export function foldQueueCounts(rows: readonly QueueCountRow[]): Counts {
  const byStatus = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;
  const byPriority = new Map<number, number>(PRIORITIES.map((p) => [p, 0]));
  const out: Counts = { total: 0, byStatus, byPriority: [], unassigned: 0, sla: { atRisk: 0, breached: 0, mineAtRisk: 0, mineBreached: 0 } };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.mine) {
      out.total += n;
      byStatus[r.status] += n;
      byPriority.set(r.priority, (byPriority.get(r.priority) ?? 0) + n);
    }
    if (!r.assigned) out.unassigned += n;
    if (r.sla === 'at-risk') {
      out.sla.atRisk += n;
      if (r.mine) out.sla.mineAtRisk += n;
    } else if (r.sla === 'breached') {
      out.sla.breached += n;
      if (r.mine) out.sla.mineBreached += n;
    }
  }
  out.byPriority = [...byPriority].map(([priority, count]) => ({ priority, count }));
  return out;
}
