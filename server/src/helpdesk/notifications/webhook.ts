import { createHmac } from 'node:crypto';
import type { NotificationPayload } from './notification.types.js';
import { parseRetryAfter, systemClock, type Clock } from '@parc/shared';
import type { DeliveryOutcome } from './retry-policy.js';

export interface WebhookTarget {
  id: number;
  url: string;
  secret: string | null;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>`: receivers recompute it with the shared secret. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * What an HTTP answer means for the notification. Retried: 408, 429 and 5xx (the receiver may recover;
 * 429 and 503 may say when). Given up at once: 410 (the receiver says the URL is gone for good), other
 * 4xx (the same request would be refused again) and 3xx (redirects are not followed, so a POST with a
 * signed body never lands somewhere the admin did not configure).
 */
export function classifyWebhookResponse(status: number, retryAfter: string | null, now: Date, detail = ''): DeliveryOutcome {
  const said = detail ? `: ${detail}` : '';
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(retryAfter, now) : undefined;
    return { kind: 'retry', error: `HTTP ${status}${said}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  if (status === 410) {
    return { kind: 'fail', error: `HTTP 410 Gone${said}`, hint: 'the receiver says this URL no longer exists: delete the webhook or correct its URL' };
  }
  if (status >= 300 && status < 400) {
    return { kind: 'fail', error: `HTTP ${status} redirect${said}`, hint: 'redirects are not followed: set the webhook URL to the final address' };
  }
  return { kind: 'fail', error: `HTTP ${status}${said}`, hint: "the receiver refused the request: check the webhook's URL and secret against the receiver's settings" };
}

/** The start of a response body, for last_error; the rest is discarded so the connection is freed. */
async function snippet(res: Response, max = 200): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, max).replace(/\s+/g, ' ').trim();
}

/** POSTs one notification as JSON. Never throws: every failure becomes an outcome. */
export async function deliverWebhook(
  target: WebhookTarget,
  payload: NotificationPayload,
  deliveryId: string,
  options: { timeoutMs?: number; clock?: Clock } = {},
): Promise<DeliveryOutcome> {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const url = URL.canParse(target.url) ? new URL(target.url) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return { kind: 'fail', error: 'the webhook URL is not an http(s) URL', hint: "correct the webhook's URL" };
  }
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Parc-Webhook/1',
    'x-parc-event': payload.event,
    // The same id on every attempt: receivers use it to ignore a repeat (delivery is at least once).
    'x-parc-delivery': deliveryId,
  };
  if (target.secret) headers['x-parc-signature'] = signBody(body, target.secret);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const reason =
      e.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { kind: 'retry', error: `cannot reach ${url.host}: ${reason}` };
  }
  const ok = res.status >= 200 && res.status < 300;
  const detail = ok ? '' : await snippet(res).catch(() => '');
  if (ok) await res.body?.cancel().catch(() => undefined);
  return classifyWebhookResponse(res.status, res.headers.get('retry-after'), (options.clock ?? systemClock).now(), detail);
}
