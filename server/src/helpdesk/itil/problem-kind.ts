import { PROBLEM_STATUSES, type ProblemStatus } from '@parc/shared/api/itil-enums';
import { lifecycleHandlers, type LifecycleAction } from './lifecycle-actions.js';
import { PERMISSIONS } from './permissions.js';
import type { ItilKind, ItilState } from './workflow.js';

/**
 * Problems as an ITIL kind (GLPI's statuses): `new`, `accepted` (the problem is real), `analysis` (its
 * cause is being sought), `solved`, `closed`. Assignment, solving, closing and reopening are the shared
 * lifecycle handlers; only accepting and starting the analysis are the problem's own.
 */

export { PROBLEM_STATUSES, type ProblemStatus };

const OPEN = ['new', 'accepted', 'analysis'] as const satisfies readonly ProblemStatus[];
export type ProblemResumable = (typeof OPEN)[number];
export type ProblemAction = Exclude<LifecycleAction, { type: 'plan' | 'unplan' | 'set-pending' | 'resume' | 'accept-solution' | 'refuse-solution' | 'auto-close' }> | { type: 'accept' } | { type: 'analyse' };
export type ProblemState = ItilState<ProblemStatus, ProblemResumable>;

const run = lifecycleHandlers<ProblemStatus, ProblemResumable>({ queued: 'new', working: 'analysis', solved: 'solved', closed: 'closed' });

export const PROBLEM_KIND: ItilKind<ProblemStatus, ProblemResumable, ProblemAction> = {
  name: 'problem',
  statuses: PROBLEM_STATUSES,
  open: OPEN,
  paused: ['solved', 'closed'],
  actions: {
    assign: { from: OPEN, who: PERMISSIONS.staff, run: run.assign },
    take: { from: OPEN, who: PERMISSIONS.staff, run: run.take },
    unassign: { from: ['accepted', 'analysis'], who: PERMISSIONS.staff, run: run.unassign },
    accept: {
      from: ['new'],
      who: PERMISSIONS.staff,
      run(step) {
        step.markOwned();
        step.moveTo('accepted');
        return undefined;
      },
    },
    analyse: {
      from: ['new', 'accepted'],
      who: PERMISSIONS.staff,
      run(step) {
        step.markOwned();
        step.moveTo('analysis');
        return undefined;
      },
    },
    // The system solves a problem when the change that fixes it closes.
    solve: { from: OPEN, who: PERMISSIONS.staffOrSystem, run: run.solve },
    close: { from: ['solved'], who: PERMISSIONS.staff, run: run.close },
    reopen: { from: ['solved', 'closed'], who: PERMISSIONS.staff, run: run.reopen },
  },
};
