import { lifecycleHandlers, type LifecycleAction } from './lifecycle-actions.js';
import { PERMISSIONS, type Actor } from './permissions.js';
import { TICKET_STATUSES, type TicketStatus } from '@parc/shared/api/enums';
import {
  actionsFor,
  mayAct,
  offeredActions,
  runAction,
  type ItilKind,
  type ItilState,
  type TransitionResult,
  type WorkflowEvent as ItilEvent,
} from './workflow.js';

/**
 * Tickets (incidents and requests) as an ITIL kind: the one place their statuses, the statuses that are
 * open or stop the SLA clock, and who may do what in which status are defined.
 *
 * Statuses follow GLPI: `new`, `assigned` (GLPI "processing (assigned)"), `planned` ("processing
 * (planned)"), `pending`, `solved`, `closed`.
 */

// The status list itself is part of the API contract (shared/src/api/enums.ts): the web client lists and
// labels the same statuses, so it is written there once.
export { TICKET_STATUSES, type TicketStatus };

/** Statuses in which the ticket is still being worked (not solved or closed). */
const OPEN = ['new', 'assigned', 'planned', 'pending'] as const satisfies readonly TicketStatus[];
export const OPEN_STATUSES: readonly TicketStatus[] = OPEN;

/** Statuses in which the SLA clock stands still: pending, and solved (waiting for the requester's verdict). */
export const PAUSED_STATUSES: readonly TicketStatus[] = ['pending', 'solved', 'closed'];

/** Statuses a pending ticket can come back to. */
export type ResumableStatus = Exclude<(typeof OPEN)[number], 'pending'>;

export type WorkflowAction = LifecycleAction;
export type WorkflowActionType = WorkflowAction['type'];
export type WorkflowTicket = ItilState<TicketStatus, ResumableStatus>;
export type WorkflowEvent = ItilEvent<TicketStatus>;
export type { Actor };

const run = lifecycleHandlers<TicketStatus, ResumableStatus>({
  queued: 'new',
  working: 'assigned',
  planned: 'planned',
  pending: 'pending',
  solved: 'solved',
  closed: 'closed',
});

/** Open and held by someone. */
const HELD: readonly TicketStatus[] = OPEN_STATUSES.filter((s) => s !== 'new');

/** The ticket workflow as data: per action, the statuses that offer it, who may perform it, its handler. */
export const TICKET_KIND: ItilKind<TicketStatus, ResumableStatus, WorkflowAction> = {
  name: 'ticket',
  statuses: TICKET_STATUSES,
  open: OPEN_STATUSES,
  paused: PAUSED_STATUSES,
  actions: {
    assign: { from: OPEN_STATUSES, who: PERMISSIONS.staffOrSystem, run: run.assign },
    take: { from: OPEN_STATUSES, who: PERMISSIONS.staff, run: run.take },
    unassign: { from: HELD, who: PERMISSIONS.staff, run: run.unassign },
    plan: { from: ['assigned', 'planned'], who: PERMISSIONS.staff, run: run.plan },
    unplan: { from: ['planned'], who: PERMISSIONS.staff, run: run.unplan },
    'set-pending': { from: ['new', 'assigned', 'planned'], who: PERMISSIONS.staff, run: run['set-pending'] },
    resume: { from: ['pending'], who: PERMISSIONS.requesterOrStaff, run: run.resume },
    solve: { from: OPEN_STATUSES, who: PERMISSIONS.staff, run: run.solve },
    'accept-solution': { from: ['solved'], who: PERMISSIONS.requester, run: run['accept-solution'] },
    'refuse-solution': { from: ['solved'], who: PERMISSIONS.requester, run: run['refuse-solution'] },
    'auto-close': { from: ['solved'], who: PERMISSIONS.system, run: run['auto-close'] },
    close: { from: ['solved'], who: PERMISSIONS.admin, run: run.close },
    reopen: { from: ['solved', 'closed'], who: PERMISSIONS.staff, run: run.reopen },
  },
};

/** Every ticket action, in the order the web interface shows them. */
export const WORKFLOW_ACTIONS = Object.keys(TICKET_KIND.actions) as WorkflowActionType[];

/** Which actions each status offers (whoever asks); derived from TICKET_KIND. */
export const ALLOWED_ACTIONS: Readonly<Record<TicketStatus, readonly WorkflowActionType[]>> = Object.fromEntries(
  TICKET_STATUSES.map((s) => [s, offeredActions(TICKET_KIND, s)]),
) as Record<TicketStatus, WorkflowActionType[]>;

/** Applies a ticket action (see runAction in workflow.ts for the order of the checks). */
export function transition(ticket: WorkflowTicket, action: WorkflowAction, actor: Actor, at: Date): TransitionResult<TicketStatus, ResumableStatus> {
  return runAction(TICKET_KIND, ticket, action, actor, at);
}

/** Whether `actor` holds the permission for `action` on `ticket`, ignoring the status. */
export function mayPerform(ticket: WorkflowTicket, action: WorkflowActionType, actor: Actor): boolean {
  return mayAct(TICKET_KIND, ticket, action, actor);
}

/**
 * The actions this actor can perform on this ticket now (for the UI's buttons). "Take" is not offered to
 * someone already assigned: it would only answer "no change".
 */
export function availableActions(ticket: WorkflowTicket, actor: Actor): WorkflowActionType[] {
  const taken = actor.kind === 'user' && ticket.assigneeUserIds.includes(actor.userId);
  return actionsFor(TICKET_KIND, ticket, actor).filter((a) => !(a === 'take' && taken));
}
