import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { TicketSlaDates } from '../sla/ticket-sla.js';
import type { ItilKindName } from '@parc/shared/api/itil-enums';
import type { TicketStatus } from '../itil/ticket-kind.js';
import type { TicketsTable, TicketType } from './tickets.tables.js';

/**
 * The `tickets` table: only the tickets feature writes it, through this repository. Its rows are tickets,
 * problems and changes (`kind`); the ticket functions see kind `ticket` only, the item functions any kind.
 */

/** Any ITIL object by id, or only one of `kind`. */
export function findItem(db: Db, id: number, kind?: ItilKindName) {
  let q = db.selectFrom('tickets').selectAll().where('id', '=', id);
  if (kind) q = q.where('kind', '=', kind);
  return q.executeTakeFirst();
}
export type ItemRow = NonNullable<Awaited<ReturnType<typeof findItem>>>;

/** The object, locked until the transaction ends: workflow steps on one object run one after the other. */
export function lockItem(db: Db, id: number, kind?: ItilKindName) {
  let q = db.selectFrom('tickets').selectAll().where('id', '=', id);
  if (kind) q = q.where('kind', '=', kind);
  return q.forUpdate().executeTakeFirst();
}

/** A row of kind `ticket`: its status is a ticket status and it has a type (the table's checks say so). */
export type TicketRow = Omit<ItemRow, 'status' | 'type'> & { status: TicketStatus; type: TicketType };

export async function findTicket(db: Db, id: number): Promise<TicketRow | undefined> {
  return (await findItem(db, id, 'ticket')) as TicketRow | undefined;
}

export async function lockTicket(db: Db, id: number): Promise<TicketRow | undefined> {
  return (await lockItem(db, id, 'ticket')) as TicketRow | undefined;
}

export async function insertTicket(db: Db, row: Insertable<TicketsTable>): Promise<number> {
  const { id } = await db.insertInto('tickets').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates a row of any kind (the caller found it by its kind first). */
export async function updateItem(db: Db, id: number, set: Updateable<TicketsTable>) {
  await db.updateTable('tickets').set(set).where('id', '=', id).execute();
}
export const updateTicket = updateItem;

/** Stores the SLA policy and due dates the SLA feature computed. */
export async function setTicketSla(db: Db, id: number, sla: TicketSlaDates & { policyId: number | null }) {
  await updateTicket(db, id, {
    sla_policy_id: sla.policyId,
    own_due_at: sla.ownDueAt,
    resolve_due_at: sla.resolveDueAt,
    own_at_risk_at: sla.ownAtRiskAt,
    resolve_at_risk_at: sla.resolveAtRiskAt,
  });
}

/** The ticket an agent's request already opened, by its idempotency key. */
export function findBySourceKey(db: Db, sourceKey: string) {
  return db.selectFrom('tickets').select(['id', 'requester_id']).where('source_key', '=', sourceKey).executeTakeFirst();
}

/** Tickets solved at or before `solvedBefore` (for the auto-close). */
export async function solvedBefore(db: Db, solvedBefore: Date): Promise<number[]> {
  const rows = await db.selectFrom('tickets').select('id').where('kind', '=', 'ticket').where('status', '=', 'solved').where('solved_at', '<=', solvedBefore).execute();
  return rows.map((r) => r.id);
}

/** What statistics read of every object of `kind` created before `end` and not closed before `start`. */
export function ticketsAlive(db: Db, start: Date, end: Date, kind: ItilKindName = 'ticket') {
  return db
    .selectFrom('tickets')
    .select(['id', 'status', 'priority', 'category_id', 'created_at', 'closed_at', 'owned_at', 'own_due_at', 'resolve_due_at', 'sla_policy_id'])
    .where('kind', '=', kind)
    .where('created_at', '<', end)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', start)]))
    .execute();
}
