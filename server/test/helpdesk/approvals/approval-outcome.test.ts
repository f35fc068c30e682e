import { describe, expect, it } from 'vitest';
import { applyAnswer, approvalStatus, canAnswer, roundOutcome, solveBlockedBy, type ApproverSlot, type RoundFacts } from '../../../src/helpdesk/approvals/approval-outcome.js';

const user = (id: number, userId: number, answer: ApproverSlot['answer'] = null, answeredBy: number | null = null): ApproverSlot => ({ id, userId, groupId: null, answer, answeredBy: answer ? (answeredBy ?? userId) : null });
const group = (id: number, groupId: number, answer: ApproverSlot['answer'] = null, answeredBy: number | null = null): ApproverSlot => ({ id, userId: null, groupId, answer, answeredBy });
const round = (mode: RoundFacts['mode'], approvers: ApproverSlot[], status: RoundFacts['status'] = 'pending'): RoundFacts => ({ mode, status, approvers });

describe('roundOutcome', () => {
  it('any-of: one approval settles it; refused only once every approver refused', () => {
    expect(roundOutcome('any', [null, null])).toBe('pending');
    expect(roundOutcome('any', ['refused', null])).toBe('pending');
    expect(roundOutcome('any', ['refused', 'approved'])).toBe('approved');
    expect(roundOutcome('any', [null, 'approved'])).toBe('approved');
    expect(roundOutcome('any', ['refused', 'refused'])).toBe('refused');
  });
  it('all-of: every approver must approve; one refusal settles it refused', () => {
    expect(roundOutcome('all', ['approved', null])).toBe('pending');
    expect(roundOutcome('all', ['approved', 'approved'])).toBe('approved');
    expect(roundOutcome('all', [null, 'refused'])).toBe('refused');
    expect(roundOutcome('all', ['approved', 'refused'])).toBe('refused');
  });
  it('a round without approvers never settles by itself', () => {
    expect(roundOutcome('all', [])).toBe('pending');
    expect(roundOutcome('any', [])).toBe('pending');
  });
});

describe('applyAnswer', () => {
  it('a named user fills their approver; all-of stays pending until the other answers', () => {
    const r = round('all', [user(1, 10), user(2, 11)]);
    const first = applyAnswer(r, { userId: 10, groupIds: [] }, 'approved');
    expect(first).toMatchObject({ ok: true, slotIds: [1], outcome: 'pending' });
    if (!first.ok) throw new Error('unreachable');
    const second = applyAnswer({ ...r, approvers: first.approvers }, { userId: 11, groupIds: [] }, 'approved');
    expect(second).toMatchObject({ ok: true, slotIds: [2], outcome: 'approved' });
  });

  it('a group approver is answered by one of its members, and then no other member can answer for it', () => {
    const r = round('all', [group(1, 5), user(2, 11)]);
    const byMember = applyAnswer(r, { userId: 20, groupIds: [5] }, 'approved');
    expect(byMember).toMatchObject({ ok: true, slotIds: [1], outcome: 'pending' });
    if (!byMember.ok) throw new Error('unreachable');
    expect(byMember.approvers[0]).toMatchObject({ answer: 'approved', answeredBy: 20 });
    const after = { ...r, approvers: byMember.approvers };
    expect(applyAnswer(after, { userId: 21, groupIds: [5] }, 'refused')).toEqual({ ok: false, reason: 'already-answered' });
    expect(canAnswer(after, { userId: 21, groupIds: [5] })).toBe(false);
    expect(canAnswer(after, { userId: 11, groupIds: [] })).toBe(true);
  });

  it('one answer speaks for the person and every unanswered group that asked them', () => {
    const r = round('all', [user(1, 10), group(2, 5), group(3, 6), group(4, 7)]);
    const res = applyAnswer(r, { userId: 10, groupIds: [5, 6] }, 'approved');
    expect(res).toMatchObject({ ok: true, slotIds: [1, 2, 3], outcome: 'pending' });
  });

  it('refusal: all-of settles at the first refusal; any-of waits for the last approver', () => {
    expect(applyAnswer(round('all', [user(1, 10), user(2, 11)]), { userId: 10, groupIds: [] }, 'refused')).toMatchObject({ ok: true, outcome: 'refused' });
    const any = round('any', [user(1, 10), user(2, 11)]);
    const one = applyAnswer(any, { userId: 10, groupIds: [] }, 'refused');
    expect(one).toMatchObject({ ok: true, outcome: 'pending' });
    if (!one.ok) throw new Error('unreachable');
    expect(applyAnswer({ ...any, approvers: one.approvers }, { userId: 11, groupIds: [] }, 'refused')).toMatchObject({ ok: true, outcome: 'refused' });
    expect(applyAnswer({ ...any, approvers: one.approvers }, { userId: 11, groupIds: [] }, 'approved')).toMatchObject({ ok: true, outcome: 'approved' });
  });

  it('refuses a second answer, a stranger, and any answer to a settled or superseded round', () => {
    const answered = round('all', [user(1, 10, 'approved'), user(2, 11)]);
    expect(applyAnswer(answered, { userId: 10, groupIds: [] }, 'refused')).toEqual({ ok: false, reason: 'already-answered' });
    expect(applyAnswer(answered, { userId: 99, groupIds: [1] }, 'approved')).toEqual({ ok: false, reason: 'not-approver' });
    expect(applyAnswer(round('all', [user(1, 10)], 'approved'), { userId: 10, groupIds: [] }, 'approved')).toEqual({ ok: false, reason: 'settled' });
    expect(applyAnswer(round('any', [user(1, 10)], 'superseded'), { userId: 10, groupIds: [] }, 'approved')).toEqual({ ok: false, reason: 'settled' });
    // A member who answered for a group cannot answer again in person either.
    const viaGroup = round('all', [group(1, 5, 'approved', 10), user(2, 10)]);
    expect(applyAnswer(viaGroup, { userId: 10, groupIds: [5] }, 'approved')).toEqual({ ok: false, reason: 'already-answered' });
  });
});

describe('approvalStatus and solving', () => {
  it('is the latest round’s; a new round supersedes the old one; none without rounds', () => {
    expect(approvalStatus([])).toBe('none');
    expect(approvalStatus([{ status: 'pending' }, { status: 'refused' }])).toBe('pending');
    expect(approvalStatus([{ status: 'approved' }, { status: 'superseded' }])).toBe('approved');
    expect(approvalStatus([{ status: 'refused' }, { status: 'approved' }])).toBe('refused');
  });
  it('blocks solving while pending or refused, not when approved or without approval', () => {
    expect(solveBlockedBy('pending')).toMatch(/pending/);
    expect(solveBlockedBy('refused')).toMatch(/refused/);
    expect(solveBlockedBy('approved')).toBeNull();
    expect(solveBlockedBy('none')).toBeNull();
  });
});
