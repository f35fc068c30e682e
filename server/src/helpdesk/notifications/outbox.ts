import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { NotificationOutboxTable } from './notifications.tables.js';
import type { NotificationEvent, NotificationEventType, NotificationPayload } from './notification.types.js';
import { activeWebhooks, actorEmails, insertOutboxRows, loadCandidates, type Candidate } from './outbox.repository.js';
import { resolveRecipients, type ActorFacts, type RecipientCandidate } from './recipients.js';

export type { RecipientCandidate } from './recipients.js';

export type { NotificationEvent, NotificationEventType, NotificationPayload } from './notification.types.js';

export interface EnqueueOptions {
  /**
   * Queue emails. Pass `Boolean(config.PARC_SMTP_URL)`; when left out, emails are queued and a
   * dispatcher without SMTP marks them failed with a message saying so.
   */
  email?: boolean;
}

export function payloadOf(event: NotificationEvent, now: Date): NotificationPayload {
  return { event: event.type, ticketId: event.ticketId, summary: event.summary, data: event.data ?? {}, occurredAt: now.toISOString() };
}

/**
 * Queues the notifications for several events in the caller's transaction, so they exist exactly when
 * the ticket change that caused them commits. Reads recipients, actors and webhooks in three
 * statements and writes every row in one insert, whatever the number of events.
 */
export async function enqueueNotifications(
  db: Kysely<Database>,
  events: readonly NotificationEvent[],
  now: Date,
  options: EnqueueOptions = {},
): Promise<number> {
  if (events.length === 0) return 0;
  const email = options.email ?? true;
  const ticketIds = [...new Set(events.map((e) => e.ticketId))];
  const actorIds = [...new Set(events.flatMap((e) => (e.actorId === null ? [] : [e.actorId])))];
  // One after the other: a transaction is one connection.
  const candidates = email ? await loadCandidates(db, ticketIds, events.some((e) => e.type === 'ticket.sla-at-risk')) : [];
  const actors = email ? await actorEmails(db, actorIds) : [];
  const webhooks = await activeWebhooks(db);
  const byTicket = new Map<number, Candidate[]>();
  for (const c of candidates) {
    const list = byTicket.get(c.ticketId);
    if (list) list.push(c);
    else byTicket.set(c.ticketId, [c]);
  }
  const actorById = new Map<number, ActorFacts>(actors.map((a) => [a.id, a]));

  const rows: Insertable<NotificationOutboxTable>[] = [];
  for (const event of events) {
    const payload = JSON.stringify(payloadOf(event, now));
    const base = { event: event.type, ticket_id: event.ticketId, payload, next_attempt_at: now, created_at: now };
    if (email) {
      const actor = event.actorId === null ? null : (actorById.get(event.actorId) ?? { id: event.actorId, email: null });
      for (const to of resolveRecipients(event, byTicket.get(event.ticketId) ?? [], actor)) {
        rows.push({ ...base, channel: 'email', target: to });
      }
    }
    // The target is the webhook's id: its URL and secret are read at delivery, so a fixed URL or a
    // rotated secret applies to what is still queued, and no secret is copied into the outbox.
    for (const hook of webhooks) {
      if (hook.events.includes(event.type)) rows.push({ ...base, channel: 'webhook', target: String(hook.id) });
    }
  }
  await insertOutboxRows(db, rows);
  return rows.length;
}

/** Queues the notifications for one event, in the caller's transaction (see enqueueNotifications). */
export function enqueueNotification(db: Kysely<Database>, event: NotificationEvent, now: Date, options: EnqueueOptions = {}): Promise<number> {
  return enqueueNotifications(db, [event], now, options);
}

/**
 * Queues one event about a ticket (or problem, change) to chosen people rather than, or besides, the
 * item's own (approvers asked to approve it; whoever asked for an approval): `extra` are the candidates,
 * `itemPeople` adds the item's requester, assignees and observers. The same rules pick who gets an email
 * (resolveRecipients: never the actor, nor a disabled user; a group's mailbox, else its members);
 * subscribed webhooks get it as usual.
 */
export async function enqueueNotificationTo(
  db: Kysely<Database>,
  event: NotificationEvent,
  extra: readonly RecipientCandidate[],
  now: Date,
  options: EnqueueOptions & { itemPeople?: boolean } = {},
): Promise<number> {
  const email = options.email ?? true;
  const own = email && options.itemPeople ? await loadCandidates(db, [event.ticketId], false) : [];
  const actor = email && event.actorId !== null ? ((await actorEmails(db, [event.actorId]))[0] ?? { id: event.actorId, email: null }) : null;
  const webhooks = await activeWebhooks(db);
  const payload = JSON.stringify(payloadOf(event, now));
  const base = { event: event.type, ticket_id: event.ticketId, payload, next_attempt_at: now, created_at: now };
  const rows: Insertable<NotificationOutboxTable>[] = [];
  if (email) for (const to of resolveRecipients(event, [...own, ...extra], actor)) rows.push({ ...base, channel: 'email', target: to });
  for (const hook of webhooks) if (hook.events.includes(event.type)) rows.push({ ...base, channel: 'webhook', target: String(hook.id) });
  await insertOutboxRows(db, rows);
  return rows.length;
}

/** An event about no ticket (licence alerts): its recipients are chosen by the caller. */
export interface NoticeEvent {
  type: NotificationEventType;
  summary: string;
  data?: Record<string, unknown>;
  /** Email addresses. */
  to: readonly string[];
}

/** Queues notices in the caller's transaction: an email to each address and a call to each subscribed webhook, one insert. */
export async function enqueueNotices(db: Kysely<Database>, events: readonly NoticeEvent[], now: Date, options: EnqueueOptions = {}): Promise<number> {
  if (events.length === 0) return 0;
  const webhooks = await activeWebhooks(db);
  const rows: Insertable<NotificationOutboxTable>[] = [];
  for (const e of events) {
    const payload: NotificationPayload = { event: e.type, ticketId: null, summary: e.summary, data: e.data ?? {}, occurredAt: now.toISOString() };
    const base = { event: e.type, ticket_id: null, payload: JSON.stringify(payload), next_attempt_at: now, created_at: now };
    if (options.email ?? true) for (const to of e.to) rows.push({ ...base, channel: 'email', target: to });
    for (const hook of webhooks) if (hook.events.includes(e.type)) rows.push({ ...base, channel: 'webhook', target: String(hook.id) });
  }
  await insertOutboxRows(db, rows);
  return rows.length;
}
