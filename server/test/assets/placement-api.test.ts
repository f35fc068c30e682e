import { beforeEach, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '@parc/shared';
import { makeInventory } from '../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';
import { call, roles, userId, type ErrorBody } from '../helpdesk/admin-helpers.js';

type Change = { section: string; item: string; old: string | null; new: string | null; code: string | null; params: Record<string, string> | null };
type Device = { id: number; state: string; stateLabel: string | null; stale: boolean; location: string | null; locationId: number | null; user: { id: number; username: string; displayName: string | null } | null; changes: Change[] };
type Checkout = { id: number; user: { username: string } | null; dueOn: string | null; checkedInAt: string | null; checkedOutBy: { username: string } | null; checkedInBy: { username: string } | null; notes: string | null; overdue: boolean };

let t: TestContext;
let h: Awaited<ReturnType<typeof roles>>;
let clock: ManualClock;
let d: number;
beforeEach(async () => {
  clock = manualClock(new Date('2026-12-01T09:00:00Z'));
  t = await setupTestApp({}, { clock });
  h = await roles(t);
  const agent = await t.enrollAgent('ws-place');
  d = ((await (await t.upload(agent.agentKey, makeInventory({ agentId: agent.agentId, hostname: 'ws-place', packages: 2 }))).json()) as { deviceId: number }).deviceId;
});

const get = () => call<Device>(t, 'GET', `/api/v1/devices/${d}`, undefined, h.lm, 200);
const loc = (name: string, parentId: number | null = null) => call<{ id: number }>(t, 'POST', '/api/v1/locations', { name, parentId }, h.admin, 201).then((l) => l.id);

describe('state, location and user on a device', () => {
  it('starts in use, nowhere, with nobody', async () => {
    expect(await get()).toMatchObject({ state: 'in_use', stateLabel: null, stale: false, location: null, locationId: null, user: null });
  });

  it('sets them with PATCH, shows the path and user, and writes coded history lines, audited', async () => {
    const paris = await loc('Paris');
    const hq = await loc('HQ', paris);
    const alice = await userId(t, 'technician');
    const after = await call<Device>(t, 'PATCH', `/api/v1/devices/${d}`, { state: 'in_repair', locationId: hq, userId: alice, owner: 'Accounts' }, h.tech, 200);
    expect(after).toMatchObject({ state: 'in_repair', location: 'Paris / HQ', locationId: hq, user: { id: alice, username: 'technician' } });
    const lines = after.changes.filter((c) => c.section === 'asset');
    expect(lines.map((c) => [c.code, c.params])).toEqual(
      expect.arrayContaining([
        ['state-changed', { from: 'in_use', to: 'in_repair' }],
        ['location-changed', { to: 'Paris / HQ' }],
        ['user-assigned', { to: 'technician' }],
      ]),
    );
    const audit = await t.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'device.placement_changed').execute();
    expect(audit).toEqual([{ action: 'device.placement_changed', target_id: String(d) }]);
    // The same values again: no new line.
    await call(t, 'PATCH', `/api/v1/devices/${d}`, { state: 'in_repair', locationId: hq }, h.tech, 200);
    expect((await get()).changes.filter((c) => c.section === 'asset')).toHaveLength(3);
  });

  it('shows an added state with its label', async () => {
    await call(t, 'POST', '/api/v1/asset-states', { label: 'Quarantine' }, h.admin, 201);
    expect(await call<Device>(t, 'PATCH', `/api/v1/devices/${d}`, { state: 'quarantine' }, h.tech, 200)).toMatchObject({ state: 'quarantine', stateLabel: 'Quarantine' });
  });

  it('refuses unknown states, locations and users with a 400 naming the field, changing nothing', async () => {
    for (const [body, field] of [
      [{ state: 'nope' }, 'state'],
      [{ state: 'Bad Code' }, 'state'],
      [{ locationId: 999 }, 'locationId'],
      [{ userId: 999 }, 'userId'],
      [{ location: 'Paris' }, undefined],
    ] as const) {
      const e = await call<ErrorBody>(t, 'PATCH', `/api/v1/devices/${d}`, body, h.admin, 400);
      if (field) expect(e.error.field, JSON.stringify(body)).toBe(field);
    }
    expect(await get()).toMatchObject({ state: 'in_use', locationId: null, user: null });
    for (const who of [h.lm, h.requester]) await call(t, 'PATCH', `/api/v1/devices/${d}`, { state: 'lost' }, who, 403);
  });

  it('is stale only in use and silent for longer than the stale period', async () => {
    clock.advance(60 * 86_400_000);
    expect((await get()).stale).toBe(true);
    const list = await call<{ items: Device[] }>(t, 'GET', '/api/v1/devices?stale=true', undefined, h.tech, 200);
    expect(list.items.map((x) => x.id)).toEqual([d]);
    await call(t, 'PATCH', `/api/v1/devices/${d}`, { state: 'in_stock' }, h.tech, 200);
    expect((await get()).stale).toBe(false);
    expect((await call<{ items: Device[] }>(t, 'GET', '/api/v1/devices?stale=true', undefined, h.tech, 200)).items).toEqual([]);
    expect((await call<{ items: Device[] }>(t, 'GET', '/api/v1/devices?state=in_stock', undefined, h.tech, 200)).items.map((x) => x.id)).toEqual([d]);
  });
});

describe('assigned user and tickets', () => {
  it('lets a requester link a device assigned to them, and only then', async () => {
    const ticket = { title: 'Slow', description: 'Very slow since Monday.', deviceIds: [d] };
    await call(t, 'POST', '/api/v1/tickets', ticket, h.requester, 403);
    await call(t, 'PATCH', `/api/v1/devices/${d}`, { userId: await userId(t, 'requester') }, h.tech, 200);
    await call(t, 'POST', '/api/v1/tickets', ticket, h.requester, 201);
  });
});

describe('check-out and check-in', () => {
  it('checks out to a person with a due date, refuses a second, checks in, keeps the history', async () => {
    const alice = await userId(t, 'requester');
    const out = await call<{ items: Checkout[] }>(t, 'POST', `/api/v1/devices/${d}/checkout`, { userId: alice, dueOn: '2026-12-05', notes: 'for the trip' }, h.tech, 201);
    expect(out.items).toHaveLength(1);
    expect(out.items[0]).toMatchObject({ user: { username: 'requester' }, dueOn: '2026-12-05', checkedInAt: null, checkedOutBy: { username: 'technician' }, overdue: false });
    expect(await get()).toMatchObject({ state: 'in_use', user: { id: alice } });
    const e = await call<ErrorBody>(t, 'POST', `/api/v1/devices/${d}/checkout`, { userId: alice }, h.admin, 409);
    expect(e.error.message).toContain('already checked out');

    clock.advance(5 * 86_400_000);
    expect((await call<{ items: Checkout[] }>(t, 'GET', `/api/v1/devices/${d}/checkouts`, undefined, h.lm, 200)).items[0]!.overdue).toBe(true);

    const back = await call<{ items: Checkout[] }>(t, 'POST', `/api/v1/devices/${d}/checkin`, { notes: 'scratched lid' }, h.admin, 200);
    expect(back.items[0]).toMatchObject({ checkedInBy: { username: 'admin' }, overdue: false, notes: 'for the trip\nscratched lid' });
    expect(await get()).toMatchObject({ state: 'in_stock', user: null });
    await call(t, 'POST', `/api/v1/devices/${d}/checkin`, {}, h.admin, 409);

    await call(t, 'POST', `/api/v1/devices/${d}/checkout`, { userId: alice, state: 'lent' }, h.admin, 201);
    const history = await call<{ items: Checkout[] }>(t, 'GET', `/api/v1/devices/${d}/checkouts`, undefined, h.tech, 200);
    expect(history.items.map((c) => c.checkedInAt === null)).toEqual([true, false]);
    expect((await get()).state).toBe('lent');

    const codes = (await get()).changes.filter((c) => c.section === 'asset').map((c) => c.code);
    expect(codes).toContain('user-assigned');
    expect(codes).toContain('state-changed');
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'in', ['device.checked_out', 'device.checked_in']).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['device.checked_out', 'device.checked_in', 'device.checked_out']);
  });

  it('validates, naming the field, and guards roles', async () => {
    expect((await call<ErrorBody>(t, 'POST', `/api/v1/devices/${d}/checkout`, { userId: 999 }, h.admin, 400)).error.field).toBe('userId');
    const alice = await userId(t, 'requester');
    expect((await call<ErrorBody>(t, 'POST', `/api/v1/devices/${d}/checkout`, { userId: alice, state: 'nope' }, h.admin, 400)).error.field).toBe('state');
    expect((await call<ErrorBody>(t, 'POST', `/api/v1/devices/${d}/checkout`, { userId: alice, dueOn: '2026-13-45' }, h.admin, 400)).error.field).toBe('dueOn');
    await call(t, 'POST', `/api/v1/devices/${d}/checkout`, {}, h.admin, 400);
    await call(t, 'POST', '/api/v1/devices/999/checkout', { userId: alice }, h.admin, 404);
    await call(t, 'GET', '/api/v1/devices/999/checkouts', undefined, h.admin, 404);
    expect((await call<{ items: Checkout[] }>(t, 'GET', `/api/v1/devices/${d}/checkouts`, undefined, h.admin, 200)).items).toEqual([]);
    for (const who of [h.lm, h.requester]) {
      await call(t, 'POST', `/api/v1/devices/${d}/checkout`, { userId: alice }, who, 403);
      await call(t, 'POST', `/api/v1/devices/${d}/checkin`, {}, who, 403);
    }
    await call(t, 'GET', `/api/v1/devices/${d}/checkouts`, undefined, h.requester, 403);
  });
});
