import { inTransaction } from '../../platform/db/in-transaction.js';
import type { Db } from '../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { categoryAncestors, categoryExists } from '../categories/categories.repository.js';
import { existingGroupIds } from '../groups/groups.repository.js';
import { evaluateAssignmentRules, type AssignmentRule } from './assignment-rules.js';
import * as repo from './assignment-rules.repository.js';
import type { CreateRuleBody, PatchRuleBody } from './assignment-rules.schemas.js';
import { permutationProblem } from '../../platform/http/reorder-check.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../platform/db/db-errors.js';

const duplicate = (name: string) => new ConflictError(`an assignment rule named "${name}" already exists; choose another name`, 'name');

type RuleRow = NonNullable<Awaited<ReturnType<typeof repo.findRule>>>;
const toApi = (r: RuleRow) => ({ id: r.id, name: r.name, position: r.position, categoryId: r.category_id, locationId: r.location_id, location: r.location, groupId: r.group_id, active: r.active });

export async function listRules(db: Db) {
  return { items: (await repo.listRules(db)).map(toApi) };
}

export async function getRule(db: Db, id: number) {
  const r = await repo.findRule(db, id);
  if (!r) throw new NotFoundError(`assignment rule ${id}`);
  return toApi(r);
}

async function checkReferences(db: Db, ref: { groupId?: number | undefined; categoryId?: number | null | undefined; locationId?: number | null | undefined }) {
  if (ref.locationId !== undefined && ref.locationId !== null && !(await db.selectFrom('locations').select('id').where('id', '=', ref.locationId).executeTakeFirst())) {
    throw new ValidationError(`location ${ref.locationId} does not exist`, 'locationId');
  }
  if (ref.groupId !== undefined && (await existingGroupIds(db, [ref.groupId])).length === 0) throw new ValidationError(`group ${ref.groupId} does not exist`, 'groupId');
  if (ref.categoryId !== undefined && ref.categoryId !== null && !(await categoryExists(db, ref.categoryId))) {
    throw new ValidationError(`ticket category ${ref.categoryId} does not exist`, 'categoryId');
  }
}

function writeError(err: unknown, name: string | undefined): never {
  if (isUniqueViolation(err)) throw duplicate(name ?? '');
  if (isForeignKeyViolation(err)) throw new ValidationError('the group or category was deleted meanwhile', 'groupId');
  throw err;
}

/** Appends the rule at the end of the order. */
export async function createRule(db: Db, body: CreateRuleBody) {
  await checkReferences(db, body);
  if (await repo.findRuleByName(db, body.name)) throw duplicate(body.name);
  try {
    const { id } = await db.transaction().execute(async (tx) => {
      await repo.lockRules(tx);
      return repo.appendRule(tx, { name: body.name, category_id: body.categoryId ?? null, location_id: body.locationId ?? null, group_id: body.groupId, active: body.active });
    });
    return getRule(db, id);
  } catch (err) {
    writeError(err, body.name);
  }
}

export async function patchRule(db: Db, id: number, body: PatchRuleBody) {
  const current = await repo.findRule(db, id);
  if (!current) throw new NotFoundError(`assignment rule ${id}`);
  const categoryId = body.categoryId === undefined ? current.category_id : body.categoryId;
  const locationId = body.locationId === undefined ? current.location_id : body.locationId;
  if (categoryId === null && locationId === null) throw new ValidationError('a rule needs a categoryId, a locationId or both', body.categoryId === null ? 'categoryId' : 'locationId');
  await checkReferences(db, body);
  if (body.name !== undefined && (await repo.findRuleByName(db, body.name, id))) throw duplicate(body.name);
  try {
    const updated = await repo.updateRule(db, id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.categoryId !== undefined ? { category_id: body.categoryId } : {}),
      ...(body.locationId !== undefined ? { location_id: body.locationId } : {}),
      ...(body.groupId !== undefined ? { group_id: body.groupId } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
    });
    if (!updated) throw new NotFoundError(`assignment rule ${id}`);
  } catch (err) {
    writeError(err, body.name);
  }
  return getRule(db, id);
}

export async function deleteRule(db: Db, id: number) {
  await inTransaction(db, async (tx) => {
    await repo.lockRules(tx);
    if (!(await repo.deleteRule(tx, id))) throw new NotFoundError(`assignment rule ${id}`);
    await repo.compactPositions(tx);
  });
}

/** Sets the evaluation order: `ids` must list every rule exactly once. */
export async function reorderRules(db: Db, ids: readonly number[]) {
  await db.transaction().execute(async (tx) => {
    await repo.lockRules(tx);
    const problem = permutationProblem(ids, await repo.allRuleIds(tx));
    if (problem) throw new ValidationError(problem.message, problem.field);
    await repo.setOrder(tx, ids);
  });
  return listRules(db);
}

/** Active rules in evaluation order, in the shape evaluateAssignmentRules (assignment-rules.ts) takes. */
export async function loadActiveRules(db: Db): Promise<AssignmentRule[]> {
  const rows = await repo.listRules(db, true);
  return rows.map((r) => ({ id: r.id, name: r.name, position: r.position, enabled: true, categoryId: r.category_id, locationId: r.location_id, location: r.location, groupId: r.group_id }));
}

/**
 * The first active rule, in order, matching a ticket's category (or an ancestor) and/or one of its
 * locations: the group it goes to, and what fired and why for the timeline. Null when none fires.
 */
export async function matchAssignmentRule(db: Db, t: { categoryId: number | null; places: readonly { ancestry: readonly number[]; path: string }[]; locations: readonly (string | null)[] }) {
  const rules = await loadActiveRules(db);
  if (rules.length === 0) return null;
  const categoryPath = t.categoryId === null ? [] : await categoryAncestors(db, t.categoryId);
  const match = evaluateAssignmentRules(rules, { categoryPath, places: t.places, locations: t.locations });
  return match && { ruleId: match.rule.id, ruleName: match.rule.name, groupId: match.groupId, reasons: match.reasons };
}
