import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, Role } from '../../platform/db/schema.js';
import type { NotificationOutboxTable } from './notifications.tables.js';
import type { RecipientCandidate } from './recipients.js';

/**
 * The outbox's queries: who could hear about tickets (reading the tickets', users' and groups' tables),
 * the active webhooks, and the `notification_outbox` rows it queues (the dispatcher delivers them).
 */

export type Candidate = RecipientCandidate & { ticketId: number };

/** Everyone who could hear about these tickets, in one statement (see resolveRecipients for who does). */
export async function loadCandidates(db: Kysely<Database>, ticketIds: number[], withAdmins: boolean): Promise<Candidate[]> {
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

/** The addresses of the people who acted (never notified of their own action). */
export function actorEmails(db: Kysely<Database>, actorIds: readonly number[]) {
  if (actorIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'email']).where('id', 'in', [...actorIds]).execute();
}

export function activeWebhooks(db: Kysely<Database>) {
  return db.selectFrom('webhooks').select(['id', 'events']).where('active', '=', true).orderBy('id').execute();
}

export async function insertOutboxRows(db: Kysely<Database>, rows: Insertable<NotificationOutboxTable>[]) {
  if (rows.length > 0) await db.insertInto('notification_outbox').values(rows).execute();
}

/** The language each of these addresses' users chose (users.locale), for emails; addresses compared lower-case. */
export function recipientLocales(db: Kysely<Database>, addresses: readonly string[]) {
  if (addresses.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select([sql<string>`lower(email)`.as('email'), 'locale'])
    .where(sql<string>`lower(email)`, 'in', [...addresses])
    .execute();
}
