import { makeInventory } from './inventory-factory.js';
import type { TestContext } from './test-app.js';

/**
 * One row of every resource a route can name by id (a device with software, a ticket with a task and a
 * device, a category, group, calendar, SLA policy, assignment rule, webhook, software rule, licence, an
 * enrollment token), created through the API as an admin would, so `/…/1` paths name something that
 * exists on a fresh database. Returns the agent's key and the credentials used.
 */
export async function seedEverything(t: TestContext): Promise<{ agentKey: string; agentId: string; admin: Record<string, string>; tech: Record<string, string> }> {
  const admin = await t.as('admin');
  const tech = await t.as('technician');
  const must = async (method: string, path: string, body: unknown, headers = admin) => {
    const res = await t.json(method, path, body, headers);
    if (res.status >= 300) throw new Error(`seed ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: number };
  };
  const { agentId, agentKey } = await t.enrollAgent('ws-seed');
  const inventory = makeInventory({ agentId, hostname: 'ws-seed', seed: 3, packages: 6 });
  inventory.users = [{ username: 'requester', type: 'logged-in' }];
  const up = await t.upload(agentKey, inventory);
  if (up.status !== 200) throw new Error(`seed upload: ${up.status} ${await up.text()}`);
  const { deviceId } = (await up.json()) as { deviceId: number };

  const category = await must('POST', '/api/v1/ticket-categories', { name: 'Hardware' });
  const group = await must('POST', '/api/v1/groups', { name: 'Desk' });
  const day = [{ start: '00:00', end: '24:00' }];
  const calendar = await must('POST', '/api/v1/calendars', { name: 'Always', definition: { timeZone: 'UTC', hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }, holidays: [] } });
  const target = { ownMinutes: 60, resolveMinutes: 480 };
  await must('POST', '/api/v1/sla-policies', { name: 'Standard', calendarId: calendar.id, targets: { 1: target, 2: target, 3: target, 4: target, 5: target, 6: target } });
  await must('POST', '/api/v1/assignment-rules', { name: 'Hardware to the desk', categoryId: category.id, locationId: null, groupId: group.id, active: true });
  // The asset register: a location with a child, an added state, the device placed and checked out.
  const site = await must('POST', '/api/v1/locations', { name: 'Paris', kind: 'site' });
  const building = await must('POST', '/api/v1/locations', { name: 'HQ', kind: 'building', parentId: site.id });
  await must('POST', '/api/v1/asset-states', { label: 'Quarantine', countsInCompliance: false });
  await must('PATCH', `/api/v1/devices/${deviceId}`, { locationId: building.id });
  const admin1 = await t.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  await must('POST', `/api/v1/devices/${deviceId}/checkout`, { userId: admin1.id, dueOn: '2030-01-01' });
  await must('POST', '/api/v1/webhooks', { url: 'https://hooks.example.org/parc', events: ['ticket.created'] });
  await must('POST', '/api/v1/software-rules', { name: { match: 'exact', value: 'nothing-matches-this' }, action: 'ignore' });
  const products = (await (await t.json('GET', '/api/v1/software', undefined, admin)).json()) as { items: { id: number }[] };
  await must('POST', '/api/v1/licences', { productId: products.items[0]!.id, metric: 'device', quantity: 5 });
  const ticket = await must('POST', '/api/v1/tickets', { title: 'Screen flickers', description: 'Since this morning.', categoryId: category.id, deviceIds: [deviceId] }, tech);
  await must('POST', `/api/v1/tickets/${ticket.id}/tasks`, { description: 'Swap the cable' }, tech);
  return { agentKey, agentId, admin, tech };
}
