import { describe, expect, it } from 'vitest';
import { buildCategoryTree } from '../../../src/helpdesk/categories/category-tree.js';

describe('buildCategoryTree', () => {
  const rows = [
    { id: 3, parentId: 1, name: 'laptop' },
    { id: 1, parentId: null, name: 'Hardware' },
    { id: 4, parentId: 3, name: 'Battery' },
    { id: 2, parentId: null, name: 'Access' },
    { id: 5, parentId: 1, name: 'Desktop' },
  ];

  it('orders depth-first with siblings by name, whatever the input order, and computes paths', () => {
    const { flat } = buildCategoryTree(rows);
    expect(flat.map((c) => [c.id, c.path, c.depth])).toEqual([
      [2, 'Access', 0],
      [1, 'Hardware', 0],
      [5, 'Hardware > Desktop', 1],
      [3, 'Hardware > laptop', 1],
      [4, 'Hardware > laptop > Battery', 2],
    ]);
    expect(buildCategoryTree([...rows].reverse()).flat).toEqual(flat);
  });

  it('nests children under their parents', () => {
    const { roots } = buildCategoryTree(rows);
    expect(roots.map((r) => r.name)).toEqual(['Access', 'Hardware']);
    expect(roots[1]!.children.map((c) => c.name)).toEqual(['Desktop', 'laptop']);
    expect(roots[1]!.children[1]!.children).toMatchObject([{ id: 4, path: 'Hardware > laptop > Battery', children: [] }]);
  });

  it('leaves out rows it cannot reach from a root instead of looping', () => {
    const { flat } = buildCategoryTree([
      { id: 1, parentId: 2, name: 'a' },
      { id: 2, parentId: 1, name: 'b' },
      { id: 3, parentId: 99, name: 'orphan' },
      { id: 4, parentId: null, name: 'root' },
    ]);
    expect(flat.map((c) => c.id)).toEqual([4]);
  });
});
