import type { ApprovalMode } from '@parc/shared/api/approval-enums';
import type { ChangeActionName, ProblemActionName } from '@parc/shared/api/itil-enums';
import type { TicketActionName } from '@parc/shared/api';
import type { PlainKey } from './i18n/i18n.js';

/**
 * Workflow actions as buttons. The server says which actions the caller may take now
 * (`availableActions`); this says how each is labelled and what input it needs. Actions the server only
 * performs itself (plan, unplan, auto-close) are never offered. Pure: tested in server/test/ui.
 */

export type ActionInput = 'none' | 'reason' | 'optional-reason' | 'solution' | 'optional-note' | 'assign' | 'unassign' | 'approval';

/** What a person typed or picked in an action's form. */
export interface ActionInputValues {
  text?: string;
  userIds?: number[];
  groupIds?: number[];
  /** For a submission for approval: whether one approver's yes is enough. */
  mode?: ApprovalMode;
}

export interface ActionMeta {
  action: string;
  /** The button's label; one ending in "…" opens a form, whose confirm button drops the "…". */
  label: PlainKey;
  input: ActionInput;
  /** Label of the text field, when the action takes text. */
  fieldLabel?: PlainKey;
  /** The main way forward from a status gets the primary button style. */
  primary?: boolean;
}

/** How each action of a kind is offered, in the order buttons appear. */
export type ActionTable<A extends string> = Readonly<Record<A, Omit<ActionMeta, 'action'>>>;

/** Every action of the ticket API's action body (the type makes it exhaustive). */
export const TICKET_ACTIONS: ActionTable<TicketActionName> = {
  take: { label: 'ticket.action.take', input: 'none', primary: true },
  assign: { label: 'ticket.action.assign', input: 'assign' },
  unassign: { label: 'ticket.action.unassign', input: 'unassign' },
  'set-pending': { label: 'ticket.action.setPending', input: 'reason', fieldLabel: 'ticket.action.whyPending' },
  resume: { label: 'ticket.action.resume', input: 'none', primary: true },
  solve: { label: 'ticket.action.solve', input: 'solution', fieldLabel: 'ticket.action.solution', primary: true },
  'accept-solution': { label: 'ticket.action.acceptSolution', input: 'none', primary: true },
  'refuse-solution': { label: 'ticket.action.refuseSolution', input: 'reason', fieldLabel: 'ticket.action.whyNotSolved' },
  close: { label: 'ticket.action.close', input: 'none' },
  reopen: { label: 'ticket.action.reopen', input: 'optional-reason', fieldLabel: 'ticket.action.reasonOptional' },
};

/** A problem's actions (staff only): the same assignment actions as a ticket's, and its own steps. */
export const PROBLEM_ACTIONS: ActionTable<ProblemActionName> = {
  take: { label: 'ticket.action.take', input: 'none', primary: true },
  assign: { label: 'ticket.action.assign', input: 'assign' },
  unassign: { label: 'ticket.action.unassign', input: 'unassign' },
  accept: { label: 'itil.action.accept', input: 'none', primary: true },
  analyse: { label: 'itil.action.analyse', input: 'none', primary: true },
  solve: { label: 'ticket.action.solve', input: 'solution', fieldLabel: 'ticket.action.solution', primary: true },
  close: { label: 'ticket.action.close', input: 'none' },
  reopen: { label: 'ticket.action.reopen', input: 'optional-reason', fieldLabel: 'ticket.action.reasonOptional' },
};

/** A change's actions (staff only). Out of `approval` only the approvers' answers move it: no action for that. */
export const CHANGE_ACTIONS: ActionTable<ChangeActionName> = {
  take: { label: 'ticket.action.take', input: 'none' },
  assign: { label: 'ticket.action.assign', input: 'assign' },
  unassign: { label: 'ticket.action.unassign', input: 'unassign' },
  evaluate: { label: 'itil.action.evaluate', input: 'none', primary: true },
  'submit-for-approval': { label: 'itil.action.submitForApproval', input: 'approval', fieldLabel: 'itil.action.approvalComment', primary: true },
  're-evaluate': { label: 'itil.action.reEvaluate', input: 'optional-reason', fieldLabel: 'itil.action.whatChanged', primary: true },
  'start-test': { label: 'itil.action.startTest', input: 'none', primary: true },
  qualify: { label: 'itil.action.qualify', input: 'none', primary: true },
  apply: { label: 'itil.action.apply', input: 'optional-note', fieldLabel: 'itil.action.applyNote', primary: true },
  review: { label: 'itil.action.review', input: 'none' },
  close: { label: 'ticket.action.close', input: 'none' },
};

/** The offered actions in a stable order (the table's), each with what it needs. */
export function actionsToOffer(available: readonly string[], table: ActionTable<string> = TICKET_ACTIONS): ActionMeta[] {
  return Object.keys(table)
    .filter((a) => available.includes(a))
    .map((action) => ({ action, ...table[action]! }));
}

/** The request body for an action, from what the person typed or picked; null when input is missing. */
export function actionBody(meta: ActionMeta, input: ActionInputValues): Record<string, unknown> | null {
  const text = input.text?.trim() ?? '';
  switch (meta.input) {
    case 'none':
      return { action: meta.action };
    case 'reason':
      return text ? { action: meta.action, reason: text } : null;
    case 'optional-reason':
      return text ? { action: meta.action, reason: text } : { action: meta.action };
    case 'solution':
      return text ? { action: meta.action, solution: text } : null;
    case 'optional-note':
      return text ? { action: meta.action, note: text } : { action: meta.action };
    case 'approval': {
      const approverUserIds = input.userIds ?? [];
      const approverGroupIds = input.groupIds ?? [];
      if (approverUserIds.length === 0 && approverGroupIds.length === 0) return null;
      return { action: meta.action, approverUserIds, approverGroupIds, mode: input.mode ?? 'all', ...(text ? { comment: text } : {}) };
    }
    case 'assign':
    case 'unassign': {
      const userIds = input.userIds ?? [];
      const groupIds = input.groupIds ?? [];
      if (userIds.length === 0 && groupIds.length === 0) return null;
      return { action: meta.action, ...(userIds.length ? { userIds } : {}), ...(groupIds.length ? { groupIds } : {}) };
    }
  }
}
