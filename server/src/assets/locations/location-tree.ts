import type { LocationKind } from '@parc/shared/api/enums';

/**
 * The location tree as plain data: paths, depths, descendants, cycle checks and the splitting of the old
 * free-text locations ("Paris / HQ > Floor 2"). No I/O; the repository loads the (small) tree once.
 */

export interface TreeNode {
  id: number;
  parentId: number | null;
  name: string;
}

/** The separators people typed between levels in free-text locations. */
const SEPARATORS = /[/>\\]/;

/** "Paris / HQ > Floor 2" → ["Paris", "HQ", "Floor 2"]; blank levels are dropped, inner spaces squeezed. */
export function splitLocationPath(text: string): string[] {
  return text
    .split(SEPARATORS)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

const KIND_BY_DEPTH: readonly LocationKind[] = ['site', 'building', 'floor', 'room'];
/** A migrated level's kind from its depth: site, building, floor, room, then other. */
export const kindForDepth = (depth: number): LocationKind => KIND_BY_DEPTH[depth] ?? 'other';

export const PATH_SEPARATOR = ' / ';

/** Each node's names from the root down; a broken or cyclic chain stops where it breaks. */
export function pathsOf(nodes: readonly TreeNode[]): Map<number, string[]> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const paths = new Map<number, string[]>();
  const walk = (id: number, seen: Set<number>): string[] => {
    const known = paths.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    seen.add(id);
    const parent = node.parentId !== null && byId.has(node.parentId) && !seen.has(node.parentId) ? walk(node.parentId, seen) : [];
    const path = [...parent, node.name];
    paths.set(id, path);
    return path;
  };
  for (const n of nodes) walk(n.id, new Set());
  return paths;
}

/** `id` and every node below it. */
export function subtreeIds(nodes: readonly TreeNode[], id: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const n of nodes) if (n.parentId !== null) (children.get(n.parentId) ?? children.set(n.parentId, []).get(n.parentId)!).push(n.id);
  const out = new Set<number>([id]);
  const stack = [id];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      if (out.has(c)) continue;
      out.add(c);
      stack.push(c);
    }
  }
  return out;
}

/** Moving `id` under `newParentId` would make it its own ancestor (including itself as parent). */
export const wouldCycle = (nodes: readonly TreeNode[], id: number, newParentId: number | null): boolean => newParentId !== null && subtreeIds(nodes, id).has(newParentId);

/** Depth-first order, siblings by name (any case): the tree as an indented list. */
export function treeOrder<T extends TreeNode>(nodes: readonly T[]): { node: T; depth: number }[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<number | null, T[]>();
  for (const n of nodes) {
    const parent = n.parentId !== null && ids.has(n.parentId) ? n.parentId : null;
    (children.get(parent) ?? children.set(parent, []).get(parent)!).push(n);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id - b.id);
  const out: { node: T; depth: number }[] = [];
  const seen = new Set<number>();
  const visit = (parent: number | null, depth: number) => {
    for (const n of children.get(parent) ?? []) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      out.push({ node: n, depth });
      visit(n.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
