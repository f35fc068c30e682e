import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { TicketSlaDates } from '../sla/ticket-sla.js';
import type { TicketsTable } from './tickets.tables.js';

/** The `tickets` table: only the tickets feature writes it, through this repository. */

export function findTicket(db: Db, id: number) {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
}
export type TicketRow = NonNullable<Awaited<ReturnType<typeof findTicket>>>;

/** The ticket, locked until the transaction ends: workflow steps on one ticket run one after the other. */
export function lockTicket(db: Db, id: number) {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertTicket(db: Db, row: Insertable<TicketsTable>): Promise<number> {
  const { id } = await db.insertInto('tickets').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateTicket(db: Db, id: number, set: Updateable<TicketsTable>) {
  await db.updateTable('tickets').set(set).where('id', '=', id).execute();
}

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
  const rows = await db.selectFrom('tickets').select('id').where('status', '=', 'solved').where('solved_at', '<=', solvedBefore).execute();
  return rows.map((r) => r.id);
}

/** What statistics read of every ticket created before `end` and not closed before `start`. */
export function ticketsAlive(db: Db, start: Date, end: Date) {
  return db
    .selectFrom('tickets')
    .select(['id', 'status', 'priority', 'category_id', 'created_at', 'closed_at', 'owned_at', 'own_due_at', 'resolve_due_at', 'sla_policy_id'])
    .where('created_at', '<', end)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', start)]))
    .execute();
}
