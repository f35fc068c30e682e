import type { AgentState } from '@parc/shared/api';

/**
 * Who may enroll under an agent id that already exists. An id is only a claim; what proves it is the
 * agent's current key, or an admin's re-key request (the admin vouches for the next enrollment, for a
 * bounded time). A revoked agent stays revoked: its machine may enroll again, but as a new agent.
 */

export interface ExistingAgent {
  revoked_at: Date | null;
  key_hash: string;
  pending_key_hash: string | null;
  rekey_requested_at: Date | null;
}

export type EnrollClaim =
  | { kind: 'new' }
  | { kind: 'rotate'; via: 'key' | 'rekey_request' }
  | { kind: 'refuse'; code: 'agent_revoked' | 'agent_id_taken'; message: string };

export function judgeEnrollClaim(
  existing: ExistingAgent | undefined,
  proofKeyHash: string | undefined,
  now: Date,
  rekeyWindowMs: number,
): EnrollClaim {
  if (!existing) return { kind: 'new' };
  if (existing.revoked_at) {
    return {
      kind: 'refuse',
      code: 'agent_revoked',
      message: 'this agent id was revoked by an administrator and stays revoked: enroll without an agent id to become a new agent',
    };
  }
  if (proofKeyHash !== undefined && (proofKeyHash === existing.key_hash || proofKeyHash === existing.pending_key_hash)) {
    return { kind: 'rotate', via: 'key' };
  }
  if (existing.rekey_requested_at && now.getTime() - new Date(existing.rekey_requested_at).getTime() <= rekeyWindowMs) {
    return { kind: 'rotate', via: 'rekey_request' };
  }
  return {
    kind: 'refuse',
    code: 'agent_id_taken',
    message:
      'this agent id belongs to an enrolled agent: send its current key (Authorization: Bearer) to enroll it again, enroll without an agent id to become a new agent, or ask an administrator to re-key or revoke that agent',
  };
}

/** An agent's state as the admin list shows it. */
export function agentState(a: { revoked_at: Date | null; rekey_requested_at: Date | null; last_contact_at: Date | null }): AgentState {
  if (a.revoked_at) return 'revoked';
  if (a.rekey_requested_at) return 'rekey_pending';
  if (!a.last_contact_at) return 'never_contacted';
  return 'active';
}
