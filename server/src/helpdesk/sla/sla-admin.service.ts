import type { Db } from '../../platform/db/database.js';
import { categoryAncestors } from '../categories/categories.repository.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { businessCalendarSchema, type BusinessCalendar } from './business-calendar.js';
import { calendarToConfig } from './calendar-config.js';
import { choosePolicy } from './policy-choice.js';
import * as repo from './sla-admin.repository.js';
import type { CreateCalendarBody, CreatePolicyBody, PatchCalendarBody, PatchPolicyBody, Targets } from './sla-admin.schemas.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../platform/db/db-errors.js';

const iso = (d: Date | string) => new Date(d).toISOString();
// at_risk_ratio is a `real`: 0.8 reads back as 0.800000011920929 on some drivers.
const ratio = (r: number) => Math.round(r * 10_000) / 10_000;

function storedCalendar(calendarId: number, definition: unknown): BusinessCalendar {
  const parsed = businessCalendarSchema.safeParse(definition);
  // Definitions are validated on write; one that no longer parses was edited by hand.
  if (!parsed.success) throw new Error(`calendar ${calendarId}: stored definition is invalid (${parsed.error.issues[0]?.message}); fix it with PATCH /api/v1/calendars/${calendarId}`);
  return parsed.data;
}

// ---- calendars ----

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
  const users = await repo.policyNamesUsingCalendar(db, id);
  const inUse = () => new ConflictError(`calendar ${id} is used by SLA policies ${users.map((p) => `"${p.name}"`).join(', ')}; point them at another calendar first`);
  if (users.length > 0) throw inUse();
  try {
    await repo.deleteCalendar(db, id);
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new ConflictError(`calendar ${id} was given to an SLA policy meanwhile; point it at another calendar first`);
    throw err;
  }
}

// ---- SLA policies ----

type PolicyRow = NonNullable<Awaited<ReturnType<typeof repo.findPolicy>>>;
const policyOut = (p: PolicyRow) => ({
  id: p.id,
  name: p.name,
  calendarId: p.calendar_id,
  categoryId: p.category_id,
  targets: p.targets,
  atRiskRatio: ratio(p.at_risk_ratio),
  createdAt: iso(p.created_at),
});
const duplicatePolicy = (name: string) => new ConflictError(`an SLA policy named "${name}" already exists; choose another name`, 'name');
const targetsJson = (t: Targets) => JSON.stringify(Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)));

async function checkReferences(db: Db, ref: { calendarId?: number | undefined; categoryId?: number | null | undefined }) {
  if (ref.calendarId !== undefined && !(await repo.findCalendar(db, ref.calendarId))) {
    throw new ValidationError(`calendar ${ref.calendarId} does not exist`, 'calendarId');
  }
  if (ref.categoryId !== undefined && ref.categoryId !== null && !(await repo.categoryExists(db, ref.categoryId))) {
    throw new ValidationError(`ticket category ${ref.categoryId} does not exist`, 'categoryId');
  }
}

function writeError(err: unknown, name: string | undefined): never {
  if (isUniqueViolation(err)) throw duplicatePolicy(name ?? '');
  // The calendar or category was deleted between the check and the write.
  if (isForeignKeyViolation(err)) throw new ValidationError('the calendar or category no longer exists', 'calendarId');
  throw err;
}

export async function listPolicies(db: Db) {
  return { items: (await repo.listPolicies(db)).map(policyOut) };
}

export async function getPolicy(db: Db, id: number) {
  const p = await repo.findPolicy(db, id);
  if (!p) throw new NotFoundError(`SLA policy ${id}`);
  return policyOut(p);
}

export async function createPolicy(db: Db, body: CreatePolicyBody) {
  await checkReferences(db, body);
  try {
    const { id } = await repo.insertPolicy(db, {
      name: body.name,
      calendar_id: body.calendarId,
      category_id: body.categoryId ?? null,
      targets: targetsJson(body.targets),
      at_risk_ratio: body.atRiskRatio,
    });
    return getPolicy(db, id);
  } catch (err) {
    writeError(err, body.name);
  }
}

export async function patchPolicy(db: Db, id: number, body: PatchPolicyBody) {
  if (!(await repo.findPolicy(db, id))) throw new NotFoundError(`SLA policy ${id}`);
  await checkReferences(db, body);
  try {
    const updated = await repo.updatePolicy(db, id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.calendarId !== undefined ? { calendar_id: body.calendarId } : {}),
      ...(body.categoryId !== undefined ? { category_id: body.categoryId } : {}),
      ...(body.targets !== undefined ? { targets: targetsJson(body.targets) } : {}),
      ...(body.atRiskRatio !== undefined ? { at_risk_ratio: body.atRiskRatio } : {}),
    });
    if (!updated) throw new NotFoundError(`SLA policy ${id}`);
  } catch (err) {
    writeError(err, body.name);
  }
  return getPolicy(db, id);
}

export async function deletePolicy(db: Db, id: number) {
  if (!(await repo.findPolicy(db, id))) throw new NotFoundError(`SLA policy ${id}`);
  const open = await repo.openTicketsOnPolicy(db, id);
  if (open > 0) throw new ConflictError(`SLA policy ${id} still times ${open} ticket(s) that are not closed; edit the policy instead, or delete it once they are closed`);
  await repo.deletePolicy(db, id);
}

/** A policy with its calendar parsed, ready for the SLA clock (targets keyed by priority "1" … "6"). */
export interface SlaPolicyForTicket {
  id: number;
  name: string;
  calendarId: number;
  categoryId: number | null;
  calendar: BusinessCalendar;
  atRiskRatio: number;
  targets: Partial<Record<string, { ownMinutes: number; resolveMinutes: number }>>;
}

/**
 * The SLA policy for a ticket in `categoryId`: the one for the nearest category (the ticket's, then its
 * ancestors), else the one without category; the lowest id among several at the same level. Null when
 * none applies.
 */
export async function findSlaPolicy(db: Db, categoryId: number | null): Promise<SlaPolicyForTicket | null> {
  const ancestors = categoryId === null ? [] : await categoryAncestors(db, categoryId);
  const rows = await repo.candidatePolicies(db, ancestors);
  const chosen = choosePolicy(rows.map((r) => ({ ...r, categoryId: r.category_id })), ancestors);
  return chosen ? forTicket(chosen) : null;
}

/** Every policy ready for the SLA clock, by id. */
export async function allSlaPolicies(db: Db): Promise<Map<number, SlaPolicyForTicket>> {
  return new Map((await repo.allPolicies(db)).map((r) => [r.id, forTicket(r)]));
}

function forTicket(row: Awaited<ReturnType<typeof repo.allPolicies>>[number]): SlaPolicyForTicket {
  return {
    id: row.id,
    name: row.name,
    calendarId: row.calendar_id,
    categoryId: row.category_id,
    calendar: storedCalendar(row.calendar_id, row.definition),
    atRiskRatio: ratio(row.at_risk_ratio),
    targets: row.targets,
  };
}
