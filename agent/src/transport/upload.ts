import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { apiErrorSchema, inventoryResponseSchema, REENROLL_REQUIRED, REKEY_REQUIRED } from '@parc/shared';
import type { Inventory, InventoryResponse } from '@parc/shared';
import { log } from '../log.js';
import { sleep as realSleep } from '../util/timeout.js';
import { backoffDelay, parseRetryAfter } from '@parc/shared';
import { NetworkError } from './client.js';
import type { HttpClient, HttpResponse } from './client.js';

export const INVENTORY_PATH = 'api/v1/agent/inventory';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

export type UploadOutcome =
  | { result: 'accepted'; response: InventoryResponse; httpStatus: number; attempts: number }
  | { result: 'reenroll_required'; httpStatus: number; error: string; attempts: number }
  /** An administrator asked this agent to change its key: rotate it (key-rotation.ts) and send again. */
  | { result: 'rekey_required'; httpStatus: number; error: string; attempts: number }
  /** The server understood and refused (4xx): sending the same again will not help. */
  | { result: 'rejected'; httpStatus: number; error: string; attempts: number }
  /** Network or server trouble that outlasted the retries: spool and try later. */
  | { result: 'failed'; httpStatus?: number; error: string; attempts: number };

export const REENROLL_MESSAGE =
  'the server no longer knows this agent: run `parc-agent enroll --server … --token …` again';

function serverError(res: HttpResponse): string {
  const parsed = apiErrorSchema.safeParse(res.json);
  return parsed.success ? `${parsed.data.error.code}: ${parsed.data.error.message}` : `HTTP ${res.status}`;
}

/** One attempt's verdict: done (with an outcome) or retry (after at least `waitMs`). */
type Verdict = { done: UploadOutcome } | { retry: string; waitMs?: number; httpStatus?: number };

function judge(res: HttpResponse, attempts: number, now: Date): Verdict {
  const { status } = res;
  if (status >= 200 && status < 300) {
    const body = inventoryResponseSchema.safeParse(res.json);
    // A 200 without our answer is a captive portal or a misrouted proxy, not the Parc server: the data
    // did not arrive, so the baseline must not move.
    if (!body.success) return { done: { result: 'failed', httpStatus: status, error: 'unexpected response from server (not a Parc inventory answer)', attempts } };
    return { done: { result: 'accepted', response: body.data, httpStatus: status, attempts } };
  }
  if (status === 401) {
    const err = apiErrorSchema.safeParse(res.json);
    if (err.success && err.data.error.code === REENROLL_REQUIRED) {
      return { done: { result: 'reenroll_required', httpStatus: status, error: REENROLL_MESSAGE, attempts } };
    }
    if (err.success && err.data.error.code === REKEY_REQUIRED) {
      return { done: { result: 'rekey_required', httpStatus: status, error: 'the server asked this agent to change its key', attempts } };
    }
    return { done: { result: 'rejected', httpStatus: status, error: `agent key refused (${serverError(res)})`, attempts } };
  }
  if (status === 429) return { retry: 'rate limited (429)', waitMs: parseRetryAfter(res.headers['retry-after'], now) ?? undefined, httpStatus: status };
  if (status >= 500 || status === 408) return { retry: `server error (${serverError(res)})`, httpStatus: status };
  return { done: { result: 'rejected', httpStatus: status, error: serverError(res), attempts } };
}

export interface UploadDeps {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
}

/** POSTs one inventory, gzip-compressed, retrying network errors, 5xx and 429 with backoff. */
export async function uploadInventory(
  client: HttpClient,
  agentKey: string,
  payload: Inventory,
  policy: RetryPolicy,
  deps: UploadDeps = {},
): Promise<UploadOutcome> {
  const sleep = deps.sleep ?? realSleep;
  const body = await promisify(gzip)(Buffer.from(JSON.stringify(payload)));
  const headers = {
    Authorization: `Bearer ${agentKey}`,
    'Content-Type': 'application/json',
    'Content-Encoding': 'gzip',
  };
  let last: { error: string; httpStatus?: number } = { error: 'not attempted' };
  for (let attempt = 0; attempt < policy.attempts; attempt++) {
    let verdict: Verdict;
    try {
      verdict = judge(await client.post(INVENTORY_PATH, body, headers), attempt + 1, deps.now?.() ?? new Date());
    } catch (e) {
      if (!(e instanceof NetworkError)) throw e;
      if (!e.retryable) return { result: 'failed', error: e.message, attempts: attempt + 1 };
      verdict = { retry: e.message };
    }
    if ('done' in verdict) return verdict.done;
    last = { error: verdict.retry, httpStatus: verdict.httpStatus };
    if (attempt + 1 >= policy.attempts) break;
    const backoff = backoffDelay(attempt, { baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs, jitter: 'full' }, deps.random);
    const wait = verdict.waitMs ?? backoff;
    if (wait > policy.maxRetryAfterMs) {
      // Waiting hours in-process would block the schedule; the spool carries it to a later run.
      return { result: 'failed', ...last, error: `${last.error}; server asked to wait ${Math.round(wait / 1000)} s`, attempts: attempt + 1 };
    }
    log.warn('upload attempt failed, retrying', { attempt: attempt + 1, error: verdict.retry, waitMs: wait });
    await sleep(wait);
  }
  return { result: 'failed', ...last, attempts: policy.attempts };
}
