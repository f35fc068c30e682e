/** Builds the category tree from flat rows: paths ("Hardware > Laptop"), depths, depth-first order. Pure. */

export const PATH_SEPARATOR = ' > ';

export interface CategoryRow {
  id: number;
  parentId: number | null;
  name: string;
}

export interface CategoryEntry extends CategoryRow {
  path: string;
  depth: number;
}

export interface CategoryNode extends CategoryEntry {
  children: CategoryNode[];
}

const byName = (a: CategoryRow, b: CategoryRow) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id - b.id;

/**
 * Roots first, each followed by its subtree, siblings by name (case-insensitive, then id). Sorting here
 * rather than in SQL keeps the order the same on every database collation. Rows whose parent is missing
 * or that sit on a cycle (neither can be stored through the API) are left out rather than looping.
 */
export function buildCategoryTree(rows: readonly CategoryRow[]): { flat: CategoryEntry[]; roots: CategoryNode[] } {
  const children = new Map<number | null, CategoryRow[]>();
  for (const r of rows) {
    const list = children.get(r.parentId) ?? [];
    list.push(r);
    children.set(r.parentId, list);
  }
  const flat: CategoryEntry[] = [];
  const visit = (parent: CategoryNode | null, depth: number): CategoryNode[] =>
    (children.get(parent?.id ?? null) ?? []).sort(byName).map((r) => {
      const node: CategoryNode = { ...r, path: parent ? `${parent.path}${PATH_SEPARATOR}${r.name}` : r.name, depth, children: [] };
      flat.push({ id: node.id, parentId: node.parentId, name: node.name, path: node.path, depth });
      node.children = visit(node, depth + 1);
      return node;
    });
  return { flat, roots: visit(null, 0) };
}
