import type { ItilKindName } from '@parc/shared/api/itil-enums';
import { CHANGE_KIND, type ChangeAction } from './change-kind.js';
import { PROBLEM_KIND, type ProblemAction } from './problem-kind.js';
import { TICKET_KIND, type WorkflowAction } from './ticket-kind.js';
import type { ItilKind } from './workflow.js';

/** Every ITIL kind by the name stored in `tickets.kind`: the persistence picks a row's machine here. */

/** An action of any kind; each kind's table says which it offers. */
export type ItilAction = WorkflowAction | ProblemAction | ChangeAction;

// Erased to strings: the persistence works on rows whose kind is known only at run time.
export type AnyItilKind = ItilKind<string, string, ItilAction>;

export const ITIL_KIND_BY_NAME: Readonly<Record<ItilKindName, AnyItilKind>> = {
  ticket: TICKET_KIND as unknown as AnyItilKind,
  problem: PROBLEM_KIND as unknown as AnyItilKind,
  change: CHANGE_KIND as unknown as AnyItilKind,
};

/** Whether a kind offers this action type at all (a ticket action sent to a problem is an invalid transition, not a crash). */
export function hasAction(kind: AnyItilKind, type: string): type is ItilAction['type'] {
  return Object.hasOwn(kind.actions, type);
}
