/**
 * Location names as people read them: the full path from the site down ("Paris / Building A / Floor 2"),
 * and the top-level location each one rolls up into. Pure; the tree is a few hundred rows, read whole.
 */

export interface LocationNode {
  id: number;
  parent_id: number | null;
  name: string;
}

export const PATH_SEPARATOR = ' / ';

export interface LocationIndex {
  /** id → "Site / Building / Room". */
  path: Map<number, string>;
  /** id → the id of its top-level ancestor (itself for a top-level location). */
  root: Map<number, number>;
}

export function indexLocations(nodes: readonly LocationNode[]): LocationIndex {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const path = new Map<number, string>();
  const root = new Map<number, number>();
  const resolve = (id: number, seen: Set<number>): void => {
    if (path.has(id)) return;
    const n = byId.get(id)!;
    const parent = n.parent_id === null ? undefined : byId.get(n.parent_id);
    // A missing parent or a loop (the database forbids neither outright) ends the walk here.
    if (!parent || seen.has(parent.id)) {
      path.set(id, n.name);
      root.set(id, id);
      return;
    }
    seen.add(id);
    resolve(parent.id, seen);
    path.set(id, `${path.get(parent.id)!}${PATH_SEPARATOR}${n.name}`);
    root.set(id, root.get(parent.id)!);
  };
  for (const n of nodes) resolve(n.id, new Set());
  return { path, root };
}
