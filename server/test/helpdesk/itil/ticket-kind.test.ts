import { describe, expect, it } from 'vitest';
import {
  availableActions,
  TICKET_STATUSES,
  transition,
  WORKFLOW_ACTIONS,
  type Actor,
  type TicketStatus,
  type WorkflowAction,
  type WorkflowActionType,
  type WorkflowTicket,
} from '../../../src/helpdesk/itil/ticket-kind.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const AT = new Date('2026-03-10T12:00:00Z');
const REQUESTER = 10;
const ASSIGNED_TECH = 20;
const OTHER_TECH = 22;
const GROUP = 30;

const requester: Actor = { kind: 'user', userId: REQUESTER, role: 'requester' };
const otherRequester: Actor = { kind: 'user', userId: 11, role: 'requester' };
const tech: Actor = { kind: 'user', userId: OTHER_TECH, role: 'technician' };
const admin: Actor = { kind: 'user', userId: 1, role: 'admin' };
const licenceManager: Actor = { kind: 'user', userId: 40, role: 'licence-manager' };
const system: Actor = { kind: 'system' };

/** A consistent ticket in each status. */
function ticketIn(status: TicketStatus): WorkflowTicket {
  const held = status !== 'new';
  return {
    status,
    requesterId: REQUESTER,
    assigneeUserIds: held ? [ASSIGNED_TECH] : [],
    assigneeGroupIds: held ? [GROUP] : [],
    statusBeforePending: status === 'pending' ? 'assigned' : null,
    solvedAt: status === 'solved' || status === 'closed' ? T0 : null,
    ownedAt: held ? T0 : null,
  };
}

/** A valid payload for each action. */
const GOOD_ACTION: Record<WorkflowActionType, WorkflowAction> = {
  assign: { type: 'assign', userIds: [21] },
  take: { type: 'take' },
  unassign: { type: 'unassign', userIds: [ASSIGNED_TECH] },
  plan: { type: 'plan', start: new Date('2026-03-11T08:00:00Z'), end: new Date('2026-03-11T10:00:00Z') },
  unplan: { type: 'unplan' },
  'set-pending': { type: 'set-pending', reason: 'Waiting for the replacement screen' },
  resume: { type: 'resume' },
  solve: { type: 'solve', solution: 'Replaced the cable' },
  'accept-solution': { type: 'accept-solution' },
  'refuse-solution': { type: 'refuse-solution', reason: 'Still flickers' },
  'auto-close': { type: 'auto-close', afterDays: 7 },
  close: { type: 'close' },
  reopen: { type: 'reopen' },
};

/** The actor that is entitled to each action. */
const GOOD_ACTOR: Record<WorkflowActionType, Actor> = {
  assign: tech,
  take: tech,
  unassign: tech,
  plan: tech,
  unplan: tech,
  'set-pending': tech,
  resume: tech,
  solve: tech,
  'accept-solution': requester,
  'refuse-solution': requester,
  'auto-close': system,
  close: admin,
  reopen: tech,
};

// Written independently of the module's table: the spec of which (status, action) pairs exist.
const ALLOWED = new Set([
  'new/assign', 'new/take', 'new/set-pending', 'new/solve',
  'assigned/assign', 'assigned/take', 'assigned/unassign', 'assigned/plan', 'assigned/set-pending', 'assigned/solve',
  'planned/assign', 'planned/take', 'planned/unassign', 'planned/plan', 'planned/unplan', 'planned/set-pending', 'planned/solve',
  'pending/assign', 'pending/take', 'pending/unassign', 'pending/resume', 'pending/solve',
  'solved/accept-solution', 'solved/refuse-solution', 'solved/auto-close', 'solved/close', 'solved/reopen',
  'closed/reopen',
]);

const PAIRS = TICKET_STATUSES.flatMap((s) => WORKFLOW_ACTIONS.map((a) => [s, a] as const));

describe('transition: the cartesian product of statuses × actions', () => {
  it('has 6 statuses × 13 actions', () => {
    expect(PAIRS).toHaveLength(78);
  });

  const disallowed = PAIRS.filter(([s, a]) => !ALLOWED.has(`${s}/${a}`));
  it.each(disallowed)('refuses %s + %s for every kind of actor', (status, action) => {
    const ticket = ticketIn(status);
    const before = structuredClone(ticket);
    for (const actor of [GOOD_ACTOR[action], admin, tech, requester, system]) {
      const r = transition(ticket, GOOD_ACTION[action], actor, AT);
      expect(r).toMatchObject({ ok: false, code: 'invalid-transition' });
      if (!r.ok) expect(r.message).toContain(status);
    }
    expect(ticket).toEqual(before);
  });

  const allowed = PAIRS.filter(([s, a]) => ALLOWED.has(`${s}/${a}`));
  it('the allowed list has 28 pairs', () => expect(allowed).toHaveLength(28));
  it.each(allowed)('accepts %s + %s from the entitled actor', (status, action) => {
    const ticket = ticketIn(status);
    const before = structuredClone(ticket);
    const r = transition(ticket, GOOD_ACTION[action], GOOD_ACTOR[action], AT);
    expect(r.ok).toBe(true);
    expect(ticket).toEqual(before); // never mutates its input
  });
});

/** Runs a transition that must succeed and returns its result. */
function ok(ticket: WorkflowTicket, action: WorkflowAction, actor: Actor, at = AT) {
  const r = transition(ticket, action, actor, at);
  if (!r.ok) throw new Error(`expected success, got ${r.code}: ${r.message}`);
  expect(r.status).toBe(r.next.status);
  return r;
}

function err(ticket: WorkflowTicket, action: WorkflowAction, actor: Actor, at = AT) {
  const r = transition(ticket, action, actor, at);
  if (r.ok) throw new Error(`expected a refusal, got ${r.status}`);
  return r;
}

describe('each allowed transition', () => {
  it('new + assign → assigned, taken into account', () => {
    const r = ok(ticketIn('new'), { type: 'assign', groupIds: [GROUP], userIds: [21, 21] }, tech);
    expect(r.status).toBe('assigned');
    expect(r.next.assigneeUserIds).toEqual([21]);
    expect(r.next.assigneeGroupIds).toEqual([GROUP]);
    expect(r.next.ownedAt).toEqual(AT);
    expect(r.events).toEqual([
      { type: 'assignees-added', userIds: [21], groupIds: [GROUP] },
      { type: 'taken-into-account' },
      { type: 'status-changed', from: 'new', to: 'assigned' },
    ]);
  });

  it('new + take → assigned to the taker', () => {
    const r = ok(ticketIn('new'), { type: 'take' }, tech);
    expect(r.status).toBe('assigned');
    expect(r.next.assigneeUserIds).toEqual([OTHER_TECH]);
    expect(r.events.map((e) => e.type)).toEqual(['assignees-added', 'taken-into-account', 'status-changed']);
  });

  it('new + set-pending → pending, remembering new', () => {
    const r = ok(ticketIn('new'), { type: 'set-pending', reason: '  Which printer?  ' }, tech);
    expect(r.status).toBe('pending');
    expect(r.next.statusBeforePending).toBe('new');
    expect(r.events).toEqual([
      { type: 'pending-set', reason: 'Which printer?' },
      { type: 'status-changed', from: 'new', to: 'pending' },
    ]);
  });

  it('new + solve → solved, and solving counts as taking into account', () => {
    const r = ok(ticketIn('new'), { type: 'solve', solution: 'Restarted the spooler' }, tech);
    expect(r.status).toBe('solved');
    expect(r.next.solvedAt).toEqual(AT);
    expect(r.next.ownedAt).toEqual(AT);
    expect(r.events).toEqual([
      { type: 'taken-into-account' },
      { type: 'solution-added', solution: 'Restarted the spooler' },
      { type: 'status-changed', from: 'new', to: 'solved' },
    ]);
  });

  it.each(['assigned', 'planned', 'pending'] as const)('%s + assign → same status, owner date kept', (status) => {
    const r = ok(ticketIn(status), { type: 'assign', userIds: [ASSIGNED_TECH, 21] }, admin);
    expect(r.status).toBe(status);
    expect(r.next.assigneeUserIds).toEqual([ASSIGNED_TECH, 21]);
    expect(r.next.ownedAt).toEqual(T0);
    expect(r.events).toEqual([{ type: 'assignees-added', userIds: [21], groupIds: [] }]);
  });

  it.each(['assigned', 'planned', 'pending'] as const)('%s + take → same status, taker added', (status) => {
    const r = ok(ticketIn(status), { type: 'take' }, tech);
    expect(r.status).toBe(status);
    expect(r.next.assigneeUserIds).toEqual([ASSIGNED_TECH, OTHER_TECH]);
    expect(r.events).toEqual([{ type: 'assignees-added', userIds: [OTHER_TECH], groupIds: [] }]);
  });

  it.each(['assigned', 'planned'] as const)('%s + unassign of some → same status', (status) => {
    const r = ok(ticketIn(status), { type: 'unassign', userIds: [ASSIGNED_TECH] }, tech);
    expect(r.status).toBe(status);
    expect(r.next.assigneeGroupIds).toEqual([GROUP]);
    expect(r.events).toEqual([{ type: 'assignees-removed', userIds: [ASSIGNED_TECH], groupIds: [] }]);
  });

  it.each(['assigned', 'planned'] as const)('%s + unassign of all → new', (status) => {
    const r = ok(ticketIn(status), { type: 'unassign', userIds: [ASSIGNED_TECH], groupIds: [GROUP] }, tech);
    expect(r.status).toBe('new');
    expect(r.events).toEqual([
      { type: 'assignees-removed', userIds: [ASSIGNED_TECH], groupIds: [GROUP] },
      { type: 'status-changed', from: status, to: 'new' },
    ]);
  });

  it('pending + unassign of all → stays pending, will resume to new', () => {
    const r = ok(ticketIn('pending'), { type: 'unassign', userIds: [ASSIGNED_TECH], groupIds: [GROUP] }, tech);
    expect(r.status).toBe('pending');
    expect(r.next.statusBeforePending).toBe('new');
    expect(ok(r.next, { type: 'resume' }, tech).status).toBe('new');
  });

  it.each(['assigned', 'planned'] as const)('%s + plan → planned', (status) => {
    const action = GOOD_ACTION.plan as Extract<WorkflowAction, { type: 'plan' }>;
    const r = ok(ticketIn(status), action, tech);
    expect(r.status).toBe('planned');
    expect(r.events[0]).toEqual({ type: 'planned', start: action.start, end: action.end });
    expect(r.events).toHaveLength(status === 'assigned' ? 2 : 1);
  });

  it('planned + unplan → assigned', () => {
    const r = ok(ticketIn('planned'), { type: 'unplan' }, tech);
    expect(r.status).toBe('assigned');
    expect(r.events).toEqual([{ type: 'status-changed', from: 'planned', to: 'assigned' }]);
  });

  it.each(['assigned', 'planned'] as const)('%s + set-pending → pending, then resume → %s', (status) => {
    const p = ok(ticketIn(status), { type: 'set-pending', reason: 'Waiting for the vendor' }, tech);
    expect(p.status).toBe('pending');
    expect(p.next.statusBeforePending).toBe(status);
    const r = ok(p.next, { type: 'resume' }, tech);
    expect(r.status).toBe(status);
    expect(r.next.statusBeforePending).toBeNull();
    expect(r.events).toEqual([{ type: 'status-changed', from: 'pending', to: status }]);
  });

  it('pending + resume by the requester (answering) → back', () => {
    expect(ok(ticketIn('pending'), { type: 'resume' }, requester).status).toBe('assigned');
  });

  it('pending (from new) + assign, then resume → assigned (it is held now)', () => {
    const p = ok(ticketIn('new'), { type: 'set-pending', reason: 'Need the asset tag' }, tech);
    const a = ok(p.next, { type: 'assign', groupIds: [GROUP] }, tech);
    expect(a.status).toBe('pending');
    expect(a.events.map((e) => e.type)).toEqual(['assignees-added', 'taken-into-account']);
    expect(ok(a.next, { type: 'resume' }, tech).status).toBe('assigned');
  });

  it('pending (from planned) resumes to new when nobody holds it any more', () => {
    const t: WorkflowTicket = { ...ticketIn('pending'), statusBeforePending: 'planned', assigneeUserIds: [], assigneeGroupIds: [] };
    expect(ok(t, { type: 'resume' }, tech).status).toBe('new');
  });

  it.each(['assigned', 'planned', 'pending'] as const)('%s + solve → solved', (status) => {
    const r = ok(ticketIn(status), { type: 'solve', solution: 'Done' }, tech);
    expect(r.status).toBe('solved');
    expect(r.next.solvedAt).toEqual(AT);
    expect(r.next.statusBeforePending).toBeNull();
    expect(r.events).toEqual([
      { type: 'solution-added', solution: 'Done' },
      { type: 'status-changed', from: status, to: 'solved' },
    ]);
  });

  it('solved + accept-solution by the requester → closed', () => {
    const r = ok(ticketIn('solved'), { type: 'accept-solution' }, requester);
    expect(r.status).toBe('closed');
    expect(r.events).toEqual([{ type: 'solution-accepted' }, { type: 'status-changed', from: 'solved', to: 'closed' }]);
  });

  it('solved + refuse-solution → assigned, the refusal in the events', () => {
    const r = ok(ticketIn('solved'), { type: 'refuse-solution', reason: ' Still broken ' }, requester);
    expect(r.status).toBe('assigned');
    expect(r.next.solvedAt).toBeNull();
    expect(r.events).toEqual([
      { type: 'solution-refused', reason: 'Still broken' },
      { type: 'status-changed', from: 'solved', to: 'assigned' },
    ]);
  });

  it('solved (never assigned) + refuse-solution → new', () => {
    const t = ok(ticketIn('new'), { type: 'solve', solution: 'x' }, tech).next;
    expect(ok(t, { type: 'refuse-solution', reason: 'no' }, requester).status).toBe('new');
  });

  it('solved + auto-close after exactly N days → closed', () => {
    const at = new Date(T0.getTime() + 7 * 86_400_000);
    const r = ok(ticketIn('solved'), { type: 'auto-close', afterDays: 7 }, system, at);
    expect(r.status).toBe('closed');
    expect(r.events).toEqual([{ type: 'auto-closed', afterDays: 7 }, { type: 'status-changed', from: 'solved', to: 'closed' }]);
  });

  it('solved + auto-close one millisecond early → too-early', () => {
    const at = new Date(T0.getTime() + 7 * 86_400_000 - 1);
    expect(err(ticketIn('solved'), { type: 'auto-close', afterDays: 7 }, system, at).code).toBe('too-early');
  });

  it('solved + auto-close with 0 days closes at once', () => {
    expect(ok(ticketIn('solved'), { type: 'auto-close', afterDays: 0 }, system, T0).status).toBe('closed');
  });

  it('solved + close by an admin → closed', () => {
    expect(ok(ticketIn('solved'), { type: 'close' }, admin).events).toEqual([{ type: 'status-changed', from: 'solved', to: 'closed' }]);
  });

  it.each(['solved', 'closed'] as const)('%s + reopen by staff → assigned', (status) => {
    const r = ok(ticketIn(status), { type: 'reopen', reason: 'Came back' }, tech);
    expect(r.status).toBe('assigned');
    expect(r.next.solvedAt).toBeNull();
    expect(r.events).toEqual([{ type: 'reopened', reason: 'Came back' }, { type: 'status-changed', from: status, to: 'assigned' }]);
  });

  it('closed (never assigned) + reopen → new, reason optional', () => {
    const t: WorkflowTicket = { ...ticketIn('closed'), assigneeUserIds: [], assigneeGroupIds: [] };
    const r = ok(t, { type: 'reopen' }, admin);
    expect(r.status).toBe('new');
    expect(r.events[0]).toEqual({ type: 'reopened', reason: null });
  });
});

describe('who may do what', () => {
  // Independent statement of the rules, per action: which actors are entitled.
  const ENTITLED: Record<WorkflowActionType, string[]> = {
    assign: ['admin', 'tech', 'tech-requester', 'system'],
    take: ['admin', 'tech', 'tech-requester'],
    unassign: ['admin', 'tech', 'tech-requester'],
    plan: ['admin', 'tech', 'tech-requester'],
    unplan: ['admin', 'tech', 'tech-requester'],
    'set-pending': ['admin', 'tech', 'tech-requester'],
    resume: ['admin', 'tech', 'tech-requester', 'requester'],
    solve: ['admin', 'tech', 'tech-requester'],
    'accept-solution': ['requester', 'tech-requester'],
    'refuse-solution': ['requester', 'tech-requester'],
    'auto-close': ['system'],
    close: ['admin'],
    reopen: ['admin', 'tech', 'tech-requester'],
  };
  const ACTORS: Record<string, Actor> = {
    admin,
    tech,
    'tech-requester': { kind: 'user', userId: REQUESTER, role: 'technician' },
    requester,
    'other-requester': otherRequester,
    'licence-manager': licenceManager,
    'licence-manager-requester': { kind: 'user', userId: REQUESTER, role: 'licence-manager' },
    system,
  };
  ENTITLED['accept-solution'].push('licence-manager-requester');
  ENTITLED['refuse-solution'].push('licence-manager-requester');
  ENTITLED.resume.push('licence-manager-requester');

  const cases = PAIRS.filter(([s, a]) => ALLOWED.has(`${s}/${a}`)).flatMap(([s, a]) =>
    Object.keys(ACTORS).map((who) => [s, a, who, ENTITLED[a].includes(who)] as const),
  );

  it.each(cases)('%s + %s by %s → allowed %s', (status, action, who, allowed) => {
    const actor = ACTORS[who]!;
    let ticket = ticketIn(status);
    // The tech-requester must not already be an assignee for take to change something.
    if (action === 'take' && actor.kind === 'user') ticket = { ...ticket, assigneeUserIds: ticket.assigneeUserIds.filter((u) => u !== actor.userId) };
    const r = transition(ticket, GOOD_ACTION[action], actor, AT);
    if (allowed) expect(r.ok).toBe(true);
    else expect(r).toMatchObject({ ok: false, code: 'forbidden' });
    expect(availableActions(ticket, actor).includes(action)).toBe(allowed);
  });

  it('a requester cannot accept for a ticket without a requester', () => {
    const t: WorkflowTicket = { ...ticketIn('solved'), requesterId: null };
    expect(err(t, { type: 'accept-solution' }, requester).code).toBe('forbidden');
  });

  it('forbidden messages say who may do it', () => {
    expect(err(ticketIn('new'), { type: 'take' }, requester).message).toMatch(/only helpdesk staff.*not a requester/);
    expect(err(ticketIn('solved'), { type: 'accept-solution' }, otherRequester).message).toMatch(/requester/);
  });

  it('availableActions lists the buttons', () => {
    expect(availableActions(ticketIn('solved'), requester)).toEqual(['accept-solution', 'refuse-solution']);
    expect(availableActions(ticketIn('solved'), admin)).toEqual(['close', 'reopen']);
    expect(availableActions(ticketIn('closed'), requester)).toEqual([]);
  });

  it('does not offer "take" to someone already assigned (it would change nothing)', () => {
    const ticket = ticketIn('assigned');
    const assigned = { kind: 'user', userId: 77, role: 'technician' } as const;
    expect(availableActions({ ...ticket, assigneeUserIds: [] }, assigned)).toContain('take');
    expect(availableActions({ ...ticket, assigneeUserIds: [77] }, assigned)).not.toContain('take');
    expect(availableActions({ ...ticket, assigneeUserIds: [77] }, assigned)).toContain('solve');
  });
});

describe('payload validation', () => {
  it.each(['', '   ', undefined as unknown as string])('set-pending needs a reason (%j)', (reason) => {
    expect(err(ticketIn('assigned'), { type: 'set-pending', reason }, tech)).toMatchObject({ code: 'invalid-input', field: 'reason' });
  });
  it.each(['', ' \n '])('solve needs a solution (%j)', (solution) => {
    expect(err(ticketIn('assigned'), { type: 'solve', solution }, tech)).toMatchObject({ code: 'invalid-input', field: 'solution' });
  });
  it('refuse-solution needs a reason', () => {
    expect(err(ticketIn('solved'), { type: 'refuse-solution', reason: ' ' }, requester)).toMatchObject({ code: 'invalid-input', field: 'reason' });
  });
  it('assign needs someone', () => {
    expect(err(ticketIn('new'), { type: 'assign' }, tech)).toMatchObject({ code: 'invalid-input', field: 'userIds' });
    expect(err(ticketIn('new'), { type: 'assign', userIds: [0] }, tech)).toMatchObject({ code: 'invalid-input', field: 'userIds' });
    expect(err(ticketIn('new'), { type: 'assign', groupIds: [1.5] }, tech)).toMatchObject({ code: 'invalid-input', field: 'groupIds' });
  });
  it('assigning only existing assignees is no-change', () => {
    expect(err(ticketIn('assigned'), { type: 'assign', userIds: [ASSIGNED_TECH], groupIds: [GROUP] }, tech).code).toBe('no-change');
    expect(err(ticketIn('assigned'), { type: 'take' }, { kind: 'user', userId: ASSIGNED_TECH, role: 'technician' }).code).toBe('no-change');
  });
  it('unassign checks its targets', () => {
    expect(err(ticketIn('assigned'), { type: 'unassign' }, tech)).toMatchObject({ code: 'invalid-input' });
    expect(err(ticketIn('assigned'), { type: 'unassign', userIds: [99] }, tech)).toMatchObject({ code: 'not-assigned', field: 'userIds' });
    expect(err(ticketIn('assigned'), { type: 'unassign', groupIds: [99] }, tech)).toMatchObject({ code: 'not-assigned', field: 'groupIds' });
    expect(err(ticketIn('assigned'), { type: 'unassign', userIds: [-1] }, tech)).toMatchObject({ code: 'invalid-input', field: 'userIds' });
  });
  it('plan needs start < end and valid dates', () => {
    const s = new Date('2026-03-11T08:00:00Z');
    expect(err(ticketIn('assigned'), { type: 'plan', start: s, end: s }, tech)).toMatchObject({ code: 'invalid-input', field: 'end' });
    expect(err(ticketIn('assigned'), { type: 'plan', start: new Date('nope'), end: s }, tech)).toMatchObject({ field: 'start' });
    expect(err(ticketIn('assigned'), { type: 'plan', start: s, end: new Date(Number.NaN) }, tech)).toMatchObject({ field: 'end' });
  });
  it('auto-close validates its delay and needs a solution date', () => {
    expect(err(ticketIn('solved'), { type: 'auto-close', afterDays: -1 }, system)).toMatchObject({ field: 'afterDays' });
    expect(err(ticketIn('solved'), { type: 'auto-close', afterDays: Number.NaN }, system)).toMatchObject({ field: 'afterDays' });
    expect(err({ ...ticketIn('solved'), solvedAt: null }, { type: 'auto-close', afterDays: 1 }, system)).toMatchObject({ field: 'solvedAt' });
  });
  it('status is checked before permission, permission before payload', () => {
    expect(err(ticketIn('closed'), { type: 'solve', solution: '' }, requester).code).toBe('invalid-transition');
    expect(err(ticketIn('new'), { type: 'solve', solution: '' }, requester).code).toBe('forbidden');
  });
});

describe('the issue scenario as a sequence', () => {
  it('open → group → take → pending → resume → solve → refuse → solve → accept', () => {
    let t: WorkflowTicket = ticketIn('new');
    const steps: [WorkflowAction, Actor, TicketStatus][] = [
      [{ type: 'assign', groupIds: [GROUP] }, admin, 'assigned'],
      [{ type: 'take' }, { kind: 'user', userId: ASSIGNED_TECH, role: 'technician' }, 'assigned'],
      [{ type: 'set-pending', reason: 'Over the weekend' }, tech, 'pending'],
      [{ type: 'resume' }, tech, 'assigned'],
      [{ type: 'solve', solution: 'Fixed' }, tech, 'solved'],
      [{ type: 'refuse-solution', reason: 'Not fixed' }, requester, 'assigned'],
      [{ type: 'solve', solution: 'Fixed for real' }, tech, 'solved'],
      [{ type: 'accept-solution' }, requester, 'closed'],
    ];
    let owned = 0;
    for (const [action, actor, expected] of steps) {
      const r = ok(t, action, actor);
      owned += r.events.filter((e) => e.type === 'taken-into-account').length;
      t = r.next;
      expect(t.status).toBe(expected);
    }
    expect(owned).toBe(1);
    expect(t.assigneeUserIds).toEqual([ASSIGNED_TECH]);
  });
});
