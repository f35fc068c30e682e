import { sql } from 'kysely';
import type { SoftwareRuleApplyResult, SoftwareRuleMove, SoftwareRulePreview } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import { compileDictionary, ruleMatches, type DictionaryRule } from './dictionary.js';
import { categoriesByProduct, changedRows, movesCount, planPlacements, renameTargets, resolvePlan, type Resolved } from './dictionary-plan.js';
import * as repo from './dictionary.repository.js';
import { listRules, lockRules, toDictionaryRule } from './software-rules.repository.js';

/** One re-apply at a time (an advisory lock: PGlite and Postgres alike). */
const REAPPLY_LOCK = 0x50617263; // "Parc"

async function loadDictionaryRules(db: Db): Promise<DictionaryRule[]> {
  return (await listRules(db)).map(toDictionaryRule);
}

/**
 * The ingest hook: places the title-versions ingest just created (and any left unplaced) by the current
 * rules, in the caller's transaction. One indexed read when there is nothing new, which is most uploads.
 */
export async function classifyNewVersions(db: Db): Promise<number> {
  const rows = await repo.loadTitleVersions(db, { unclassified: true });
  if (rows.length === 0) return 0;
  const plan = planPlacements(rows, compileDictionary(await loadDictionaryRules(db)));
  const { ids } = await repo.resolveTargets(db, renameTargets(plan), true);
  const resolved = resolvePlan(plan, ids);
  await repo.writePlacements(db, resolved);
  await repo.writeCategories(db, categoriesByProduct(resolved), 'fill');
  return rows.length;
}

/**
 * Re-applies every rule to everything stored, in one transaction and a fixed number of set-based
 * statements: installations move to their new product because the title-versions they point at do.
 */
export async function reapplyRules(db: Db): Promise<SoftwareRuleApplyResult> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${REAPPLY_LOCK})`.execute(tx);
    // Rules cannot change under the re-apply (edits wait for it, and it for them).
    await lockRules(tx);
    const rows = await repo.loadTitleVersions(tx);
    const plan = planPlacements(rows, compileDictionary(await loadDictionaryRules(tx)));
    const { ids, created } = await repo.resolveTargets(tx, renameTargets(plan), true);
    const resolved = resolvePlan(plan, ids);
    const changed = changedRows(resolved);
    await repo.writePlacements(tx, changed);
    const categoriesChanged = await repo.writeCategories(tx, categoriesByProduct(resolved), 'replace');
    const moving = changed.filter(movesCount);
    const { installations } = await repo.installationCounts(tx, moving.map((r) => r.row.versionId));
    return {
      examined: rows.length,
      moved: moving.filter((r) => !r.ignored && !r.row.ignored).length,
      hidden: moving.filter((r) => r.ignored && !r.row.ignored).length,
      shown: moving.filter((r) => !r.ignored && r.row.ignored).length,
      installations,
      productsCreated: created,
      categoriesChanged,
    };
  });
}

/**
 * What replacing the rules `before` by `after` would change, nothing written: placements under each
 * rule set are compared, so the answer is this rule's effect whether or not the stored placement is
 * up to date. `candidate` is the rule being previewed, for counting what it matches.
 */
export async function previewRules(db: Db, before: DictionaryRule[], after: DictionaryRule[], candidate: DictionaryRule, limit: number): Promise<SoftwareRulePreview> {
  const rows = await repo.loadTitleVersions(db);
  const planBefore = planPlacements(rows, compileDictionary(before));
  const planAfter = planPlacements(rows, compileDictionary(after));
  const { ids } = await repo.resolveTargets(db, [...renameTargets(planBefore), ...renameTargets(planAfter)], false);
  const was = resolvePlan(planBefore, ids);
  const will = resolvePlan(planAfter, ids);
  const changes: { from: Resolved; to: Resolved }[] = [];
  for (let i = 0; i < was.length; i++) {
    const a = was[i]!;
    const b = will[i]!;
    if (a.ignored && b.ignored) continue;
    if (a.ignored !== b.ignored || a.effectiveProductId !== b.effectiveProductId || a.category !== b.category) changes.push({ from: a, to: b });
  }
  const matched = rows.filter((r) => ruleMatches(candidate, r)).length;
  const counts = await repo.installationCounts(db, changes.map((c) => c.to.row.versionId));
  const refIds = new Set<number>();
  for (const c of changes) {
    for (const r of [c.from, c.to]) if (r.effectiveProductId !== null) refIds.add(r.effectiveProductId);
  }
  const refs = await repo.productRefs(db, [...refIds]);
  const ref = (r: Resolved) => {
    if (r.ignored) return null;
    if (r.effectiveProductId !== null) {
      const p = refs.get(r.effectiveProductId);
      return { id: r.effectiveProductId, name: p?.name ?? `product ${r.effectiveProductId}`, publisher: p?.publisher ?? null };
    }
    const t = 'rename' in r.target ? r.target.rename : null;
    return { id: null, name: t?.name ?? '', publisher: t?.publisher ?? null };
  };
  const moves: SoftwareRuleMove[] = changes
    .map((c) => ({
      inventoried: { productId: c.to.row.productId, name: c.to.row.name, publisher: c.to.row.publisher, version: c.to.row.version },
      from: ref(c.from),
      to: ref(c.to),
      category: { from: c.from.ignored ? null : c.from.category, to: c.to.ignored ? null : c.to.category },
      devices: counts.byVersion.get(c.to.row.versionId) ?? 0,
    }))
    .sort((a, b) => b.devices - a.devices || a.inventoried.name.localeCompare(b.inventoried.name) || a.inventoried.version.localeCompare(b.inventoried.version));
  return { matched, changed: changes.length, devices: counts.devices, moves: moves.slice(0, limit), truncated: moves.length > limit };
}
