import { manualClock, type ManualClock } from '@parc/shared';
import { fleetHomeSchema, type FleetHome } from '@parc/shared/api';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

let t: TestContext;
let admin: Record<string, string>;
let clock: ManualClock;
const T0 = '2026-03-10T12:00:00.000Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeEach(async () => {
  clock = manualClock(T0);
  t = await setupTestApp({ PARC_STALE_DAYS: '30', PARC_SESSION_HOURS: String(24 * 365) }, { clock });
  admin = await t.as('admin');
});

const setClock = (msBeforeT0: number) => clock.set(new Date(Date.parse(T0) - msBeforeT0));
const home = async (query = '') => {
  const res = await t.json('GET', `/api/v1/home/fleet${query}`, undefined, admin);
  expect(res.status, await res.clone().text()).toBe(200);
  return fleetHomeSchema.parse(await res.json()) as FleetHome;
};

async function device(hostname: string, seed: number, msBeforeT0: number, edit: (inv: ReturnType<typeof makeInventory>) => void = () => undefined) {
  const { agentId, agentKey } = await t.enrollAgent(hostname);
  const inv = makeInventory({ agentId, hostname, seed });
  edit(inv);
  setClock(msBeforeT0);
  const res = await t.upload(agentKey, inv);
  expect(res.status, await res.clone().text()).toBe(200);
  return { agentKey, inv, deviceId: ((await res.json()) as { deviceId: number }).deviceId };
}

describe('GET /api/v1/home/fleet', () => {
  it('counts the fleet by OS, last-seen age, state, agent version, today\'s inventories, refused uploads and open conflicts', async () => {
    await device('old', 1, 100 * DAY); // stale, last seen over 90 days ago
    await device('month', 2, 10 * DAY, (inv) => (inv.agentVersion = '0.2.0'));
    const unchanged = await device('unchanged', 3, 3 * DAY);
    await device('win', 4, 2 * HOUR, (inv) => {
      inv.os = { platform: 'windows', name: 'Windows 11 Pro', version: '23H2', build: '22631', arch: 'x64' };
      inv.agentVersion = '0.2.0';
    });
    const retired = await device('retired', 5, 5 * HOUR);
    // The unchanged device reports again today: seen today, nothing changed.
    setClock(HOUR);
    expect((await t.upload(unchanged.agentKey, unchanged.inv)).status).toBe(200);
    setClock(0);
    expect((await t.json('PATCH', `/api/v1/devices/${retired.deviceId}`, { state: 'retired' }, admin)).status).toBe(200);

    // Refused uploads: an unknown key and a body that is not JSON today, one yesterday, one eight days ago.
    setClock(8 * DAY);
    expect((await t.upload('parc_agent_unknown', { hostname: 'x' })).status).toBe(401);
    setClock(DAY);
    expect((await t.upload('parc_agent_unknown', { hostname: 'x' })).status).toBe(401);
    setClock(0);
    expect((await t.upload('parc_agent_unknown', { hostname: 'x' })).status).toBe(401);
    const bad = await t.app.request('/api/v1/agent/inventory', { method: 'POST', headers: { authorization: `Bearer ${unchanged.agentKey}`, 'content-type': 'application/json' }, body: '{"hostname":' });
    expect(bad.status).toBe(400);

    await sql`insert into reconcile_conflicts (hostname, identity, candidate_ids, rule, reason, resolved_at) values
      ('a', '{}', '{}', 'serial', 'two devices', null), ('b', '{}', '{}', 'serial', 'two devices', now())`.execute(t.db);

    const h = await home();
    expect(h.todayStartedAt).toBe('2026-03-10T00:00:00.000Z');
    expect(h.staleDays).toBe(30);
    expect(h.devices).toEqual({ total: 5, retired: 1, stale: 1 });
    expect(h.byOs).toEqual({ items: [{ platform: 'linux', name: 'Debian GNU/Linux', count: 3 }, { platform: 'windows', name: 'Windows 11 Pro', count: 1 }], otherCount: 0 });
    expect(h.lastSeen).toEqual([
      { bucket: 'day', count: 2 },
      { bucket: 'week', count: 0 },
      { bucket: 'month', count: 1 },
      { bucket: 'quarter', count: 0 },
      { bucket: 'older', count: 1 },
    ]);
    expect(h.agentsByVersion).toEqual({ items: [{ version: '0.1.0', count: 3 }, { version: '0.2.0', count: 2 }], otherCount: 0 });
    expect(h.inventoriesToday).toEqual({ devices: 3, changed: 2 });
    expect(h.rejectedUploads.today).toBe(2);
    expect(h.rejectedUploads.last7Days).toBe(3);
    expect(h.rejectedUploads.byReason.find((r) => r.reason === 'unauthenticated')).toEqual({ reason: 'unauthenticated', today: 1, last7Days: 2 });
    expect(h.rejectedUploads.byReason.find((r) => r.reason === 'invalid')).toEqual({ reason: 'invalid', today: 1, last7Days: 1 });
    expect(h.openConflicts).toBe(1);

    // "Today" is the caller's: in Auckland (UTC+13) it is already 11 March, and began at 11:00Z on the 10th.
    const nz = await home('?timeZone=Pacific/Auckland');
    expect(nz.todayStartedAt).toBe('2026-03-10T11:00:00.000Z');
    expect(nz.inventoriesToday).toEqual({ devices: 1, changed: 0 });
  });

  it('counts the top ten operating systems and sums the rest', async () => {
    for (let i = 0; i < 12; i++) await device(`os-${i}`, 10 + i, HOUR, (inv) => (inv.os = { platform: 'linux', name: `Distro ${String(i).padStart(2, '0')}`, version: '1', arch: 'x64' }));
    const h = await home();
    expect(h.byOs.items).toHaveLength(10);
    expect(h.byOs.otherCount).toBe(2);
  });

  it('refuses a time zone that is not one, naming the field; admins only', async () => {
    const res = await t.json('GET', '/api/v1/home/fleet?timeZone=Mars/Olympus', undefined, admin);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('timeZone');
    for (const role of ['technician', 'licence-manager', 'requester'] as const) {
      expect((await t.json('GET', '/api/v1/home/fleet', undefined, await t.as(role))).status).toBe(403);
    }
  });
});
