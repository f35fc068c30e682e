import {
  agentPageSchema,
  agentSchema,
  calendarListSchema,
  categoryListSchema,
  categorySchema,
  createdTokenSchema,
  deviceDetailSchema,
  groupDetailSchema,
  groupListSchema,
  helpdeskSettingsSchema,
  legacySettingsResponseSchema,
  listDevicesResponseSchema,
  listTicketsResponseSchema,
  loginResponseSchema,
  policyListSchema,
  ruleListSchema,
  ticketDetailSchema,
  ticketStatisticsSchema,
  technicianHomeSchema,
  fleetHomeSchema,
  requesterHomeSchema,
  tokenListSchema,
  userAccountSchema,
  userListSchema,
  webhookListSchema,
  type AssignmentRuleFields,
  type CalendarDefinition,
  type CreateCategoryBody,
  type CreatePolicyInput,
  type CreateTicketInput,
  type CreateUserBody,
  type CreateWebhookInput,
  type HelpdeskSettings,
  type LegacySettingsBody,
  type TaskInput,
  type TicketActionBody,
  type UpdateMeBody,
} from '@parc/shared/api';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { createRuleBodySchema, patchRuleBodySchema } from '../../src/helpdesk/assignment/assignment-rules.schemas.js';
import type { putHelpdeskSettingsBodySchema } from '../../src/helpdesk/settings/helpdesk-settings.schemas.js';
import type { createCalendarBodySchema, patchCalendarBodySchema } from '../../src/helpdesk/sla/sla-admin.schemas.js';
import type { legacySettingsSchema } from '../../src/inventory/legacy/legacy-settings.js';
import { buildUiBundle } from '../../src/ui/ui.bundle.js';
import { makeInventory } from '../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * The web client's types are the shared schemas' types (server/src/ui/client/types.ts imports nothing
 * hand-written), so the client type-checks against them. This test closes the loop on the server side:
 * the server's real answers, for every call the client makes, parse with those same schemas. A field the
 * server renames, drops or changes the type of fails here; a schema changed to follow it fails the
 * client's type-check.
 */

// Bodies that the server still validates with its own parsers (rule locations, the priority matrix,
// calendar definitions, CIDR ranges): what the client sends must be what those parsers take.
expectTypeOf<AssignmentRuleFields>().toExtend<z.input<typeof createRuleBodySchema>>();
expectTypeOf<AssignmentRuleFields>().toExtend<z.input<typeof patchRuleBodySchema>>();
expectTypeOf<HelpdeskSettings>().toExtend<z.input<typeof putHelpdeskSettingsBodySchema>>();
expectTypeOf<{ name: string; definition: CalendarDefinition }>().toExtend<z.input<typeof createCalendarBodySchema>>();
expectTypeOf<{ name: string; definition: CalendarDefinition }>().toExtend<z.input<typeof patchCalendarBodySchema>>();
expectTypeOf<LegacySettingsBody>().toExtend<z.input<typeof legacySettingsSchema>>();

const ALWAYS_OPEN: CalendarDefinition = (() => {
  const day = [{ start: '00:00', end: '24:00' }];
  return { timeZone: 'UTC', hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }, holidays: [{ date: '2026-12-25', recurring: true, name: 'Christmas' }] };
})();

describe('the API answers the web client in the shapes of @parc/shared/api', () => {
  let t: TestContext;
  let admin: Record<string, string>;
  let tech: Record<string, string>;
  let requester: Record<string, string>;
  let deviceId: number;
  let ticketId: number;

  /** The answer's JSON, after checking the status. */
  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown, status = method === 'POST' ? 201 : 200): Promise<unknown> => {
    const res = await t.json(method, path, body, headers);
    const text = await res.text();
    if (res.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${res.status}: ${text}`);
    return JSON.parse(text);
  };

  beforeAll(async () => {
    t = await setupTestApp({ PARC_SESSION_HOURS: '24' });
    admin = await t.as('admin');
    tech = await t.as('technician');
    requester = await t.as('requester');
    const techId = userAccountSchema.parse(await call('GET', '/api/v1/me', tech)).id;
    const requesterId = userAccountSchema.parse(await call('GET', '/api/v1/me', requester)).id;

    // A device with software, inventoried twice so that it has a history of changes before the ticket.
    const { agentId, agentKey } = await t.enrollAgent('ws-contract');
    const inventory = makeInventory({ agentId, hostname: 'ws-contract', seed: 7, packages: 4 });
    inventory.users = [{ username: 'requester', type: 'logged-in' }];
    const first = (await (await t.upload(agentKey, inventory)).json()) as { deviceId: number };
    deviceId = first.deviceId;
    inventory.software[0]!.version = '9.9.9-1';
    expect((await t.upload(agentKey, inventory)).status).toBe(200);

    const category = categorySchema.parse(await call('POST', '/api/v1/ticket-categories', admin, { name: 'Hardware' } satisfies CreateCategoryBody));
    const group = groupDetailSchema.parse(await call('POST', '/api/v1/groups', admin, { name: 'Desk' }));
    await call('PUT', `/api/v1/groups/${group.id}/members`, admin, { userIds: [techId] });
    const calendar = (await call('POST', '/api/v1/calendars', admin, { name: 'Always', definition: ALWAYS_OPEN })) as { id: number };
    const policy = { name: 'Standard', calendarId: calendar.id, targets: { 1: { ownMinutes: 60, resolveMinutes: 480 }, 2: { ownMinutes: 60, resolveMinutes: 480 }, 3: { ownMinutes: 60, resolveMinutes: 480 }, 4: { ownMinutes: 30, resolveMinutes: 240 }, 5: { ownMinutes: 15, resolveMinutes: 120 }, 6: { ownMinutes: 5, resolveMinutes: 60 } } } satisfies CreatePolicyInput;
    await call('POST', '/api/v1/sla-policies', admin, policy);
    const rule = { name: 'Hardware to the desk', categoryId: category.id, locationId: null, groupId: group.id, active: true } satisfies AssignmentRuleFields;
    await call('POST', '/api/v1/assignment-rules', admin, rule);
    await call('POST', '/api/v1/webhooks', admin, { url: 'https://hooks.example.org/parc', events: ['ticket.created', 'ticket.solved'], secret: 'a-secret-of-16-chars' } satisfies CreateWebhookInput);
    await call('POST', '/api/v1/users', admin, { username: 'dora', password: 'dora-password', role: 'requester', displayName: 'Dora', email: 'dora@example.org' } satisfies CreateUserBody);

    const opened = ticketDetailSchema.parse(
      await call('POST', '/api/v1/tickets', tech, { title: 'Screen flickers', description: 'Since this morning.', categoryId: category.id, deviceIds: [deviceId], requesterId, observerIds: [techId], location: 'Paris' } satisfies CreateTicketInput),
    );
    ticketId = opened.id;
    await call('POST', `/api/v1/tickets/${ticketId}/actions`, tech, { action: 'take' } satisfies TicketActionBody, 200);
    await call('POST', `/api/v1/tickets/${ticketId}/followups`, tech, { body: 'Looking into it.', private: true });
    await call('POST', `/api/v1/tickets/${ticketId}/tasks`, tech, { description: 'Swap the cable', state: 'done', durationMinutes: 10 } satisfies TaskInput);
  });

  it('answers the ticket page, as staff see it, with every part filled', async () => {
    const detail = ticketDetailSchema.parse(await call('GET', `/api/v1/tickets/${ticketId}`, tech));
    expect(detail.devices).toHaveLength(1);
    expect(detail.devices[0]!.snapshot?.hostname).toBe('ws-contract');
    expect(detail.devices[0]!.changesBefore.length).toBeGreaterThan(0);
    expect(detail.sla.policy?.name).toBe('Standard');
    expect(detail.sla.timeToOwn).not.toBeNull();
    expect(detail.sla.timeToResolve).not.toBeNull();
    expect(detail.timeline.some((e) => e.task !== undefined)).toBe(true);
    expect(detail.timeline.some((e) => e.kind === 'followup' && e.private)).toBe(true);
    expect(detail.assignees.users.length + detail.assignees.groups.length).toBeGreaterThan(0);
    expect(detail.observers).toHaveLength(1);
  });

  it('answers the ticket page, as its requester sees it, and after a workflow action', async () => {
    const mine = ticketDetailSchema.parse(await call('GET', `/api/v1/tickets/${ticketId}`, requester));
    expect(mine.devices[0]!.snapshot).toBeNull();
    const solved = ticketDetailSchema.parse(await call('POST', `/api/v1/tickets/${ticketId}/actions`, tech, { action: 'solve', solution: 'New cable.' } satisfies TicketActionBody, 200));
    expect(solved.status).toBe('solved');
  });

  it('answers the lists of tickets and devices', async () => {
    expect(listTicketsResponseSchema.parse(await call('GET', '/api/v1/tickets', tech)).items.length).toBeGreaterThan(0);
    expect(listTicketsResponseSchema.parse(await call('GET', `/api/v1/devices/${deviceId}/tickets`, tech)).items.length).toBeGreaterThan(0);
    expect(listDevicesResponseSchema.parse(await call('GET', '/api/v1/devices', tech)).items.length).toBeGreaterThan(0);
    const device = deviceDetailSchema.parse(await call('GET', `/api/v1/devices/${deviceId}`, tech));
    expect(device.software.length).toBeGreaterThan(0);
    expect(device.changes.length).toBeGreaterThan(0);
    expect(device.agent).not.toBeNull();
    deviceDetailSchema.parse(await call('PATCH', `/api/v1/devices/${deviceId}`, tech, { locationId: (await call('POST', '/api/v1/locations', admin, { name: 'Paris' }) as { id: number }).id, state: 'in_repair' }));
  });

  it('answers statistics with every status counted', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const stats = ticketStatisticsSchema.parse(await call('GET', `/api/v1/tickets/statistics?from=${today}&to=${today}&timeZone=UTC`, tech));
    expect(stats.counts.total).toBe(1);
    expect(stats.daily).toHaveLength(1);
  });

  it('answers the home pages of each role', async () => {
    const queue = technicianHomeSchema.parse(await call('GET', '/api/v1/home/technician', tech));
    expect(queue.queue.byPriority).toHaveLength(6);
    const fleet = fleetHomeSchema.parse(await call('GET', '/api/v1/home/fleet?timeZone=Europe/Paris', admin));
    expect(fleet.devices.total).toBeGreaterThan(0);
    expect(fleet.lastSeen).toHaveLength(5);
    const own = requesterHomeSchema.parse(await call('GET', '/api/v1/home/requester', requester));
    expect(Object.values(own.byStatus).reduce((a, n) => a + n, 0)).toBe(1);
  });

  it('answers login, users and enrollment tokens', async () => {
    const login = loginResponseSchema.parse(await call('POST', '/api/v1/auth/login', {}, { username: 'dora', password: 'dora-password' }, 200));
    expect(login.user.displayName).toBe('Dora');
    expect(userListSchema.parse(await call('GET', '/api/v1/users', tech)).items.length).toBeGreaterThan(1);
    // The header's language switch saves to the profile; /me then answers with it.
    expect(userAccountSchema.parse(await call('PATCH', '/api/v1/me', requester, { locale: 'fr' } satisfies UpdateMeBody)).locale).toBe('fr');
    expect(userAccountSchema.parse(await call('GET', '/api/v1/me', requester)).locale).toBe('fr');
    const token = createdTokenSchema.parse(await call('POST', '/api/v1/enrollment-tokens', admin, { description: 'lab', expiresInDays: 30 }));
    expect(token.state).toBe('active');
    expect(tokenListSchema.parse(await call('GET', '/api/v1/enrollment-tokens', admin)).items.length).toBeGreaterThan(0);
    // Agents: the list (with the device and token), re-key and revoke.
    const agents = agentPageSchema.parse(await call('GET', '/api/v1/agents', tech));
    const listed = agents.items.find((a) => a.device?.id === deviceId)!;
    expect(listed).toMatchObject({ state: 'active', device: { id: deviceId } });
    expect(agentSchema.parse(await call('POST', `/api/v1/agents/${listed.id}/rekey`, admin, undefined, 200)).state).toBe('rekey_pending');
    expect(agentSchema.parse(await call('POST', `/api/v1/agents/${listed.id}/revoke`, admin, undefined, 200)).state).toBe('revoked');
  });

  it('answers the administration screens', async () => {
    const groups = groupListSchema.parse(await call('GET', '/api/v1/groups', tech));
    expect(groupDetailSchema.parse(await call('GET', `/api/v1/groups/${groups.items[0]!.id}`, admin)).members).toHaveLength(1);
    expect(categoryListSchema.parse(await call('GET', '/api/v1/ticket-categories', tech)).items).toHaveLength(1);
    expect(calendarListSchema.parse(await call('GET', '/api/v1/calendars', admin)).items[0]!.definition.holidays).toHaveLength(1);
    expect(policyListSchema.parse(await call('GET', '/api/v1/sla-policies', admin)).items).toHaveLength(1);
    expect(ruleListSchema.parse(await call('GET', '/api/v1/assignment-rules', admin)).items).toHaveLength(1);
    expect(webhookListSchema.parse(await call('GET', '/api/v1/webhooks', admin)).items[0]!.hasSecret).toBe(true);
    const settings = helpdeskSettingsSchema.parse(await call('GET', '/api/v1/settings/helpdesk', admin));
    helpdeskSettingsSchema.parse(await call('PUT', '/api/v1/settings/helpdesk', admin, { ...settings, autoCloseDays: 3 } satisfies HelpdeskSettings));
    legacySettingsResponseSchema.parse(await call('GET', '/api/v1/settings/legacy-inventory', admin));
    legacySettingsResponseSchema.parse(await call('PUT', '/api/v1/settings/legacy-inventory', admin, { enabled: true, allowedCidrs: ['10.0.0.0/8'] } satisfies LegacySettingsBody));
  });
});

describe('the web client bundle', () => {
  it('takes types from the shared schemas but not zod itself', async () => {
    const { js } = await buildUiBundle();
    // zod's classes register under "$Zod…" names; a value import of @parc/shared/api would bring them.
    expect(js).not.toContain('$Zod');
  });
});
