import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

let t: TestContext;
beforeEach(async () => {
  t = await setupTestApp();
});

const body = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
const count = async (table: 'devices' | 'software_products' | 'software_versions' | 'software_installations' | 'device_changes' | 'reconcile_conflicts') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
/** Devices of a type: each machine's monitor is an asset of its own (its serial, one per key even under races). */
const ofType = async (type: 'computer' | 'monitor') =>
  Number((await t.db.selectFrom('devices').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', type).executeTakeFirstOrThrow()).n);

describe('concurrent uploads', () => {
  it('ten agents uploading at once make ten devices and one shared catalogue', async () => {
    const agents = [];
    for (let i = 1; i <= 10; i++) agents.push(await t.enrollAgent(`ws-${i}`));
    // Every machine has the same 60 packages: they all race to create the same catalogue rows.
    const responses = await Promise.all(
      agents.map((a, i) => t.upload(a.agentKey, makeInventory({ agentId: a.agentId, seed: i + 1, packages: 60 }), { gzip: i % 2 === 0 })),
    );
    const results = await Promise.all(responses.map(async (r) => ({ status: r.status, body: await body<{ deviceId: number; status: string }>(r) })));
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(new Set(results.map((r) => r.body.deviceId)).size).toBe(10);
    expect(results.every((r) => r.body.status === 'created')).toBe(true);

    expect(await ofType('computer')).toBe(10);
    expect(await ofType('monitor')).toBe(10);
    expect(await count('software_products')).toBe(60);
    expect(await count('software_versions')).toBe(60);
    expect(await count('software_installations')).toBe(600);
    const dupProducts = await sql<{ n: number }>`
      select count(*)::int as n from (select name_key, publisher_key from software_products group by 1, 2 having count(*) > 1) d`.execute(t.db);
    expect(dupProducts.rows[0]!.n).toBe(0);

    // And all ten again, unchanged, at once: nothing new anywhere.
    const changes = await count('device_changes');
    const again = await Promise.all(agents.map((a, i) => t.upload(a.agentKey, makeInventory({ agentId: a.agentId, seed: i + 1, packages: 60 }))));
    for (const r of again) expect(await body(r)).toMatchObject({ status: 'unchanged' });
    expect(await count('device_changes')).toBe(changes);
    expect(await count('software_installations')).toBe(600);
  });

  it('ten agents upgrading the same package at once share the new version row', async () => {
    const agents = [];
    for (let i = 1; i <= 10; i++) agents.push(await t.enrollAgent(`ws-${i}`));
    const inv = (a: { agentId: string }, i: number) => makeInventory({ agentId: a.agentId, seed: i + 1, packages: 5 });
    await Promise.all(agents.map((a, i) => t.upload(a.agentKey, inv(a, i))));
    const upgraded = await Promise.all(
      agents.map((a, i) => {
        const next = inv(a, i);
        next.software[0]!.version = '2.0.0-1';
        return t.upload(a.agentKey, next);
      }),
    );
    for (const r of upgraded) expect(await body(r)).toMatchObject({ status: 'updated', changes: { added: 0, removed: 0, changed: 1 } });
    expect(await count('software_versions')).toBe(6);
  });

  it('the same agent uploading twice at once makes one device', async () => {
    const a = await t.enrollAgent('ws-1');
    const inv = makeInventory({ agentId: a.agentId, packages: 30 });
    const [r1, r2] = await Promise.all([t.upload(a.agentKey, inv), t.upload(a.agentKey, inv)]);
    const b1 = await body<{ deviceId: number; status: string }>(r1!);
    const b2 = await body<{ deviceId: number; status: string }>(r2!);
    expect(b1.deviceId).toBe(b2.deviceId);
    expect([b1.status, b2.status].sort()).toEqual(['created', 'unchanged']);
    expect(await ofType('computer')).toBe(1);
    expect(await ofType('monitor')).toBe(1);
    expect(await count('software_installations')).toBe(30);
  });

  it('one machine reported by two fresh agents at once: serialised, one device each (neither takes the other\'s), one conflict', async () => {
    const a = await t.enrollAgent('ws-1');
    const b = await t.enrollAgent('ws-1');
    const inv = (agentId: string) => makeInventory({ agentId, seed: 7, packages: 10 });
    const round = async () => {
      const res = await Promise.all([t.upload(a.agentKey, inv(a.agentId)), t.upload(b.agentKey, inv(b.agentId))]);
      return Promise.all(res.map(async (r) => (await body<{ deviceId: number }>(r)).deviceId));
    };
    const ids = await round();
    expect(ids[0]).not.toBe(ids[1]);
    expect(await ofType('computer')).toBe(2);
    // Both report the same monitor at once: one asset, attached to whichever came last.
    expect(await ofType('monitor')).toBe(1);
    expect(await count('reconcile_conflicts')).toBe(1);
    // Again at once: each agent finds its own device, nothing new.
    expect(await round()).toEqual(ids);
    expect(await ofType('computer')).toBe(2);
    expect(await count('reconcile_conflicts')).toBe(1);
  });
});
