import { beforeEach, describe, expect, it } from 'vitest';
import { loadActiveRules } from '../../../src/helpdesk/assignment/assignment-rules.service.js';
import { permutationProblem } from '../../../src/platform/http/reorder-check.js';
import { categoryAncestors } from '../../../src/helpdesk/categories/categories.repository.js';
import { evaluateAssignmentRules } from '../../../src/helpdesk/assignment/assignment-rules.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';
import { call, roles, type ErrorBody } from '../admin-helpers.js';

describe('permutationProblem', () => {
  it('accepts exactly the existing ids in any order', () => {
    expect(permutationProblem([3, 1, 2], [1, 2, 3])).toBeNull();
    expect(permutationProblem([], [])).toBeNull();
  });
  it('names unknown, repeated and missing ids', () => {
    expect(permutationProblem([1, 9, 2], [1, 2])).toEqual({ field: 'ids.1', message: 'rule 9 does not exist' });
    expect(permutationProblem([1, 2, 1], [1, 2])).toMatchObject({ field: 'ids.2' });
    expect(permutationProblem([2], [1, 2, 3])).toEqual({ field: 'ids', message: 'list every rule exactly once; missing: 1, 3' });
  });
});

let t: TestContext;
let h: Awaited<ReturnType<typeof roles>>;
let g1: number;
let g2: number;
beforeEach(async () => {
  t = await setupTestApp();
  h = await roles(t);
  g1 = (await call<{ id: number }>(t, 'POST', '/api/v1/groups', { name: 'Network' }, h.admin, 201)).id;
  g2 = (await call<{ id: number }>(t, 'POST', '/api/v1/groups', { name: 'Desktop' }, h.admin, 201)).id;
});

type Rule = { id: number; name: string; position: number; categoryId: number | null; locationId: number | null; location: string | null; groupId: number; active: boolean };
/** The node for a path ("Lyon > B"), created level by level on first use. */
const loc = async (path: string): Promise<number> => {
  let parentId: number | null = null;
  for (const name of path.split('>').map((s) => s.trim())) {
    const all = (await call<{ items: { id: number; parentId: number | null; name: string }[] }>(t, 'GET', '/api/v1/locations', undefined, h.admin, 200)).items;
    const found = all.find((l) => l.parentId === parentId && l.name === name);
    parentId = found ? found.id : (await call<{ id: number }>(t, 'POST', '/api/v1/locations', { name, parentId }, h.admin, 201)).id;
  }
  return parentId!;
};
const newRule = (body: Record<string, unknown>) => call<Rule>(t, 'POST', '/api/v1/assignment-rules', body, h.admin, 201);
const order = async () => (await call<{ items: Rule[] }>(t, 'GET', '/api/v1/assignment-rules', undefined, h.tech, 200)).items.map((r) => [r.name, r.position]);

describe('assignment rules API', () => {
  it('creates rules appended in order, reads, updates and deletes them', async () => {
    const cat = (await call<{ id: number }>(t, 'POST', '/api/v1/ticket-categories', { name: 'Hardware' }, h.admin, 201)).id;
    const a = await newRule({ name: 'Paris', locationId: await loc('Paris'), groupId: g1 });
    expect(a).toEqual({ id: a.id, name: 'Paris', position: 1, categoryId: null, locationId: await loc('Paris'), location: 'Paris', groupId: g1, active: true });
    const b = await newRule({ name: 'Hardware', categoryId: cat, groupId: g2, active: false });
    expect(b).toMatchObject({ position: 2, categoryId: cat, location: null, active: false });
    await newRule({ name: 'Both', categoryId: cat, locationId: await loc('Lyon > B'), groupId: g1 });
    expect(await order()).toEqual([['Paris', 1], ['Hardware', 2], ['Both', 3]]);
    expect(await call(t, 'GET', `/api/v1/assignment-rules/${b.id}`, undefined, h.lm, 200)).toEqual(b);

    const patched = await call<Rule>(t, 'PATCH', `/api/v1/assignment-rules/${a.id}`, { locationId: null, categoryId: cat, groupId: g2, active: false, name: 'Paris hw' }, h.admin, 200);
    expect(patched).toMatchObject({ name: 'Paris hw', location: null, categoryId: cat, groupId: g2, active: false, position: 1 });

    await call(t, 'DELETE', `/api/v1/assignment-rules/${b.id}`, undefined, h.admin, 204);
    await call(t, 'GET', `/api/v1/assignment-rules/${b.id}`, undefined, h.admin, 404);
    // Positions close up after a deletion, and new rules go last.
    expect(await order()).toEqual([['Paris hw', 1], ['Both', 2]]);
    await newRule({ name: 'Last', locationId: await loc('Nice'), groupId: g1 });
    expect(await order()).toEqual([['Paris hw', 1], ['Both', 2], ['Last', 3]]);
  });

  it('reorders with the whole set of ids, refusing partial, repeated or unknown lists', async () => {
    const a = await newRule({ name: 'A', locationId: await loc('Paris'), groupId: g1 });
    const b = await newRule({ name: 'B', locationId: await loc('Lyon'), groupId: g1 });
    const c = await newRule({ name: 'C', locationId: await loc('Nice'), groupId: g2 });
    const res = await call<{ items: Rule[] }>(t, 'POST', '/api/v1/assignment-rules/reorder', { ids: [c.id, a.id, b.id] }, h.admin, 200);
    expect(res.items.map((r) => [r.name, r.position])).toEqual([['C', 1], ['A', 2], ['B', 3]]);
    expect(await order()).toEqual([['C', 1], ['A', 2], ['B', 3]]);

    let e = await call<ErrorBody>(t, 'POST', '/api/v1/assignment-rules/reorder', { ids: [a.id, b.id] }, h.admin, 400);
    expect(e.error).toMatchObject({ field: 'ids' });
    expect(e.error.message).toContain(String(c.id));
    e = await call<ErrorBody>(t, 'POST', '/api/v1/assignment-rules/reorder', { ids: [a.id, b.id, a.id] }, h.admin, 400);
    expect(e.error.field).toBe('ids.2');
    e = await call<ErrorBody>(t, 'POST', '/api/v1/assignment-rules/reorder', { ids: [a.id, b.id, c.id, 999] }, h.admin, 400);
    expect(e.error.field).toBe('ids.3');
    e = await call<ErrorBody>(t, 'POST', '/api/v1/assignment-rules/reorder', { ids: 'abc' }, h.admin, 400);
    expect(e.error.field).toBe('ids');
    expect(await order()).toEqual([['C', 1], ['A', 2], ['B', 3]]);
  });

  it('validates bodies, naming the field, and stores nothing', async () => {
    const paris = await loc('Paris');
    const bad = async (body: Record<string, unknown>, field: string) => {
      const e = await call<ErrorBody>(t, 'POST', '/api/v1/assignment-rules', { name: 'R', groupId: g1, locationId: paris, ...body }, h.admin, 400);
      expect(e.error.field, JSON.stringify(body)).toBe(field);
      return e;
    };
    await bad({ locationId: undefined }, 'categoryId');
    await bad({ locationId: null, categoryId: null }, 'categoryId');
    expect((await bad({ locationId: 999 }, 'locationId')).error.message).toContain('999');
    await bad({ name: '' }, 'name');
    await bad({ groupId: undefined }, 'groupId');
    expect((await bad({ groupId: 999 }, 'groupId')).error.message).toContain('999');
    expect((await bad({ categoryId: 999 }, 'categoryId')).error.message).toContain('999');
    await bad({ active: 'yes' }, 'active');
    expect(await t.db.selectFrom('assignment_rules').select('id').execute()).toEqual([]);

    const r = await newRule({ name: 'R', locationId: await loc('Paris'), groupId: g1 });
    let e = await call<ErrorBody>(t, 'PATCH', `/api/v1/assignment-rules/${r.id}`, { locationId: null }, h.admin, 400);
    expect(e.error.field).toBe('locationId');
    e = await call<ErrorBody>(t, 'PATCH', `/api/v1/assignment-rules/${r.id}`, { groupId: 999 }, h.admin, 400);
    expect(e.error.field).toBe('groupId');
    await call(t, 'PATCH', `/api/v1/assignment-rules/${r.id}`, {}, h.admin, 400);
    expect(await call(t, 'GET', `/api/v1/assignment-rules/${r.id}`, undefined, h.admin, 200)).toEqual(r);
  });

  it('refuses duplicate names with 409', async () => {
    const a = await newRule({ name: 'Paris', locationId: await loc('Paris'), groupId: g1 });
    const b = await newRule({ name: 'Lyon', locationId: await loc('Lyon'), groupId: g1 });
    expect((await call<ErrorBody>(t, 'POST', '/api/v1/assignment-rules', { name: 'PARIS', locationId: await loc('x'), groupId: g1 }, h.admin, 409)).error.field).toBe('name');
    await call(t, 'PATCH', `/api/v1/assignment-rules/${b.id}`, { name: 'paris' }, h.admin, 409);
    await call(t, 'PATCH', `/api/v1/assignment-rules/${a.id}`, { name: 'PARIS' }, h.admin, 200);
  });

  it('answers 404 for unknown ids and 403 to non-admin writers', async () => {
    const r = await newRule({ name: 'Paris', locationId: await loc('Paris'), groupId: g1 });
    await call(t, 'GET', '/api/v1/assignment-rules/999', undefined, h.admin, 404);
    await call(t, 'PATCH', '/api/v1/assignment-rules/999', { name: 'x' }, h.admin, 404);
    await call(t, 'DELETE', '/api/v1/assignment-rules/999', undefined, h.admin, 404);
    for (const who of [h.tech, h.lm, h.requester]) {
      await call(t, 'POST', '/api/v1/assignment-rules', { name: 'X', locationId: await loc('x'), groupId: g1 }, who, 403);
      await call(t, 'PATCH', `/api/v1/assignment-rules/${r.id}`, { name: 'X' }, who, 403);
      await call(t, 'DELETE', `/api/v1/assignment-rules/${r.id}`, undefined, who, 403);
      await call(t, 'POST', '/api/v1/assignment-rules/reorder', { ids: [r.id] }, who, 403);
    }
    await call(t, 'GET', '/api/v1/assignment-rules', undefined, h.requester, 403);
  });
});

describe('loadActiveRules', () => {
  it('returns active rules in order, in the shape the pure evaluator takes', async () => {
    const hw = (await call<{ id: number }>(t, 'POST', '/api/v1/ticket-categories', { name: 'Hardware' }, h.admin, 201)).id;
    const laptop = (await call<{ id: number }>(t, 'POST', '/api/v1/ticket-categories', { name: 'Laptop', parentId: hw }, h.admin, 201)).id;
    const off = await newRule({ name: 'Off', categoryId: laptop, groupId: g1, active: false });
    const paris = await newRule({ name: 'Paris', locationId: await loc('Paris'), groupId: g1 });
    const hardware = await newRule({ name: 'Hardware', categoryId: hw, groupId: g2 });
    await call(t, 'POST', '/api/v1/assignment-rules/reorder', { ids: [hardware.id, off.id, paris.id] }, h.admin, 200);

    const rules = await loadActiveRules(t.db);
    expect(rules).toEqual([
      { id: hardware.id, name: 'Hardware', position: 1, enabled: true, categoryId: hw, locationId: null, location: null, groupId: g2 },
      { id: paris.id, name: 'Paris', position: 3, enabled: true, categoryId: null, locationId: paris.locationId, location: 'Paris', groupId: g1 },
    ]);
    const match = evaluateAssignmentRules(rules, { categoryPath: await categoryAncestors(t.db, laptop), locations: ['Paris > Building A'] });
    expect(match).toMatchObject({ groupId: g2, rule: { id: hardware.id } });
    const byPlace = evaluateAssignmentRules(rules, { categoryPath: [], locations: ['paris / building a'] });
    expect(byPlace).toMatchObject({ groupId: g1, rule: { id: paris.id } });
    // A device placed below the rule's node matches through the tree, whatever the names.
    const floor = await loc('Paris > HQ > Floor 2');
    const byTree = evaluateAssignmentRules(rules, { categoryPath: [], places: [{ ancestry: [floor, await loc('Paris > HQ'), paris.locationId!], path: 'Paris / HQ / Floor 2' }], locations: [] });
    expect(byTree).toMatchObject({ groupId: g1, rule: { id: paris.id }, reasons: [{ code: 'sublocation', location: 'Paris / HQ / Floor 2', ruleLocation: 'Paris' }] });
  });
});
