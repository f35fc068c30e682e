import { describe, expect, it } from 'vitest';
import { ROLES } from '@parc/shared';
import { lifecycleHandlers, type LifecycleAction } from '../../../src/helpdesk/itil/lifecycle-actions.js';
import { PERMISSIONS, permits, type Actor, type Permission } from '../../../src/helpdesk/itil/permissions.js';
import { OPEN_STATUSES, PAUSED_STATUSES, TICKET_KIND, TICKET_STATUSES, WORKFLOW_ACTIONS } from '../../../src/helpdesk/itil/ticket-kind.js';
import { actionsFor, actionTypes, fail, offeredActions, runAction, type ItilKind, type ItilState } from '../../../src/helpdesk/itil/workflow.js';

const AT = new Date('2026-03-10T12:00:00Z');
const T0 = new Date('2026-03-02T09:00:00Z');

describe('permissions as data', () => {
  const object = { requesterId: 10, assigneeUserIds: [20] };
  const users: Actor[] = ROLES.flatMap((role) => [10, 20, 30].map((userId): Actor => ({ kind: 'user', userId, role })));
  const system: Actor = { kind: 'system' };

  // Stated independently: who each named permission lets through (user id 10 is the requester, 20 an assignee).
  const expected: Record<keyof typeof PERMISSIONS, (a: Actor) => boolean> = {
    staff: (a) => a.kind === 'user' && (a.role === 'admin' || a.role === 'technician'),
    admin: (a) => a.kind === 'user' && a.role === 'admin',
    requester: (a) => a.kind === 'user' && a.userId === 10,
    requesterOrStaff: (a) => a.kind === 'user' && (a.userId === 10 || a.role === 'admin' || a.role === 'technician'),
    staffOrSystem: (a) => a.kind === 'system' || a.role === 'admin' || a.role === 'technician',
    system: (a) => a.kind === 'system',
  };

  const cases = (Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]).flatMap((name) =>
    [...users, system].map((actor) => [name, actor.kind === 'system' ? 'system' : `${actor.role} #${actor.userId}`, actor] as const),
  );
  it.each(cases)('%s lets %s through only when entitled', (name, _label, actor) => {
    expect(permits(PERMISSIONS[name], object, actor)).toBe(expected[name](actor));
  });

  it('an assignee relation entitles any role, and nobody else', () => {
    const assignee: Permission = { relations: ['assignee'], label: 'only its assignees' };
    for (const actor of users) expect(permits(assignee, object, actor)).toBe(actor.kind === 'user' && actor.userId === 20);
    expect(permits(assignee, object, system)).toBe(false);
  });

  it('a requester relation never matches an object without a Parc requester', () => {
    expect(permits(PERMISSIONS.requester, { requesterId: null, assigneeUserIds: [] }, { kind: 'user', userId: 10, role: 'requester' })).toBe(false);
  });
});

describe('the ticket kind as data', () => {
  it('lists its statuses once, with the open and paused sets inside them', () => {
    expect(TICKET_KIND.statuses).toEqual(TICKET_STATUSES);
    expect(TICKET_KIND.open).toEqual(OPEN_STATUSES);
    expect(TICKET_KIND.paused).toEqual(PAUSED_STATUSES);
    expect(OPEN_STATUSES.every((s) => TICKET_STATUSES.includes(s))).toBe(true);
    expect(PAUSED_STATUSES.every((s) => TICKET_STATUSES.includes(s))).toBe(true);
    // Solved and closed are neither open nor running the clock; pending is open but paused.
    expect(TICKET_STATUSES.filter((s) => !OPEN_STATUSES.includes(s))).toEqual(['solved', 'closed']);
    expect(PAUSED_STATUSES.filter((s) => OPEN_STATUSES.includes(s))).toEqual(['pending']);
  });

  it('offers every action from known statuses, and every open status offers something', () => {
    expect(actionTypes(TICKET_KIND)).toEqual(WORKFLOW_ACTIONS);
    for (const a of WORKFLOW_ACTIONS) {
      expect(TICKET_KIND.actions[a].from.length).toBeGreaterThan(0);
      for (const s of TICKET_KIND.actions[a].from) expect(TICKET_STATUSES).toContain(s);
    }
    for (const s of TICKET_STATUSES) expect(offeredActions(TICKET_KIND, s).length).toBeGreaterThan(0);
  });

  // Stated independently of the module: which named permission each action needs.
  const PERMISSION_OF: Record<string, Permission> = {
    assign: PERMISSIONS.staffOrSystem,
    take: PERMISSIONS.staff,
    unassign: PERMISSIONS.staff,
    plan: PERMISSIONS.staff,
    unplan: PERMISSIONS.staff,
    'set-pending': PERMISSIONS.staff,
    resume: PERMISSIONS.requesterOrStaff,
    solve: PERMISSIONS.staff,
    'accept-solution': PERMISSIONS.requester,
    'refuse-solution': PERMISSIONS.requester,
    'auto-close': PERMISSIONS.system,
    close: PERMISSIONS.admin,
    reopen: PERMISSIONS.staff,
  };
  it.each(WORKFLOW_ACTIONS.map((a) => [a]))('%s needs its named permission', (a) => {
    expect(TICKET_KIND.actions[a].who).toBe(PERMISSION_OF[a]);
  });
});

// A second kind built from the same machinery, with statuses of its own (the shape a problem takes in
// issue 13): nothing of the ticket module is copied, only the lifecycle's parts are named differently.
type ProblemStatus = 'new' | 'accepted' | 'analysis' | 'solved' | 'closed';
type ProblemResumable = 'new' | 'accepted' | 'analysis';
type ProblemAction = Extract<LifecycleAction, { type: 'assign' | 'unassign' | 'solve' | 'close' | 'reopen' }> | { type: 'analyse' };
const handlers = lifecycleHandlers<ProblemStatus, ProblemResumable>({ queued: 'new', working: 'accepted', planned: 'analysis', pending: 'analysis', solved: 'solved', closed: 'closed' });
const PROBLEM: ItilKind<ProblemStatus, ProblemResumable, ProblemAction> = {
  name: 'problem',
  statuses: ['new', 'accepted', 'analysis', 'solved', 'closed'],
  open: ['new', 'accepted', 'analysis'],
  paused: ['solved', 'closed'],
  actions: {
    assign: { from: ['new', 'accepted', 'analysis'], who: PERMISSIONS.staff, run: handlers.assign },
    unassign: { from: ['accepted', 'analysis'], who: PERMISSIONS.staff, run: handlers.unassign },
    analyse: {
      from: ['accepted'],
      who: { relations: ['assignee'], label: 'only its assignees can do this' },
      run: (step) => {
        if (step.before.solvedAt !== null) return fail('invalid-input', 'a solved problem is not analysed', 'solvedAt');
        step.moveTo('analysis');
        return undefined;
      },
    },
    solve: { from: ['accepted', 'analysis'], who: PERMISSIONS.staff, run: handlers.solve },
    close: { from: ['solved'], who: PERMISSIONS.admin, run: handlers.close },
    reopen: { from: ['solved', 'closed'], who: PERMISSIONS.staff, run: handlers.reopen },
  },
};

describe('another kind reuses the machine', () => {
  const state = (status: ProblemStatus, assignees: number[] = []): ItilState<ProblemStatus, ProblemResumable> => ({
    status,
    requesterId: 10,
    assigneeUserIds: assignees,
    assigneeGroupIds: [],
    statusBeforePending: null,
    solvedAt: status === 'solved' || status === 'closed' ? T0 : null,
    ownedAt: assignees.length ? T0 : null,
  });
  const tech: Actor = { kind: 'user', userId: 20, role: 'technician' };
  const otherTech: Actor = { kind: 'user', userId: 21, role: 'technician' };
  const admin: Actor = { kind: 'user', userId: 1, role: 'admin' };
  const payload: Record<ProblemAction['type'], ProblemAction> = {
    assign: { type: 'assign', userIds: [20] },
    unassign: { type: 'unassign', userIds: [20] },
    analyse: { type: 'analyse' },
    solve: { type: 'solve', solution: 'Root cause: the DHCP lease time' },
    close: { type: 'close' },
    reopen: { type: 'reopen' },
  };

  const ALLOWED = new Set(['new/assign', 'accepted/assign', 'analysis/assign', 'accepted/unassign', 'analysis/unassign', 'accepted/analyse', 'accepted/solve', 'analysis/solve', 'solved/close', 'solved/reopen', 'closed/reopen']);
  const pairs = PROBLEM.statuses.flatMap((s) => actionTypes(PROBLEM).map((a) => [s, a] as const));
  it.each(pairs)('%s + %s follows the table', (status, action) => {
    const actor = action === 'close' ? admin : tech;
    const before = state(status, status === 'new' ? [] : [20]);
    const r = runAction(PROBLEM, before, payload[action], actor, AT);
    if (!ALLOWED.has(`${status}/${action}`)) {
      expect(r).toMatchObject({ ok: false, code: 'invalid-transition' });
      if (!r.ok) expect(r.message).toBe(`A ${status} problem cannot be given "${action}".`);
    } else if (action === 'assign' && status !== 'new') {
      expect(r).toMatchObject({ ok: false, code: 'no-change' }); // 20 holds it already
    } else expect(r.ok).toBe(true);
  });

  it('moves through its own statuses with the shared handlers', () => {
    const assigned = runAction(PROBLEM, state('new'), payload.assign, tech, AT);
    expect(assigned).toMatchObject({ ok: true, status: 'accepted' });
    const analysed = runAction(PROBLEM, assigned.ok ? assigned.next : state('new'), payload.analyse, tech, AT);
    expect(analysed).toMatchObject({ ok: true, status: 'analysis', events: [{ type: 'status-changed', from: 'accepted', to: 'analysis' }] });
    const solved = runAction(PROBLEM, analysed.ok ? analysed.next : state('new'), payload.solve, tech, AT);
    expect(solved).toMatchObject({ ok: true, status: 'solved', next: { solvedAt: AT } });
    const reopened = runAction(PROBLEM, solved.ok ? solved.next : state('new'), payload.reopen, tech, AT);
    expect(reopened).toMatchObject({ ok: true, status: 'accepted', next: { solvedAt: null } });
  });

  it('checks its own permissions: a relation, not a role', () => {
    expect(runAction(PROBLEM, state('accepted', [20]), payload.analyse, otherTech, AT)).toMatchObject({ ok: false, code: 'forbidden', message: 'analyse: only its assignees can do this, not a technician.' });
    expect(actionsFor(PROBLEM, state('accepted', [20]), tech)).toEqual(['assign', 'unassign', 'analyse', 'solve']);
    expect(actionsFor(PROBLEM, state('accepted', [20]), otherTech)).toEqual(['assign', 'unassign', 'solve']);
    expect(actionsFor(PROBLEM, state('solved', [20]), tech)).toEqual(['reopen']);
    expect(actionsFor(PROBLEM, state('solved', [20]), admin)).toEqual(['close', 'reopen']);
  });

  it("names the kind in the shared handlers' messages", () => {
    expect(runAction(PROBLEM, state('accepted', [20]), { type: 'solve', solution: ' ' }, tech, AT)).toMatchObject({ ok: false, field: 'solution', message: 'A solution is required to solve the problem.' });
  });

  it('a failing handler leaves no trace', () => {
    const odd = { ...state('accepted', [20]), solvedAt: T0 };
    const copy = structuredClone(odd);
    expect(runAction(PROBLEM, odd, payload.analyse, tech, AT)).toEqual({ ok: false, code: 'invalid-input', message: 'a solved problem is not analysed', field: 'solvedAt' });
    expect(runAction(PROBLEM, odd, { type: 'unassign', userIds: [99] }, tech, AT)).toMatchObject({ ok: false, code: 'not-assigned' });
    expect(odd).toEqual(copy);
  });
});
