import { beforeAll, describe, expect, it } from 'vitest';
import {
  changeDetailSchema,
  deviceItilSchema,
  listProblemsResponseSchema,
  problemDetailSchema,
  ticketDetailSchema,
  type ChangeDetail,
  type MyApprovalList,
  type ProblemDetail,
} from '@parc/shared/api';
import { createUser } from '../../src/platform/auth/users.service.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';
import { call, type ErrorBody } from './admin-helpers.js';

// Issue #13's scenario through the API: three incidents on three devices become one problem whose
// workaround the tickets show; a change fixing it needs two approvals, is refused once, amended,
// approved, applied to the three devices (their histories say so) and closed, which solves the problem.

let t: TestContext;
const H: Record<string, Record<string, string>> = {};
const ID: Record<string, number> = {};

async function person(username: string, role: 'admin' | 'technician' | 'requester') {
  await createUser(t.db, { username, password: `${username}-password`, role, email: `${username}@example.org` });
  H[username] = await t.as(role, username);
  ID[username] = (await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

const change = async (id: number, body: unknown) => changeDetailSchema.parse(await call(t, 'POST', `/api/v1/changes/${id}/actions`, body, H.tom!, 200));
const refused = (id: number, body: unknown) => call<ErrorBody>(t, 'POST', `/api/v1/changes/${id}/actions`, body, H.tom!, 409);

describe('problems and changes: the issue #13 scenario', () => {
  const devices: number[] = [];
  const tickets: number[] = [];

  beforeAll(async () => {
    t = await setupTestApp();
    await person('tom', 'technician');
    await person('alice', 'technician');
    await person('boss', 'admin');
    for (const name of ['rita', 'ray', 'rose']) await person(name, 'requester');
    for (const name of ['pc-01', 'pc-02', 'pc-03']) {
      devices.push((await call<{ id: number }>(t, 'POST', '/api/v1/devices', { type: 'computer', name }, H.tom!, 201)).id);
    }
    for (const [i, who] of ['rita', 'ray', 'rose'].entries()) {
      const opened = await call<{ id: number }>(t, 'POST', '/api/v1/tickets', { title: `VPN drops on ${i + 1}`, description: 'The VPN drops every 10 minutes', requesterId: ID[who], deviceIds: [devices[i]] }, H.tom!, 201);
      tickets.push(opened.id);
    }
  }, 300_000);

  it('runs from three incidents to a solved problem', async () => {
    // Three incidents become one problem.
    const problem: ProblemDetail = problemDetailSchema.parse(
      await call(t, 'POST', '/api/v1/problems', { title: 'VPN concentrator drops sessions', description: 'Sessions drop after 10 min', ticketIds: tickets, deviceIds: devices, rootCause: 'Firmware 4.2 bug' }, H.tom!, 201),
    );
    expect(problem.status).toBe('new');
    expect(problem.tickets.map((r) => r.id).sort()).toEqual([...tickets].sort());
    expect(problem.ticketCount).toBe(3);

    // The workaround, once written, shows on each ticket, to its requester too.
    await call(t, 'PATCH', `/api/v1/problems/${problem.id}`, { workaround: 'Reconnect with the backup profile' }, H.tom!, 200);
    for (const [i, who] of ['rita', 'ray', 'rose'].entries()) {
      const seen = ticketDetailSchema.parse(await call(t, 'GET', `/api/v1/tickets/${tickets[i]}`, undefined, H[who]!, 200));
      expect(seen.problems).toEqual([{ id: problem.id, title: 'VPN concentrator drops sessions', status: 'new', workaround: 'Reconnect with the backup profile' }]);
    }
    // Requesters never see the problem itself; the ticket routes do not answer for it.
    await call(t, 'GET', `/api/v1/problems/${problem.id}`, undefined, H.rita!, 403);
    await call(t, 'GET', `/api/v1/tickets/${problem.id}`, undefined, H.tom!, 404);
    const list = listProblemsResponseSchema.parse(await call(t, 'GET', `/api/v1/problems?status=open&linkedTo=${tickets[0]}`, undefined, H.tom!, 200));
    expect(list.items.map((p) => p.id)).toEqual([problem.id]);
    const ticketList = await call<{ items: { id: number }[] }>(t, 'GET', '/api/v1/tickets?limit=500', undefined, H.tom!, 200);
    expect(ticketList.items.map((x) => x.id)).not.toContain(problem.id);

    await call(t, 'POST', `/api/v1/problems/${problem.id}/actions`, { action: 'take' }, H.tom!, 200);

    // A change to fix it, on the three devices, for the problem.
    let c: ChangeDetail = changeDetailSchema.parse(
      await call(t, 'POST', '/api/v1/changes', { title: 'Upgrade VPN firmware to 4.3', description: 'Upgrade', risk: 'high', rolloutPlan: 'One node at a time', backupPlan: 'Config export', rollbackPlan: 'Reflash 4.2', deviceIds: devices, problemIds: [problem.id] }, H.tom!, 201),
    );
    expect(c.problems.map((p) => p.id)).toEqual([problem.id]);
    c = await change(c.id, { action: 'evaluate' });
    expect(c.status).toBe('evaluation');
    // Nobody moves it past approval by hand, nor applies it before.
    expect((await refused(c.id, { action: 'apply' })).error.code).toBe('invalid_transition');

    const submit = { action: 'submit-for-approval', approverUserIds: [ID.alice, ID.boss], mode: 'all', comment: 'Maintenance window Sunday' };
    c = await change(c.id, submit);
    expect(c).toMatchObject({ status: 'approval', approvalStatus: 'pending' });
    await call<ErrorBody>(t, 'PATCH', `/api/v1/changes/${c.id}`, { rollbackPlan: 'x' }, H.tom!, 409);
    await refused(c.id, { action: 'start-test' });

    // Alice approves, the boss refuses: refused.
    const roundOf = async (who: string) => {
      const mine = await call<MyApprovalList>(t, 'GET', '/api/v1/approvals?state=pending', undefined, H[who]!, 200);
      const round = mine.items.find((i) => i.item.id === c.id);
      expect(round, `${who} sees the change among their pending approvals`).toBeDefined();
      return round!.roundId;
    };
    await call(t, 'POST', `/api/v1/approvals/${await roundOf('alice')}/answer`, { answer: 'approve', comment: 'fine' }, H.alice!, 200);
    await call(t, 'POST', `/api/v1/approvals/${await roundOf('boss')}/answer`, { answer: 'refuse', comment: 'No rollback test' }, H.boss!, 200);
    c = changeDetailSchema.parse(await call(t, 'GET', `/api/v1/changes/${c.id}`, undefined, H.tom!, 200));
    expect(c).toMatchObject({ status: 'refused', approvalStatus: 'refused' });
    expect(c.timeline.some((e) => e.kind === 'approval-settled' && e.data.outcome === 'refused')).toBe(true);

    // Amended, evaluated again, approved by both.
    await call(t, 'PATCH', `/api/v1/changes/${c.id}`, { rollbackPlan: 'Reflash 4.2, tested on the lab node' }, H.tom!, 200);
    await change(c.id, { action: 're-evaluate', reason: 'Rollback tested' });
    await change(c.id, submit);
    await call(t, 'POST', `/api/v1/approvals/${await roundOf('alice')}/answer`, { answer: 'approve', comment: 'ok' }, H.alice!, 200);
    await call(t, 'POST', `/api/v1/approvals/${await roundOf('boss')}/answer`, { answer: 'approve', comment: 'ok now' }, H.boss!, 200);
    c = changeDetailSchema.parse(await call(t, 'GET', `/api/v1/changes/${c.id}`, undefined, H.tom!, 200));
    expect(c).toMatchObject({ status: 'accepted', approvalStatus: 'approved', rollbackPlan: 'Reflash 4.2, tested on the lab node' });
    // Each round is told once when requested and once when settled (by the approvals module, not again by the workflow).
    expect(c.timeline.filter((e) => e.kind === 'approval-requested')).toHaveLength(2);
    expect(c.timeline.filter((e) => e.kind === 'approval-settled').map((e) => e.data.outcome)).toEqual(['refused', 'approved']);

    // Tested, applied to the three devices: each device's history says so, and each lists the change.
    await change(c.id, { action: 'start-test' });
    c = await change(c.id, { action: 'apply', note: 'All three nodes upgraded' });
    expect(c.status).toBe('applied');
    expect(c.appliedAt).not.toBeNull();
    for (const d of devices) {
      const history = await call<{ items: { code: string | null; params: Record<string, unknown> | null }[] }>(t, 'GET', `/api/v1/devices/${d}/changes`, undefined, H.tom!, 200);
      expect(history.items.filter((h) => h.code === 'change-applied').map((h) => h.params?.changeId)).toEqual([c.id]);
      const itil = deviceItilSchema.parse(await call(t, 'GET', `/api/v1/devices/${d}/itil`, undefined, H.tom!, 200));
      expect(itil.changes.map((x) => x.id)).toEqual([c.id]);
      expect(itil.problems.map((x) => x.id)).toEqual([problem.id]);
      expect(itil.tickets).toHaveLength(1);
    }

    // Closed: the problem it fixes is solved by it, and its timeline says which change did.
    await change(c.id, { action: 'review' });
    c = await change(c.id, { action: 'close' });
    expect(c.status).toBe('closed');
    const solved = problemDetailSchema.parse(await call(t, 'GET', `/api/v1/problems/${problem.id}`, undefined, H.tom!, 200));
    expect(solved.status).toBe('solved');
    expect(solved.solution).toContain(`change #${c.id}`);
    expect(solved.timeline.some((e) => e.kind === 'solved-by-change' && e.data.changeId === c.id)).toBe(true);
    expect(solved.changes.map((x) => x.id)).toEqual([c.id]);
  }, 300_000);
});
