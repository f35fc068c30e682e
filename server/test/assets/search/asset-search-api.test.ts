import { beforeAll, describe, expect, it } from 'vitest';
import type { AssetFilterOptions, AssetTotals, DevicePage } from '@parc/shared/api';
import { exportPage, type ExportCursor } from '../../../src/inventory/devices/devices.repository.js';
import { exportDevicesQuerySchema } from '../../../src/inventory/devices/devices.schemas.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

/** Sorts over text with case and blanks, nulls (manual assets have no last-seen, some no serial), and ids. */
const SORTS = ['hostname', '-hostname', 'serial', '-serial', 'manufacturer', '-manufacturer', 'lastSeenAt', '-lastSeenAt', 'firstSeenAt', '-id'];

/**
 * The asset list's register filters, totals and CSV export over HTTP. The register's data (locations,
 * finance, contracts, assignments) is seeded straight into its tables: the APIs that write them belong to
 * other features.
 *
 * Tree: Paris > Building A > Floor 2; Paris > Building B; Lyon. Devices:
 *   pc-1  computer  in_use    Floor 2     alice  warranty 2024-01-01 + 36 m (ends 2027-01-01), contract X
 *   pc-2  computer  in_stock  Building A  -      warranty 2023-06-15 + 12 m (ends 2024-06-15)
 *   mon-1 monitor   in_use    Building B  alice  parent pc-1, manual, contract X
 *   prn-1 printer   retired   Lyon        bob    serial "=cmd|' /C calc'!A0" (formula injection)
 *   ph-1  phone     in_repair (none)      -
 */
let t: TestContext;
let admin: Record<string, string>;
const ids: Record<string, number> = {};
const loc: Record<string, number> = {};
let alice: number;
let bob: number;
let contractX: number;
let contractY: number;

beforeAll(async () => {
  t = await setupTestApp();
  admin = await t.as('admin');
  const db = t.db;
  const user = async (username: string, display_name: string | null) =>
    (await db.insertInto('users').values({ username, display_name, role: 'requester', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
  alice = await user('alice', 'Alice Martin');
  bob = await user('bob', null);
  const place = async (name: string, parent_id: number | null, kind: 'site' | 'building' | 'floor' | 'room' | 'other') =>
    (await db.insertInto('locations').values({ name, parent_id, kind }).returning('id').executeTakeFirstOrThrow()).id;
  loc.paris = await place('Paris', null, 'site');
  loc.buildingA = await place('Building A', loc.paris, 'building');
  loc.floor2 = await place('Floor 2', loc.buildingA, 'floor');
  loc.buildingB = await place('Building B', loc.paris, 'building');
  loc.lyon = await place('Lyon', null, 'site');
  const device = async (hostname: string, v: Record<string, unknown>) =>
    (
      await db
        .insertInto('devices')
        .values({ hostname, match_rule: 'manual', matched_at: new Date('2026-11-01T00:00:00Z'), last_seen_at: new Date('2026-11-20T10:00:00Z'), ...v })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  ids.pc1 = await device('pc-1', { type: 'computer', state: 'in_use', location_id: loc.floor2, user_id: alice, serial: 'SN-PC1', manufacturer: 'Dell', model: 'Latitude 5440', asset_tag: 'A-001' });
  ids.pc2 = await device('pc-2', { type: 'computer', state: 'in_stock', location_id: loc.buildingA, serial: 'SN-PC2' });
  ids.mon1 = await device('mon-1', { type: 'monitor', state: 'in_use', location_id: loc.buildingB, user_id: alice, parent_device_id: ids.pc1, source: 'manual', serial: 'MON, "27 inch"' });
  ids.prn1 = await device('prn-1', { type: 'printer', state: 'retired', location_id: loc.lyon, user_id: bob, serial: "=cmd|' /C calc'!A0", source: 'discovered' });
  ids.ph1 = await device('ph-1', { type: 'phone', state: 'in_repair', manufacturer: 'Société Générale Téléphonie' });
  await db
    .insertInto('asset_finance')
    .values([
      { device_id: ids.pc1!, purchase_date: '2023-12-20', cost: 1234.5, currency: 'EUR', warranty_start: '2024-01-01', warranty_months: 36 },
      { device_id: ids.pc2!, warranty_start: '2023-06-15', warranty_months: 12 },
      // No duration: no warranty end, so no warranty filter selects it.
      { device_id: ids.prn1!, warranty_start: '2020-01-01', warranty_months: null },
    ])
    .execute();
  contractX = (await db.insertInto('maintenance_contracts').values({ name: 'Contract X' }).returning('id').executeTakeFirstOrThrow()).id;
  contractY = (await db.insertInto('maintenance_contracts').values({ name: 'Contract Y', number: 'Y-1' }).returning('id').executeTakeFirstOrThrow()).id;
  await db.insertInto('contract_devices').values([{ contract_id: contractX, device_id: ids.pc1! }, { contract_id: contractX, device_id: ids.mon1! }]).execute();
});

const get = (path: string, role?: Record<string, string>) => t.json('GET', path, undefined, role ?? admin);
const list = async (query: string) => {
  const res = await get(`/api/v1/devices?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as DevicePage).items.map((d) => d.hostname).sort();
};
const badField = async (path: string) => {
  const res = await get(path);
  expect(res.status).toBe(400);
  return ((await res.json()) as { error: { field?: string; message: string } }).error;
};

describe('GET /api/v1/devices register filters', () => {
  it('filters by one type or several', async () => {
    expect(await list('type=computer')).toEqual(['pc-1', 'pc-2']);
    expect(await list('type=monitor,printer')).toEqual(['mon-1', 'prn-1']);
  });

  it('filters by one state or several', async () => {
    expect(await list('state=in_use')).toEqual(['mon-1', 'pc-1']);
    expect(await list('state=retired,in_repair')).toEqual(['ph-1', 'prn-1']);
  });

  it('filters by location with its sub-locations by default, or exactly that one', async () => {
    expect(await list(`locationId=${loc.paris}`)).toEqual(['mon-1', 'pc-1', 'pc-2']);
    expect(await list(`locationId=${loc.buildingA}`)).toEqual(['pc-1', 'pc-2']);
    expect(await list(`locationId=${loc.buildingA}&includeSublocations=false`)).toEqual(['pc-2']);
    expect(await list(`locationId=${loc.paris}&includeSublocations=false`)).toEqual([]);
    expect(await list('locationId=none')).toEqual(['ph-1']);
  });

  it('filters by assigned user, or nobody', async () => {
    expect(await list(`userId=${alice}`)).toEqual(['mon-1', 'pc-1']);
    expect(await list(`userId=${bob}`)).toEqual(['prn-1']);
    expect(await list('userId=none')).toEqual(['pc-2', 'ph-1']);
  });

  it('filters by source', async () => {
    expect(await list('source=manual')).toEqual(['mon-1']);
    expect(await list('source=agent')).toEqual(['pc-1', 'pc-2', 'ph-1']);
  });

  it('filters by warranty end (start + months), strictly before or after a date', async () => {
    expect(await list('warrantyEndsBefore=2025-01-01')).toEqual(['pc-2']);
    expect(await list('warrantyEndsAfter=2025-01-01')).toEqual(['pc-1']);
    // Ends 2027-01-01 exactly: not before that day, but before the next.
    expect(await list('warrantyEndsBefore=2027-01-01')).toEqual(['pc-2']);
    expect(await list('warrantyEndsBefore=2027-01-02&warrantyEndsAfter=2024-06-15')).toEqual(['pc-1']);
  });

  it('filters by maintenance contract', async () => {
    expect(await list(`contractId=${contractX}`)).toEqual(['mon-1', 'pc-1']);
    expect(await list(`contractId=${contractY}`)).toEqual([]);
  });

  it('combines register filters with each other and with the search', async () => {
    expect(await list(`type=computer&locationId=${loc.paris}&state=in_use`)).toEqual(['pc-1']);
    expect(await list(`search=pc&userId=none`)).toEqual(['pc-2']);
  });

  it('answers the register fields on each device', async () => {
    const page = (await (await get(`/api/v1/devices?type=computer,monitor&userId=${alice}`)).json()) as DevicePage;
    const pc1 = page.items.find((d) => d.hostname === 'pc-1')!;
    expect(pc1).toMatchObject({ type: 'computer', state: 'in_use', source: 'agent', locationId: loc.floor2, location: 'Paris / Building A / Floor 2', user: { id: alice, displayName: 'Alice Martin' } });
    expect(page.items.find((d) => d.hostname === 'mon-1')).toMatchObject({ parentDevice: { id: ids.pc1 }, source: 'manual', location: 'Paris / Building B' });
  });

  it('refuses bad values with a 400 naming the field', async () => {
    // A comma list names the parameter, not the position of the bad item in it.
    const toaster = await badField('/api/v1/devices?type=computer,toaster');
    expect(toaster.field).toBe('type');
    expect(toaster.message).toContain('"toaster"');
    expect((await badField('/api/v1/devices?state=foo%20bar,in_use')).field).toBe('state');
    expect((await badField('/api/v1/devices?state=In%20Use')).field).toBe('state');
    expect((await badField('/api/v1/devices?type=,,')).field).toBe('type');
    const unknown = await badField('/api/v1/devices?state=in_use,vanished');
    expect(unknown.field).toBe('state');
    expect(unknown.message).toContain('vanished');
    expect((await badField('/api/v1/devices?locationId=paris')).field).toBe('locationId');
    expect((await badField('/api/v1/devices?locationId=0')).field).toBe('locationId');
    expect((await badField('/api/v1/devices?includeSublocations=no')).field).toBe('includeSublocations');
    expect((await badField('/api/v1/devices?userId=-3')).field).toBe('userId');
    expect((await badField('/api/v1/devices?source=robot')).field).toBe('source');
    expect((await badField('/api/v1/devices?warrantyEndsBefore=2026-13-01')).field).toBe('warrantyEndsBefore');
    expect((await badField('/api/v1/devices?warrantyEndsAfter=tomorrow')).field).toBe('warrantyEndsAfter');
    expect((await badField('/api/v1/devices?contractId=99999999999')).field).toBe('contractId');
  });

  it('keeps the older filters working', async () => {
    expect(await list('manufacturer=dell')).toEqual(['pc-1']);
    expect(await list('stale=true')).toEqual([]);
    expect(await list('state=retired')).toEqual(['prn-1']);
  });
});

describe('GET /api/v1/assets/totals', () => {
  it('counts by type, by state and by top-level location with the subtree rolled up', async () => {
    const res = await get('/api/v1/assets/totals');
    expect(res.status).toBe(200);
    const totals = (await res.json()) as AssetTotals;
    expect(totals.total).toBe(5);
    expect(totals.byType).toEqual([
      { type: 'computer', count: 2 },
      { type: 'monitor', count: 1 },
      { type: 'printer', count: 1 },
      { type: 'phone', count: 1 },
      { type: 'network', count: 0 },
      { type: 'peripheral', count: 0 },
      { type: 'other', count: 0 },
    ]);
    expect(Object.fromEntries(totals.byState.map((s) => [s.code, s.count]))).toEqual({ in_stock: 1, in_use: 2, in_repair: 1, lent: 0, retired: 1, lost: 0 });
    expect(totals.byLocation).toEqual([
      { id: loc.paris, name: 'Paris', count: 3 },
      { id: loc.lyon, name: 'Lyon', count: 1 },
    ]);
    expect(totals.noLocation).toBe(1);
  });

  it('takes the same filters as the list', async () => {
    const totals = (await (await get(`/api/v1/assets/totals?type=computer,monitor&locationId=${loc.buildingA}`)).json()) as AssetTotals;
    expect(totals.total).toBe(2);
    expect(totals.byType.filter((x) => x.count > 0)).toEqual([{ type: 'computer', count: 2 }]);
    expect(totals.byLocation).toEqual([{ id: loc.paris, name: 'Paris', count: 2 }]);
    expect(totals.noLocation).toBe(0);
    expect((await badField('/api/v1/assets/totals?type=robot')).field).toMatch(/^type/);
  });

  it('lists an admin-added state only when some asset has it', async () => {
    await t.db.insertInto('asset_states').values({ code: 'on_loan_abroad', label: 'On loan abroad', position: 70 }).execute();
    const before = (await (await get('/api/v1/assets/totals')).json()) as AssetTotals;
    expect(before.byState.map((s) => s.code)).not.toContain('on_loan_abroad');
    await t.db.updateTable('devices').set({ state: 'on_loan_abroad' }).where('id', '=', ids.ph1!).execute();
    const after = (await (await get('/api/v1/assets/totals')).json()) as AssetTotals;
    expect(after.byState.find((s) => s.code === 'on_loan_abroad')).toEqual({ code: 'on_loan_abroad', label: 'On loan abroad', builtin: false, count: 1 });
    expect(await list('state=on_loan_abroad')).toEqual(['ph-1']);
    await t.db.updateTable('devices').set({ state: 'in_repair' }).where('id', '=', ids.ph1!).execute();
    await t.db.deleteFrom('asset_states').where('code', '=', 'on_loan_abroad').execute();
  });
});

describe('GET /api/v1/assets/filter-options', () => {
  it('offers location paths, states, assigned people and contracts', async () => {
    const o = (await (await get('/api/v1/assets/filter-options')).json()) as AssetFilterOptions;
    expect(o.locations.map((l) => l.path)).toEqual(['Lyon', 'Paris', 'Paris / Building A', 'Paris / Building A / Floor 2', 'Paris / Building B']);
    expect(o.states.map((s) => s.code)).toEqual(['in_stock', 'in_use', 'in_repair', 'lent', 'retired', 'lost']);
    expect(o.users).toEqual([
      { id: alice, name: 'Alice Martin' },
      { id: bob, name: 'bob' },
    ]);
    expect(o.contracts).toEqual([
      { id: contractX, name: 'Contract X', number: null },
      { id: contractY, name: 'Contract Y', number: 'Y-1' },
    ]);
  });
});

describe('GET /api/v1/devices/export.csv', () => {
  const csv = async (query = '', role?: Record<string, string>) => {
    const res = await get(`/api/v1/devices/export.csv${query}`, role);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="assets-\d{4}-\d{2}-\d{2}\.csv"$/);
    return (await res.text()).split('\r\n');
  };

  it('exports every filtered device with its register fields', async () => {
    const lines = await csv('?sort=id');
    expect(lines[0]).toBe('id,type,name,manufacturer,model,serial,asset_tag,state,location,assigned_user,source,parent,purchase_date,cost,currency,warranty_end,last_seen');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toBe(`${ids.pc1},computer,pc-1,Dell,Latitude 5440,SN-PC1,A-001,in_use,Paris / Building A / Floor 2,Alice Martin,agent,,2023-12-20,1234.50,EUR,2027-01-01,2026-11-20T10:00:00.000Z`);
    // Manual: no "last seen"; a comma and quotes in the serial are quoted.
    expect(lines[3]).toBe(`${ids.mon1},monitor,mon-1,,,"MON, ""27 inch""",,in_use,Paris / Building B,Alice Martin,manual,pc-1,,,,,`);
    expect(lines[5]).toContain('Société Générale Téléphonie');
  });

  it('follows the list’s sort: the CSV and the list name the same rows in the same order', async () => {
    for (const sort of SORTS) {
      const listed = ((await (await get(`/api/v1/devices?sort=${sort}&limit=500`)).json()) as DevicePage).items.map((d) => String(d.id));
      const exported = (await csv(`?sort=${sort}`)).slice(1, -1).map((l) => l.split(',')[0]);
      expect(exported, sort).toEqual(listed);
    }
    // Without a sort, the list's default (by name).
    expect((await csv()).slice(1, -1).map((l) => l.split(',')[2])).toEqual(['mon-1', 'pc-1', 'pc-2', 'ph-1', 'prn-1']);
    expect((await badField('/api/v1/devices/export.csv?sort=colour')).field).toBe('sort');
  });

  it('pages through any sort by its keyset, nulls last, never skipping nor repeating a row', async () => {
    for (const sort of SORTS) {
      const q = exportDevicesQuerySchema.parse({ sort });
      const listed = ((await (await get(`/api/v1/devices?sort=${sort}&limit=500`)).json()) as DevicePage).items.map((d) => d.id);
      const walked: number[] = [];
      let after: ExportCursor | null = null;
      for (let guard = 0; guard < 20; guard++) {
        const page = await exportPage(t.db, q, new Date(), 30, after, 2);
        walked.push(...page.map((r) => r.id));
        const last = page.at(-1);
        if (!last || page.length < 2) break;
        after = { key: last.sort_key, id: last.id };
      }
      expect(walked, sort).toEqual(listed);
    }
  });

  it('defuses values a spreadsheet would run as a formula', async () => {
    const lines = await csv('?type=printer');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`,'=cmd|' /C calc'!A0,`);
  });

  it('takes the list filters and search', async () => {
    const names = (lines: string[]) => lines.slice(1, -1).map((l) => l.split(',')[2]);
    expect(names(await csv(`?locationId=${loc.paris}&type=computer`))).toEqual(['pc-1', 'pc-2']);
    expect(names(await csv(`?contractId=${contractX}`))).toEqual(['mon-1', 'pc-1']);
    expect(names(await csv('?warrantyEndsBefore=2025-01-01'))).toEqual(['pc-2']);
    expect(names(await csv('?search=prn'))).toEqual(['prn-1']);
    expect(names(await csv('?userId=none&state=in_repair'))).toEqual(['ph-1']);
    expect((await badField('/api/v1/devices/export.csv?state=Retired')).field).toMatch(/^state/);
  });

  it('is for the staff who read the register', async () => {
    for (const role of ['technician', 'licence-manager'] as const) expect(await csv('', await t.as(role))).toHaveLength(7);
    expect((await get('/api/v1/devices/export.csv', await t.as('requester'))).status).toBe(403);
    expect((await get('/api/v1/assets/totals', await t.as('requester'))).status).toBe(403);
    expect((await t.json('GET', '/api/v1/devices/export.csv')).status).toBe(401);
  });
});
