import { describe, expect, it } from 'vitest';
import { kindForDepth, pathsOf, splitLocationPath, subtreeIds, treeOrder, wouldCycle } from '../../src/assets/locations/location-tree.js';
import { legacyKindForDepth, splitLegacyLocation } from '../../src/platform/db/migrations/20261130T1510_locations_tree.js';

// 1 Paris > 2 HQ > 3 Floor 2 > 4 Room 201; 1 > 5 annex; 6 Lyon.
const nodes = [
  { id: 1, parentId: null, name: 'Paris' },
  { id: 2, parentId: 1, name: 'HQ' },
  { id: 3, parentId: 2, name: 'Floor 2' },
  { id: 4, parentId: 3, name: 'Room 201' },
  { id: 5, parentId: 1, name: 'annex' },
  { id: 6, parentId: null, name: 'Lyon' },
];

describe('splitting free-text locations', () => {
  it.each([
    ['Paris / HQ / Floor 2 / Room 201', ['Paris', 'HQ', 'Floor 2', 'Room 201']],
    ['Paris > HQ\\Floor 2', ['Paris', 'HQ', 'Floor 2']],
    ['  Paris //  Bâtiment   A  > ', ['Paris', 'Bâtiment A']],
    ['Lyon', ['Lyon']],
    [' / > \\ ', []],
  ])('%j → %j', (text, levels) => {
    expect(splitLocationPath(text)).toEqual(levels);
    // The migration keeps its own frozen copy: both must agree today.
    expect(splitLegacyLocation(text)).toEqual(levels);
  });
  it('gives kinds by depth: site, building, floor, room, then other', () => {
    expect([0, 1, 2, 3, 4, 9].map(kindForDepth)).toEqual(['site', 'building', 'floor', 'room', 'other', 'other']);
    expect([0, 1, 2, 3, 4].map(legacyKindForDepth)).toEqual(['site', 'building', 'floor', 'room', 'other']);
  });
});

describe('the tree', () => {
  it('gives each node its path from the root', () => {
    const paths = pathsOf(nodes);
    expect(paths.get(4)).toEqual(['Paris', 'HQ', 'Floor 2', 'Room 201']);
    expect(paths.get(6)).toEqual(['Lyon']);
  });
  it('survives a cycle in damaged data', () => {
    const paths = pathsOf([{ id: 1, parentId: 2, name: 'a' }, { id: 2, parentId: 1, name: 'b' }]);
    expect(paths.get(1)!.length).toBeLessThanOrEqual(2);
  });
  it('lists a subtree', () => {
    expect([...subtreeIds(nodes, 2)].sort()).toEqual([2, 3, 4]);
    expect([...subtreeIds(nodes, 1)].sort()).toEqual([1, 2, 3, 4, 5]);
    expect([...subtreeIds(nodes, 6)]).toEqual([6]);
  });
  it('refuses moves that would make a cycle', () => {
    expect(wouldCycle(nodes, 2, 2)).toBe(true);
    expect(wouldCycle(nodes, 2, 4)).toBe(true);
    expect(wouldCycle(nodes, 1, 3)).toBe(true);
    expect(wouldCycle(nodes, 2, 6)).toBe(false);
    expect(wouldCycle(nodes, 4, null)).toBe(false);
  });
  it('orders depth-first, siblings by name whatever the case', () => {
    expect(treeOrder(nodes).map(({ node, depth }) => `${depth}:${node.name}`)).toEqual(['0:Lyon', '0:Paris', '1:annex', '1:HQ', '2:Floor 2', '3:Room 201']);
  });
});
