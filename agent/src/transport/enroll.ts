import { randomUUID } from 'node:crypto';
import { AGENT_ID_TAKEN, AGENT_REVOKED, apiErrorSchema, enrollResponseSchema, parseRetryAfter } from '@parc/shared';
import type { EnrollRequest, EnrollResponse } from '@parc/shared';
import { log } from '../log.js';
import { sleep as realSleep } from '../util/timeout.js';
import type { HttpClient } from './client.js';

export const ENROLL_PATH = 'api/v1/agent/enroll';

export class EnrollError extends Error {
  constructor(
    message: string,
    readonly kind: 'bad_token' | 'refused' | 'bad_response' | 'id_taken' | 'rate_limited',
    /** The server's error code, when it sent one. */
    readonly code?: string,
    /** 429: how long the server asked to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'EnrollError';
  }
}

/**
 * One attempt: enrollment is interactive and the admin wants the verdict now. `agentKey`, the key this
 * machine already holds for this server, proves that `request.agentId` is its own.
 */
export async function enroll(client: HttpClient, request: EnrollRequest, agentKey?: string): Promise<EnrollResponse> {
  const res = await client.post(ENROLL_PATH, Buffer.from(JSON.stringify(request)), {
    'Content-Type': 'application/json',
    ...(agentKey ? { Authorization: `Bearer ${agentKey}` } : {}),
  });
  if (res.status >= 200 && res.status < 300) {
    const parsed = enrollResponseSchema.safeParse(res.json);
    if (!parsed.success) throw new EnrollError('the server answered enrollment with an unexpected body (is this a Parc server?)', 'bad_response');
    return parsed.data;
  }
  const err = apiErrorSchema.safeParse(res.json);
  const code = err.success ? err.data.error.code : undefined;
  const detail = err.success ? `${err.data.error.code}: ${err.data.error.message}` : `HTTP ${res.status}`;
  if (res.status === 401 || res.status === 403) {
    throw new EnrollError(`enrollment token refused by the server (${detail})`, 'bad_token', code);
  }
  if (res.status === 409 && (code === AGENT_ID_TAKEN || code === AGENT_REVOKED)) {
    throw new EnrollError(`the server refused this agent id (${detail})`, 'id_taken', code);
  }
  if (res.status === 429) {
    const wait = parseRetryAfter(res.headers['retry-after'], new Date()) ?? undefined;
    throw new EnrollError(`too many enrollments right now (${detail})`, 'rate_limited', code, wait);
  }
  throw new EnrollError(`enrollment failed (${detail})`, 'refused', code);
}

export interface EnrollRecoveryDeps {
  sleep?: (ms: number) => Promise<void>;
  newAgentId?: () => string;
  /** Longest total wait on 429s before giving up (an installer should not hang for long). */
  maxWaitMs?: number;
}

export interface EnrollOutcome {
  response: EnrollResponse;
  /** Set when the server refused the id this machine had and it enrolled as a new agent instead. */
  replaced?: { agentId: string; code: string };
}

/**
 * Enrolls, riding out a short rate limit, and when the server refuses this machine's agent id (another
 * enrolled agent holds it, or it was revoked) enrolls once more as a new agent: the server's matching
 * rules then decide whether it is the same machine, and an admin sees both agents in the list.
 */
export async function enrollWithRecovery(
  client: HttpClient,
  request: EnrollRequest,
  agentKey: string | undefined,
  deps: EnrollRecoveryDeps = {},
): Promise<EnrollOutcome> {
  const sleep = deps.sleep ?? realSleep;
  let budget = deps.maxWaitMs ?? 120_000;
  let replaced: EnrollOutcome['replaced'];
  let req = request;
  let key = agentKey;
  for (;;) {
    try {
      const response = await enroll(client, req, key);
      return replaced ? { response, replaced } : { response };
    } catch (e) {
      if (!(e instanceof EnrollError)) throw e;
      if (e.kind === 'rate_limited') {
        const wait = Math.max(1000, e.retryAfterMs ?? 30_000);
        if (wait > budget) throw e;
        budget -= wait;
        log.warn('enrollment rate limited by the server; waiting', { waitMs: wait });
        await sleep(wait);
        continue;
      }
      if (e.kind === 'id_taken' && !replaced && req.agentId) {
        replaced = { agentId: req.agentId, code: e.code ?? 'agent_id_taken' };
        log.warn(
          'the server refused this agent id; enrolling as a new agent. If this machine should keep its identity, an administrator can re-key the old agent (Agents page) and you enroll again',
          { refusedAgentId: req.agentId, code: replaced.code },
        );
        req = { ...req, agentId: (deps.newAgentId ?? randomUUID)() };
        key = undefined;
        continue;
      }
      throw e;
    }
  }
}
