import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_SOFTWARE_ENTRIES, parseInventoryLenient } from '@parc/shared';
import { makeInventory } from '../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

// Over 50,000 packages the software section was dropped by the contract's cap and the stored list
// silently stopped updating (the upload still answered 200). A list over the cap is refused whole with a
// 400 naming `software` (Parc's own agent reports the section as failed and logs an error:
// agent/test/collectors-pure.test.ts).

const installs = async (t: TestContext) => (await sql<{ n: number }>`select count(*)::int as n from software_installations`.execute(t.db)).rows[0]!.n;

describe('a very large software section', () => {
  let t: TestContext;
  let agent: { agentId: string; agentKey: string };
  beforeAll(async () => {
    t = await setupTestApp();
    agent = await t.enrollAgent('build-01');
    expect((await t.upload(agent.agentKey, makeInventory({ agentId: agent.agentId, hostname: 'build-01', packages: 5 }))).status).toBe(200);
  });

  it('a list over the cap is a 400 naming software, and nothing stored changes', async () => {
    const before = await installs(t);
    const inv = makeInventory({ agentId: agent.agentId, hostname: 'build-01', packages: 0 });
    const one = makeInventory({ packages: 1 }).software[0]!;
    inv.software = Array.from({ length: MAX_SOFTWARE_ENTRIES + 1 }, () => one);
    const res = await t.upload(agent.agentKey, inv, { gzip: true });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { field: string; message: string } };
    expect(body.error.field).toBe('software');
    expect(body.error.message).toContain(String(MAX_SOFTWARE_ENTRIES));
    expect(before).toBe(5);
    expect(await installs(t)).toBe(before);
  }, 300_000);

  it('the lenient parser refuses an over-long list instead of dropping the section', () => {
    const inv = makeInventory({ packages: 0 });
    inv.users = Array.from({ length: 1025 }, (_, i) => ({ username: `u${i}`, type: 'last' as const }));
    const r = parseInventoryLenient(inv);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.field).toBe('users');
  });
});
