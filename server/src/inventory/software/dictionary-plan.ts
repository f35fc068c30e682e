import { classifyTitle, type Dictionary } from './dictionary.js';
import { displayName, normalizePublisher, softwareKey } from './normalize.js';

/**
 * From the dictionary's outcomes to what is written: where each inventoried title-version counts, which
 * rows change, and each product's rule-given category. Pure; the repository reads the rows and writes
 * the plan in a few set-based statements.
 */

/** An inventoried title-version as stored, with its current placement. */
export interface StoredTitleVersion {
  versionId: number;
  productId: number;
  name: string;
  publisher: string | null;
  version: string;
  effectiveProductId: number | null;
  ignored: boolean;
  ruleId: number | null;
}

/** A product a rename rule names, keyed as the catalogue keys products. */
export interface RenameTarget {
  name: string;
  publisher: string | null;
  nameKey: string;
  publisherKey: string;
}

export interface Planned {
  row: StoredTitleVersion;
  /** An existing product, or a rename target (which may not exist yet). */
  target: { productId: number } | { rename: RenameTarget };
  ignored: boolean;
  ruleId: number | null;
  category: string | null;
  categoryPosition: number | null;
}

export const targetKey = (t: Pick<RenameTarget, 'nameKey' | 'publisherKey'>) => `${t.nameKey}\u0000${t.publisherKey}`;

function renameTarget(name: string, publisher: string | null): RenameTarget {
  const pub = publisher === null ? null : normalizePublisher(publisher);
  const key = softwareKey(name, pub);
  return { name: displayName(name), publisher: pub, nameKey: key.nameKey, publisherKey: key.publisherKey };
}

/** Classifies every row, one title (product) at a time. */
export function planPlacements(rows: readonly StoredTitleVersion[], dict: Dictionary): Planned[] {
  const byTitle = new Map<number, StoredTitleVersion[]>();
  for (const r of rows) {
    const list = byTitle.get(r.productId);
    if (list) list.push(r);
    else byTitle.set(r.productId, [r]);
  }
  const out: Planned[] = [];
  for (const titleRows of byTitle.values()) {
    const first = titleRows[0]!;
    const outcomes = classifyTitle(dict, first.name, first.publisher, titleRows.map((r) => r.version));
    titleRows.forEach((row, i) => {
      const o = outcomes[i]!;
      const p = o.placement;
      out.push({
        row,
        target: p.kind === 'map' ? { productId: p.productId } : p.kind === 'rename' ? { rename: renameTarget(p.name, p.publisher) } : { productId: row.productId },
        ignored: p.kind === 'ignore',
        ruleId: o.ruleId,
        category: o.category,
        categoryPosition: o.categoryPosition,
      });
    });
  }
  return out;
}

/** The rename targets a plan needs, once each. */
export function renameTargets(plan: readonly Planned[]): RenameTarget[] {
  const m = new Map<string, RenameTarget>();
  for (const p of plan) if ('rename' in p.target) m.set(targetKey(p.target.rename), p.target.rename);
  return [...m.values()];
}

export interface Resolved extends Planned {
  /** null only for a rename target that does not exist yet (a preview). */
  effectiveProductId: number | null;
}

export function resolvePlan(plan: readonly Planned[], productIdByKey: ReadonlyMap<string, number>): Resolved[] {
  return plan.map((p) => ({
    ...p,
    effectiveProductId: 'rename' in p.target ? (productIdByKey.get(targetKey(p.target.rename)) ?? null) : p.target.productId,
  }));
}

/** Rows whose stored placement differs from the plan. */
export function changedRows(resolved: readonly Resolved[]): Resolved[] {
  return resolved.filter(
    (r) => r.effectiveProductId !== (r.row.effectiveProductId ?? null) || r.ignored !== r.row.ignored || r.ruleId !== r.row.ruleId,
  );
}

/** True when where the row counts (or whether it is hidden) changes, not only the deciding rule's id. */
export function movesCount(r: Resolved): boolean {
  return r.ignored !== r.row.ignored || (!r.ignored && r.effectiveProductId !== (r.row.effectiveProductId ?? r.row.productId));
}

/** Each product's rule-given category: from its counted rows, the category given by the earliest rule. */
export function categoriesByProduct(resolved: readonly Resolved[]): Map<number, string> {
  const best = new Map<number, { category: string; position: number }>();
  for (const r of resolved) {
    if (r.ignored || r.category === null || r.categoryPosition === null || r.effectiveProductId === null) continue;
    const cur = best.get(r.effectiveProductId);
    if (!cur || r.categoryPosition < cur.position) best.set(r.effectiveProductId, { category: r.category, position: r.categoryPosition });
  }
  return new Map([...best].map(([id, v]) => [id, v.category]));
}
