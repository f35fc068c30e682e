import { apiErrorSchema, agentTicketResponseSchema, REENROLL_REQUIRED } from '@parc/shared';
import type { AgentTicketRequest, AgentTicketResponse } from '@parc/shared';
import { log } from '../log.js';
import { sleep as realSleep } from '../util/timeout.js';
import { backoffDelay } from '@parc/shared';
import { NetworkError } from './client.js';
import type { HttpClient, HttpResponse } from './client.js';
import type { RetryPolicy, UploadDeps } from './upload.js';

export const AGENT_TICKET_PATH = 'api/v1/agent/tickets';

export type TicketOutcome =
  | { result: 'created'; response: AgentTicketResponse; attempts: number }
  | { result: 'reenroll_required'; attempts: number }
  /** The server understood and refused (4xx other than re-enroll): `field` names the culprit when known. */
  | { result: 'rejected'; httpStatus: number; code?: string; message: string; field?: string; attempts: number }
  /** No answer (network) or server trouble that outlasted the retries; `httpStatus` absent means unreachable. */
  | { result: 'failed'; httpStatus?: number; error: string; attempts: number };

export interface TicketDeps extends Pick<UploadDeps, 'sleep' | 'random'> {
  /** Sent as Idempotency-Key on every attempt, so a retry after a lost answer cannot open a second ticket. */
  idempotencyKey: string;
}

type Verdict = { done: TicketOutcome } | { retry: string; httpStatus?: number };

function judge(res: HttpResponse, attempts: number): Verdict {
  const { status } = res;
  if (status >= 200 && status < 300) {
    const body = agentTicketResponseSchema.safeParse(res.json);
    if (!body.success) return { done: { result: 'failed', httpStatus: status, error: 'unexpected response from server (not a Parc ticket answer)', attempts } };
    return { done: { result: 'created', response: body.data, attempts } };
  }
  const err = apiErrorSchema.safeParse(res.json);
  if (status >= 500) return { retry: `server error (${err.success ? `${err.data.error.code}: ${err.data.error.message}` : `HTTP ${status}`})`, httpStatus: status };
  if (status === 401 && err.success && err.data.error.code === REENROLL_REQUIRED) return { done: { result: 'reenroll_required', attempts } };
  return {
    done: {
      result: 'rejected',
      httpStatus: status,
      code: err.success ? err.data.error.code : undefined,
      message: err.success ? err.data.error.message : `HTTP ${status}`,
      field: err.success ? err.data.error.field : undefined,
      attempts,
    },
  };
}

/**
 * POSTs one ticket. Retries network errors and 5xx only, always with the same Idempotency-Key: a
 * timeout may hide a ticket the server did create, and the key lets the server answer with that one.
 */
export async function openAgentTicket(
  client: HttpClient,
  agentKey: string,
  request: AgentTicketRequest,
  policy: Omit<RetryPolicy, 'maxRetryAfterMs'>,
  deps: TicketDeps,
): Promise<TicketOutcome> {
  const sleep = deps.sleep ?? realSleep;
  const body = Buffer.from(JSON.stringify(request));
  const headers = {
    Authorization: `Bearer ${agentKey}`,
    'Content-Type': 'application/json',
    'Idempotency-Key': deps.idempotencyKey,
  };
  let last: { error: string; httpStatus?: number } = { error: 'not attempted' };
  const attempts = Math.max(1, policy.attempts);
  for (let attempt = 0; attempt < attempts; attempt++) {
    let verdict: Verdict;
    try {
      verdict = judge(await client.post(AGENT_TICKET_PATH, body, headers), attempt + 1);
    } catch (e) {
      if (!(e instanceof NetworkError)) throw e;
      if (!e.retryable) return { result: 'failed', error: e.message, attempts: attempt + 1 };
      verdict = { retry: e.message };
    }
    if ('done' in verdict) return verdict.done;
    last = { error: verdict.retry, httpStatus: verdict.httpStatus };
    if (attempt + 1 >= attempts) break;
    const wait = backoffDelay(attempt, { baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs, jitter: 'full' }, deps.random);
    log.warn('ticket attempt failed, retrying', { attempt: attempt + 1, error: verdict.retry, waitMs: wait });
    await sleep(wait);
  }
  return { result: 'failed', ...last, attempts };
}
