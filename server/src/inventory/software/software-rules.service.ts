import { ruleShapeProblem, type SoftwareRule, type SoftwareRuleCreateBody, type SoftwareRulePatchBody, type SoftwareRulePreviewBody } from '@parc/shared/api';
import { inTransaction } from '../../platform/db/in-transaction.js';
import type { Db } from '../../platform/db/database.js';
import { isForeignKeyViolation } from '../../platform/db/db-errors.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { DictionaryRule } from './dictionary.js';
import { previewRules, reapplyRules } from './dictionary.service.js';
import { regexProblem } from './regex-guard.js';
import { permutationProblem } from '../../platform/http/reorder-check.js';
import * as repo from './software-rules.repository.js';

const toApi = (r: repo.RuleRow): SoftwareRule => {
  const d = repo.toDictionaryRule(r);
  return {
    id: r.id,
    position: r.position,
    label: r.label,
    active: r.active,
    name: d.name,
    publisher: d.publisher,
    version: d.version,
    action: r.action,
    renameTo: d.renameTo,
    productId: r.product_id,
    category: r.category,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
};

type RuleInput = Omit<DictionaryRule, 'id' | 'position'> & { label: string | null };

/** What zod cannot check: regular expressions that are safe to run, and a product that exists. */
async function checkRule(db: Db, r: RuleInput) {
  const shape = ruleShapeProblem(r);
  if (shape) throw new ValidationError(shape.message, shape.field);
  for (const field of ['name', 'publisher', 'version'] as const) {
    const c = r[field];
    if (c?.match !== 'regex') continue;
    const problem = regexProblem(c.value);
    if (problem) throw new ValidationError(`${field}.value: ${problem}`, `${field}.value`);
  }
  if (r.productId !== null && !(await repo.productExists(db, r.productId))) throw new ValidationError(`software product ${r.productId} does not exist`, 'productId');
}

const inputOf = (b: Omit<SoftwareRuleCreateBody, 'position'>): RuleInput => ({
  label: b.label,
  active: b.active,
  name: b.name,
  publisher: b.publisher,
  version: b.version,
  action: b.action,
  renameTo: b.renameTo,
  productId: b.productId,
  category: b.category,
});

export async function listRules(db: Db) {
  return { items: (await repo.listRules(db)).map(toApi) };
}

export async function getRule(db: Db, id: number) {
  const r = await repo.findRule(db, id);
  if (!r) throw new NotFoundError(`software rule ${id}`);
  return toApi(r);
}

function writeError(err: unknown): never {
  if (isForeignKeyViolation(err)) throw new ValidationError('the product was removed meanwhile', 'productId');
  throw err;
}

export async function createRule(db: Db, body: SoftwareRuleCreateBody, now: Date) {
  const input = inputOf(body);
  await checkRule(db, input);
  const id = await db
    .transaction()
    .execute(async (tx) => {
      await repo.lockRules(tx);
      return repo.insertRule(tx, repo.ruleColumns(input), body.position, now);
    })
    .catch(writeError);
  return getRule(db, id);
}

export async function patchRule(db: Db, id: number, body: SoftwareRulePatchBody, now: Date) {
  const current = await repo.findRule(db, id);
  if (!current) throw new NotFoundError(`software rule ${id}`);
  const { id: _id, position: _position, ...was } = repo.toDictionaryRule(current);
  const merged: RuleInput = { ...was, label: current.label, ...body };
  // Changing the action drops what only the old action used, so {"action": "ignore"} alone is a whole rule.
  if (body.action !== undefined && body.action !== current.action) {
    if (body.renameTo === undefined && merged.action !== 'rename') merged.renameTo = null;
    if (body.productId === undefined && merged.action !== 'map') merged.productId = null;
    if (body.category === undefined && merged.action === 'ignore') merged.category = null;
  }
  await checkRule(db, merged);
  const updated = await repo.updateRule(db, id, repo.ruleColumns(merged), now).catch(writeError);
  if (!updated) throw new NotFoundError(`software rule ${id}`);
  return getRule(db, id);
}

export async function deleteRule(db: Db, id: number) {
  await inTransaction(db, async (tx) => {
    await repo.lockRules(tx);
    if (!(await repo.deleteRule(tx, id))) throw new NotFoundError(`software rule ${id}`);
    await repo.compactPositions(tx);
  });
}

export async function reorderRules(db: Db, ids: readonly number[]) {
  await db.transaction().execute(async (tx) => {
    await repo.lockRules(tx);
    const problem = permutationProblem(ids, (await repo.listRules(tx)).map((r) => r.id));
    if (problem) throw new ValidationError(problem.message, problem.field);
    await repo.setOrder(tx, ids);
  });
  return listRules(db);
}

/** The current rules, and the same with the previewed rule in place (replacing `id`, or inserted at `position`). */
export async function previewRule(db: Db, body: SoftwareRulePreviewBody) {
  const input = inputOf(body);
  await checkRule(db, input);
  const before = (await repo.listRules(db)).map(repo.toDictionaryRule);
  if (body.id !== undefined && !before.some((r) => r.id === body.id)) throw new NotFoundError(`software rule ${body.id}`);
  let after: DictionaryRule[];
  let candidate: DictionaryRule;
  if (body.id !== undefined) {
    const old = before.find((r) => r.id === body.id)!;
    candidate = { ...input, id: old.id, position: body.position ?? old.position };
    after = before.map((r) => (r.id === body.id ? candidate : r));
    if (body.position !== undefined) after = reposition(after, candidate.id, body.position);
  } else {
    // A rule not saved yet: id 0 never collides with a stored one.
    candidate = { ...input, id: 0, position: 0 };
    after = reposition([...before, candidate], 0, body.position ?? before.length + 1);
  }
  return previewRules(db, before, after, candidate, body.limit);
}

/** Positions 1 … n with rule `id` at `position` and the others in their order around it. */
function reposition(rules: DictionaryRule[], id: number, position: number): DictionaryRule[] {
  const others = rules.filter((r) => r.id !== id).sort((a, b) => a.position - b.position || a.id - b.id);
  const moving = rules.find((r) => r.id === id)!;
  const at = Math.min(Math.max(position, 1), others.length + 1) - 1;
  return [...others.slice(0, at), moving, ...others.slice(at)].map((r, i) => ({ ...r, position: i + 1 }));
}

export function applyRules(db: Db) {
  return reapplyRules(db);
}
