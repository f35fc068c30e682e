import type { Db } from '../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import * as repo from './categories.repository.js';
import type { CreateCategoryBody, PatchCategoryBody } from './categories.schemas.js';
import { buildCategoryTree, type CategoryEntry } from './category-tree.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../platform/db/db-errors.js';

const duplicate = (name: string) => new ConflictError(`a category named "${name}" already exists at that level; choose another name`, 'name');

export async function listCategories(db: Db, nested: boolean) {
  const tree = buildCategoryTree(await repo.allCategories(db));
  return { items: nested ? tree.roots : tree.flat };
}

async function entry(db: Db, id: number): Promise<CategoryEntry> {
  const found = buildCategoryTree(await repo.allCategories(db)).flat.find((c) => c.id === id);
  if (!found) throw new NotFoundError(`category ${id}`);
  return found;
}

export const getCategory = entry;

async function requireParent(db: Db, parentId: number) {
  if (!(await repo.findCategory(db, parentId))) throw new ValidationError(`parent category ${parentId} does not exist`, 'parentId');
}

export async function createCategory(db: Db, body: CreateCategoryBody) {
  const parentId = body.parentId ?? null;
  if (parentId !== null) await requireParent(db, parentId);
  if (await repo.findSibling(db, parentId, body.name)) throw duplicate(body.name);
  try {
    const { id } = await repo.insertCategory(db, { name: body.name, parent_id: parentId });
    return entry(db, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(body.name);
    if (isForeignKeyViolation(err)) throw new ValidationError(`parent category ${parentId} does not exist`, 'parentId');
    throw err;
  }
}

/** Renames and/or moves. A move under the category itself or one of its descendants is a 400. */
export async function patchCategory(db: Db, id: number, body: PatchCategoryBody) {
  try {
    await db.transaction().execute(async (tx) => {
      if (body.parentId !== undefined) await repo.lockTree(tx);
      const current = await repo.findCategory(tx, id);
      if (!current) throw new NotFoundError(`category ${id}`);
      const parentId = body.parentId === undefined ? current.parentId : body.parentId;
      if (body.parentId !== undefined && parentId !== null) {
        const chain = await repo.categoryAncestors(tx, parentId);
        if (chain.length === 0) throw new ValidationError(`parent category ${parentId} does not exist`, 'parentId');
        if (chain.includes(id)) {
          throw new ValidationError(
            parentId === id ? `category ${id} cannot be its own parent` : `category ${parentId} is inside category ${id}; moving ${id} under it would make a cycle`,
            'parentId',
          );
        }
      }
      const name = body.name ?? current.name;
      if (await repo.findSibling(tx, parentId, name, id)) throw duplicate(name);
      await repo.updateCategory(tx, id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.parentId !== undefined ? { parent_id: body.parentId } : {}),
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(body.name ?? '');
    throw err;
  }
  return entry(db, id);
}

export async function deleteCategory(db: Db, id: number) {
  if (!(await repo.findCategory(db, id))) throw new NotFoundError(`category ${id}`);
  const use = await repo.categoryUsage(db, id);
  const blockers = [
    use.children > 0 && `${use.children} subcategor${use.children === 1 ? 'y' : 'ies'} (move or delete them first)`,
    use.tickets > 0 && `${use.tickets} ticket(s) (recategorise them first)`,
    use.slaPolicies > 0 && `${use.slaPolicies} SLA polic${use.slaPolicies === 1 ? 'y' : 'ies'}`,
    use.rules > 0 && `${use.rules} assignment rule(s)`,
  ].filter((b): b is string => typeof b === 'string');
  if (blockers.length > 0) throw new ConflictError(`category ${id} is still used by ${blockers.join(', ')}`);
  try {
    await repo.deleteCategory(db, id);
  } catch (err) {
    // A subcategory was added meanwhile (parent_id restricts deletion).
    if (isForeignKeyViolation(err)) throw new ConflictError(`category ${id} gained a subcategory meanwhile; move or delete it first`);
    throw err;
  }
}
