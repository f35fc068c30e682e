import type { LocationCreateBody, LocationPatchBody } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/in-transaction.js';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.repository.js';
import { auditedDelete } from '../../platform/audit/audited-delete.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { PATH_SEPARATOR, pathsOf, pathTexts, subtreeIds, treeOrder, wouldCycle } from './location-tree.js';
import * as repo from './locations.repository.js';

/** The tree as an indented list with full paths and asset counts (here and below). */
export async function listLocations(db: Db) {
  const rows = await repo.allLocations(db);
  const paths = pathsOf(rows);
  const direct = new Map(rows.map((r) => [r.id, Number(r.directAssetCount)]));
  return {
    items: treeOrder(rows).map(({ node, depth }) => {
      let below = 0;
      for (const id of subtreeIds(rows, node.id)) below += direct.get(id) ?? 0;
      return { id: node.id, parentId: node.parentId, name: node.name, kind: node.kind, path: paths.get(node.id)!.join(PATH_SEPARATOR), depth, assetCount: below, directAssetCount: direct.get(node.id) ?? 0 };
    }),
  };
}

/** Every node's full path text by id. */
export async function locationPaths(db: Db): Promise<Map<number, string>> {
  return pathTexts(await repo.locationNodes(db));
}

async function checkParent(db: Db, parentId: number | null) {
  if (parentId !== null && !(await repo.findLocation(db, parentId))) throw new ValidationError(`location ${parentId} does not exist`, 'parentId');
}

async function checkName(db: Db, parentId: number | null, name: string, exceptId?: number) {
  const twin = await repo.siblingNamed(db, parentId, name, exceptId);
  if (twin) throw new ConflictError(`"${twin.name}" already exists at this level (names are unique among siblings, whatever their case)`, 'name');
}

export function createLocation(db: Db, body: LocationCreateBody, actor: AuditActor) {
  return inTransaction(db, async (tx) => {
    await checkParent(tx, body.parentId);
    await checkName(tx, body.parentId, body.name);
    const row = await tx.insertInto('locations').values({ name: body.name, kind: body.kind, parent_id: body.parentId }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, { actor, action: 'location.created', target: { type: 'location', id: row.id, label: body.name }, detail: { kind: body.kind, parentId: body.parentId } });
    return (await listLocations(tx)).items.find((l) => l.id === row.id)!;
  });
}

export function updateLocation(db: Db, id: number, body: LocationPatchBody, actor: AuditActor, now: Date) {
  return inTransaction(db, async (tx) => {
    const current = await repo.findLocation(tx, id);
    if (!current) throw new NotFoundError(`location ${id}`);
    const parentId = body.parentId !== undefined ? body.parentId : current.parentId;
    if (body.parentId !== undefined && body.parentId !== current.parentId) {
      await checkParent(tx, body.parentId);
      const nodes = await repo.allLocations(tx);
      if (wouldCycle(nodes, id, body.parentId)) throw new ConflictError('a location cannot be moved under itself or one of its own sub-locations', 'parentId');
    }
    const name = body.name ?? current.name;
    if (body.name !== undefined || parentId !== current.parentId) await checkName(tx, parentId, name, id);
    await tx
      .updateTable('locations')
      .set({ name, kind: body.kind ?? current.kind, parent_id: parentId, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, { actor, action: 'location.updated', target: { type: 'location', id, label: name }, detail: { before: { name: current.name, kind: current.kind, parentId: current.parentId }, after: body } });
    return (await listLocations(tx)).items.find((l) => l.id === id)!;
  });
}

/** Only an empty leaf goes: sub-locations, assets and assignment rules would otherwise lose their place. */
export async function deleteLocation(db: Db, id: number, actor: AuditActor) {
  await auditedDelete(db, actor, { type: 'location', id, table: 'locations', labelColumn: 'name' }, async (tx) => {
    const used = await repo.usage(tx, id);
    if (!used) throw new NotFoundError(`location ${id}`);
    const why = [
      used.children ? `${used.children} sub-location(s)` : null,
      used.assets ? `${used.assets} asset(s)` : null,
      used.rules ? `${used.rules} assignment rule(s)` : null,
    ].filter((s) => s !== null);
    if (why.length) throw new ConflictError(`location ${id} still has ${why.join(', ')}: move or delete them first`);
    await tx.deleteFrom('locations').where('id', '=', id).execute();
  });
}
