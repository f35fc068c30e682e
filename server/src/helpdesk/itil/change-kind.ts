import { CHANGE_STATUSES, type ChangeStatus } from '@parc/shared/api/itil-enums';
import { lifecycleHandlers, type LifecycleAction } from './lifecycle-actions.js';
import { PERMISSIONS } from './permissions.js';
import { fail, type ActionDef, type ItilKind, type ItilState } from './workflow.js';

/**
 * Changes as an ITIL kind (GLPI's statuses): `new`, `evaluation`, `approval`, `accepted`, `test` (in
 * test), `qualification`, `applied`, `review`, `closed`, `refused`. Assignment is the shared lifecycle's;
 * the rest is a straight line, except that nobody moves a change out of `approval` by hand: the
 * approvers' answers do (`approval-granted`, `approval-refused`, performed by the system when the
 * approvals module settles the round). A refused change is amended and evaluated again.
 */

export { CHANGE_STATUSES, type ChangeStatus };

const OPEN = ['new', 'evaluation', 'approval', 'accepted', 'test', 'qualification', 'applied', 'review'] as const satisfies readonly ChangeStatus[];
export type ChangeResumable = 'new' | 'evaluation';
export type ChangeAction =
  | Extract<LifecycleAction, { type: 'assign' | 'take' | 'unassign' }>
  | { type: 'evaluate' }
  | { type: 'submit-for-approval'; userIds: number[]; groupIds: number[]; mode: 'any' | 'all'; comment: string | null }
  | { type: 'approval-granted' }
  | { type: 'approval-refused' }
  | { type: 're-evaluate'; reason?: string }
  | { type: 'start-test' }
  | { type: 'qualify' }
  | { type: 'apply'; note: string | null }
  | { type: 'review' }
  | { type: 'close' };
export type ChangeState = ItilState<ChangeStatus, ChangeResumable>;

const run = lifecycleHandlers<ChangeStatus, ChangeResumable>({ queued: 'new', working: 'evaluation', closed: 'closed' });

/** An action that only moves the change on, by staff. */
function move<A extends ChangeAction>(from: readonly ChangeStatus[], to: ChangeStatus): ActionDef<ChangeStatus, ChangeResumable, A> {
  return {
    from,
    who: PERMISSIONS.staff,
    run(step) {
      step.moveTo(to);
      return undefined;
    },
  };
}

/** The approvals module's verdict: only the system (inside the answering transaction) gives it. */
function settle<A extends ChangeAction>(outcome: 'approved' | 'refused', to: ChangeStatus): ActionDef<ChangeStatus, ChangeResumable, A> {
  return {
    from: ['approval'],
    who: PERMISSIONS.system,
    run(step) {
      step.emit({ type: 'approval-settled', outcome });
      step.moveTo(to);
      return undefined;
    },
  };
}

const WORKED = OPEN.filter((s) => s !== 'new');

export const CHANGE_KIND: ItilKind<ChangeStatus, ChangeResumable, ChangeAction> = {
  name: 'change',
  statuses: CHANGE_STATUSES,
  open: OPEN,
  paused: ['closed', 'refused'],
  actions: {
    assign: { from: OPEN, who: PERMISSIONS.staff, run: run.assign },
    take: { from: OPEN, who: PERMISSIONS.staff, run: run.take },
    unassign: { from: WORKED, who: PERMISSIONS.staff, run: run.unassign },
    evaluate: move(['new'], 'evaluation'),
    'submit-for-approval': {
      from: ['evaluation'],
      who: PERMISSIONS.staff,
      run(step, a) {
        const userIds = [...new Set(a.userIds)];
        const groupIds = [...new Set(a.groupIds)];
        if (userIds.length + groupIds.length === 0) return fail('invalid-input', 'Name at least one approver (user or group).', 'approverUserIds');
        step.emit({ type: 'approval-requested', userIds, groupIds, mode: a.mode, comment: a.comment });
        step.moveTo('approval');
        return undefined;
      },
    },
    'approval-granted': settle('approved', 'accepted'),
    'approval-refused': settle('refused', 'refused'),
    're-evaluate': {
      from: ['refused'],
      who: PERMISSIONS.staff,
      run(step, a) {
        step.emit({ type: 'reopened', reason: a.reason?.trim() || null });
        step.moveTo('evaluation');
        return undefined;
      },
    },
    'start-test': move(['accepted'], 'test'),
    qualify: move(['test'], 'qualification'),
    apply: {
      from: ['accepted', 'test', 'qualification'],
      who: PERMISSIONS.staff,
      run(step, a) {
        step.emit({ type: 'applied', note: a.note });
        step.moveTo('applied');
        return undefined;
      },
    },
    review: move(['applied'], 'review'),
    close: move(['applied', 'review'], 'closed'),
  },
};
