import { z } from 'zod';
import { deviceItilSchema } from '@parc/shared/api';
import { agentTicketRequestSchema, agentTicketResponseSchema, ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import { authenticateAgent } from '../../inventory/enrollment/enrollment.service.js';
import { readJson, validate } from '../../platform/http/validate.js';
import { idParamSchema } from '../../platform/http/params.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { ticketStatistics } from './tickets.statistics.js';
import { deviceItil, deviceTickets, getTicketDetail, listTickets, toCsv } from './tickets.query.js';
import {
  createTicketBodySchema,
  deviceLinkParamsSchema,
  followupBodySchema,
  linkDeviceBodySchema,
  listTicketsQuerySchema,
  listTicketsResponseSchema,
  patchTaskBodySchema,
  patchTicketBodySchema,
  statisticsQuerySchema,
  taskBodySchema,
  taskParamsSchema,
  ticketActionBodySchema,
  ticketDetailSchema,
  ticketParamsSchema,
} from './tickets.schemas.js';
import * as svc from './tickets.service.js';

const TAG = 'tickets';
const detail = { 200: { description: 'The ticket, as the caller may see it', schema: ticketDetailSchema } };

export function registerTicketRoutes(api: ApiBuilder, { db, log, config }: AppDeps) {
  const email = Boolean(config.PARC_SMTP_URL);
  // The real time until AppDeps carries a clock; every ticket operation reads "now" from it.
  const clock = systemClock;
  const ctx = (user: NonNullable<Parameters<typeof svc.isStaffUser>[0]>) => ({ db, log, user, email, clock });

  api.route(
    {
      method: 'post',
      path: '/api/v1/tickets',
      tag: TAG,
      summary: 'Open a ticket',
      description: 'Priority comes from the urgency × impact matrix unless staff set it; linked devices are snapshotted; auto-assignment rules run.',
      access: 'user',
      body: createTicketBodySchema,
      responses: { 201: { description: 'Created', schema: ticketDetailSchema } },
    },
    async (c, { body, user }) => {
      const id = await svc.createTicket(ctx(user!), body);
      return c.json(await getTicketDetail(db, user!, id, clock.now()), 201);
    },
  );

  // Registered before /:id so "export.csv" and "statistics" are not read as ids.
  api.route(
    {
      method: 'get',
      path: '/api/v1/tickets/export.csv',
      tag: TAG,
      summary: 'Export the filtered ticket list as CSV',
      access: 'user',
      query: listTicketsQuerySchema,
      responses: { 200: { description: 'CSV', schema: z.string(), contentType: 'text/csv' } },
    },
    async (c, { query, user }) => {
      const now = clock.now();
      const all = await listTickets(db, user!, { ...query, limit: 500, offset: query.offset }, now);
      const items = [...all.items];
      // Pages of 500 until the whole filtered list is out; a CSV export is expected to be complete.
      for (let offset = query.offset + 500; offset < all.total; offset += 500) {
        items.push(...(await listTickets(db, user!, { ...query, limit: 500, offset }, now)).items);
      }
      c.header('Content-Disposition', 'attachment; filename="tickets.csv"');
      return c.body(toCsv(items), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/v1/tickets/statistics',
      tag: TAG,
      summary: 'Helpdesk statistics over a period',
      description: 'Counts by status, priority, category and technician; opened vs closed per day and backlog; median and 90th percentile time to own and to resolve; SLA compliance.',
      access: ROLE_SETS.helpdeskStaff,
      query: statisticsQuerySchema,
      responses: { 200: { description: 'Statistics', schema: z.record(z.string(), z.unknown()) } },
    },
    async (c, { query }) => c.json(await ticketStatistics(db, query, clock.now())),
  );

  api.route(
    { method: 'get', path: '/api/v1/tickets', tag: TAG, summary: 'List and search tickets', description: 'Requesters see their own tickets and those they observe.', access: 'user', query: listTicketsQuerySchema, responses: { 200: { description: 'A page of tickets', schema: listTicketsResponseSchema } } },
    async (c, { query, user }) => c.json(await listTickets(db, user!, query, clock.now())),
  );

  api.route(
    { method: 'get', path: '/api/v1/tickets/:id', tag: TAG, summary: 'A ticket with its devices, SLA and timeline', description: 'Requesters never see private followups or tasks.', access: 'user', params: ticketParamsSchema, responses: detail },
    async (c, { params, user }) => c.json(await getTicketDetail(db, user!, params.id, clock.now())),
  );

  api.route(
    { method: 'patch', path: '/api/v1/tickets/:id', tag: TAG, summary: 'Edit a ticket (staff)', access: ROLE_SETS.helpdeskStaff, params: ticketParamsSchema, body: patchTicketBodySchema, responses: detail },
    async (c, { params, body, user }) => {
      await svc.patchTicket(ctx(user!), params.id, body);
      return c.json(await getTicketDetail(db, user!, params.id, clock.now()));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/v1/tickets/:id/actions',
      tag: TAG,
      summary: 'Move a ticket through its workflow',
      description: 'assign, take, unassign, set-pending (reason), resume, solve (solution), accept-solution, refuse-solution (reason), close (admin), reopen. A refused transition answers 409 `invalid_transition`.',
      access: 'user',
      params: ticketParamsSchema,
      body: ticketActionBodySchema,
      responses: detail,
    },
    async (c, { params, body, user }) => {
      await svc.actOnTicket(ctx(user!), params.id, body);
      return c.json(await getTicketDetail(db, user!, params.id, clock.now()));
    },
  );

  api.route(
    { method: 'post', path: '/api/v1/tickets/:id/solution', tag: TAG, summary: 'Solve a ticket', access: ROLE_SETS.helpdeskStaff, params: ticketParamsSchema, body: z.object({ solution: z.string().trim().min(1).max(50_000) }), responses: detail },
    async (c, { params, body, user }) => {
      await svc.actOnTicket(ctx(user!), params.id, { action: 'solve', solution: body.solution });
      return c.json(await getTicketDetail(db, user!, params.id, clock.now()));
    },
  );

  api.route(
    { method: 'post', path: '/api/v1/tickets/:id/followups', tag: TAG, summary: 'Add a followup (public or private)', access: 'user', params: ticketParamsSchema, body: followupBodySchema, responses: { 201: { description: 'Added', schema: ticketDetailSchema } } },
    async (c, { params, body, user }) => {
      await svc.addFollowup(ctx(user!), params.id, body);
      return c.json(await getTicketDetail(db, user!, params.id, clock.now()), 201);
    },
  );

  api.route(
    { method: 'post', path: '/api/v1/tickets/:id/tasks', tag: TAG, summary: 'Add a task (staff)', description: 'A task with planned dates moves an assigned ticket to planned.', access: ROLE_SETS.helpdeskStaff, params: ticketParamsSchema, body: taskBodySchema, responses: { 201: { description: 'Added', schema: ticketDetailSchema } } },
    async (c, { params, body, user }) => {
      await svc.addTask(ctx(user!), params.id, body);
      return c.json(await getTicketDetail(db, user!, params.id, clock.now()), 201);
    },
  );

  api.route(
    { method: 'patch', path: '/api/v1/tickets/:id/tasks/:taskId', tag: TAG, summary: 'Change a task (staff)', access: ROLE_SETS.helpdeskStaff, params: taskParamsSchema, body: patchTaskBodySchema, responses: detail },
    async (c, { params, body, user }) => {
      await svc.updateTask(ctx(user!), params.id, params.taskId, body);
      return c.json(await getTicketDetail(db, user!, params.id, clock.now()));
    },
  );

  api.route(
    { method: 'post', path: '/api/v1/tickets/:id/devices', tag: TAG, summary: 'Link a device', access: 'user', params: ticketParamsSchema, body: linkDeviceBodySchema, responses: { 201: { description: 'Linked', schema: ticketDetailSchema } } },
    async (c, { params, body, user }) => {
      await svc.linkDevice(ctx(user!), params.id, body.deviceId);
      return c.json(await getTicketDetail(db, user!, params.id, clock.now()), 201);
    },
  );

  api.route(
    { method: 'delete', path: '/api/v1/tickets/:id/devices/:deviceId', tag: TAG, summary: 'Unlink a device (staff)', access: ROLE_SETS.helpdeskStaff, params: deviceLinkParamsSchema, responses: { 204: { description: 'Unlinked' } } },
    async (c, { params, user }) => {
      await svc.unlinkDevice(ctx(user!), params.id, params.deviceId);
      return c.body(null, 204);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/v1/agent/tickets',
      tag: 'agent',
      summary: 'Open a ticket from an endpoint (parc-agent ticket)',
      description:
        'Authorization: Bearer <agentKey>. Linked to the agent\'s device; the logged-in user becomes the requester when Parc knows them. Send an `Idempotency-Key` header: a retry with the same key returns the same ticket (200) instead of opening another.',
      access: 'public',
      credential: 'agent-key',
      // Validated after the agent key, so an unknown agent hears "enroll again" before anything else.
      rawBody: { contentType: 'application/json', schema: agentTicketRequestSchema },
      responses: { 201: { description: 'Opened', schema: agentTicketResponseSchema }, 200: { description: 'Already opened by an earlier try', schema: agentTicketResponseSchema } },
    },
    async (c) => {
      const agent = await authenticateAgent(db, c.req.header('authorization'));
      const body = validate(agentTicketRequestSchema, await readJson(c.req.raw, { limit: config.PARC_MAX_JSON_BYTES, allowEmpty: false }), 'body');
      const key = c.req.header('idempotency-key')?.trim().slice(0, 128) || null;
      const r = await svc.createTicketFromAgent({ db, log, email, clock }, { id: agent.id, deviceId: agent.device_id }, body, key);
      return c.json({ ticketId: r.ticketId, requesterKnown: r.requesterKnown }, r.created ? 201 : 200);
    },
  );

  api.route(
    { method: 'get', path: '/api/v1/devices/:id/tickets', tag: 'devices', summary: "A device's tickets", access: 'user', params: idParamSchema, responses: { 200: { description: 'Tickets', schema: listTicketsResponseSchema } } },
    async (c, { params, user }) => c.json(await deviceTickets(db, user!, params.id, clock.now())),
  );

  api.route(
    { method: 'get', path: '/api/v1/devices/:id/itil', tag: 'devices', summary: "A device's tickets, problems and changes", description: 'Requesters see only the tickets they may see, and no problems or changes.', access: 'user', params: idParamSchema, responses: { 200: { description: 'Tickets, problems and changes', schema: deviceItilSchema } } },
    async (c, { params, user }) => c.json(await deviceItil(db, user!, params.id, clock.now())),
  );
}
