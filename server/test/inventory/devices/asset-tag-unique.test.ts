import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withUniqueAssetTag } from '../../../src/inventory/devices/asset-uniqueness.js';
import { DomainError } from '../../../src/platform/http/errors.js';
import { databaseAtMigration } from '../../helpers/migration-db.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

/**
 * Asset tags are unique in the database (trimmed, any case, blanks not counted), not only in the service:
 * two registrations at once cannot both take a tag. Migration 20261201T1000 resolved older duplicates.
 */
type ApiErr = { error: { code: string; field?: string; message: string; details?: { deviceId?: number } } };

describe('migration 20261201T1000_asset_tag_unique', () => {
  let opened: Awaited<ReturnType<typeof databaseAtMigration>>;
  beforeAll(async () => {
    opened = await databaseAtMigration('20261130T1510_locations_tree', 'tag');
  }, 120_000);
  afterAll(() => opened.close());

  it('keeps each tag on the device that had it first, moves the others’ into their notes with a history line, then refuses a duplicate', async () => {
    const db = opened.db;
    await sql`
      insert into devices (hostname, match_rule, matched_at, asset_tag, notes) values
        ('first', 'serial', now(), 'INV-1', null),
        ('second', 'serial', now(), ' inv-1 ', 'bought used'),
        ('third', 'serial', now(), 'Inv-1', ''),
        ('alone', 'serial', now(), 'INV-2', null),
        ('blank-a', 'serial', now(), '  ', null),
        ('blank-b', 'serial', now(), '  ', null)`.execute(db);
    await opened.toLatest();
    const rows = (await sql<{ hostname: string; asset_tag: string | null; notes: string | null }>`select hostname, asset_tag, notes from devices order by id`.execute(db)).rows;
    expect(rows.map((r) => [r.hostname, r.asset_tag])).toEqual([
      ['first', 'INV-1'],
      ['second', null],
      ['third', null],
      ['alone', 'INV-2'],
      ['blank-a', '  '],
      ['blank-b', '  '],
    ]);
    expect(rows[1]!.notes).toBe('bought used\nAsset tag " inv-1 " removed when asset tags became unique: device 1 (first) had it first. Give this asset a tag of its own.');
    expect(rows[2]!.notes).toBe('Asset tag "Inv-1" removed when asset tags became unique: device 1 (first) had it first. Give this asset a tag of its own.');
    const history = (await sql<{ device_id: number; old_value: string; code: string; params: unknown }>`select device_id, old_value, code, params from device_changes order by device_id`.execute(db)).rows;
    expect(history).toEqual([
      { device_id: 2, old_value: ' inv-1 ', code: 'asset-tag-duplicate-removed', params: { tag: ' inv-1 ', keptById: 1, keptBy: 'first' } },
      { device_id: 3, old_value: 'Inv-1', code: 'asset-tag-duplicate-removed', params: { tag: 'Inv-1', keptById: 1, keptBy: 'first' } },
    ]);
    await expect(sql`insert into devices (hostname, match_rule, matched_at, asset_tag) values ('late', 'serial', now(), 'inv-2 ')`.execute(db)).rejects.toMatchObject({ code: '23505' });
  });
});

describe('asset tag uniqueness under concurrency', () => {
  let t: TestContext;
  let admin: Record<string, string>;
  beforeEach(async () => {
    t = await setupTestApp();
    admin = await t.as('admin');
  });

  it('two registrations of one tag at once: one is created, the other gets the 409 naming it', async () => {
    const [a, b] = await Promise.all([
      t.json('POST', '/api/v1/devices', { type: 'monitor', name: 'Left', assetTag: 'INV-42' }, admin),
      t.json('POST', '/api/v1/devices', { type: 'phone', name: 'Right', assetTag: ' inv-42' }, admin),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const [won, lost] = a.status === 201 ? [a, b] : [b, a];
    const id = ((await won.json()) as { id: number }).id;
    expect(((await lost.json()) as ApiErr).error).toMatchObject({ code: 'conflict', field: 'assetTag', details: { deviceId: id } });
    expect(await t.db.selectFrom('devices').select('id').where('asset_tag', 'is not', null).execute()).toEqual([{ id }]);
  });

  it('a write the index refuses gets the same 409 as the service check, naming the device that has the tag', async () => {
    const first = (await (await t.json('POST', '/api/v1/devices', { type: 'monitor', name: 'Kept', assetTag: 'INV-9' }, admin)).json()) as { id: number };
    // As if the check had run before the first registration committed: the write goes straight to the index.
    const write = () => t.db.insertInto('devices').values({ hostname: 'late', match_rule: 'manual', matched_at: new Date(), asset_tag: 'inv-9 ' }).execute();
    const err = await withUniqueAssetTag(t.db, { assetTag: 'inv-9 ', exceptId: null }, write).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ status: 409, field: 'assetTag', details: { deviceId: first.id } });
    // Other failures pass through untouched.
    const other = new Error('boom');
    await expect(withUniqueAssetTag(t.db, { assetTag: 'x', exceptId: null }, () => Promise.reject(other))).rejects.toBe(other);
  });

  it('a PATCH to a tag another device has is refused', async () => {
    await t.json('POST', '/api/v1/devices', { type: 'monitor', name: 'A', assetTag: 'INV-5' }, admin);
    const b = (await (await t.json('POST', '/api/v1/devices', { type: 'monitor', name: 'B' }, admin)).json()) as { id: number };
    const res = await t.json('PATCH', `/api/v1/devices/${b.id}`, { assetTag: 'inv-5' }, admin);
    expect(res.status).toBe(409);
    expect(((await res.json()) as ApiErr).error.field).toBe('assetTag');
  });
});
