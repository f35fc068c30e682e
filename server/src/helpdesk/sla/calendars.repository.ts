import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/** The `calendars` table: only this repository writes it. */

export function listCalendars(db: Db) {
  return db.selectFrom('calendars').selectAll().orderBy(sql`lower(name)`).orderBy('id').execute();
}

export function findCalendar(db: Db, id: number) {
  return db.selectFrom('calendars').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertCalendar(db: Db, c: { name: string; definition: string }) {
  return db.insertInto('calendars').values(c).returning('id').executeTakeFirstOrThrow();
}

export function updateCalendar(db: Db, id: number, patch: { name?: string; definition?: string }) {
  return db.updateTable('calendars').set(patch).where('id', '=', id).returning('id').executeTakeFirst();
}

export function deleteCalendar(db: Db, id: number) {
  return db.deleteFrom('calendars').where('id', '=', id).returning('id').executeTakeFirst();
}
