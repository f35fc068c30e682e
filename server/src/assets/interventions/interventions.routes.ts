import { interventionCreateBodySchema, interventionListSchema, interventionPatchBodySchema, interventionSchema } from '@parc/shared/api';
import { ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import { auditedDelete } from '../../platform/audit/audited-delete.js';
import { idParamSchema } from '../../platform/http/params.js';
import * as svc from './interventions.service.js';

const tag = 'assets';
/** A few fields and a description of up to 10 000 characters. */
const INTERVENTION_BODY = 64 * 1024;

export function registerInterventionRoutes(api: ApiBuilder, { db, clock = systemClock }: AppDeps) {
  api.route(
    { method: 'get', path: '/api/v1/devices/:id/interventions', tag, summary: "An asset's interventions, latest first", access: ROLE_SETS.staffReaders, params: idParamSchema, responses: { 200: { description: 'Interventions', schema: interventionListSchema }, 404: { description: 'No such device' } } },
    async (c, { params }) => c.json(await svc.listOfDevice(db, params.id)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/devices/:id/interventions',
      tag,
      summary: 'Log an intervention on an asset',
      description: '`ticketId` and `contractId` must exist, and the contract must cover the asset (400 naming the field). The intervention also appears in the asset\'s history.',
      access: ROLE_SETS.helpdeskStaff,
      params: idParamSchema,
      body: interventionCreateBodySchema,
      maxBodyBytes: INTERVENTION_BODY,
      responses: { 201: { description: 'Logged', schema: interventionSchema }, 404: { description: 'No such device' } },
    },
    async (c, { params, body }) => c.json(await svc.createIntervention(db, params.id, body, auditActor(c), clock.now()), 201),
  );
  api.route(
    {
      method: 'patch',
      path: '/api/v1/interventions/:id',
      tag,
      summary: 'Change an intervention',
      access: ROLE_SETS.helpdeskStaff,
      params: idParamSchema,
      body: interventionPatchBodySchema,
      maxBodyBytes: INTERVENTION_BODY,
      responses: { 200: { description: 'Updated', schema: interventionSchema }, 404: { description: 'No such intervention' } },
    },
    async (c, { params, body }) => c.json(await svc.patchIntervention(db, params.id, body, auditActor(c), clock.now())),
  );
  api.route(
    { method: 'delete', path: '/api/v1/interventions/:id', tag, summary: 'Delete an intervention', access: ROLE_SETS.helpdeskStaff, params: idParamSchema, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such intervention' } } },
    async (c, { params }) => {
      await auditedDelete(db, auditActor(c), { type: 'intervention', id: params.id, table: 'interventions', labelColumn: 'description' }, (tx) => svc.deleteIntervention(tx, params.id));
      return c.body(null, 204);
    },
  );
  api.route(
    { method: 'get', path: '/api/v1/tickets/:id/interventions', tag, summary: 'Interventions logged from a ticket', access: ROLE_SETS.helpdeskStaff, params: idParamSchema, responses: { 200: { description: 'Interventions', schema: interventionListSchema }, 404: { description: 'No such ticket' } } },
    async (c, { params }) => c.json(await svc.listOfTicket(db, params.id)),
  );
}
