import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

/**
 * Issue 5's scripted scenario, through the API, with the clock set step by step (only Date is faked:
 * database drivers keep their real timers). Calendar: Mon–Fri 09:00–17:00 Europe/Paris (UTC+1 in
 * December). Priority 3 targets: own in 60 business minutes, resolve in 960 (two working days).
 */
let t: TestContext;
const at = (iso: string) => vi.setSystemTime(new Date(iso));

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at('2026-12-01T08:00:00Z');
  // The scenario spans a week of fake time: sessions must outlive it.
  t = await setupTestApp({ PARC_SESSION_HOURS: '8760' });
});
afterEach(() => {
  vi.useRealTimers();
});

async function ok<T = Record<string, unknown>>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const text = await r.text();
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

interface TimelineItem {
  kind: string;
  private: boolean;
  body: string | null;
  data: Record<string, unknown>;
  task?: { description: string };
}
interface Detail {
  id: number;
  status: string;
  priority: number;
  timeline: TimelineItem[];
  assignees: { users: { id: number }[]; groups: { id: number; name: string }[] };
  devices: { id: number; hostname: string; snapshot: Record<string, unknown>; changesBefore: { section: string; kind: string; item: string; old: string | null; new: string | null }[] }[];
  sla: {
    timeToOwn: { dueAt: string; achievedAt: string | null; usedMinutes: number; outcome: string; state: string };
    timeToResolve: { dueAt: string; achievedAt: string | null; usedMinutes: number; outcome: string; state: string };
  };
  slaState: string;
}

describe('helpdesk scenario', () => {
  it('runs a ticket from a requester through auto-assignment, pending over a weekend, refusal and closure', async () => {
    const admin = await t.as('admin');
    const tech = await t.as('technician', 'tina');
    const requester = await t.as('requester', 'rob');
    const me = (h: Record<string, string>) => ok<{ id: number }>(t.json('GET', '/api/v1/me', undefined, h));
    const tina = await me(tech);

    // Configuration: a group, a category, a calendar, an SLA policy, an assignment rule.
    const group = await ok<{ id: number }>(t.json('POST', '/api/v1/groups', { name: 'Service desk' }, admin), 201);
    await ok(t.json('PUT', `/api/v1/groups/${group.id}/members`, { userIds: [tina.id] }, admin));
    const category = await ok<{ id: number }>(t.json('POST', '/api/v1/ticket-categories', { name: 'Hardware' }, admin), 201);
    const weekday = [{ start: '09:00', end: '17:00' }];
    const calendar = await ok<{ id: number }>(
      t.json(
        'POST',
        '/api/v1/calendars',
        { name: 'Paris office', definition: { timeZone: 'Europe/Paris', hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday }, holidays: [] } },
        admin,
      ),
      201,
    );
    await ok(t.json('POST', '/api/v1/sla-policies', { name: 'Standard', calendarId: calendar.id, targets: { '3': { ownMinutes: 60, resolveMinutes: 960 } }, atRiskRatio: 0.8 }, admin), 201);
    await ok(t.json('POST', '/api/v1/assignment-rules', { name: 'Hardware to the desk', categoryId: category.id, groupId: group.id, active: true }, admin), 201);

    // The machine, inventoried on Tuesday, with a package upgraded on Wednesday.
    const { agentKey, agentId } = await t.enrollAgent('ws-rob');
    const inv = makeInventory({ agentId, hostname: 'ws-rob', packages: 30 });
    inv.users = [{ username: 'rob', type: 'logged-in' }];
    const { deviceId } = await ok<{ deviceId: number }>(t.upload(agentKey, inv));
    at('2026-12-02T14:00:00Z');
    const next = structuredClone(inv);
    const upgraded = next.software[4]!;
    const oldVersion = upgraded.version;
    upgraded.version = '2.0.0-1';
    await ok(t.upload(agentKey, next));

    // Thursday 10:00 Paris: the requester opens a ticket against the machine.
    at('2026-12-03T09:00:00Z');
    const created = await ok<Detail>(
      t.json('POST', '/api/v1/tickets', { title: 'Laptop freezes', description: 'Since yesterday it freezes every hour.', type: 'incident', urgency: 3, impact: 3, categoryId: category.id, deviceIds: [deviceId] }, requester),
      201,
    );
    expect(created.priority).toBe(3);
    expect(created.status).toBe('assigned');
    expect(created.assignees.groups).toEqual([{ id: group.id, name: 'Service desk' }]);
    expect(created.timeline.find((e) => e.kind === 'rule')?.data).toMatchObject({ rule: 'Hardware to the desk', groupId: group.id, reasons: [{ code: 'category', categoryId: category.id }] });
    // The requester sees which machine; the technician sees it as it was, and what changed on it just before.
    expect(created.devices[0]).toMatchObject({ id: deviceId, hostname: 'ws-rob', snapshot: null, changesBefore: [] });
    const techView = await ok<Detail>(t.json('GET', `/api/v1/tickets/${created.id}`, undefined, tech));
    expect(techView.devices[0]).toMatchObject({ id: deviceId, hostname: 'ws-rob', snapshot: expect.objectContaining({ hostname: 'ws-rob', softwareCount: 30 }) });
    expect(techView.devices[0]!.changesBefore).toContainEqual(
      expect.objectContaining({ section: 'software', kind: 'changed', old: oldVersion, new: '2.0.0-1', item: expect.stringContaining(upgraded.name) }),
    );
    const id = created.id;

    // 10:30: the technician takes it; 11:00 a private task and a public followup.
    at('2026-12-03T09:30:00Z');
    await ok(t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'take' }, tech));
    at('2026-12-03T10:00:00Z');
    await ok(t.json('POST', `/api/v1/tickets/${id}/tasks`, { description: 'Check the RAM with memtest', private: true, durationMinutes: 45 }, tech), 201);
    await ok(t.json('POST', `/api/v1/tickets/${id}/followups`, { body: 'We are looking into it.', private: false }, tech), 201);

    // Friday 16:00: pending until the requester brings the laptop; Monday 10:00 back to work.
    at('2026-12-04T15:00:00Z');
    expect((await t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'set-pending' }, tech)).status).toBe(400);
    await ok(t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'set-pending', reason: 'Waiting for the laptop' }, tech));
    at('2026-12-07T09:00:00Z');
    await ok(t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'resume' }, tech));

    // Monday 11:00 solved; 11:30 refused by the requester; 12:00 solved again; 13:00 accepted.
    at('2026-12-07T10:00:00Z');
    await ok(t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'solve', solution: 'Reseated the RAM.' }, tech));
    at('2026-12-07T10:30:00Z');
    expect((await t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'refuse-solution', reason: 'Still freezing' }, tech)).status).toBe(403);
    const refused = await ok<Detail>(t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'refuse-solution', reason: 'Still freezing' }, requester));
    expect(refused.status).toBe('assigned');
    expect(refused.timeline.some((e) => e.kind === 'solution-refused' && e.body === 'Still freezing')).toBe(true);
    at('2026-12-07T11:00:00Z');
    await ok(t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'solve', solution: 'Replaced the RAM module.' }, tech));
    at('2026-12-07T12:00:00Z');
    const closed = await ok<Detail>(t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'accept-solution' }, requester));
    expect(closed.status).toBe('closed');

    // SLA to the minute. Own: due Thu 11:00 Paris, taken at 10:30 (30 business minutes).
    expect(closed.sla.timeToOwn).toMatchObject({ dueAt: '2026-12-03T10:00:00.000Z', achievedAt: '2026-12-03T09:30:00.000Z', usedMinutes: 30, outcome: 'met' });
    // Resolve: 960 minutes from Thu 10:00, plus 120 pending (Fri 16–17, Mon 9–10) and 30 solved-then-refused
    // (Mon 11:00–11:30) → due Mon 12:30 Paris; solved at 12:00 after 930 running minutes.
    expect(closed.sla.timeToResolve).toMatchObject({ dueAt: '2026-12-07T11:30:00.000Z', achievedAt: '2026-12-07T11:00:00.000Z', usedMinutes: 930, outcome: 'met' });
    expect(closed.slaState).toBe('met');

    // What each side sees: the requester never sees the private task.
    const asTech = await ok<Detail>(t.json('GET', `/api/v1/tickets/${id}`, undefined, tech));
    const asRequester = await ok<Detail>(t.json('GET', `/api/v1/tickets/${id}`, undefined, requester));
    expect(asTech.timeline.some((e) => e.kind === 'task' && e.task?.description === 'Check the RAM with memtest')).toBe(true);
    expect(asRequester.timeline.some((e) => e.kind === 'task' || e.private)).toBe(false);
    expect(asRequester.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['created', 'followup', 'pending', 'solution', 'solution-refused', 'solution-accepted']),
    );

    // The device lists its ticket.
    const deviceTickets = await ok<{ items: { id: number }[] }>(t.json('GET', `/api/v1/devices/${deviceId}/tickets`, undefined, tech));
    expect(deviceTickets.items.map((x) => x.id)).toEqual([id]);
  });
});
