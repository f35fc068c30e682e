import type { ItilKindName } from '@parc/shared/api/itil-enums';
import type { Db } from '../../platform/db/database.js';

/**
 * The `itil_links` table: problem → ticket, change → ticket, change → problem (the table's check and
 * composite keys refuse any other pair). Only this repository writes it.
 */

export interface LinkTarget {
  id: number;
  kind: ItilKindName;
}

/** Writes the links in one statement; answers the pairs newly linked (already linked ones are skipped). */
export async function insertLinks(db: Db, pairs: readonly { from: LinkTarget; to: LinkTarget }[], by: number | null, now: Date) {
  if (pairs.length === 0) return [];
  return db
    .insertInto('itil_links')
    .values(pairs.map((p) => ({ from_id: p.from.id, from_kind: p.from.kind, to_id: p.to.id, to_kind: p.to.kind, created_at: now, created_by: by })))
    .onConflict((oc) => oc.columns(['from_id', 'to_id']).doNothing())
    .returning(['from_id', 'to_id'])
    .execute();
}

/** Removes the link between two objects, whichever way it points; false when there was none. */
export async function deleteLink(db: Db, a: number, b: number): Promise<boolean> {
  const r = await db
    .deleteFrom('itil_links')
    .where((eb) => eb.or([eb.and([eb('from_id', '=', a), eb('to_id', '=', b)]), eb.and([eb('from_id', '=', b), eb('to_id', '=', a)])]))
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The objects linked to `id`, either way, with what a reference shows. */
export async function linkedItems(db: Db, id: number) {
  return db
    .selectFrom('tickets as t')
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('itil_links as l').select('l.to_id').where('l.from_id', '=', id).whereRef('l.to_id', '=', 't.id')),
        eb.exists(eb.selectFrom('itil_links as l').select('l.to_id').where('l.to_id', '=', id).whereRef('l.from_id', '=', 't.id')),
      ]),
    )
    .select(['t.id', 't.kind', 't.title', 't.status', 't.priority', 't.created_at', 't.updated_at'])
    .orderBy('t.id', 'desc')
    .execute();
}
export type LinkedItemRow = Awaited<ReturnType<typeof linkedItems>>[number];

/** The problems a ticket belongs to, with their workaround (a requester's ticket page shows it). */
export function problemsOfTicket(db: Db, ticketId: number) {
  return db
    .selectFrom('itil_links as l')
    .innerJoin('tickets as p', 'p.id', 'l.from_id')
    .leftJoin('problem_details as d', 'd.ticket_id', 'p.id')
    .where('l.to_id', '=', ticketId)
    .where('l.from_kind', '=', 'problem')
    .select(['p.id', 'p.title', 'p.status', 'd.workaround'])
    .orderBy('p.id')
    .execute();
}

/** The kinds of these objects (missing ids are left out). */
export async function kindsOf(db: Db, ids: readonly number[]): Promise<LinkTarget[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('tickets').select(['id', 'kind']).where('id', 'in', [...ids]).execute();
}
