import nodemailer from 'nodemailer';
import type { NotificationPayload } from './notification.types.js';
import { EMAIL_MESSAGES, type EmailLocale, type EmailMessages } from './email-messages.js';
import type { DeliveryOutcome } from './retry-policy.js';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const utc = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`);

const ITEM_PAGES: Readonly<Record<string, string>> = { ticket: 'tickets', problem: 'problems', change: 'changes' };

/** The link people follow from an email (to the item's page by its kind); undefined when no public address is known. */
export function ticketUrl(publicUrl: string | undefined, ticketId: number, kind?: unknown): string | undefined {
  const page = (typeof kind === 'string' && ITEM_PAGES[kind]) || 'tickets';
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}/#/${page}/${ticketId}` : undefined;
}

/** How one email is rendered: where links point, and the recipient's language. */
export interface RenderOptions {
  /** PARC_PUBLIC_URL, else the address staff last opened the app at; no link without either. */
  publicUrl: string | undefined;
  locale?: EmailLocale;
}

/** Plain text and a simple HTML alternative for one notification, in the recipient's language; the subject is "[Parc #id] summary". */
export function renderEmail(payload: NotificationPayload, opts: RenderOptions): RenderedEmail {
  const m = EMAIL_MESSAGES[opts.locale ?? 'en'];
  const summary = oneLine(payload.summary).slice(0, 200) || m.noTitle;
  if (payload.ticketId === null) return renderNoticeEmail(payload, summary, opts.publicUrl, m, opts.locale ?? 'en');
  const { data } = payload;
  let headline = m.headline[payload.event];
  if (payload.event === 'ticket.followup' && data.private === true) headline = m.privateFollowup;
  const lines = [m.onTicket(headline, payload.ticketId, summary)];
  if (payload.event === 'ticket.sla-at-risk') {
    const due = typeof data.dueAt === 'string' ? utc(data.dueAt) : m.unknownDate;
    lines.push(m.slaDue(data.target === 'own' ? 'own' : 'resolve', due, data.state === 'breached'));
  }
  if (payload.event === 'approval.requested') lines.push(m.approvalRequested(data.mode === 'any' ? 'any' : 'all'));
  if (payload.event === 'approval.settled') lines.push(m.approvalSettled(data.outcome === 'approved' ? 'approved' : 'refused'));
  const body = typeof data.body === 'string' && data.body.trim() ? data.body.trim() : undefined;
  const link = ticketUrl(opts.publicUrl, payload.ticketId, data.itemKind);
  const text = [...lines, ...(body ? ['', body] : []), ...(link ? ['', m.openTicketText(link)] : []), '', '-- ', m.footerHelpdesk, ''].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif">',
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    ...(body ? [`<blockquote style="white-space: pre-wrap">${escapeHtml(body)}</blockquote>`] : []),
    ...(link ? [`<p><a href="${escapeHtml(link)}">${escapeHtml(m.openTicketLink(payload.ticketId))}</a></p>`] : []),
    `<p style="color: #777">${escapeHtml(m.footerHelpdesk)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: `[Parc #${payload.ticketId}] ${summary}`, text, html };
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * A licence alert's words in the recipient's language, from its data; undefined for another event or
 * an alert stored before its data carried what the sentence needs (its stored English summary is used).
 */
export function licenceText(payload: NotificationPayload, m: EmailMessages, locale: EmailLocale): { summary: string; detail: string } | undefined {
  const d = payload.data;
  if (payload.event === 'asset.warranty-expiring' || payload.event === 'asset.contract-expiring') return assetText(payload, m, locale);
  const product = str(d.product);
  if (!product) return undefined;
  const count = (n: number) => new Intl.NumberFormat(locale).format(n);
  if (payload.event === 'licence.expiring') {
    const expiresOn = str(d.expiresOn);
    const daysLeft = num(d.daysLeft);
    if (!expiresOn || daysLeft === undefined || Number.isNaN(Date.parse(`${expiresOn}T00:00:00Z`))) return undefined;
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${expiresOn}T00:00:00Z`));
    const what = [str(d.reference), str(d.vendor)].filter(Boolean).join(', ');
    return m.licenceExpiring({ product, what, expiresOn: date, daysLeft });
  }
  if (payload.event === 'licence.over-deployed') {
    const installed = num(d.installed);
    const shortfall = num(d.shortfall);
    if (installed === undefined || shortfall === undefined || (d.metric !== 'user' && d.metric !== 'device')) return undefined;
    const owned = num(d.owned);
    const costValue = num(d.trueUpCost);
    const currency = str(d.currency);
    let cost: string | null = null;
    if (costValue !== undefined && costValue > 0) {
      try {
        cost = currency ? new Intl.NumberFormat(locale, { style: 'currency', currency }).format(costValue) : count(costValue);
      } catch {
        cost = `${count(costValue)} ${currency ?? ''}`.trim(); // not an ISO currency code
      }
    }
    return m.overDeployed({ product, installed: count(installed), owned: owned === undefined ? null : count(owned), shortfall, shortfallText: count(shortfall), perUser: d.metric === 'user', cost });
  }
  return undefined;
}

/** A warranty or contract alert's words in the recipient's language, from its data. */
function assetText(payload: NotificationPayload, m: EmailMessages, locale: EmailLocale): { summary: string; detail: string } | undefined {
  const d = payload.data;
  const name = str(d.name);
  const endsOn = str(d.endsOn);
  const daysLeft = num(d.daysLeft);
  if (!name || !endsOn || daysLeft === undefined || Number.isNaN(Date.parse(`${endsOn}T00:00:00Z`))) return undefined;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${endsOn}T00:00:00Z`));
  return (payload.event === 'asset.warranty-expiring' ? m.warrantyExpiring : m.contractExpiring)({ name, endsOn: date, daysLeft });
}

/** Where a notice's link points: the asset or contract it is about, else the compliance page (licence alerts). */
function noticeLink(payload: NotificationPayload, m: EmailMessages, base: string): { url: string; text: string; label: string } {
  const id = num(payload.data.deviceId);
  if (payload.event === 'asset.warranty-expiring' && id !== undefined) return { url: `${base}/#/devices/${id}`, text: m.openAssetText(`${base}/#/devices/${id}`), label: m.openAssetLink };
  const contract = num(payload.data.contractId);
  if (payload.event === 'asset.contract-expiring' && contract !== undefined) return { url: `${base}/#/contracts/${contract}`, text: m.openContractText(`${base}/#/contracts/${contract}`), label: m.openContractLink };
  return { url: `${base}/#/compliance`, text: m.openComplianceText(`${base}/#/compliance`), label: m.openComplianceLink };
}

/** An event about no ticket (licence and asset alerts): the summary, an optional `detail` line, a link to what it is about. */
function renderNoticeEmail(payload: NotificationPayload, stored: string, publicUrl: string | undefined, m: EmailMessages, locale: EmailLocale): RenderedEmail {
  const own = licenceText(payload, m, locale);
  const summary = own ? oneLine(own.summary).slice(0, 200) : stored;
  const detail = own?.detail ?? (typeof payload.data.detail === 'string' ? payload.data.detail : undefined);
  const lines = [m.notice(m.headline[payload.event], summary), ...(detail ? [oneLine(detail)] : [])];
  const link = publicUrl ? noticeLink(payload, m, publicUrl.replace(/\/+$/, '')) : undefined;
  const text = [...lines, ...(link ? ['', link.text] : []), '', '-- ', m.footerParc, ''].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif">',
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`] : []),
    `<p style="color: #777">${escapeHtml(m.footerParc)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: `[Parc] ${summary}`, text, html };
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  message?: string;
}

const AUTH_CODES = new Set([530, 534, 535, 538]);

/**
 * SMTP answers: 5xx refuses this message or address for good, except authentication (a server setting
 * an admin fixes, after which retrying works); 4xx, timeouts and connection errors are temporary.
 */
export function classifySmtpError(err: SmtpError): DeliveryOutcome {
  const message = oneLine(err.message ?? String(err)).slice(0, 300);
  if (err.code === 'EAUTH' || (err.responseCode !== undefined && AUTH_CODES.has(err.responseCode))) {
    return { kind: 'retry', error: `SMTP authentication failed: ${message}; check the user and password in PARC_SMTP_URL` };
  }
  if (err.responseCode !== undefined && err.responseCode >= 500 && err.responseCode < 600) {
    return { kind: 'fail', error: `SMTP ${err.responseCode}: ${message}`, hint: 'the mail server refused this message: check the recipient address (user or group email)' };
  }
  return { kind: 'retry', error: `SMTP: ${message}` };
}

export interface EmailSender {
  /** Where mail goes, for logs: never includes the password. */
  readonly server: string;
  send(to: string, payload: NotificationPayload, deliveryId: string, render: RenderOptions): Promise<DeliveryOutcome>;
  close(): void;
}

export interface EmailSettings {
  smtpUrl: string;
  from: string;
}

/** An SMTP sender over a small connection pool (two connections: notifications are not bulk mail). */
export function createEmailSender(settings: EmailSettings): EmailSender {
  const url = new URL(settings.smtpUrl);
  const secrets = [url.password, decodeURIComponent(url.password)].filter((s) => s.length > 0);
  // Errors quote server replies; make sure none of them can carry the password into a log or the table.
  const scrub = (s: string) => secrets.reduce((acc, p) => acc.split(p).join('***'), s);
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  const domain = settings.from.split('@').pop()?.replace(/[<>\s]/g, '') || 'localhost';
  return {
    server: `${url.protocol}//${url.host}`,
    async send(to, payload, deliveryId, render) {
      const mail = renderEmail(payload, render);
      const thread = payload.ticketId === null ? undefined : `<parc-ticket-${payload.ticketId}@${domain}>`;
      try {
        await transport.sendMail({
          from: settings.from,
          to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<parc-notification-${deliveryId}@${domain}>`,
          // Mail clients thread every message about one ticket together.
          ...(thread ? { references: thread, inReplyTo: thread } : {}),
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Parc-Event': payload.event, ...(payload.ticketId === null ? {} : { 'X-Parc-Ticket': String(payload.ticketId) }) },
        });
        return { kind: 'delivered' };
      } catch (err) {
        const outcome = classifySmtpError(err as SmtpError);
        return outcome.kind === 'delivered' ? outcome : { ...outcome, error: scrub(outcome.error) };
      }
    },
    close() {
      transport.close();
    },
  };
}
