import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { classifySmtpError, renderEmail, ticketUrl } from '../../../src/helpdesk/notifications/email.js';
import { EMAIL_MESSAGES, emailLocale } from '../../../src/helpdesk/notifications/email-messages.js';
import type { NotificationPayload } from '../../../src/helpdesk/notifications/notification.types.js';
import { parseRetryAfter } from '@parc/shared';
import { nextState, retryDelayMs, type BackoffPolicy } from '../../../src/helpdesk/notifications/retry-policy.js';
import { atRiskMoment, slaAlertsDue, type SlaTicketFacts } from '../../../src/helpdesk/sla/sla-watch.js';
import { classifyWebhookResponse, signBody } from '../../../src/helpdesk/notifications/webhook.js';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const POLICY: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, maxRetryAfterMs: 3_600_000 };
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('retryDelayMs', () => {
  it('doubles per attempt between half and all of the step, up to the ceiling', () => {
    const low = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelayMs(n, POLICY, () => 0));
    const high = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelayMs(n, POLICY, () => 0.999999));
    expect(low).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(high).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });

  it('spreads retries of the same attempt with the random draw', () => {
    const draws = [0.1, 0.5, 0.9].map((r) => retryDelayMs(3, POLICY, () => r));
    expect(draws).toEqual([2200, 3000, 3800]);
  });
});

describe('nextState', () => {
  it('records delivery', () => {
    expect(nextState({ kind: 'delivered' }, 1, 5, NOW, POLICY)).toEqual({ state: 'delivered', deliveredAt: NOW });
  });

  it('schedules a retry with backoff, or at the Retry-After the receiver gave (capped)', () => {
    expect(nextState({ kind: 'retry', error: 'HTTP 500' }, 2, 5, NOW, POLICY, () => 0.5)).toEqual({ state: 'retry', nextAttemptAt: at(1500), lastError: 'HTTP 500' });
    expect(nextState({ kind: 'retry', error: 'HTTP 429', retryAfterMs: 120_000 }, 1, 5, NOW, POLICY)).toMatchObject({ nextAttemptAt: at(120_000) });
    expect(nextState({ kind: 'retry', error: 'HTTP 429', retryAfterMs: 86_400_000 }, 1, 5, NOW, POLICY)).toMatchObject({ nextAttemptAt: at(3_600_000) });
  });

  it('gives up after the last allowed attempt, or at once on a permanent failure', () => {
    const last = nextState({ kind: 'retry', error: 'HTTP 500' }, 5, 5, NOW, POLICY);
    expect(last).toMatchObject({ state: 'failed', failedAt: NOW, lastError: 'HTTP 500 (gave up after 5 attempts)' });
    const gone = nextState({ kind: 'fail', error: 'HTTP 410 Gone', hint: 'delete it' }, 1, 5, NOW, POLICY);
    expect(gone).toEqual({ state: 'failed', failedAt: NOW, lastError: 'HTTP 410 Gone', hint: 'delete it' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores the rest', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:01:30 GMT', NOW)).toBe(90_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 08:00:00 GMT', NOW)).toBe(0);
    for (const bad of [null, undefined, '', '-5', '1.5', 'soon']) expect(parseRetryAfter(bad, NOW)).toBeUndefined();
  });
});

describe('classifyWebhookResponse', () => {
  it('delivers on 2xx', () => {
    for (const s of [200, 201, 202, 204]) expect(classifyWebhookResponse(s, null, NOW)).toEqual({ kind: 'delivered' });
  });

  it('retries 408, 429 and 5xx, with Retry-After on 429 and 503', () => {
    expect(classifyWebhookResponse(500, '30', NOW)).toEqual({ kind: 'retry', error: 'HTTP 500' });
    expect(classifyWebhookResponse(502, null, NOW, 'bad gateway')).toEqual({ kind: 'retry', error: 'HTTP 502: bad gateway' });
    expect(classifyWebhookResponse(408, null, NOW)).toMatchObject({ kind: 'retry' });
    expect(classifyWebhookResponse(429, '30', NOW)).toEqual({ kind: 'retry', error: 'HTTP 429', retryAfterMs: 30_000 });
    expect(classifyWebhookResponse(503, '7', NOW)).toEqual({ kind: 'retry', error: 'HTTP 503', retryAfterMs: 7000 });
  });

  it('gives up on 410, other 4xx and redirects', () => {
    expect(classifyWebhookResponse(410, null, NOW)).toMatchObject({ kind: 'fail', error: 'HTTP 410 Gone', hint: expect.stringContaining('no longer exists') });
    for (const s of [400, 401, 403, 404, 422]) expect(classifyWebhookResponse(s, null, NOW)).toMatchObject({ kind: 'fail', error: `HTTP ${s}` });
    expect(classifyWebhookResponse(301, null, NOW)).toMatchObject({ kind: 'fail', hint: expect.stringContaining('redirects are not followed') });
  });
});

describe('signBody', () => {
  it('is the hex HMAC-SHA256 of the exact body', () => {
    const body = '{"event":"ticket.created","ticketId":1}';
    expect(signBody(body, 'k3y')).toBe(`sha256=${createHmac('sha256', 'k3y').update(body).digest('hex')}`);
    expect(signBody(body, 'k3y')).not.toBe(signBody(`${body} `, 'k3y'));
  });
});

describe('classifySmtpError', () => {
  it('gives up on 5xx refusals and retries the rest, authentication included', () => {
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 550, message: 'Mailbox unavailable' })).toMatchObject({ kind: 'fail', error: 'SMTP 550: Mailbox unavailable' });
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 535, message: 'Invalid login' })).toMatchObject({ kind: 'retry', error: expect.stringContaining('PARC_SMTP_URL') });
    expect(classifySmtpError({ responseCode: 451, message: 'try later' })).toEqual({ kind: 'retry', error: 'SMTP: try later' });
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' })).toMatchObject({ kind: 'retry' });
  });
});

describe('renderEmail', () => {
  const payload = (p: Partial<NotificationPayload> = {}): NotificationPayload => ({
    event: 'ticket.followup',
    ticketId: 42,
    summary: 'VPN drops every hour',
    data: {},
    occurredAt: NOW.toISOString(),
    ...p,
  });

  it('has the "[Parc #id] summary" subject, the link, and the quoted body, escaped in HTML', () => {
    const mail = renderEmail(payload({ data: { body: 'Try <b>this</b> & that' } }), { publicUrl: 'https://parc.example.org/' });
    expect(mail.subject).toBe('[Parc #42] VPN drops every hour');
    expect(mail.text).toContain('New followup on ticket #42: VPN drops every hour');
    expect(mail.text).toContain('Try <b>this</b> & that');
    expect(mail.text).toContain('Open the ticket: https://parc.example.org/#/tickets/42');
    expect(mail.html).toContain('Try &lt;b&gt;this&lt;/b&gt; &amp; that');
    expect(mail.html).toContain('<a href="https://parc.example.org/#/tickets/42">');
  });

  it('keeps the subject on one line and says when there is no link', () => {
    const mail = renderEmail(payload({ summary: 'line one\r\nBcc: someone@example.org' }), { publicUrl: undefined });
    expect(mail.subject).toBe('[Parc #42] line one Bcc: someone@example.org');
    expect(mail.text).not.toContain('Open the ticket');
    expect(ticketUrl(undefined, 1)).toBeUndefined();
  });

  it('describes private followups and SLA alerts', () => {
    expect(renderEmail(payload({ data: { private: true } }), { publicUrl: undefined }).text).toContain('New private followup on ticket #42');
    const sla = renderEmail(payload({ event: 'ticket.sla-at-risk', data: { target: 'resolve', dueAt: '2026-03-03T17:00:00.000Z', state: 'at-risk' } }), { publicUrl: undefined });
    expect(sla.text).toContain('SLA at risk on ticket #42');
    expect(sla.text).toContain('Time to resolve is due 2026-03-03 17:00 UTC.');
  });

  it('speaks the recipient\'s language: headline, SLA line, link and footer; the title stays as written', () => {
    const fr = renderEmail(payload({ data: { body: 'Redémarrez le poste' } }), { publicUrl: 'https://parc.example.org', locale: 'fr' });
    expect(fr.subject).toBe('[Parc #42] VPN drops every hour');
    expect(fr.text).toContain('Nouveau suivi sur le ticket n° 42 : VPN drops every hour');
    expect(fr.text).toContain('Ouvrir le ticket : https://parc.example.org/#/tickets/42');
    expect(fr.text).toContain('Support Parc (message automatique)');
    expect(fr.html).toContain('>Ouvrir le ticket n° 42</a>');
    for (const english of ['New followup', 'Open the ticket', 'automatic message']) expect(fr.text).not.toContain(english);
    const sla = renderEmail(payload({ event: 'ticket.sla-at-risk', data: { target: 'own', dueAt: '2026-03-03T17:00:00.000Z', state: 'breached' } }), { publicUrl: undefined, locale: 'fr' });
    expect(sla.text).toContain('SLA menacé sur le ticket n° 42');
    expect(sla.text).toContain('Délai de prise en charge : échéance dépassée depuis le 2026-03-03 17:00 UTC.');
    expect(emailLocale('fr', 'en')).toBe('fr');
    expect(emailLocale(null, 'fr')).toBe('fr');
    expect(emailLocale('de', 'en')).toBe('en');
  });

  it('has every message in both languages', () => {
    const shape = (m: object): string[] => Object.entries(m).flatMap(([k, v]) => (typeof v === 'object' ? shape(v as object).map((x) => `${k}.${x}`) : [k])).sort();
    expect(shape(EMAIL_MESSAGES.fr)).toEqual(shape(EMAIL_MESSAGES.en));
  });
});

describe('SLA at risk', () => {
  const facts = (f: Partial<SlaTicketFacts> = {}): SlaTicketFacts => ({
    status: 'assigned',
    createdAt: NOW,
    ownedAt: null,
    ownDueAt: at(100 * 60_000),
    resolveDueAt: at(1000 * 60_000),
    ownAtRiskAt: null,
    resolveAtRiskAt: null,
    atRiskRatio: 0.8,
    ...f,
  });

  it('turns at risk at the ratio of the span, unless the tickets service stored the moment', () => {
    expect(atRiskMoment(NOW, at(100_000), null, 0.8)).toEqual(at(80_000));
    expect(atRiskMoment(NOW, at(100_000), null, 1.7)).toEqual(at(100_000));
    expect(atRiskMoment(NOW, at(100_000), at(42_000), 0.8)).toEqual(at(42_000));
  });

  it('alerts each target from its at-risk moment, as breached once past due', () => {
    const f = facts();
    expect(slaAlertsDue(f, at(79 * 60_000))).toEqual([]);
    expect(slaAlertsDue(f, at(80 * 60_000))).toEqual([{ target: 'own', dueAt: at(100 * 60_000), state: 'at-risk' }]);
    expect(slaAlertsDue(f, at(800 * 60_000))).toEqual([
      { target: 'own', dueAt: at(100 * 60_000), state: 'breached' },
      { target: 'resolve', dueAt: at(1000 * 60_000), state: 'at-risk' },
    ]);
    expect(slaAlertsDue(facts({ resolveAtRiskAt: at(60_000) }), at(2 * 60_000))).toEqual([{ target: 'resolve', dueAt: at(1000 * 60_000), state: 'at-risk' }]);
  });

  it('ignores time to own once owned, and every target while pending, solved or closed', () => {
    expect(slaAlertsDue(facts({ ownedAt: at(1000) }), at(900 * 60_000))).toEqual([{ target: 'resolve', dueAt: at(1000 * 60_000), state: 'at-risk' }]);
    for (const status of ['pending', 'solved', 'closed'] as const) expect(slaAlertsDue(facts({ status }), at(2000 * 60_000))).toEqual([]);
    expect(slaAlertsDue(facts({ ownDueAt: null, resolveDueAt: null }), at(2000 * 60_000))).toEqual([]);
  });
});
