import type { WorkflowEvent } from './workflow.js';

/**
 * The timeline of an ITIL object: what a workflow step becomes once written down. One entry per thing
 * that happened (a status change, an assignment, a followup…), with who did it and whether requesters
 * may see it.
 */
export interface TimelineEntry {
  kind: string;
  actorId: number | null;
  private?: boolean;
  body?: string | null;
  data?: Record<string, unknown>;
}

/** The timeline entries for the events of one workflow step. `privatePlan`: the planned dates come from a private task. */
export function timelineEntries(events: readonly WorkflowEvent[], actorId: number | null, privatePlan: boolean): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'status-changed':
        out.push({ kind: 'status', actorId, data: { from: e.from, to: e.to } });
        break;
      case 'assignees-added':
        out.push({ kind: 'assignment', actorId, data: { added: { userIds: e.userIds, groupIds: e.groupIds } } });
        break;
      case 'assignees-removed':
        out.push({ kind: 'assignment', actorId, data: { removed: { userIds: e.userIds, groupIds: e.groupIds } } });
        break;
      case 'planned':
        // The dates of a private task stay as private as the task.
        out.push({ kind: 'planned', actorId, private: privatePlan, data: { start: e.start.toISOString(), end: e.end.toISOString() } });
        break;
      case 'pending-set':
        out.push({ kind: 'pending', actorId, body: e.reason });
        break;
      case 'solution-added':
        out.push({ kind: 'solution', actorId, body: e.solution });
        break;
      case 'solution-accepted':
        out.push({ kind: 'solution-accepted', actorId });
        break;
      case 'solution-refused':
        out.push({ kind: 'solution-refused', actorId, body: e.reason });
        break;
      case 'auto-closed':
        out.push({ kind: 'auto-closed', actorId, data: { afterDays: e.afterDays } });
        break;
      case 'reopened':
        out.push({ kind: 'reopened', actorId, body: e.reason });
        break;
      case 'approval-requested':
      case 'approval-settled':
        // The approvals module writes these lines itself, in the same transaction (requestApproval, and
        // the answer that settles a round): a second line here would tell each one twice.
        break;
      case 'applied':
        out.push({ kind: 'applied', actorId, body: e.note });
        break;
      case 'taken-into-account':
        // Recorded as owned_at; the status and assignment events already tell the story.
        break;
    }
  }
  return out;
}
