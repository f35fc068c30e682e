import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, Role } from '../../platform/db/schema.js';
import type { NotificationOutboxTable } from '../tickets/tickets.tables.js';
import type { NotificationEvent, NotificationEventType, NotificationPayload } from './notification.types.js';
import { resolveRecipients, type ActorFacts, type RecipientCandidate } from './recipients.js';

export type { NotificationEvent, NotificationEventType, NotificationPayload } from './notification.types.js';

export interface EnqueueOptions {
  /**
   * Queue emails. Pass `Boolean(config.PARC_SMTP_URL)`; when left out, emails are queued and a
   * dispatcher without SMTP marks them failed with a message saying so.
   */
  email?: boolean;
}

type Candidate = RecipientCandidate & { ticketId: number };

/** Everyone who could hear about these tickets, in one statement (see resolveRecipients for who does). */
async function loadCandidates(db: Kysely<Database>, ticketIds: number[], withAdmins: boolean): Promise<Candidate[]> {
  const requesters = db
    .selectFrom('tickets as t')
    .innerJoin('users as u', 'u.id', 't.requester_id')
    .where('t.id', 'in', ticketIds)
    .select([
      't.id as ticket_id',
      sql<RecipientCandidate['source']>`'requester'`.as('source'),
      sql<number | null>`u.id`.as('user_id'),
      sql<number | null>`null::integer`.as('group_id'),
      'u.email',
      sql<Role | null>`u.role`.as('role'),
      'u.disabled',
    ]);
  const users = db
    .selectFrom('ticket_actors as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .where('a.ticket_id', 'in', ticketIds)
    .select([
      'a.ticket_id',
      sql<RecipientCandidate['source']>`a.role`.as('source'),
      sql<number | null>`u.id`.as('user_id'),
      sql<number | null>`null::integer`.as('group_id'),
      'u.email',
      sql<Role | null>`u.role`.as('role'),
      'u.disabled',
    ]);
  const mailboxes = db
    .selectFrom('ticket_actors as a')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .where('a.ticket_id', 'in', ticketIds)
    .where('g.email', 'is not', null)
    .select([
      'a.ticket_id',
      sql<RecipientCandidate['source']>`a.role`.as('source'),
      sql<number | null>`null::integer`.as('user_id'),
      sql<number | null>`g.id`.as('group_id'),
      'g.email',
      sql<Role | null>`null::text`.as('role'),
      sql<boolean>`false`.as('disabled'),
    ]);
  const members = db
    .selectFrom('ticket_actors as a')
    .innerJoin('group_members as m', 'm.group_id', 'a.group_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .where('a.ticket_id', 'in', ticketIds)
    .select([
      'a.ticket_id',
      sql<RecipientCandidate['source']>`a.role`.as('source'),
      sql<number | null>`u.id`.as('user_id'),
      sql<number | null>`m.group_id`.as('group_id'),
      'u.email',
      sql<Role | null>`u.role`.as('role'),
      'u.disabled',
    ]);
  let query = requesters.unionAll(users).unionAll(mailboxes).unionAll(members);
  if (withAdmins) {
    query = query.unionAll(
      db
        .selectFrom('users as u')
        .innerJoin('tickets as t', (j) => j.onTrue())
        .where('t.id', 'in', ticketIds)
        .where('u.role', '=', 'admin')
        .select([
          't.id as ticket_id',
          sql<RecipientCandidate['source']>`'admin'`.as('source'),
          sql<number | null>`u.id`.as('user_id'),
          sql<number | null>`null::integer`.as('group_id'),
          'u.email',
          sql<Role | null>`u.role`.as('role'),
          'u.disabled',
        ]),
    );
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    ticketId: r.ticket_id,
    source: r.source,
    userId: r.user_id,
    groupId: r.group_id,
    email: r.email,
    role: r.role,
    disabled: r.disabled,
  }));
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
  const actors = email && actorIds.length > 0 ? await db.selectFrom('users').select(['id', 'email']).where('id', 'in', actorIds).execute() : [];
  const webhooks = await db.selectFrom('webhooks').select(['id', 'events']).where('active', '=', true).orderBy('id').execute();
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
  if (rows.length > 0) await db.insertInto('notification_outbox').values(rows).execute();
  return rows.length;
}

/** Queues the notifications for one event, in the caller's transaction (see enqueueNotifications). */
export function enqueueNotification(db: Kysely<Database>, event: NotificationEvent, now: Date, options: EnqueueOptions = {}): Promise<number> {
  return enqueueNotifications(db, [event], now, options);
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
  const webhooks = await db.selectFrom('webhooks').select(['id', 'events']).where('active', '=', true).orderBy('id').execute();
  const rows: Insertable<NotificationOutboxTable>[] = [];
  for (const e of events) {
    const payload: NotificationPayload = { event: e.type, ticketId: null, summary: e.summary, data: e.data ?? {}, occurredAt: now.toISOString() };
    const base = { event: e.type, ticket_id: null, payload: JSON.stringify(payload), next_attempt_at: now, created_at: now };
    if (options.email ?? true) for (const to of e.to) rows.push({ ...base, channel: 'email', target: to });
    for (const hook of webhooks) if (hook.events.includes(e.type)) rows.push({ ...base, channel: 'webhook', target: String(hook.id) });
  }
  if (rows.length > 0) await db.insertInto('notification_outbox').values(rows).execute();
  return rows.length;
}
