import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_ID } from '../../src/platform/http/params.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

// Ids beyond int4 in a JSON body were a 500 (Postgres "out of range for type integer"). Every id field in
// every body and query is bounded like a path id: a 400 naming the field.

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; anyOf?: Schema[]; oneOf?: Schema[]; maximum?: number; minimum?: number; exclusiveMinimum?: boolean | number };
interface Doc {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}
const ID_NAME = /^id$|Id$|Ids$/;
const ErrorField = async (res: Response) => ((await res.json()) as { error?: { field?: string } }).error?.field;

/** Every integer id field (by name) of every request body and query, with where it is. */
function idFields(doc: Doc): { where: string; schema: Schema }[] {
  const resolve = (s: Schema): Schema => (s.$ref ? resolve(doc.components!.schemas![s.$ref.split('/').pop()!]!) : s);
  const found: { where: string; schema: Schema }[] = [];
  const walk = (raw: Schema, where: string, depth: number) => {
    if (depth > 12) return;
    const s = resolve(raw);
    for (const sub of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])]) walk(sub, where, depth + 1);
    if (s.items) walk(s.items, `${where}[]`, depth + 1);
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      const p = resolve(prop);
      const leaf = p.items ? resolve(p.items) : p;
      if (ID_NAME.test(name) && (leaf.type === 'integer' || leaf.type === 'number')) found.push({ where: `${where}.${name}`, schema: leaf });
      walk(prop, `${where}.${name}`, depth + 1);
    }
  };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      for (const p of op.parameters ?? []) {
        const s = resolve(p.schema);
        if (ID_NAME.test(p.name) && (s.type === 'integer' || s.type === 'number')) found.push({ where: `${method} ${path} ${p.in}:${p.name}`, schema: s });
      }
      for (const c of Object.values(op.requestBody?.content ?? {})) walk(c.schema, `${method} ${path} body`, 0);
    }
  }
  return found;
}

describe('id fields in bodies and queries', () => {
  let t: TestContext;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await setupTestApp();
    admin = await t.as('admin');
  });

  it('every id field of the OpenAPI document is bounded to 1..MAX_ID', async () => {
    const doc = (await (await t.json('GET', '/api/openapi.json')).json()) as Doc;
    const fields = idFields(doc);
    expect(fields.length).toBeGreaterThan(20);
    const unbounded = fields
      .filter(({ schema: s }) => !(s.maximum !== undefined && s.maximum <= MAX_ID && ((s.minimum ?? -Infinity) >= 1 || (s.minimum === 0 && s.exclusiveMinimum === true) || s.exclusiveMinimum === 0)))
      .map((f) => f.where);
    expect(unbounded).toEqual([]);
  });

  it('categories, rules, SLA policies and groups: 2^31, 0, -1 and 1.5 are a 400 naming the field', async () => {
    const cat = await t.json('POST', '/api/v1/ticket-categories', { name: 'Hardware' }, admin);
    expect(cat.status).toBe(201);
    const { id: catId } = (await cat.json()) as { id: number };
    const group = await t.json('POST', '/api/v1/groups', { name: 'Desk' }, admin);
    expect(group.status).toBe(201);
    const { id: groupId } = (await group.json()) as { id: number };
    for (const bad of [2 ** 31, 2 ** 53, 0, -1, 1.5]) {
      const cases: [string, string, unknown, string][] = [
        ['POST', '/api/v1/ticket-categories', { name: 'x', parentId: bad }, 'parentId'],
        ['PATCH', `/api/v1/ticket-categories/${catId}`, { parentId: bad }, 'parentId'],
        ['POST', '/api/v1/assignment-rules', { name: 'r', categoryId: bad, groupId }, 'categoryId'],
        ['POST', '/api/v1/assignment-rules', { name: 'r', categoryId: catId, groupId: bad }, 'groupId'],
        ['PUT', `/api/v1/groups/${groupId}/members`, { userIds: [bad] }, 'userIds.0'],
        ['POST', '/api/v1/software-rules/preview', { name: { match: 'exact', value: 'x' }, action: 'map', productId: bad }, 'productId'],
        ['POST', '/api/v1/sla-policies', { name: 'p', calendarId: bad, targets: {} }, 'calendarId'],
      ];
      for (const [method, path, body, field] of cases) {
        const res = await t.json(method, path, body, admin);
        expect({ method, path, bad, status: res.status, field: await ErrorField(res) }).toEqual({ method, path, bad, status: 400, field });
      }
    }
  });
});
