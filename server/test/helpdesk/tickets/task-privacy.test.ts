import { beforeEach, describe, expect, it } from 'vitest';
import { makeInventory } from '../../helpers/inventory-factory.js';
import type { TestContext } from '../../helpers/test-app.js';
import { fails, ok, setupTicketsApp, type Detail } from './helpers.js';

let t: TestContext;
beforeEach(async () => {
  t = await setupTicketsApp();
});

async function assignedTicket() {
  const requester = await t.as('requester', 'rita');
  const tech = await t.as('technician', 'tom');
  const created = await ok<Detail>(t.json('POST', '/api/v1/tickets', { title: 'Screen flickers', description: 'Since Monday.' }, requester), 201);
  await ok(t.json('POST', `/api/v1/tickets/${created.id}/actions`, { action: 'take' }, tech));
  return { id: created.id, requester, tech };
}

describe('tasks and privacy', () => {
  it('the planned dates of a private task stay private; of a public one, public', async () => {
    const { id, requester, tech } = await assignedTicket();
    const window = { plannedStart: '2027-01-04T09:00:00Z', plannedEnd: '2027-01-04T10:00:00Z' };
    await ok(t.json('POST', `/api/v1/tickets/${id}/tasks`, { description: 'Swap the panel', private: true, ...window }, tech), 201);
    const seen = await ok<Detail>(t.json('GET', `/api/v1/tickets/${id}`, undefined, requester));
    expect(seen.status).toBe('planned');
    expect(seen.timeline.some((e) => e.kind === 'planned')).toBe(false);
    const staff = await ok<Detail>(t.json('GET', `/api/v1/tickets/${id}`, undefined, tech));
    expect(staff.timeline.find((e) => e.kind === 'planned')).toMatchObject({ private: true });

    const other = await assignedTicket();
    await ok(t.json('POST', `/api/v1/tickets/${other.id}/tasks`, { description: 'Visit', private: false, ...window }, tech), 201);
    const visible = await ok<Detail>(t.json('GET', `/api/v1/tickets/${other.id}`, undefined, requester));
    expect(visible.timeline.find((e) => e.kind === 'planned')).toMatchObject({ private: false });
  });

  it('tasks of a closed ticket cannot be changed', async () => {
    const { id, requester, tech } = await assignedTicket();
    const detail = await ok<Detail & { timeline: { kind: string; data: { taskId?: number } }[] }>(
      t.json('POST', `/api/v1/tickets/${id}/tasks`, { description: 'Check cable' }, tech),
      201,
    );
    const taskId = detail.timeline.find((e) => e.kind === 'task')!.data.taskId!;
    await ok(t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'solve', solution: 'New cable' }, tech));
    await ok(t.json('POST', `/api/v1/tickets/${id}/actions`, { action: 'accept-solution' }, requester));
    const refused = await fails(t.json('PATCH', `/api/v1/tickets/${id}/tasks/${taskId}`, { state: 'done' }, tech));
    expect(refused).toMatchObject({ status: 409, code: 'ticket_closed' });
  });
});

describe('devices on a requester ticket', () => {
  it('a requester links only machines they own or last used, and sees which machine but not its inventory', async () => {
    const rita = await t.as('requester', 'rita');
    const tech = await t.as('technician', 'tom');
    const upload = async (hostname: string, user: string) => {
      const { agentKey, agentId } = await t.enrollAgent(hostname);
      const inv = { ...makeInventory({ agentId, hostname, seed: hostname.length }), users: [{ username: user, domain: 'CORP', type: 'logged-in' as const }] };
      return (await ok<{ deviceId: number }>(t.upload(agentKey, inv))).deviceId;
    };
    const hers = await upload('ws-rita', 'rita');
    const someoneElses = await upload('srv-payroll', 'svc-payroll');

    const refused = await fails(t.json('POST', '/api/v1/tickets', { title: 'x', description: 'y', deviceIds: [someoneElses] }, rita));
    expect(refused).toMatchObject({ status: 403, code: 'forbidden' });
    expect(refused.message).toContain(String(someoneElses));

    const mine = await ok<Detail>(t.json('POST', '/api/v1/tickets', { title: 'Slow', description: 'Very slow.', deviceIds: [hers] }, rita), 201);
    expect(mine.devices).toEqual([expect.objectContaining({ id: hers, hostname: 'ws-rita', snapshot: null, changesBefore: [] })]);
    // Staff may link any machine, and see it in full.
    await ok(t.json('POST', `/api/v1/tickets/${mine.id}/devices`, { deviceId: someoneElses }, tech), 201);
    const staffView = await ok<Detail>(t.json('GET', `/api/v1/tickets/${mine.id}`, undefined, tech));
    expect(staffView.devices.every((d) => d.snapshot !== null)).toBe(true);
    const requesterView = await ok<Detail>(t.json('GET', `/api/v1/tickets/${mine.id}`, undefined, rita));
    expect(requesterView.devices.map((d) => d.snapshot)).toEqual([null, null]);
  });
});
