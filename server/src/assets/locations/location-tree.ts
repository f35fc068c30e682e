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

/**
 * Each node's chain from the top-level location down to itself; a broken or cyclic chain stops where it
 * breaks (a missing parent or a loop makes that node the top). The one walk behind paths and roll-ups.
 */
function chainsOf<T extends TreeNode>(nodes: readonly T[]): Map<number, T[]> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const chains = new Map<number, T[]>();
  const walk = (id: number, seen: Set<number>): T[] => {
    const known = chains.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    seen.add(id);
    const parent = node.parentId !== null && byId.has(node.parentId) && !seen.has(node.parentId) ? walk(node.parentId, seen) : [];
    const chain = [...parent, node];
    chains.set(id, chain);
    return chain;
  };
  for (const n of nodes) walk(n.id, new Set());
  return chains;
}

/** Each node's names from the root down. */
export function pathsOf(nodes: readonly TreeNode[]): Map<number, string[]> {
  return new Map([...chainsOf(nodes)].map(([id, chain]) => [id, chain.map((n) => n.name)]));
}

/** Each node's path as people read it: "Paris / Building A / Floor 2". */
export function pathTexts(nodes: readonly TreeNode[]): Map<number, string> {
  return new Map([...chainsOf(nodes)].map(([id, chain]) => [id, chain.map((n) => n.name).join(PATH_SEPARATOR)]));
}

/** Each node's top-level location (itself at the top), for totals that roll up by site. */
export function rootsOf(nodes: readonly TreeNode[]): Map<number, number> {
  return new Map([...chainsOf(nodes)].map(([id, chain]) => [id, chain[0]!.id]));
}

/** A path's names compared whatever their case: the key of "the same path" when resolving and creating. */
export const locationPathKey = (names: readonly string[]): string => names.map((n) => n.toLowerCase()).join('\u0000');

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
