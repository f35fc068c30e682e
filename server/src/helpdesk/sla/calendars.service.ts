import type { Db } from '../../platform/db/database.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../platform/db/db-errors.js';
import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import { calendarToConfig } from './calendar-config.js';
import * as repo from './calendars.repository.js';
import type { CreateCalendarBody, PatchCalendarBody } from './sla-admin.schemas.js';
import { policyNamesUsingCalendar } from './sla-policies.repository.js';

/** Business calendars: the working hours and holidays SLA policies count in. */

const iso = (d: Date | string) => new Date(d).toISOString();

type CalendarRow = NonNullable<Awaited<ReturnType<typeof repo.findCalendar>>>;
const calendarOut = (c: CalendarRow) => ({ id: c.id, name: c.name, definition: c.definition, createdAt: iso(c.created_at) });
const duplicateCalendar = (name: string) => new ConflictError(`a calendar named "${name}" already exists; choose another name`, 'name');

export async function listCalendars(db: Db) {
  return { items: (await repo.listCalendars(db)).map(calendarOut) };
}

export async function getCalendar(db: Db, id: number) {
  const c = await repo.findCalendar(db, id);
  if (!c) throw new NotFoundError(`calendar ${id}`);
  return calendarOut(c);
}

export async function calendarExists(db: Db, id: number): Promise<boolean> {
  return (await repo.findCalendar(db, id)) !== undefined;
}

export async function createCalendar(db: Db, body: CreateCalendarBody) {
  try {
    const { id } = await repo.insertCalendar(db, { name: body.name, definition: JSON.stringify(calendarToConfig(body.definition)) });
    return getCalendar(db, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateCalendar(body.name);
    throw err;
  }
}

export async function patchCalendar(db: Db, id: number, body: PatchCalendarBody) {
  try {
    const updated = await repo.updateCalendar(db, id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.definition !== undefined ? { definition: JSON.stringify(calendarToConfig(body.definition)) } : {}),
    });
    if (!updated) throw new NotFoundError(`calendar ${id}`);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateCalendar(body.name ?? '');
    throw err;
  }
  return getCalendar(db, id);
}

export async function deleteCalendar(db: Db, id: number) {
  if (!(await repo.findCalendar(db, id))) throw new NotFoundError(`calendar ${id}`);
  const users = await policyNamesUsingCalendar(db, id);
  const inUse = () => new ConflictError(`calendar ${id} is used by SLA policies ${users.map((p) => `"${p.name}"`).join(', ')}; point them at another calendar first`);
  if (users.length > 0) throw inUse();
  try {
    await repo.deleteCalendar(db, id);
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new ConflictError(`calendar ${id} was given to an SLA policy meanwhile; point it at another calendar first`);
    throw err;
  }
}
