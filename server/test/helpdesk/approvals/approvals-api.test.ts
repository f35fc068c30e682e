import { beforeAll, describe, expect, it } from 'vitest';
import { approvalRoundSchema, approvalSummarySchema, categoryApprovalSchema, myApprovalListSchema, type ApprovalRound, type ApprovalSummary, type MyApprovalList } from '@parc/shared/api';
import { registerApprovalSettled } from '../../../src/helpdesk/approvals/approval-hooks.js';
import { requestApproval } from '../../../src/helpdesk/approvals/approvals.service.js';
import { createUser } from '../../../src/platform/auth/users.service.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';
import { call, type ErrorBody } from '../admin-helpers.js';

// Approvals through the API: asking, answering (who may, once, refusal comments, settled rounds), the
// caller's list, the timeline, the outbox, the settle hook, and requests by category that cannot be solved
// before approval.

let t: TestContext;
let admin: Record<string, string>;
let tech: Record<string, string>;
let requester: Record<string, string>;
const H: Record<string, Record<string, string>> = {};
const ID: Record<string, number> = {};

async function person(username: string, role: 'admin' | 'technician' | 'licence-manager' | 'requester') {
  await createUser(t.db, { username, password: `${username}-password`, role, email: `${username}@example.org` });
  H[username] = await t.as(role, username);
  ID[username] = (await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

async function ticket(headers: Record<string, string>, extra: Record<string, unknown> = {}) {
  const res = await call<{ id: number }>(t, 'POST', '/api/v1/tickets', { title: 'New laptop', description: 'Mine is 7 years old', ...extra }, headers, 201);
  return res.id;
}

const outbox = (ticketId: number, event: string) =>
  t.db.selectFrom('notification_outbox').select(['channel', 'target', 'payload']).where('ticket_id', '=', ticketId).where('event', '=', event).orderBy('target').execute();

describe('approvals API', () => {
  let groupId: number;
  beforeAll(async () => {
    t = await setupTestApp({ PARC_SMTP_URL: 'smtp://127.0.0.1:2525' });
    admin = await t.as('admin');
    await person('tom', 'technician');
    await person('rita', 'requester');
    tech = H.tom!;
    requester = H.rita!;
    await person('alice', 'technician');
    await person('bob', 'licence-manager');
    await person('carol', 'technician');
    await person('dave', 'technician');
    await person('erin', 'requester');
    groupId = (await call<{ id: number }>(t, 'POST', '/api/v1/groups', { name: 'CAB' }, admin, 201)).id;
    await call(t, 'PUT', `/api/v1/groups/${groupId}/members`, { userIds: [ID.carol, ID.dave] }, admin, 200);
    await t.db.updateTable('users').set({ locale: 'fr' }).where('id', '=', ID.bob!).execute();
  });

  it('asks for approval of a ticket, notifies the approvers in their language, and answers all-of rounds once per approver', async () => {
    const hook = await t.db.insertInto('webhooks').values({ url: 'https://hooks.example.org/parc', events: ['approval.requested', 'approval.settled'] }).returning('id').executeTakeFirstOrThrow();
    const id = await ticket(requester);
    const summary = approvalSummarySchema.parse(
      await call(t, 'POST', `/api/v1/tickets/${id}/approvals`, { approverUserIds: [ID.alice, ID.bob], approverGroupIds: [groupId], mode: 'all', comment: 'Budget line 12' }, tech, 201),
    );
    expect(summary.status).toBe('pending');
    const [round] = summary.rounds;
    expect(round!.approvers.map((a) => a.user?.username ?? a.group?.name)).toEqual(['alice', 'bob', 'CAB']);
    expect(round!.canAnswer).toBe(false);

    // Approvers (alice, bob, and CAB's members carol and dave) get an email; the technician who asked does not.
    const mails = await outbox(id, 'approval.requested');
    expect(mails.filter((m) => m.channel === 'email').map((m) => m.target)).toEqual(['alice@example.org', 'bob@example.org', 'carol@example.org', 'dave@example.org']);
    expect(mails.filter((m) => m.channel === 'webhook').map((m) => m.target)).toEqual([String(hook.id)]);

    // Each sees it pending: alice in person, carol through the group.
    const alicePending = myApprovalListSchema.parse(await call(t, 'GET', '/api/v1/approvals?state=pending', undefined, H.alice!, 200));
    expect(alicePending.items.map((i) => [i.roundId, i.item.id, i.viaGroups])).toEqual([[round!.id, id, []]]);
    const carolPending = await call<MyApprovalList>(t, 'GET', '/api/v1/approvals', undefined, H.carol!, 200);
    expect(carolPending.items[0]!.viaGroups).toEqual([{ id: groupId, name: 'CAB' }]);
    expect((await call<MyApprovalList>(t, 'GET', '/api/v1/approvals', undefined, tech, 200)).items).toEqual([]);

    // A refusal needs a comment; a stranger may not answer.
    const noComment = await call<ErrorBody>(t, 'POST', `/api/v1/approvals/${round!.id}/answer`, { answer: 'refuse' }, H.alice!, 400);
    expect(noComment.error.field).toBe('comment');
    await call(t, 'POST', `/api/v1/approvals/${round!.id}/answer`, { answer: 'approve' }, tech, 403);

    const afterAlice = approvalRoundSchema.parse(await call(t, 'POST', `/api/v1/approvals/${round!.id}/answer`, { answer: 'approve', comment: 'ok' }, H.alice!, 200));
    expect(afterAlice.status).toBe('pending');
    expect(afterAlice.approvers[0]).toMatchObject({ state: 'approved', comment: 'ok', answeredBy: { username: 'alice' } });
    // Once only.
    await call(t, 'POST', `/api/v1/approvals/${round!.id}/answer`, { answer: 'approve' }, H.alice!, 409);
    // carol answers for CAB; dave, also in CAB, then has nothing left to answer.
    await call(t, 'POST', `/api/v1/approvals/${round!.id}/answer`, { answer: 'approve' }, H.carol!, 200);
    expect((await call<MyApprovalList>(t, 'GET', '/api/v1/approvals', undefined, H.dave!, 200)).items).toEqual([]);
    await call(t, 'POST', `/api/v1/approvals/${round!.id}/answer`, { answer: 'approve' }, H.dave!, 409);
    const settled = await call<ApprovalRound>(t, 'POST', `/api/v1/approvals/${round!.id}/answer`, { answer: 'approve' }, H.bob!, 200);
    expect(settled.status).toBe('approved');
    expect(settled.settledAt).not.toBeNull();
    await call(t, 'POST', `/api/v1/approvals/${round!.id}/answer`, { answer: 'approve' }, H.bob!, 409);

    // The requester sees the approvals of their own ticket; another requester does not.
    const seen = await call<ApprovalSummary>(t, 'GET', `/api/v1/tickets/${id}/approvals`, undefined, requester, 200);
    expect(seen.status).toBe('approved');
    await call(t, 'GET', `/api/v1/tickets/${id}/approvals`, undefined, H.erin!, 404);

    // Timeline lines on the ticket.
    const detail = await call<{ timeline: { kind: string; data: Record<string, unknown> }[] }>(t, 'GET', `/api/v1/tickets/${id}`, undefined, tech, 200);
    expect(detail.timeline.filter((e) => e.kind.startsWith('approval-')).map((e) => e.kind)).toEqual([
      'approval-requested',
      'approval-answered',
      'approval-answered',
      'approval-answered',
      'approval-settled',
    ]);

    // Settled: the ticket's requester and the technician who asked hear of it (bob, who answered last, does not); webhooks too.
    const done = await outbox(id, 'approval.settled');
    expect(done.filter((m) => m.channel === 'webhook')).toHaveLength(1);
    expect(done.filter((m) => m.channel === 'email').map((m) => m.target)).toEqual(['rita@example.org', 'tom@example.org']);
    expect(done[0]!.payload).toMatchObject({ event: 'approval.settled', ticketId: id, data: { outcome: 'approved', itemKind: 'ticket' } });

    // bob's answered list.
    const answered = await call<MyApprovalList>(t, 'GET', '/api/v1/approvals?state=answered', undefined, H.bob!, 200);
    expect(answered.items.map((i) => [i.roundId, i.answer])).toEqual([[round!.id, 'approved']]);
  });

  it('any-of: the first approval settles; a new round supersedes a pending one', async () => {
    const id = await ticket(requester);
    const first = await call<ApprovalSummary>(t, 'POST', `/api/v1/tickets/${id}/approvals`, { approverUserIds: [ID.alice, ID.bob], mode: 'any' }, tech, 201);
    const second = await call<ApprovalSummary>(t, 'POST', `/api/v1/tickets/${id}/approvals`, { approverUserIds: [ID.bob], mode: 'any' }, tech, 201);
    expect(second.rounds.map((r) => r.status)).toEqual(['pending', 'superseded']);
    await call(t, 'POST', `/api/v1/approvals/${first.rounds[0]!.id}/answer`, { answer: 'approve' }, H.alice!, 409);
    const r = await call<ApprovalRound>(t, 'POST', `/api/v1/approvals/${second.rounds[0]!.id}/answer`, { answer: 'approve' }, H.bob!, 200);
    expect(r.status).toBe('approved');
  });

  it('only active members answer for a group: a disabled member is refused', async () => {
    const id = await ticket(requester);
    const round = (await call<ApprovalSummary>(t, 'POST', `/api/v1/tickets/${id}/approvals`, { approverGroupIds: [groupId], mode: 'any' }, tech, 201)).rounds[0]!;
    const carol = await call<MyApprovalList>(t, 'GET', '/api/v1/approvals', undefined, H.carol!, 200);
    expect(carol.items.map((i) => i.roundId)).toContain(round.id);
    await t.db.updateTable('users').set({ disabled: true }).where('id', '=', ID.carol!).execute();
    try {
      const res = await t.json('POST', `/api/v1/approvals/${round.id}/answer`, { answer: 'approve' }, H.carol!);
      // A disabled user's session no longer works at all, or the answer is refused: never recorded.
      expect([401, 403]).toContain(res.status);
      expect((await call<ApprovalSummary>(t, 'GET', `/api/v1/tickets/${id}/approvals`, undefined, tech, 200)).rounds[0]!.approvers[0]!.state).toBe('pending');
    } finally {
      await t.db.updateTable('users').set({ disabled: false }).where('id', '=', ID.carol!).execute();
    }
  });

  it('refuses approvers who are not enabled staff, unknown groups, and empty requests, naming the field', async () => {
    const id = await ticket(requester);
    expect((await call<ErrorBody>(t, 'POST', `/api/v1/tickets/${id}/approvals`, { approverUserIds: [ID.erin] }, tech, 400)).error.field).toBe('approverUserIds');
    expect((await call<ErrorBody>(t, 'POST', `/api/v1/tickets/${id}/approvals`, { approverGroupIds: [9999] }, tech, 400)).error.field).toBe('approverGroupIds');
    expect((await call<ErrorBody>(t, 'POST', `/api/v1/tickets/${id}/approvals`, {}, tech, 400)).error.field).toBe('approverUserIds');
    await call(t, 'POST', `/api/v1/tickets/${id}/approvals`, { approverUserIds: [ID.alice] }, requester, 403);
    await call(t, 'GET', `/api/v1/problems/${id}/approvals`, undefined, tech, 404);
  });

  it('runs the kind’s settle hook inside the answering transaction: if it fails, the answer is not recorded', async () => {
    const id = await ticket(requester);
    const roundId = await t.db.transaction().execute((tx) => requestApproval(tx, { itemId: id, approverUserIds: [ID.alice!], approverGroupIds: [], mode: 'all', requestedBy: null, now: new Date() }));
    const seen: string[] = [];
    registerApprovalSettled('ticket', async () => {
      throw new Error('hook failed');
    });
    const failed = await t.json('POST', `/api/v1/approvals/${roundId}/answer`, { answer: 'approve' }, H.alice!);
    expect(failed.status).toBe(500);
    expect((await call<ApprovalSummary>(t, 'GET', `/api/v1/tickets/${id}/approvals`, undefined, tech, 200)).rounds[0]!.approvers[0]!.state).toBe('pending');
    registerApprovalSettled('ticket', async (tx, itemId, outcome) => {
      const row = await tx.selectFrom('approval_rounds').select('status').where('item_id', '=', itemId).executeTakeFirstOrThrow();
      seen.push(`${itemId}:${outcome}:${row.status}`);
    });
    await call(t, 'POST', `/api/v1/approvals/${roundId}/answer`, { answer: 'approve' }, H.alice!, 200);
    expect(seen).toEqual([`${id}:approved:approved`]);
    registerApprovalSettled('ticket', async () => undefined);
  });

  it('requests by category: a round at creation, no solving before approval (409), solving once approved', async () => {
    const categoryId = (await call<{ id: number }>(t, 'POST', '/api/v1/ticket-categories', { name: 'Purchases' }, admin, 201)).id;
    await call(t, 'PUT', `/api/v1/ticket-categories/${categoryId}/approval`, { approverUserIds: [ID.erin], mode: 'any' }, admin, 400);
    await call(t, 'PUT', `/api/v1/ticket-categories/${categoryId}/approval`, { approverUserIds: [ID.alice] }, tech, 403);
    const setting = categoryApprovalSchema.parse(await call(t, 'PUT', `/api/v1/ticket-categories/${categoryId}/approval`, { approverUserIds: [ID.alice], approverGroupIds: [groupId], mode: 'any' }, admin, 200));
    expect(setting.approval).toMatchObject({ mode: 'any', users: [{ username: 'alice' }], groups: [{ name: 'CAB' }] });
    expect(await call(t, 'GET', `/api/v1/ticket-categories/${categoryId}/approval`, undefined, tech, 200)).toEqual(setting);

    // An incident in the category needs no approval; a request does.
    const incident = await ticket(requester, { categoryId, type: 'incident' });
    expect((await call<ApprovalSummary>(t, 'GET', `/api/v1/tickets/${incident}/approvals`, undefined, requester, 200)).status).toBe('none');
    const id = await ticket(requester, { categoryId, type: 'request' });
    const summary = await call<ApprovalSummary>(t, 'GET', `/api/v1/tickets/${id}/approvals`, undefined, requester, 200);
    expect(summary.status).toBe('pending');
    expect(summary.rounds[0]!.requestedBy?.username).toBe('rita');

    await call(t, 'POST', `/api/v1/tickets/${id}/actions`, { action: 'take' }, tech, 200);
    const blocked = await call<ErrorBody>(t, 'POST', `/api/v1/tickets/${id}/actions`, { action: 'solve', solution: 'Ordered' }, tech, 409);
    expect(blocked.error).toMatchObject({ code: 'approval_required' });
    expect(blocked.error.message).toMatch(/pending/);
    await call(t, 'POST', `/api/v1/tickets/${id}/solution`, { solution: 'Ordered' }, tech, 409);

    // dave refuses for CAB; alice has not answered, so any-of is still pending… then alice refuses too.
    await call(t, 'POST', `/api/v1/approvals/${summary.rounds[0]!.id}/answer`, { answer: 'refuse', comment: 'Not this quarter' }, H.dave!, 200);
    const refused = await call<ApprovalRound>(t, 'POST', `/api/v1/approvals/${summary.rounds[0]!.id}/answer`, { answer: 'refuse', comment: 'Agreed' }, H.alice!, 200);
    expect(refused.status).toBe('refused');
    expect((await call<ErrorBody>(t, 'POST', `/api/v1/tickets/${id}/actions`, { action: 'solve', solution: 'Ordered' }, tech, 409)).error.message).toMatch(/refused/);

    // A new round, approved: the ticket can be solved.
    const again = await call<ApprovalSummary>(t, 'POST', `/api/v1/tickets/${id}/approvals`, { approverUserIds: [ID.alice], mode: 'any' }, tech, 201);
    await call(t, 'POST', `/api/v1/approvals/${again.rounds[0]!.id}/answer`, { answer: 'approve' }, H.alice!, 200);
    await call(t, 'POST', `/api/v1/tickets/${id}/actions`, { action: 'solve', solution: 'Ordered' }, tech, 200);

    await call(t, 'DELETE', `/api/v1/ticket-categories/${categoryId}/approval`, undefined, admin, 204);
    expect((await call<{ approval: unknown }>(t, 'GET', `/api/v1/ticket-categories/${categoryId}/approval`, undefined, tech, 200)).approval).toBeNull();
    const free = await ticket(requester, { categoryId, type: 'request' });
    expect((await call<ApprovalSummary>(t, 'GET', `/api/v1/tickets/${free}/approvals`, undefined, tech, 200)).status).toBe('none');
    await call(t, 'GET', '/api/v1/ticket-categories/9999/approval', undefined, tech, 404);
  });
});
