import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { MAX_ID } from '../../platform/http/params.js';
import type { ItilKindName } from '@parc/shared/api/itil-enums';
import { ITIL_KIND_BY_NAME, type AnyItilKind } from '../itil/kinds.js';
import type { TicketStatus } from '../itil/ticket-kind.js';
import type { TicketType } from './tickets.tables.js';
import { slaStateCondition } from '../sla/sla-state-filter.js';
import type { ListTicketsQuery } from './tickets.schemas.js';
import { containsPattern } from '../../platform/db/like.js';

/**
 * The list query of every ITIL kind: filters, sort and page over `tickets` rows of one kind, with the
 * requester's name. Tickets, problems and changes list through it.
 */

export type TicketFilters = Omit<ListTicketsQuery, 'sort' | 'limit' | 'offset'>;
export type TicketPage = Pick<ListTicketsQuery, 'sort' | 'limit' | 'offset'>;
/** The filters any kind understands (`status`: that kind's statuses, or `open`); `linkedTo`: linked to that object, either way. */
export type ItemFilters = Partial<Omit<TicketFilters, 'status'>> & { status?: string[] | undefined; linkedTo?: number | undefined };

type TicketQuery = SelectQueryBuilder<Database, 'tickets', object>;

function applyFilters(q: TicketQuery, kind: AnyItilKind, f: ItemFilters, visibleTo: number | null, now: Date): TicketQuery {
  if (visibleTo !== null) {
    const userId = visibleTo;
    q = q.where((eb) =>
      eb.or([
        eb('tickets.requester_id', '=', userId),
        eb.exists(
          eb.selectFrom('ticket_actors as o').select('o.id').whereRef('o.ticket_id', '=', 'tickets.id').where('o.role', '=', 'observer').where('o.user_id', '=', userId),
        ),
      ]),
    );
  }
  if (f.q) {
    const like = containsPattern(f.q);
    // "#12" or "12" also finds ticket 12; a number beyond the id range finds no id (and is no SQL error).
    const n = /^#?\d+$/.test(f.q) ? Number(f.q.replace('#', '')) : null;
    const asId = n !== null && n <= MAX_ID ? n : null;
    q = q.where((eb) => eb.or([eb('tickets.title', 'ilike', like), eb('tickets.description', 'ilike', like), ...(asId ? [eb('tickets.id', '=', asId)] : [])]));
  }
  if (f.status) {
    const statuses = f.status.flatMap((s) => (s === 'open' ? [...kind.open] : [s]));
    q = q.where('tickets.status', 'in', statuses as TicketStatus[]);
  }
  if (f.priority) q = q.where('tickets.priority', 'in', f.priority);
  if (f.type) q = q.where('tickets.type', '=', f.type);
  if (f.categoryId) q = q.where('tickets.category_id', '=', f.categoryId);
  if (f.requesterId) q = q.where('tickets.requester_id', '=', f.requesterId);
  if (f.assigneeId) {
    const uid = f.assigneeId;
    q = q.where((eb) => eb.exists(eb.selectFrom('ticket_actors as a').select('a.id').whereRef('a.ticket_id', '=', 'tickets.id').where('a.role', '=', 'assignee').where('a.user_id', '=', uid)));
  }
  if (f.groupId) {
    const gid = f.groupId;
    q = q.where((eb) => eb.exists(eb.selectFrom('ticket_actors as a').select('a.id').whereRef('a.ticket_id', '=', 'tickets.id').where('a.role', '=', 'assignee').where('a.group_id', '=', gid)));
  }
  if (f.deviceId) {
    const did = f.deviceId;
    q = q.where((eb) => eb.exists(eb.selectFrom('ticket_devices as td').select('td.device_id').whereRef('td.ticket_id', '=', 'tickets.id').where('td.device_id', '=', did)));
  }
  if (f.linkedTo) {
    const other = f.linkedTo;
    q = q.where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('itil_links as l').select('l.from_id').where('l.from_id', '=', other).whereRef('l.to_id', '=', 'tickets.id')),
        eb.exists(eb.selectFrom('itil_links as l').select('l.from_id').where('l.to_id', '=', other).whereRef('l.from_id', '=', 'tickets.id')),
      ]),
    );
  }
  if (f.createdAfter) q = q.where('tickets.created_at', '>=', new Date(f.createdAfter));
  if (f.createdBefore) q = q.where('tickets.created_at', '<', new Date(f.createdBefore));
  if (f.slaState) q = q.where((eb) => slaStateCondition(eb, f.slaState!, now));
  return q;
}

/**
 * Sort keys. Status sorts in workflow order (new … closed), not alphabetically; titles sort without
 * regard to case, the same on PGlite (C collation) and on Postgres (the server's locale).
 */
const sortKeys = (kind: AnyItilKind) =>
  ({
    id: sql`tickets.id`,
    createdAt: sql`tickets.created_at`,
    updatedAt: sql`tickets.updated_at`,
    priority: sql`tickets.priority`,
    status: sql`array_position(${sql.val([...kind.statuses])}::text[], tickets.status::text)`,
    title: sql`lower(tickets.title)`,
    resolveDueAt: sql`tickets.resolve_due_at`,
  }) as const;
// Never null: ordering them without NULLS LAST lets the primary key or an index serve the page.
const NOT_NULL_SORTS: ReadonlySet<string> = new Set(['id', 'createdAt', 'updatedAt']);

/**
 * A page of tickets matching `f` and its total. `visibleTo`: a user id to keep only the tickets they
 * request or observe, null for all.
 */
export async function searchTickets(db: Db, f: TicketFilters & TicketPage, visibleTo: number | null, now: Date) {
  const { rows, total } = await searchItems(db, 'ticket', f, visibleTo, now);
  // Kind `ticket` only: the table's checks give these rows a ticket status and a type.
  return { rows: rows as (Omit<(typeof rows)[number], 'status' | 'type'> & { status: TicketStatus; type: TicketType })[], total };
}

/** A page of objects of `kind` matching `f`, and its total (the same query for every kind). */
export async function searchItems(db: Db, kindName: ItilKindName, f: ItemFilters & TicketPage, visibleTo: number | null, now: Date) {
  const kind = ITIL_KIND_BY_NAME[kindName];
  const base = applyFilters(db.selectFrom('tickets').where('tickets.kind', '=', kindName), kind, f, visibleTo, now);
  const desc = f.sort.startsWith('-');
  const SORT = sortKeys(kind);
  const column = SORT[f.sort.replace(/^-/, '') as keyof typeof SORT];
  const [rows, total] = await Promise.all([
    base
      .leftJoin('users as r', 'r.id', 'tickets.requester_id')
      .selectAll('tickets')
      .select(['r.username as requester_username', 'r.display_name as requester_display_name'])
      // NULLS LAST only where a value can be null: on a not-null column it changes nothing but stops
      // Postgres from reading the page off the column's index (50,000 tickets sorted for 50).
      .orderBy(column, (ob) => (NOT_NULL_SORTS.has(f.sort.replace(/^-/, '')) ? (desc ? ob.desc() : ob.asc()) : desc ? ob.desc().nullsLast() : ob.asc().nullsLast()))
      .orderBy('tickets.id', desc ? 'desc' : 'asc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
