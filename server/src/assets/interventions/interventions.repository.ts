import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

export interface InterventionRow {
  id: number;
  device_id: number;
  device_name: string;
  performed_on: string;
  performed_by: string | null;
  description: string;
  cost: string | null;
  currency: string | null;
  ticket_id: number | null;
  contract_id: number | null;
  contract_name: string | null;
  author_id: number | null;
  created_at: Date | string;
}

export interface InterventionColumns {
  performed_on: string;
  performed_by: string | null;
  description: string;
  cost: string | null;
  currency: string | null;
  ticket_id: number | null;
  contract_id: number | null;
}

const base = (db: Db) =>
  db
    .selectFrom('interventions as i')
    .innerJoin('devices as d', 'd.id', 'i.device_id')
    .leftJoin('maintenance_contracts as c', 'c.id', 'i.contract_id')
    .select([
      'i.id',
      'i.device_id',
      'd.hostname as device_name',
      sql<string>`i.performed_on::text`.as('performed_on'),
      'i.performed_by',
      'i.description',
      sql<string | null>`i.cost::text`.as('cost'),
      'i.currency',
      'i.ticket_id',
      'i.contract_id',
      'c.name as contract_name',
      'i.author_id',
      'i.created_at',
    ])
    .orderBy('i.performed_on', 'desc')
    .orderBy('i.id', 'desc');

export const ofDevice = (db: Db, deviceId: number): Promise<InterventionRow[]> => base(db).where('i.device_id', '=', deviceId).execute();
export const ofTicket = (db: Db, ticketId: number): Promise<InterventionRow[]> => base(db).where('i.ticket_id', '=', ticketId).execute();
export const findIntervention = (db: Db, id: number): Promise<InterventionRow | undefined> => base(db).where('i.id', '=', id).executeTakeFirst();

const money = (cost: string | null) => (cost === null ? null : sql<number>`${cost}::numeric`);

export async function insertIntervention(db: Db, deviceId: number, c: InterventionColumns, authorId: number | null, now: Date): Promise<number> {
  const r = await db
    .insertInto('interventions')
    .values({ ...c, cost: money(c.cost), device_id: deviceId, author_id: authorId, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateIntervention(db: Db, id: number, c: InterventionColumns): Promise<void> {
  await db.updateTable('interventions').set({ ...c, cost: money(c.cost) }).where('id', '=', id).execute();
}

export async function deleteIntervention(db: Db, id: number): Promise<boolean> {
  const r = await db.deleteFrom('interventions').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The asset's history line: a code and parameters the interface words; the English text stays for API clients. */
export async function recordHistory(db: Db, deviceId: number, kind: 'added' | 'changed' | 'removed', params: Record<string, string | number>, text: string, now: Date): Promise<void> {
  await db
    .insertInto('device_changes')
    .values({ device_id: deviceId, at: now, section: 'maintenance', kind, item: 'intervention', old_value: null, new_value: text, code: 'intervention', params: JSON.stringify(params) })
    .execute();
}

export async function exists(db: Db, table: 'devices' | 'tickets' | 'maintenance_contracts', id: number): Promise<boolean> {
  return (await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
