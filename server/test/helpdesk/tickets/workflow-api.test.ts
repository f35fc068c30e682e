import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/platform/log.js';
import { autoCloseSolved } from '../../../src/helpdesk/tickets/auto-close.js';
import { at, fails, helpdesk, ok, setupTicketsApp, type Detail, type Page, type TestContext } from './helpers.js';

let t: TestContext;
let admin: Record<string, string>;
let tech: Record<string, string>;
let rob: Record<string, string>;
let sue: Record<string, string>;
let ids: { admin: number; tina: number; rob: number; sue: number };

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at('2026-12-01T08:00:00Z');
  t = await setupTicketsApp();
  admin = await t.as('admin');
  tech = await t.as('technician', 'tina');
  rob = await t.as('requester', 'rob');
  sue = await t.as('requester', 'sue');
  const h = helpdesk(t, admin);
  ids = { admin: (await h.me(admin)).id, tina: (await h.me(tech)).id, rob: (await h.me(rob)).id, sue: (await h.me(sue)).id };
});
afterEach(() => {
  vi.useRealTimers();
});

const open = (as: Record<string, string>, body: Record<string, unknown> = {}) =>
  ok<Detail>(t.json('POST', '/api/v1/tickets', { title: 'Printer offline', description: 'Nothing prints.', ...body }, as), 201);
const act = (id: number, body: Record<string, unknown>, as: Record<string, string>) => t.json('POST', `/api/v1/tickets/${id}/actions`, body, as);
const get = (id: number, as: Record<string, string>) => t.json('GET', `/api/v1/tickets/${id}`, undefined, as);
const followup = (id: number, body: string, priv: boolean, as: Record<string, string>) => t.json('POST', `/api/v1/tickets/${id}/followups`, { body, private: priv }, as);
const task = (id: number, body: Record<string, unknown>, as: Record<string, string>) => t.json('POST', `/api/v1/tickets/${id}/tasks`, body, as);

describe('visibility for requesters', () => {
  it('sees own and observed tickets only, in detail and list', async () => {
    const mine = await open(rob);
    // Staff add observers (a requester cannot: security/ticket-observers.test.ts).
    const observed = await open(tech, { requesterId: ids.sue, observerIds: [ids.rob] });
    const others = await open(sue);
    const staffs = await open(tech);
    for (const id of [others.id, staffs.id]) {
      const e = await fails(get(id, rob));
      expect([e.status, e.code]).toEqual([404, 'not_found']);
    }
    await ok(get(mine.id, rob));
    await ok(get(observed.id, rob));
    const list = await ok<Page>(t.json('GET', '/api/v1/tickets', undefined, rob));
    expect(list.items.map((i) => i.id).sort()).toEqual([mine.id, observed.id].sort());
    expect(list.total).toBe(2);
    // Filters cannot widen what a requester sees.
    expect((await ok<Page>(t.json('GET', `/api/v1/tickets?requesterId=${ids.sue}`, undefined, rob))).items.map((i) => i.id)).toEqual([observed.id]);
    expect((await ok<Page>(t.json('GET', `/api/v1/tickets?q=%23${others.id}`, undefined, rob))).total).toBe(0);
    // Staff see everything.
    expect((await ok<Page>(t.json('GET', '/api/v1/tickets', undefined, tech))).total).toBe(4);
    // Actions and followups on someone else's ticket: 404 too.
    expect((await fails(followup(others.id, 'hello', false, rob))).status).toBe(404);
    expect((await fails(act(others.id, { action: 'resume' }, rob))).status).toBe(404);
  });

  it('never sees private followups or private tasks; cannot write private followups; cannot edit', async () => {
    const tk = await open(rob);
    await ok(followup(tk.id, 'internal: user is VIP', true, tech), 201);
    await ok(followup(tk.id, 'We are on it', false, tech), 201);
    await ok(task(tk.id, { description: 'secret task', private: true }, tech), 201);
    await ok(task(tk.id, { description: 'public task', private: false }, tech), 201);
    const asRob = await ok<Detail>(get(tk.id, rob));
    const text = JSON.stringify(asRob);
    expect(text).not.toContain('internal: user is VIP');
    expect(text).not.toContain('secret task');
    expect(asRob.timeline.some((e) => e.private)).toBe(false);
    expect(asRob.timeline.find((e) => e.kind === 'followup')?.body).toBe('We are on it');
    const asTech = await ok<Detail>(get(tk.id, tech));
    expect(asTech.timeline.filter((e) => e.private).map((e) => e.kind).sort()).toEqual(['followup', 'task']);
    // Updating a private task does not leak it either.
    const secret = asTech.timeline.find((e) => e.task?.description === 'secret task')!.task!;
    await ok(t.json('PATCH', `/api/v1/tickets/${tk.id}/tasks/${secret.id}`, { state: 'done', durationMinutes: 30 }, tech));
    expect((await ok<Detail>(get(tk.id, rob))).timeline.some((e) => e.private || e.kind === 'task-updated')).toBe(false);
    // Nor does the list or the CSV, searched by a word of the private followup.
    expect((await ok<Page>(t.json('GET', '/api/v1/tickets?q=VIP', undefined, rob))).total).toBe(0);

    const e = await fails(followup(tk.id, 'let me hide this', true, rob));
    expect([e.status, e.field]).toEqual([400, 'private']);
    expect((await fails(t.json('PATCH', `/api/v1/tickets/${tk.id}`, { title: 'Mine now' }, rob))).status).toBe(403);
    expect((await fails(task(tk.id, { description: 'x' }, rob))).status).toBe(403);
    await ok(followup(tk.id, 'Thanks!', false, rob), 201);
    const rows = await t.db.selectFrom('ticket_events').select(['kind', 'private', 'body']).where('kind', '=', 'followup').orderBy('id').execute();
    expect(rows.map((r) => [r.private, r.body])).toEqual([
      [true, 'internal: user is VIP'],
      [false, 'We are on it'],
      [false, 'Thanks!'],
    ]);
  });

  it('accepts or refuses only their own solved ticket', async () => {
    const robs = await open(tech, { requesterId: ids.rob, observerIds: [ids.sue] });
    await ok(act(robs.id, { action: 'take' }, tech));
    await ok(act(robs.id, { action: 'solve', solution: 'Restarted the spooler' }, tech));
    // Sue observes it but is not its requester; tina is staff but not its requester.
    for (const who of [sue, tech, admin]) {
      expect((await fails(act(robs.id, { action: 'accept-solution' }, who))).status).toBe(403);
      expect((await fails(act(robs.id, { action: 'refuse-solution', reason: 'no' }, who))).status).toBe(403);
    }
    const asRob = await ok<Detail>(get(robs.id, rob));
    expect(asRob.availableActions.sort()).toEqual(['accept-solution', 'refuse-solution']);
    const e = await fails(act(robs.id, { action: 'refuse-solution' }, rob));
    expect([e.status, e.field]).toEqual([400, 'reason']);
    expect((await ok<Detail>(act(robs.id, { action: 'accept-solution' }, rob))).status).toBe('closed');
  });
});

describe('workflow through the API', () => {
  it('assign → pending → resume → solve → refuse → solve → accept, with the timeline in order and its actors', async () => {
    const h = helpdesk(t, admin);
    const desk = await h.group('Desk', [ids.tina]);
    const tk = await open(rob);
    expect(tk.status).toBe('new');
    expect(tk.availableActions).toEqual([]);

    // Refusals: wrong status (409), wrong person (403), bad input (400).
    expect(await fails(act(tk.id, { action: 'resume' }, tech))).toMatchObject({ status: 409, code: 'invalid_transition' });
    expect(await fails(act(tk.id, { action: 'accept-solution' }, rob))).toMatchObject({ status: 409, code: 'invalid_transition' });
    expect((await fails(act(tk.id, { action: 'assign', userIds: [ids.tina] }, rob))).status).toBe(403);
    expect(await fails(act(tk.id, { action: 'assign' }, tech))).toMatchObject({ status: 400, field: 'userIds' });
    expect(await fails(act(tk.id, { action: 'assign', userIds: [ids.rob] }, tech))).toMatchObject({ status: 400, field: 'userIds' });
    expect(await fails(act(tk.id, { action: 'assign', userIds: [9999] }, tech))).toMatchObject({ status: 400, field: 'userIds' });
    expect(await fails(act(tk.id, { action: 'assign', groupIds: [9999] }, tech))).toMatchObject({ status: 400, field: 'groupIds' });
    expect(await fails(act(tk.id, { action: 'fly' }, tech))).toMatchObject({ status: 400, field: 'action' });
    expect(await fails(act(tk.id, { action: 'set-pending', reason: '  ' }, tech))).toMatchObject({ status: 400, field: 'reason' });
    expect(await fails(act(tk.id, { action: 'solve', solution: '' }, tech))).toMatchObject({ status: 400, field: 'solution' });
    // Nothing of that was stored.
    expect((await ok<Detail>(get(tk.id, tech))).timeline.map((e) => e.kind)).toEqual(['created']);

    at('2026-12-01T09:00:00Z');
    const assigned = await ok<Detail>(act(tk.id, { action: 'assign', userIds: [ids.tina], groupIds: [desk.id] }, admin));
    expect(assigned.status).toBe('assigned');
    expect(assigned.assignees).toEqual({ users: [expect.objectContaining({ id: ids.tina })], groups: [{ id: desk.id, name: 'Desk' }] });
    expect(await fails(act(tk.id, { action: 'assign', userIds: [ids.tina] }, tech))).toMatchObject({ status: 409, code: 'no_change' });
    expect(await fails(act(tk.id, { action: 'take' }, tech))).toMatchObject({ status: 409, code: 'no_change' });

    at('2026-12-01T10:00:00Z');
    expect((await ok<Detail>(act(tk.id, { action: 'set-pending', reason: 'Waiting for toner' }, tech))).pendingReason).toBe('Waiting for toner');
    expect(await fails(act(tk.id, { action: 'set-pending', reason: 'again' }, tech))).toMatchObject({ status: 409 });
    at('2026-12-01T11:00:00Z');
    // The requester answering resumes it.
    const resumed = await ok<Detail>(act(tk.id, { action: 'resume' }, rob));
    expect([resumed.status, resumed.pendingReason]).toEqual(['assigned', null]);
    at('2026-12-01T12:00:00Z');
    const solved = await ok<Detail>(t.json('POST', `/api/v1/tickets/${tk.id}/solution`, { solution: 'New toner' }, tech));
    expect([solved.status, solved.solution]).toEqual(['solved', 'New toner']);
    expect(await fails(act(tk.id, { action: 'solve', solution: 'again' }, tech))).toMatchObject({ status: 409, code: 'invalid_transition' });
    at('2026-12-01T13:00:00Z');
    expect((await ok<Detail>(act(tk.id, { action: 'refuse-solution', reason: 'Still offline' }, rob))).status).toBe('assigned');
    at('2026-12-01T14:00:00Z');
    await ok(act(tk.id, { action: 'solve', solution: 'Replaced the network cable' }, tech));
    at('2026-12-01T15:00:00Z');
    const closed = await ok<Detail>(act(tk.id, { action: 'accept-solution' }, rob));
    expect(closed.status).toBe('closed');
    expect(await fails(followup(tk.id, 'one more thing', false, rob))).toMatchObject({ status: 409, code: 'ticket_closed' });
    expect(await fails(task(tk.id, { description: 'late task' }, tech))).toMatchObject({ status: 409 });
    expect(await fails(act(tk.id, { action: 'reopen' }, rob))).toMatchObject({ status: 403 });

    const timeline = closed.timeline.map((e) => [e.at.slice(11, 16), e.kind, e.actor?.username ?? null, e.kind === 'status' ? `${String(e.data.from)}>${String(e.data.to)}` : e.body]);
    expect(timeline).toEqual([
      ['08:00', 'created', 'rob', null],
      ['09:00', 'assignment', 'admin', null],
      ['09:00', 'status', 'admin', 'new>assigned'],
      ['10:00', 'pending', 'tina', 'Waiting for toner'],
      ['10:00', 'status', 'tina', 'assigned>pending'],
      ['11:00', 'status', 'rob', 'pending>assigned'],
      ['12:00', 'solution', 'tina', 'New toner'],
      ['12:00', 'status', 'tina', 'assigned>solved'],
      ['13:00', 'solution-refused', 'rob', 'Still offline'],
      ['13:00', 'status', 'rob', 'solved>assigned'],
      ['14:00', 'solution', 'tina', 'Replaced the network cable'],
      ['14:00', 'status', 'tina', 'assigned>solved'],
      ['15:00', 'solution-accepted', 'rob', null],
      ['15:00', 'status', 'rob', 'solved>closed'],
    ]);
    const row = await t.db.selectFrom('tickets').select(['owned_at', 'solved_at', 'closed_at']).where('id', '=', tk.id).executeTakeFirstOrThrow();
    expect([row.owned_at, row.solved_at, row.closed_at].map((d) => new Date(d!).toISOString().slice(11, 16))).toEqual(['09:00', '14:00', '15:00']);

    // Staff reopen a closed ticket: back to assigned (it still has assignees).
    at('2026-12-02T09:00:00Z');
    const reopened = await ok<Detail>(act(tk.id, { action: 'reopen', reason: 'It came back' }, tech));
    expect(reopened.status).toBe('assigned');
    expect(reopened.timeline.at(-2)).toMatchObject({ kind: 'reopened', body: 'It came back', actor: { username: 'tina' } });
    expect((await t.db.selectFrom('tickets').select(['closed_at', 'solved_at']).where('id', '=', tk.id).executeTakeFirstOrThrow())).toEqual({ closed_at: null, solved_at: null });
    await ok(followup(tk.id, 'Thanks for coming back', false, tech), 201);
  });

  it('take, unassign back to new, assign only staff, close by admins only', async () => {
    const tk = await open(rob);
    await ok(act(tk.id, { action: 'take' }, tech));
    expect(await fails(act(tk.id, { action: 'unassign', userIds: [ids.admin] }, tech))).toMatchObject({ status: 400, field: 'userIds' });
    const back = await ok<Detail>(act(tk.id, { action: 'unassign', userIds: [ids.tina] }, tech));
    expect([back.status, back.assignees.users]).toEqual(['new', []]);
    expect(back.timeline.at(-1)?.data).toEqual({ from: 'assigned', to: 'new' });

    // A technician who is also the requester of a ticket.
    const own = await open(tech);
    await ok(act(own.id, { action: 'assign', userIds: [ids.admin] }, tech));
    await ok(act(own.id, { action: 'solve', solution: 'done' }, admin));
    expect((await fails(act(own.id, { action: 'close' }, tech))).status).toBe(403);
    expect((await ok<Detail>(act(own.id, { action: 'close' }, admin))).status).toBe('closed');
    // Reopening a ticket without assignees puts it back in the queue.
    await ok(act(tk.id, { action: 'solve', solution: 'x' }, tech));
    expect((await ok<Detail>(act(tk.id, { action: 'reopen' }, admin))).status).toBe('new');
  });

  it('a task with planned dates plans the ticket; marking it done brings it back to assigned', async () => {
    const tk = await open(rob);
    // Not assigned yet: planning does not apply to a new ticket.
    await ok(task(tk.id, { description: 'visit', plannedStart: '2026-12-02T09:00:00Z', plannedEnd: '2026-12-02T10:00:00Z' }, tech), 201);
    expect((await ok<Detail>(get(tk.id, tech))).status).toBe('new');
    await ok(act(tk.id, { action: 'take' }, tech));
    expect(await fails(task(tk.id, { description: 'x', plannedStart: '2026-12-02T09:00:00Z' }, tech))).toMatchObject({ status: 400, field: 'plannedEnd' });
    expect(await fails(task(tk.id, { description: 'x', plannedStart: '2026-12-02T09:00:00Z', plannedEnd: '2026-12-02T08:00:00Z' }, tech))).toMatchObject({
      status: 400,
      field: 'plannedEnd',
    });
    expect(await fails(task(tk.id, { description: 'x', assigneeId: ids.rob }, tech))).toMatchObject({ status: 400 });
    const a = await ok<Detail>(task(tk.id, { description: 'swap toner', plannedStart: '2026-12-03T09:00:00Z', plannedEnd: '2026-12-03T10:00:00Z', assigneeId: ids.tina }, tech), 201);
    expect(a.status).toBe('planned');
    expect(a.timeline.find((e) => e.kind === 'planned')?.data).toEqual({ start: '2026-12-03T09:00:00.000Z', end: '2026-12-03T10:00:00.000Z' });
    const b = await ok<Detail>(task(tk.id, { description: 'test print', plannedStart: '2026-12-03T10:00:00Z', plannedEnd: '2026-12-03T11:00:00Z' }, tech), 201);
    const tasks = b.timeline.filter((e) => e.kind === 'task').map((e) => e.task!);
    expect(tasks.map((x) => x.description)).toEqual(['visit', 'swap toner', 'test print']);
    // Done one by one: planned until no planned task is left to do.
    const patchTask = (id: number, body: Record<string, unknown>) => t.json('PATCH', `/api/v1/tickets/${tk.id}/tasks/${id}`, body, tech);
    expect((await ok<Detail>(patchTask(tasks[1]!.id, { state: 'done' }))).status).toBe('planned');
    expect((await ok<Detail>(patchTask(tasks[0]!.id, { state: 'done' }))).status).toBe('planned');
    expect((await ok<Detail>(patchTask(tasks[2]!.id, { state: 'done', durationMinutes: 20 }))).status).toBe('assigned');
    expect((await fails(patchTask(99999, { state: 'done' }))).status).toBe(404);
    expect((await fails(t.json('PATCH', `/api/v1/tickets/${tk.id}/tasks/${tasks[0]!.id}`, { state: 'todo' }, rob))).status).toBe(403);
    expect(await fails(patchTask(tasks[0]!.id, {}))).toMatchObject({ status: 400 });
  });

  it('device links: add (staff or requester), duplicate 409, remove (staff)', async () => {
    const { inventoriedDevice } = await import('./helpers.js');
    const d = await inventoriedDevice(t, 'ws-link', 3);
    const tk = await open(rob);
    const linked = await ok<Detail>(t.json('POST', `/api/v1/tickets/${tk.id}/devices`, { deviceId: d.deviceId }, rob), 201);
    expect(linked.deviceIds).toEqual([d.deviceId]);
    expect((await fails(t.json('POST', `/api/v1/tickets/${tk.id}/devices`, { deviceId: d.deviceId }, tech))).status).toBe(409);
    expect(await fails(t.json('POST', `/api/v1/tickets/${tk.id}/devices`, { deviceId: 4242 }, tech))).toMatchObject({ status: 400, field: 'deviceId' });
    expect((await fails(t.json('DELETE', `/api/v1/tickets/${tk.id}/devices/${d.deviceId}`, undefined, rob))).status).toBe(403);
    expect((await t.json('DELETE', `/api/v1/tickets/${tk.id}/devices/${d.deviceId}`, undefined, tech)).status).toBe(204);
    expect((await fails(t.json('DELETE', `/api/v1/tickets/${tk.id}/devices/${d.deviceId}`, undefined, tech))).status).toBe(404);
    const after = await ok<Detail>(get(tk.id, tech));
    expect(after.deviceIds).toEqual([]);
    expect(after.timeline.filter((e) => e.kind === 'link').map((e) => [e.data.action, e.actor?.username])).toEqual([
      ['added', 'rob'],
      ['removed', 'tina'],
    ]);
  });
});

describe('auto-close', () => {
  it('closes tickets solved longer ago than autoCloseDays, and only those', async () => {
    const h = helpdesk(t, admin);
    await h.settings({ autoCloseDays: 3 });
    const log = createLogger('silent');
    const solveAt = async (iso: string) => {
      at(iso);
      const tk = await open(rob);
      await ok(act(tk.id, { action: 'take' }, tech));
      await ok(act(tk.id, { action: 'solve', solution: 'fixed' }, tech));
      return tk.id;
    };
    const old = await solveAt('2026-12-01T10:00:00Z');
    const edge = await solveAt('2026-12-02T12:00:00Z');
    const recent = await solveAt('2026-12-03T10:00:00Z');
    at('2026-12-01T10:00:00Z');
    const stillOpen = await open(rob);
    const now = new Date('2026-12-05T12:00:00Z');
    expect(await autoCloseSolved(t.db, log, false, now)).toBe(2);
    const statuses = await t.db.selectFrom('tickets').select(['id', 'status', 'closed_at']).orderBy('id').execute();
    expect(statuses.map((s) => [s.id, s.status])).toEqual([
      [old, 'closed'],
      [edge, 'closed'],
      [recent, 'solved'],
      [stillOpen.id, 'new'],
    ]);
    expect(new Date(statuses[0]!.closed_at!).toISOString()).toBe(now.toISOString());
    at('2026-12-05T12:00:00Z');
    const detail = await ok<Detail>(get(old, rob));
    expect(detail.timeline.slice(-2).map((e) => [e.kind, e.actor, e.kind === 'auto-closed' ? e.data.afterDays : e.data.to])).toEqual([
      ['auto-closed', null, 3],
      ['status', null, 'closed'],
    ]);
    // Run again: nothing more to do. Disabled (0): nothing closes.
    expect(await autoCloseSolved(t.db, log, false, now)).toBe(0);
    await h.settings({ autoCloseDays: 0 });
    expect(await autoCloseSolved(t.db, log, false, new Date('2027-06-01T00:00:00Z'))).toBe(0);
    expect((await t.db.selectFrom('tickets').select('status').where('id', '=', recent).executeTakeFirstOrThrow()).status).toBe('solved');
  });
});
