import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDevice, productId, setupFleet, type FleetContext } from './fleet-helpers.js';

// The materialised presence (triggers of migration 20261130T1020) must always equal what the
// installations say, whatever changed them: ingest, the dictionary, tracking, licences, deletions.

let t: FleetContext;

/** Presence and set counts as stored, against the same computed from the installations now. */
async function check() {
  const stored = await sql<{ device_id: number; product_id: number; ids: string; who: string }>`
    select device_id, product_id, array_to_string(version_ids, ',') as ids, who from software_presence order by 1, 2`.execute(t.db);
  const expected = await sql<{ device_id: number; product_id: number; ids: string; who: string }>`
    select i.device_id, coalesce(v.effective_product_id, v.product_id) as product_id, array_to_string(array_agg(distinct i.version_id order by i.version_id), ',') as ids,
           min(lower(coalesce(nullif(d.owner, ''), nullif(d.last_user, ''), '#device:' || d.id))) as who
    from software_installations i join software_versions v on v.id = i.version_id join devices d on d.id = i.device_id
    join software_products p on p.id = coalesce(v.effective_product_id, v.product_id) and p.tracked
    where not v.ignored group by 1, 2 order by 1, 2`.execute(t.db);
  expect(stored.rows).toEqual(expected.rows);
  const counts = await sql<{ product_id: number; ids: string; n: number }>`
    select product_id, array_to_string(version_ids, ',') as ids, sum(delta)::int as n from software_set_counts
    group by 1, 2 having sum(delta) <> 0 order by 1, 2`.execute(t.db);
  const grouped = await sql<{ product_id: number; ids: string; n: number }>`
    select product_id, array_to_string(version_ids, ',') as ids, count(*)::int as n from software_presence group by 1, 2 order by 1, 2`.execute(t.db);
  expect(counts.rows).toEqual(grouped.rows);
  return stored.rows.length;
}

beforeAll(async () => {
  t = await setupFleet();
});

describe('materialised presence', () => {
  it('follows ingest, tracking, licences, the dictionary and deletions exactly', async () => {
    const a = { name: 'App A', version: '1.0', publisher: 'Acme' };
    const a2 = { name: 'App A', version: '2.0', publisher: 'Acme' };
    const aPro = { name: 'App A Professional', version: '2.0', publisher: 'Acme' };
    const b = { name: 'App B', version: '5', publisher: 'Acme' };
    const d1 = await addDevice(t, 'p-1', [a, b]);
    await addDevice(t, 'p-2', [a2, aPro]);
    const appA = await productId(t, 'App A');
    const appB = await productId(t, 'App B');
    expect(await check()).toBe(0);

    await t.call('PATCH', `/api/v1/software/${appA}`, { licensable: true });
    expect(await check()).toBe(2);
    const lic = await t.call<{ id: number }>('POST', '/api/v1/licences', { productId: appB, metric: 'site' });
    expect(await check()).toBe(3);

    // A later inventory of p-1 upgrades A and adds the Pro title; p-3 arrives with both.
    await addDevice(t, 'p-1', [a2, aPro, b]);
    await addDevice(t, 'p-3', [a, a2]);
    await check();

    // The dictionary maps the Pro title onto A: the sets change for the devices that have it.
    await t.call('POST', '/api/v1/software-rules', { name: { match: 'exact', value: 'App A Professional' }, action: 'map', productId: appA });
    await t.call('POST', '/api/v1/software-rules/apply');
    await check();
    // A new device with the Pro title is placed at ingest.
    await addDevice(t, 'p-4', [aPro]);
    await check();
    // Ignoring version 1.0 takes it out of the sets.
    await t.call('POST', '/api/v1/software-rules', { name: { match: 'exact', value: 'App A' }, version: { match: 'exact', value: '1.0' }, action: 'ignore', position: 1 });
    await t.call('POST', '/api/v1/software-rules/apply');
    await check();

    // Untracked again: nothing kept for B; tracked again: rebuilt.
    await t.call('DELETE', `/api/v1/licences/${lic.body.id}`);
    expect((await sql<{ n: number }>`select count(*)::int as n from software_set_counts where product_id = ${appB}`.execute(t.db)).rows[0]!.n).toBe(0);
    await check();
    await t.call('PATCH', `/api/v1/software/${appB}`, { licensable: true });
    await check();

    // The primary user follows the device: an owner set by hand, then cleared.
    const admin = await t.as('admin');
    await t.call('PATCH', `/api/v1/devices/${d1}`, { owner: 'CORP\\Dana' }, admin);
    expect((await sql<{ who: string }>`select distinct who from software_presence where device_id = ${d1}`.execute(t.db)).rows).toEqual([{ who: 'corp\\dana' }]);
    await check();
    await t.call('PATCH', `/api/v1/devices/${d1}`, { owner: null }, admin);
    await check();

    // A device deleted takes its installations, and its presence, with it.
    await sql`delete from devices where id = ${d1}`.execute(t.db);
    await check();
  });
});
