import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/** The `sla_policies` table: only this repository writes it. */

export function listPolicies(db: Db) {
  return db.selectFrom('sla_policies').selectAll().orderBy(sql`lower(name)`).orderBy('id').execute();
}

export function findPolicy(db: Db, id: number) {
  return db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface PolicyColumns {
  name: string;
  calendar_id: number;
  category_id: number | null;
  targets: string;
  at_risk_ratio: number;
}

export function insertPolicy(db: Db, p: PolicyColumns) {
  return db.insertInto('sla_policies').values(p).returning('id').executeTakeFirstOrThrow();
}

export function updatePolicy(db: Db, id: number, patch: Partial<PolicyColumns>) {
  return db.updateTable('sla_policies').set(patch).where('id', '=', id).returning('id').executeTakeFirst();
}

export function deletePolicy(db: Db, id: number) {
  return db.deleteFrom('sla_policies').where('id', '=', id).returning('id').executeTakeFirst();
}

/** The policies that time their tickets with a calendar: deleting the calendar would leave them without one. */
export function policyNamesUsingCalendar(db: Db, calendarId: number) {
  return db.selectFrom('sla_policies').select('name').where('calendar_id', '=', calendarId).orderBy('id').execute();
}

/** Tickets still running on a policy: deleting it would leave them without a clock. */
export async function openTicketsOnPolicy(db: Db, policyId: number): Promise<number> {
  const r = await db
    .selectFrom('tickets')
    .where('sla_policy_id', '=', policyId)
    .where('status', '<>', 'closed')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const policiesWithCalendars = (db: Db) =>
  db
    .selectFrom('sla_policies as p')
    .innerJoin('calendars as c', 'c.id', 'p.calendar_id')
    .select(['p.id', 'p.name', 'p.calendar_id', 'p.category_id', 'p.targets', 'p.at_risk_ratio', 'c.definition'])
    .orderBy('p.id');

/** Policies that could apply to a ticket in one of these categories (or to any category), with their calendar. */
export function candidatePolicies(db: Db, categoryIds: readonly number[]) {
  return policiesWithCalendars(db)
    .where((eb) => (categoryIds.length > 0 ? eb.or([eb('p.category_id', 'is', null), eb('p.category_id', 'in', categoryIds)]) : eb('p.category_id', 'is', null)))
    .execute();
}

/** Every policy with its calendar (statistics judge old tickets by the policy that timed them). */
export function allPolicies(db: Db) {
  return policiesWithCalendars(db).execute();
}
