import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { ALWAYS_OPEN, at, fails, helpdesk, inventoriedDevice, ok, setupTicketsApp, type Detail, type TestContext } from './helpers.js';

let t: TestContext;
let admin: Record<string, string>;
let tech: Record<string, string>;
let rob: Record<string, string>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at('2026-12-01T08:00:00Z');
  t = await setupTicketsApp();
  admin = await t.as('admin');
  tech = await t.as('technician', 'tina');
  rob = await t.as('requester', 'rob');
});
afterEach(() => {
  vi.useRealTimers();
});

const base = { title: 'Screen flickers', description: 'Every few minutes.' };
const create = (body: Record<string, unknown>, as: Record<string, string>) => t.json('POST', '/api/v1/tickets', { ...base, ...body }, as);

describe('POST /api/v1/tickets: validation', () => {
  it('answers 400 naming the field, and stores nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: 'x'.repeat(256) }, 'title'],
      [{ description: '' }, 'description'],
      [{ urgency: 0 }, 'urgency'],
      [{ urgency: 6 }, 'urgency'],
      [{ urgency: 2.5 }, 'urgency'],
      [{ impact: 9 }, 'impact'],
      [{ type: 'problem' }, 'type'],
      [{ priority: 7 }, 'priority'],
      [{ deviceIds: [999] }, 'deviceIds'],
      [{ deviceIds: [-1] }, 'deviceIds.0'],
      [{ categoryId: 999 }, 'categoryId'],
      [{ observerIds: [999] }, 'observerIds'],
      [{ dueAt: 'tomorrow' }, 'dueAt'],
    ];
    for (const [body, field] of cases) {
      const e = await fails(create(body, tech));
      expect({ body, status: e.status, field: e.field }).toEqual({ body, status: 400, field });
    }
    const e = await fails(create({ requesterId: 999 }, tech));
    expect([e.status, e.field]).toEqual([400, 'requesterId']);
    expect(await t.db.selectFrom('tickets').select('id').execute()).toEqual([]);
  });

  it('answers 400, not 500, for ids beyond the integer range', async () => {
    for (const body of [{ deviceIds: [2 ** 31] }, { categoryId: 2 ** 31 }, { requesterId: 2 ** 31 }, { observerIds: [2 ** 40] }]) {
      const e = await fails(create(body, tech));
      expect({ body, status: e.status }).toEqual({ body, status: 400 });
    }
    expect((await fails(t.json('GET', `/api/v1/tickets/${2 ** 31}`, undefined, tech))).status).toBe(400);
  });

  it('requires a login', async () => {
    expect((await fails(create({}, {}))).status).toBe(401);
  });
});

describe('POST /api/v1/tickets: priority', () => {
  it('comes from the GLPI default matrix', async () => {
    const pairs: [number, number, number][] = [
      [1, 1, 1],
      [1, 5, 2],
      [2, 2, 2],
      [3, 3, 3],
      [3, 4, 4],
      [4, 2, 3],
      [4, 5, 5],
      [5, 1, 2],
      [5, 5, 5],
    ];
    for (const [urgency, impact, priority] of pairs) {
      const d = await ok<Detail>(create({ urgency, impact }, rob), 201);
      expect({ urgency, impact, priority: d.priority }).toEqual({ urgency, impact, priority });
    }
  });

  it('follows a configured matrix', async () => {
    const h = helpdesk(t, admin);
    const matrix = Array.from({ length: 5 }, (_, u) => Array.from({ length: 5 }, (_, i) => ((u + i) % 5) + 1));
    await h.settings({ priorityMatrix: matrix });
    expect((await ok<Detail>(create({ urgency: 2, impact: 4 }, rob), 201)).priority).toBe(((1 + 3) % 5) + 1);
    expect((await ok<Detail>(create({ urgency: 5, impact: 5 }, rob), 201)).priority).toBe(((4 + 4) % 5) + 1);
  });

  it('may be set by staff, not by a requester; major (6) by admins only', async () => {
    expect((await ok<Detail>(create({ urgency: 1, impact: 1, priority: 5 }, tech), 201)).priority).toBe(5);
    expect((await fails(create({ priority: 5 }, rob))).status).toBe(403);
    expect((await fails(create({ priority: 6 }, tech))).status).toBe(403);
    expect((await ok<Detail>(create({ priority: 6 }, admin), 201)).priority).toBe(6);
    expect(await t.db.selectFrom('tickets').select('priority').orderBy('id').execute()).toEqual([{ priority: 5 }, { priority: 6 }]);
  });
});

describe('POST /api/v1/tickets: requester', () => {
  it('a requester opens for themselves only; staff open for anyone', async () => {
    const h = helpdesk(t, admin);
    const robId = (await h.me(rob)).id;
    await t.as('requester', 'sue');
    const sueId = (await h.me(await t.as('requester', 'sue'))).id;
    expect((await fails(create({ requesterId: sueId }, rob))).status).toBe(403);
    // Naming themselves is fine.
    expect((await ok<Detail>(create({ requesterId: robId }, rob), 201)).requester).toMatchObject({ id: robId, username: 'rob' });
    expect((await ok<Detail>(create({}, rob), 201)).requester).toMatchObject({ id: robId });
    const bySue = await ok<Detail>(create({ requesterId: sueId, observerIds: [robId] }, tech), 201);
    expect(bySue.requester).toMatchObject({ id: sueId, username: 'sue' });
    expect(bySue.observers.map((o) => o.id)).toEqual([robId]);
    const created = bySue.timeline.find((e) => e.kind === 'created')!;
    expect(created.actor?.username).toBe('tina');
    expect(created.data).toMatchObject({ requesterId: sueId });
  });
});

describe('POST /api/v1/tickets: devices', () => {
  it('links the devices with a snapshot of their hardware and OS as of creation', async () => {
    const a = await inventoriedDevice(t, 'ws-a', 1, 7);
    const b = await inventoriedDevice(t, 'ws-b', 2, 3);
    at('2026-12-01T09:00:00Z');
    const d = await ok<Detail>(create({ deviceIds: [b.deviceId, a.deviceId, a.deviceId] }, tech), 201);
    expect(d.deviceIds.sort()).toEqual([a.deviceId, b.deviceId].sort());
    const snapA = d.devices.find((x) => x.id === a.deviceId)!.snapshot;
    expect(snapA).toMatchObject({
      hostname: 'ws-a',
      manufacturer: 'LENOVO',
      model: '20XW004MGE',
      serial: a.inventory.hardware!.serial,
      os: { platform: 'linux', name: 'Debian GNU/Linux', version: '12', kernel: '6.1.0-28-amd64', arch: 'x64' },
      softwareCount: 7,
    });
    expect(Object.keys(snapA.components as object).length).toBeGreaterThan(0);
    expect(d.devices.find((x) => x.id === b.deviceId)!.snapshot).toMatchObject({ hostname: 'ws-b', softwareCount: 3, serialPlaceholder: false });
    expect(d.timeline.filter((e) => e.kind === 'link').map((e) => e.data.deviceId).sort()).toEqual([a.deviceId, b.deviceId].sort());

    // The snapshot stays as it was when the device changes later.
    const later = structuredClone(a.inventory);
    later.os!.version = '13';
    later.software.push({ name: 'newpkg', version: '1.0', publisher: 'X' } as (typeof later.software)[number]);
    await ok(t.upload(a.agentKey, later));
    const again = await ok<Detail>(t.json('GET', `/api/v1/tickets/${d.id}`, undefined, tech));
    expect(again.devices.find((x) => x.id === a.deviceId)!.snapshot).toMatchObject({ os: { version: '12' }, softwareCount: 7 });
  });
});

describe('POST /api/v1/tickets: device snapshots and placeholder serials', () => {
  it('marks a vendor placeholder serial so the ticket page does not show it as the machine\'s', async () => {
    const { agentKey, agentId } = await t.enrollAgent('ws-oem');
    const inventory = makeInventory({ agentId, hostname: 'ws-oem', seed: 9 });
    inventory.hardware!.serial = 'To Be Filled By O.E.M.';
    const { deviceId } = await ok<{ deviceId: number }>(t.upload(agentKey, inventory));
    const d = await ok<Detail>(create({ deviceIds: [deviceId] }, tech), 201);
    expect(d.devices[0]!.snapshot).toMatchObject({ serial: 'To Be Filled By O.E.M.', serialPlaceholder: true });
  });
});

describe('POST /api/v1/tickets: auto-assignment', () => {
  it('by category, by subcategory, by device location path, in rule order, skipping inactive rules', async () => {
    const h = helpdesk(t, admin);
    const desk = await h.group('Desk');
    const paris = await h.group('Paris field');
    const floor2 = await h.group('Paris floor 2');
    const network = await h.group('Network');
    const hw = await h.category('Hardware');
    const printers = await h.category('Printers', hw.id);
    const net = await h.category('Network');
    await h.rule({ name: 'network (inactive)', categoryId: net.id, groupId: desk.id, active: false });
    await h.rule({ name: 'network', categoryId: net.id, groupId: network.id });
    await h.rule({ name: 'paris floor 2', locationId: await h.location('Paris / Floor 2'), groupId: floor2.id });
    await h.rule({ name: 'paris', locationId: await h.location('Paris'), groupId: paris.id });
    await h.rule({ name: 'hardware', categoryId: hw.id, groupId: desk.id });

    const groupOf = (d: Detail) => d.assignees.groups.map((g) => g.id);
    const ruleOf = (d: Detail) => d.timeline.find((e) => e.kind === 'rule')?.data.rule;

    // Category and its subcategory.
    const byCat = await ok<Detail>(create({ categoryId: hw.id }, rob), 201);
    expect([groupOf(byCat), ruleOf(byCat), byCat.status]).toEqual([[desk.id], 'hardware', 'assigned']);
    const bySub = await ok<Detail>(create({ categoryId: printers.id }, rob), 201);
    expect([groupOf(bySub), ruleOf(bySub)]).toEqual([[desk.id], 'hardware']);
    // The inactive rule comes first but does not fire.
    const byNet = await ok<Detail>(create({ categoryId: net.id }, rob), 201);
    expect([groupOf(byNet), ruleOf(byNet)]).toEqual([[network.id], 'network']);

    // Device locations in the tree, under a rule for "Paris"; the earlier rule wins.
    const d1 = await inventoriedDevice(t, 'ws-1', 11);
    const d2 = await inventoriedDevice(t, 'ws-2', 12);
    const d3 = await inventoriedDevice(t, 'ws-3', 13);
    const d4 = await inventoriedDevice(t, 'ws-4', 14);
    await ok(t.json('PATCH', `/api/v1/devices/${d1.deviceId}`, { locationId: await h.location('Paris / Floor 3 / Room 12') }, admin));
    await ok(t.json('PATCH', `/api/v1/devices/${d2.deviceId}`, { locationId: await h.location('Paris / Floor 2 / Room 1') }, admin));
    await ok(t.json('PATCH', `/api/v1/devices/${d3.deviceId}`, { locationId: await h.location('Parisian office') }, admin));
    await ok(t.json('PATCH', `/api/v1/devices/${d4.deviceId}`, { locationId: await h.location('paris') }, admin));
    const inParis = await ok<Detail>(create({ deviceIds: [d1.deviceId] }, rob), 201);
    expect([groupOf(inParis), ruleOf(inParis)]).toEqual([[paris.id], 'paris']);
    const onFloor2 = await ok<Detail>(create({ deviceIds: [d2.deviceId] }, rob), 201);
    expect([groupOf(onFloor2), ruleOf(onFloor2)]).toEqual([[floor2.id], 'paris floor 2']);
    const lowerCase = await ok<Detail>(create({ deviceIds: [d4.deviceId] }, rob), 201);
    expect(groupOf(lowerCase)).toEqual([paris.id]);
    // "Parisian office" is not under "Paris".
    const notParis = await ok<Detail>(create({ deviceIds: [d3.deviceId] }, rob), 201);
    expect([notParis.assignees.groups, notParis.status, ruleOf(notParis)]).toEqual([[], 'new', undefined]);
    // The location typed on the ticket counts too; the network rule comes before the location rules.
    const typed = await ok<Detail>(create({ location: 'Paris / Floor 2' }, rob), 201);
    expect(groupOf(typed)).toEqual([floor2.id]);
    const both = await ok<Detail>(create({ categoryId: net.id, deviceIds: [d1.deviceId] }, rob), 201);
    expect(groupOf(both)).toEqual([network.id]);

    // Reordering changes which rule fires.
    const rules = await ok<{ items: { id: number; name: string }[] }>(t.json('GET', '/api/v1/assignment-rules', undefined, admin));
    const ids = rules.items.map((r) => r.id);
    const hardware = rules.items.find((r) => r.name === 'hardware')!.id;
    await ok(t.json('POST', '/api/v1/assignment-rules/reorder', { ids: [hardware, ...ids.filter((i) => i !== hardware)] }, admin));
    const reordered = await ok<Detail>(create({ categoryId: hw.id, deviceIds: [d1.deviceId] }, rob), 201);
    expect(groupOf(reordered)).toEqual([desk.id]);

    // The rule's timeline entry comes before the assignment and status change it caused.
    const kinds = reordered.timeline.map((e) => e.kind);
    expect(kinds.indexOf('rule')).toBeLessThan(kinds.indexOf('assignment'));
    expect(kinds.indexOf('assignment')).toBeLessThan(kinds.indexOf('status'));
    expect(reordered.timeline.find((e) => e.kind === 'status')?.data).toEqual({ from: 'new', to: 'assigned' });
  });
});

describe('POST /api/v1/tickets: SLA due dates', () => {
  it('are set when a policy applies (by category first) and null otherwise', async () => {
    const h = helpdesk(t, admin);
    const noSla = await ok<Detail>(create({}, rob), 201);
    expect([noSla.resolveDueAt, noSla.slaState, noSla.sla]).toEqual([null, 'none', { policy: null }]);

    const cal = await h.calendar('Always', ALWAYS_OPEN);
    const hw = await h.category('Hardware');
    const sub = await h.category('Disks', hw.id);
    await h.policy({ name: 'Default', calendarId: cal.id, targets: { '3': { ownMinutes: 60, resolveMinutes: 600 } } });
    await h.policy({ name: 'Hardware', calendarId: cal.id, categoryId: hw.id, targets: { '3': { ownMinutes: 30, resolveMinutes: 240 }, '5': { ownMinutes: 10, resolveMinutes: 60 } } });

    at('2026-12-01T10:00:00Z');
    const std = await ok<Detail>(create({}, rob), 201);
    expect(std.resolveDueAt).toBe('2026-12-01T20:00:00.000Z');
    expect(std.sla).toMatchObject({ policy: { name: 'Default' }, timeToOwn: { dueAt: '2026-12-01T11:00:00.000Z' } });
    expect(std.slaState).toBe('on-track');
    const viaSub = await ok<Detail>(create({ categoryId: sub.id }, rob), 201);
    expect(viaSub.resolveDueAt).toBe('2026-12-01T14:00:00.000Z');
    const urgent = await ok<Detail>(create({ categoryId: hw.id, urgency: 5, impact: 5 }, rob), 201);
    expect(urgent.resolveDueAt).toBe('2026-12-01T11:00:00.000Z');
    // No target for priority 1: no due date.
    const low = await ok<Detail>(create({ urgency: 1, impact: 1 }, rob), 201);
    expect([low.resolveDueAt, low.slaState]).toEqual([null, 'none']);

    const stored = await t.db.selectFrom('tickets').select(['id', 'own_due_at', 'resolve_due_at', 'sla_policy_id']).where('id', '=', std.id).executeTakeFirstOrThrow();
    expect(new Date(stored.own_due_at!).toISOString()).toBe('2026-12-01T11:00:00.000Z');
    expect(stored.sla_policy_id).not.toBeNull();

    // Changing the category moves the ticket to the other policy.
    const moved = await ok<Detail>(t.json('PATCH', `/api/v1/tickets/${std.id}`, { categoryId: hw.id }, tech));
    expect(moved.resolveDueAt).toBe('2026-12-01T14:00:00.000Z');
  });
});
