import { describe, expect, it } from 'vitest';
import { agentState, judgeEnrollClaim, type ExistingAgent } from '../../../src/inventory/enrollment/agent-claim.js';
import { addressBucket, secondsLeft, windowStart } from '../../../src/inventory/enrollment/enrollment-rate.js';

const now = new Date('2026-03-02T08:00:30.000Z');
const HOUR = 3_600_000;
const agent = (over: Partial<ExistingAgent> = {}): ExistingAgent => ({ revoked_at: null, key_hash: 'k1', pending_key_hash: null, rekey_requested_at: null, ...over });

describe('judgeEnrollClaim', () => {
  it('a new id is a new agent', () => {
    expect(judgeEnrollClaim(undefined, undefined, now, HOUR)).toEqual({ kind: 'new' });
  });

  it('an existing id needs its current (or rotated, unused) key, or an open re-key request', () => {
    expect(judgeEnrollClaim(agent(), undefined, now, HOUR)).toMatchObject({ kind: 'refuse', code: 'agent_id_taken' });
    expect(judgeEnrollClaim(agent(), 'other', now, HOUR)).toMatchObject({ kind: 'refuse', code: 'agent_id_taken' });
    expect(judgeEnrollClaim(agent(), 'k1', now, HOUR)).toEqual({ kind: 'rotate', via: 'key' });
    expect(judgeEnrollClaim(agent({ pending_key_hash: 'k2' }), 'k2', now, HOUR)).toEqual({ kind: 'rotate', via: 'key' });
    const asked = agent({ rekey_requested_at: new Date(now.getTime() - HOUR) });
    expect(judgeEnrollClaim(asked, undefined, now, HOUR)).toEqual({ kind: 'rotate', via: 'rekey_request' });
    expect(judgeEnrollClaim(asked, undefined, now, HOUR - 1)).toMatchObject({ kind: 'refuse', code: 'agent_id_taken' });
  });

  it('a revoked id is refused whatever is proven', () => {
    const revoked = agent({ revoked_at: now, rekey_requested_at: now });
    expect(judgeEnrollClaim(revoked, 'k1', now, HOUR)).toMatchObject({ kind: 'refuse', code: 'agent_revoked' });
  });
});

describe('agentState', () => {
  it('revoked, then re-key pending, then never contacted, else active', () => {
    expect(agentState({ revoked_at: now, rekey_requested_at: now, last_contact_at: now })).toBe('revoked');
    expect(agentState({ revoked_at: null, rekey_requested_at: now, last_contact_at: null })).toBe('rekey_pending');
    expect(agentState({ revoked_at: null, rekey_requested_at: null, last_contact_at: null })).toBe('never_contacted');
    expect(agentState({ revoked_at: null, rekey_requested_at: null, last_contact_at: now })).toBe('active');
  });
});

describe('rate windows', () => {
  it('are aligned on the epoch; the wait is what is left of the window, at least a second', () => {
    expect(windowStart(now, 60).toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(secondsLeft(now, 60)).toBe(30);
    expect(secondsLeft(new Date('2026-03-02T08:00:59.999Z'), 60)).toBe(1);
    expect(windowStart(now, 3600).toISOString()).toBe('2026-03-02T08:00:00.000Z');
  });
});

describe('addressBucket', () => {
  it('counts an IPv4 address on its own (mapped or not) and an IPv6 address by its /64', () => {
    expect(addressBucket('10.1.2.3')).toBe('address:10.1.2.3');
    expect(addressBucket('::ffff:10.1.2.3')).toBe('address:10.1.2.3');
    expect(addressBucket('2001:db8:1:2::1')).toBe(addressBucket('2001:db8:1:2:ffff:ffff:ffff:fffe'));
    expect(addressBucket('2001:db8:1:2::1')).toBe('address:20010db800010002/64');
    expect(addressBucket('2001:db8:1:3::1')).not.toBe(addressBucket('2001:db8:1:2::1'));
    expect(addressBucket('not-an-ip')).toBe('address:not-an-ip');
  });
});
