import type { Db } from '../../platform/db/database.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../platform/db/db-errors.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { categoryAncestors, categoryExists } from '../categories/categories.repository.js';
import { parseStoredCalendar } from './calendar-config.js';
import { calendarExists } from './calendars.service.js';
import { choosePolicy } from './policy-choice.js';
import type { CreatePolicyBody, PatchPolicyBody, Targets } from './sla-admin.schemas.js';
import * as repo from './sla-policies.repository.js';
import type { ResolvedSlaPolicy } from './ticket-sla.js';

/** SLA policies: per priority, the business minutes to own and to resolve a ticket, on a calendar. */

const iso = (d: Date | string) => new Date(d).toISOString();
// at_risk_ratio is a `real`: 0.8 reads back as 0.800000011920929 on some drivers.
const ratio = (r: number) => Math.round(r * 10_000) / 10_000;

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
  if (ref.calendarId !== undefined && !(await calendarExists(db, ref.calendarId))) {
    throw new ValidationError(`calendar ${ref.calendarId} does not exist`, 'calendarId');
  }
  if (ref.categoryId !== undefined && ref.categoryId !== null && !(await categoryExists(db, ref.categoryId))) {
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

/**
 * The SLA policy for a ticket in `categoryId`: the one for the nearest category (the ticket's, then its
 * ancestors), else the one without category; the lowest id among several at the same level. Null when
 * none applies.
 */
export async function findSlaPolicy(db: Db, categoryId: number | null): Promise<ResolvedSlaPolicy | null> {
  const ancestors = categoryId === null ? [] : await categoryAncestors(db, categoryId);
  const rows = await repo.candidatePolicies(db, ancestors);
  const chosen = choosePolicy(rows.map((r) => ({ ...r, categoryId: r.category_id })), ancestors);
  return chosen ? forTicket(chosen) : null;
}

/** Every policy ready for the SLA clock, by id. */
export async function allSlaPolicies(db: Db): Promise<Map<number, ResolvedSlaPolicy>> {
  return new Map((await repo.allPolicies(db)).map((r) => [r.id, forTicket(r)]));
}

function forTicket(row: Awaited<ReturnType<typeof repo.allPolicies>>[number]): ResolvedSlaPolicy {
  return {
    id: row.id,
    name: row.name,
    calendarId: row.calendar_id,
    categoryId: row.category_id,
    calendar: parseStoredCalendar(row.calendar_id, row.definition),
    atRiskRatio: ratio(row.at_risk_ratio),
    targets: row.targets,
  };
}
