import { auditedDelete } from '../../platform/audit/audited-delete.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import { ROLE_SETS } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import { idParamSchema } from '../../platform/http/params.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { calendarListSchema, calendarSchema, createCalendarBodySchema, patchCalendarBodySchema } from './sla-admin.schemas.js';
import * as svc from './calendars.service.js';

const tag = 'helpdesk admin';

export function registerCalendarRoutes(api: ApiBuilder, { db }: AppDeps) {
  api.route(
    { method: 'get', path: '/api/v1/calendars', tag, summary: 'List business calendars', access: ROLE_SETS.staffReaders, responses: { 200: { description: 'Calendars', schema: calendarListSchema } } },
    async (c) => c.json(await svc.listCalendars(db)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/calendars',
      tag,
      summary: 'Create a business calendar',
      description:
        '`definition`: `{ timeZone (IANA), hours: { mon: [{ start: "08:00", end: "12:00" }, …], … }, holidays: [{ date: "2026-12-25", recurring: true, name? }] }`; missing weekdays are days off.',
      access: ROLE_SETS.admins,
      body: createCalendarBodySchema,
      responses: { 201: { description: 'Created', schema: calendarSchema }, 409: { description: 'Name taken' } },
    },
    async (c, { body }) => c.json(await svc.createCalendar(db, body), 201),
  );
  api.route(
    { method: 'get', path: '/api/v1/calendars/:id', tag, summary: 'A business calendar', access: ROLE_SETS.staffReaders, params: idParamSchema, responses: { 200: { description: 'The calendar', schema: calendarSchema }, 404: { description: 'No such calendar' } } },
    async (c, { params }) => c.json(await svc.getCalendar(db, params.id)),
  );
  api.route(
    { method: 'patch', path: '/api/v1/calendars/:id', tag, summary: 'Rename a calendar or replace its definition', access: ROLE_SETS.admins, params: idParamSchema, body: patchCalendarBodySchema, responses: { 200: { description: 'Updated', schema: calendarSchema }, 404: { description: 'No such calendar' }, 409: { description: 'Name taken' } } },
    async (c, { params, body }) => c.json(await svc.patchCalendar(db, params.id, body)),
  );
  api.route(
    { method: 'delete', path: '/api/v1/calendars/:id', tag, summary: 'Delete a calendar', description: 'Refused (409) while SLA policies use it.', access: ROLE_SETS.admins, params: idParamSchema, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such calendar' }, 409: { description: 'In use' } } },
    async (c, { params }) => {
      await auditedDelete(db, auditActor(c), { type: 'calendar', id: params.id, table: 'calendars', labelColumn: 'name' }, (tx) => svc.deleteCalendar(tx, params.id));
      return c.body(null, 204);
    },
  );
}
