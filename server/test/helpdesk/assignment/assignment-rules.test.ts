import { describe, expect, it } from 'vitest';
import {
  ancestry,
  assignmentRuleSchema,
  evaluateAssignmentRules,
  firstMatchingRule,
  locationPath,
  orderRules,
  type AssignmentRule,
  type TreeNode,
} from '../../../src/helpdesk/assignment/assignment-rules.js';

// Category tree: 1 Hardware > 2 Printers > 3 Toner; 1 > 4 Laptops; 10 Software > 11 Office.
const categories: TreeNode[] = [
  { id: 1, parentId: null },
  { id: 2, parentId: 1 },
  { id: 3, parentId: 2 },
  { id: 4, parentId: 1 },
  { id: 10, parentId: null },
  { id: 11, parentId: 10 },
];
const path = (id: number | null): number[] => (id === null ? [] : ancestry(id, categories));

function rule(over: Partial<AssignmentRule> & { id: number; groupId: number }): AssignmentRule {
  return { name: `rule ${over.id}`, categoryId: null, locationId: null, location: null, ...over };
}

describe('ancestry', () => {
  it('walks to the root', () => {
    expect(ancestry(3, categories)).toEqual([3, 2, 1]);
    expect(ancestry(10, categories)).toEqual([10]);
    expect(ancestry(3, new Map([[3, 2], [2, 1], [1, null]]))).toEqual([3, 2, 1]);
  });
  it('stops at an unknown parent and at a cycle', () => {
    expect(ancestry(99, categories)).toEqual([99]);
    expect(ancestry(5, [{ id: 5, parentId: 6 }, { id: 6, parentId: 5 }])).toEqual([5, 6]);
    expect(ancestry(7, [{ id: 7, parentId: 7 }])).toEqual([7]);
  });
});

describe('locationPath', () => {
  it.each([
    ['Paris > Bâtiment A > 2e étage', ['paris', 'bâtiment a', '2e étage']],
    ['  PARIS/  Bâtiment   A ', ['paris', 'bâtiment a']],
    ['Lyon\\Site 2', ['lyon', 'site 2']],
    [' / > ', []],
  ])('%j → %j', (text, expected) => {
    expect(locationPath(text)).toEqual(expected);
  });
});

describe('evaluateAssignmentRules', () => {
  const printers = rule({ id: 1, groupId: 100, categoryId: 2 });
  const hardwareParis = rule({ id: 2, groupId: 200, categoryId: 1, location: 'Paris' });
  const lyon = rule({ id: 3, groupId: 300, location: 'Lyon > Site 2', includeSublocations: false });
  const catchAll = rule({ id: 4, groupId: 400 });
  const rules = [printers, hardwareParis, lyon, catchAll];

  it('fires on the exact category', () => {
    expect(evaluateAssignmentRules(rules, { categoryPath: path(2), locations: [] })).toEqual({ rule: printers, groupId: 100, reasons: [{ code: 'category', categoryId: 2 }] });
  });

  it('fires on a subcategory, saying so', () => {
    expect(evaluateAssignmentRules(rules, { categoryPath: path(3), locations: [] })).toMatchObject({
      groupId: 100,
      reasons: [{ code: 'subcategory', categoryId: 3, ruleCategoryId: 2 }],
    });
  });

  it('does not fire on a subcategory when the rule excludes them', () => {
    const strict = { ...printers, includeSubcategories: false };
    expect(evaluateAssignmentRules([strict], { categoryPath: path(3), locations: [] })).toBeNull();
    expect(evaluateAssignmentRules([strict], { categoryPath: path(2), locations: [] })?.rule).toBe(strict);
  });

  it('does not fire on the parent of the rule category', () => {
    expect(evaluateAssignmentRules([printers], { categoryPath: path(1), locations: [] })).toBeNull();
  });

  it('category AND location must both hold', () => {
    expect(evaluateAssignmentRules(rules, { categoryPath: path(4), locations: ['Paris > Bâtiment A'] })).toEqual({
      rule: hardwareParis,
      groupId: 200,
      reasons: [
        { code: 'subcategory', categoryId: 4, ruleCategoryId: 1 },
        { code: 'sublocation', location: 'Paris > Bâtiment A', ruleLocation: 'Paris' },
      ],
    });
    // Laptops in Marseille: hardwareParis fails on location, falls to the catch-all.
    expect(evaluateAssignmentRules(rules, { categoryPath: path(4), locations: ['Marseille'] })).toEqual({
      rule: catchAll,
      groupId: 400,
      reasons: [{ code: 'catch-all' }],
    });
  });

  it('any linked device location may match; exact wins the wording', () => {
    const r = evaluateAssignmentRules(rules, { categoryPath: path(4), locations: [null, 'Nice', ' paris '] });
    expect(r?.rule).toBe(hardwareParis);
    expect(r?.reasons[1]).toEqual({ code: 'location', location: 'paris' });
  });

  it('a location matches on whole path segments only', () => {
    expect(firstMatchingRule([hardwareParis], { categoryPath: path(4), locations: ['Parisian office'] })).toBeNull();
  });

  it('no sublocations when the rule says so', () => {
    expect(firstMatchingRule([lyon], { categoryPath: [], locations: ['lyon/site 2'] })).toBe(lyon);
    expect(firstMatchingRule([lyon], { categoryPath: [], locations: ['Lyon > Site 2 > Floor 1'] })).toBeNull();
  });

  it('first matching rule in the order given wins', () => {
    const software = rule({ id: 9, groupId: 900, categoryId: 10 });
    expect(firstMatchingRule([catchAll, software], { categoryPath: path(11), locations: [] })).toBe(catchAll);
    expect(firstMatchingRule([software, catchAll], { categoryPath: path(11), locations: [] })).toBe(software);
  });

  it('disabled rules are skipped', () => {
    expect(firstMatchingRule([{ ...printers, enabled: false }, catchAll], { categoryPath: path(2), locations: [] })).toBe(catchAll);
  });

  it('no rule fires: null (no category, no location, no catch-all)', () => {
    expect(evaluateAssignmentRules([printers, hardwareParis, lyon], { categoryPath: [], locations: [] })).toBeNull();
    expect(evaluateAssignmentRules([], { categoryPath: path(2), locations: ['Paris'] })).toBeNull();
  });

  it('a rule whose location is only separators matches nothing', () => {
    expect(firstMatchingRule([rule({ id: 5, groupId: 5, location: ' / ' })], { categoryPath: [], locations: ['Paris'] })).toBeNull();
  });

  it('keeps extra fields of the caller’s rule type', () => {
    const rows = [{ ...printers, createdBy: 'admin' }];
    expect(firstMatchingRule(rows, { categoryPath: path(2), locations: [] })?.createdBy).toBe('admin');
  });
});

describe('orderRules', () => {
  it('by position then id, without mutating', () => {
    const rs = [rule({ id: 3, groupId: 1, position: 2 }), rule({ id: 2, groupId: 1, position: 1 }), rule({ id: 1, groupId: 1, position: 2 }), rule({ id: 4, groupId: 1 })];
    expect(orderRules(rs).map((r) => r.id)).toEqual([4, 2, 1, 3]);
    expect(rs.map((r) => r.id)).toEqual([3, 2, 1, 4]);
  });
});

describe('assignmentRuleSchema', () => {
  it('defaults', () => {
    expect(assignmentRuleSchema.parse({ name: ' Printers ', groupId: 3, categoryId: 2 })).toEqual({
      name: 'Printers',
      position: 0,
      enabled: true,
      categoryId: 2,
      includeSubcategories: true,
      locationId: null,
      includeSublocations: true,
      groupId: 3,
    });
  });
  it.each([
    [{ name: '', groupId: 3 }, 'name'],
    [{ name: 'x' }, 'groupId'],
    [{ name: 'x', groupId: 0 }, 'groupId'],
    [{ name: 'x', groupId: 3, categoryId: -1 }, 'categoryId'],
    [{ name: 'x', groupId: 3, locationId: 0 }, 'locationId'],
    [{ name: 'x', groupId: 3, position: -1 }, 'position'],
  ])('rejects %j at %s', (input, field) => {
    const r = assignmentRuleSchema.safeParse(input);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.path.join('.')).toBe(field);
  });
});

describe('evaluateAssignmentRules by the location tree', () => {
  // Tree: 1 Paris > 2 HQ > 3 Floor 2; 4 Lyon.
  const paris = rule({ id: 1, groupId: 100, locationId: 1, location: 'Paris' });
  const hqOnly = rule({ id: 2, groupId: 200, locationId: 2, location: 'Paris / HQ', includeSublocations: false });
  const floor = { ancestry: [3, 2, 1], path: 'Paris / HQ / Floor 2' };
  const hq = { ancestry: [2, 1], path: 'Paris / HQ' };

  it('fires for a device placed at the rule node, or below it', () => {
    expect(evaluateAssignmentRules([hqOnly, paris], { categoryPath: [], places: [hq], locations: [] })).toMatchObject({ groupId: 200, reasons: [{ code: 'location', location: 'Paris / HQ' }] });
    expect(evaluateAssignmentRules([hqOnly, paris], { categoryPath: [], places: [floor], locations: [] })).toMatchObject({
      groupId: 100,
      reasons: [{ code: 'sublocation', location: 'Paris / HQ / Floor 2', ruleLocation: 'Paris' }],
    });
  });
  it('matches on ids, not names: a renamed node still matches', () => {
    expect(evaluateAssignmentRules([paris], { categoryPath: [], places: [{ ancestry: [3, 2, 1], path: 'Paris-Nord / HQ / Floor 2' }], locations: [] })).toMatchObject({ groupId: 100 });
  });
  it('does not fire for a device elsewhere in the tree', () => {
    expect(evaluateAssignmentRules([paris, hqOnly], { categoryPath: [], places: [{ ancestry: [4], path: 'Lyon' }], locations: [] })).toBeNull();
  });
  it("still matches the ticket's free-text location against the rule's path", () => {
    expect(evaluateAssignmentRules([paris], { categoryPath: [], places: [], locations: ['paris > hq'] })).toMatchObject({ groupId: 100, reasons: [{ code: 'sublocation' }] });
  });
});
