import { beforeEach, describe, expect, it } from 'vitest';
import { findNul, stripNul } from '../../src/platform/http/nul.js';
import { makeInventory } from '../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

// Postgres text cannot hold U+0000: every endpoint must answer 400 naming the field (or strip it for
// machine-collected inventories), never a 500 from the insert or the comparison.

const NUL = '\u0000';
type ErrorBody = { error: { code: string; field?: string } };

async function expect400(res: Response, field: string) {
  const body = (await res.json()) as ErrorBody;
  expect({ status: res.status, code: body.error.code, field: body.error.field }).toEqual({ status: 400, code: 'validation_failed', field });
}

describe('findNul / stripNul', () => {
  it('names the first offending path, keys included, and survives deep nesting', () => {
    expect(findNul({ a: [{ b: 'ok' }, { c: `x${NUL}` }] })).toBe('a.1.c');
    expect(findNul({ [`k${NUL}`]: 1 })).toBe(`k${NUL}`);
    expect(findNul(`x${NUL}`)).toBe('');
    expect(findNul({ a: ['fine', 1, null, true] })).toBeUndefined();
    let deep: unknown = `x${NUL}`;
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(findNul(deep)).toBe(Array.from({ length: 50_000 }, () => '0').join('.'));
  });

  it('strips NUL from strings and keys, leaves other values as they are', () => {
    expect(stripNul({ a: [`x${NUL}y`, 2, null], [`b${NUL}`]: { c: true } })).toEqual({ a: ['xy', 2, null], b: { c: true } });
    const untouched = { a: 'plain' };
    expect(stripNul(untouched)).toBe(untouched);
  });
});

describe('NUL bytes in API input', () => {
  let t: TestContext;
  let admin: Record<string, string>;
  let tech: Record<string, string>;
  let requester: Record<string, string>;
  beforeEach(async () => {
    t = await setupTestApp();
    admin = await t.as('admin');
    tech = await t.as('technician');
    requester = await t.as('requester', 'alice');
  });

  it('ticket title, description and followups: 400 naming the field, nothing stored', async () => {
    await expect400(await t.json('POST', '/api/v1/tickets', { title: `a${NUL}b`, description: 'x' }, requester), 'title');
    await expect400(await t.json('POST', '/api/v1/tickets', { title: 'ab', description: `x${NUL}` }, requester), 'description');
    const list = (await (await t.json('GET', '/api/v1/tickets', undefined, tech)).json()) as { total: number };
    expect(list.total).toBe(0);
    const created = (await (await t.json('POST', '/api/v1/tickets', { title: 'ok', description: 'ok' }, requester)).json()) as { id: number };
    await expect400(await t.json('POST', `/api/v1/tickets/${created.id}/followups`, { body: `hi${NUL}` }, requester), 'body');
  });

  it('search and filters in the query string: 400, not 500', async () => {
    await expect400(await t.json('GET', '/api/v1/tickets?q=a%00b', undefined, tech), 'q');
    await expect400(await t.json('GET', '/api/v1/devices?search=a%00b', undefined, tech), 'search');
  });

  it('login, groups, enrollment tokens and device fields', async () => {
    await expect400(await t.json('POST', '/api/v1/auth/login', { username: `zz${NUL}`, password: 'password123' }), 'username');
    await expect400(await t.json('POST', '/api/v1/groups', { name: `g${NUL}` }, admin), 'name');
    await expect400(await t.json('POST', '/api/v1/enrollment-tokens', { description: `d${NUL}` }, admin), 'description');
    const { agentKey } = await t.enrollAgent('ws-1');
    const { deviceId } = (await (await t.upload(agentKey, makeInventory({ hostname: 'ws-1' }))).json()) as { deviceId: number };
    await expect400(await t.json('PATCH', `/api/v1/devices/${deviceId}`, { notes: `n${NUL}` }, tech), 'notes');
  });

  it('a ticket opened from an endpoint: 400 naming the field', async () => {
    const { agentKey } = await t.enrollAgent('ws-1');
    const res = await t.json('POST', '/api/v1/agent/tickets', { title: `a${NUL}`, description: 'b' }, { authorization: `Bearer ${agentKey}` });
    await expect400(res, 'title');
  });

  it('an inventory carrying NULs is stored without them (a stray NUL must not cost the upload)', async () => {
    const { agentId, agentKey } = await t.enrollAgent('ws-2');
    const inv = makeInventory({ agentId, hostname: 'ws-2', packages: 2 });
    inv.hostname = `ws${NUL}-2`;
    inv.software[0]!.name = `lib${NUL}foo`;
    inv.software[0]!.version = `1.0${NUL}`;
    const res = await t.upload(agentKey, inv);
    expect(res.status).toBe(200);
    const { deviceId } = (await res.json()) as { deviceId: number };
    const device = (await (await t.json('GET', `/api/v1/devices/${deviceId}`, undefined, tech)).json()) as {
      hostname: string;
      software: { name: string; version: string }[];
    };
    expect(device.hostname).toBe('ws-2');
    expect(device.software).toContainEqual(expect.objectContaining({ name: 'libfoo', version: '1.0' }));
  });
});
