import { beforeAll, describe, expect, it } from 'vitest';
import { escapeLike } from '../../src/platform/db/like.js';
import { makeInventory } from '../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

// Search text reaches LIKE/ILIKE: `%` and `_` must match themselves, a `\` must not be an SQL error.

const total = async (res: Response) => {
  expect(res.status).toBe(200);
  return ((await res.json()) as { total: number }).total;
};

describe('LIKE patterns built from search text', () => {
  let t: TestContext;
  let tech: Record<string, string>;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await setupTestApp();
    tech = await t.as('technician');
    admin = await t.as('admin');
    const { agentKey } = await t.enrollAgent('ws-001');
    expect((await t.upload(agentKey, makeInventory({ seed: 1, hostname: 'ws-001' }))).status).toBe(200);
    const ticket = await t.json('POST', '/api/v1/tickets', { title: 'printer jam', description: 'tray 2' }, tech);
    expect(ticket.status).toBe(201);
  });

  it('escapes backslash, percent and underscore', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });

  it('a backslash in any search or filter is a 200, not a 500', async () => {
    for (const path of [
      '/api/v1/devices?os=%5C',
      '/api/v1/devices?os=a%5C',
      '/api/v1/devices?manufacturer=%5C',
      '/api/v1/devices?search=%5C',
      '/api/v1/software?search=%5C',
      '/api/v1/licences?search=%5C',
      '/api/v1/tickets?q=%5C',
    ]) {
      const res = await t.json('GET', path, undefined, path.includes('licences') ? admin : tech);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
  });

  it('% and _ are not wildcards', async () => {
    expect(await total(await t.json('GET', '/api/v1/devices?os=linux', undefined, tech))).toBe(1);
    expect(await total(await t.json('GET', '/api/v1/devices?os=l_nux', undefined, tech))).toBe(0);
    expect(await total(await t.json('GET', '/api/v1/devices?os=%25', undefined, tech))).toBe(0);
    expect(await total(await t.json('GET', '/api/v1/devices?manufacturer=%25', undefined, tech))).toBe(0);
    expect(await total(await t.json('GET', '/api/v1/devices?search=ws_001', undefined, tech))).toBe(0);
    expect(await total(await t.json('GET', '/api/v1/devices?search=ws-001', undefined, tech))).toBe(1);
    expect(await total(await t.json('GET', '/api/v1/software?search=_', undefined, tech))).toBe(0);
    expect(await total(await t.json('GET', '/api/v1/tickets?q=%25', undefined, tech))).toBe(0);
    expect(await total(await t.json('GET', '/api/v1/tickets?q=printer', undefined, tech))).toBe(1);
  });
});
