import { auditedDelete } from '../../platform/audit/audited-delete.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import { ROLE_SETS } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import { idParamSchema } from '../../platform/http/params.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { createPolicyBodySchema, patchPolicyBodySchema, policyListSchema, policySchema } from './sla-admin.schemas.js';
import * as svc from './sla-policies.service.js';

const tag = 'helpdesk admin';

export function registerSlaPolicyRoutes(api: ApiBuilder, { db }: AppDeps) {
  api.route(
    { method: 'get', path: '/api/v1/sla-policies', tag, summary: 'List SLA policies', access: ROLE_SETS.staffReaders, responses: { 200: { description: 'Policies', schema: policyListSchema } } },
    async (c) => c.json(await svc.listPolicies(db)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/sla-policies',
      tag,
      summary: 'Create an SLA policy',
      description:
        '`targets`: `{ "<priority 1–6>": { ownMinutes, resolveMinutes } }` in business minutes of the calendar, own ≤ resolve. A ticket gets the policy of its nearest category (its own, then ancestors), else a policy without category.',
      access: ROLE_SETS.admins,
      body: createPolicyBodySchema,
      responses: { 201: { description: 'Created', schema: policySchema }, 409: { description: 'Name taken' } },
    },
    async (c, { body }) => c.json(await svc.createPolicy(db, body), 201),
  );
  api.route(
    { method: 'get', path: '/api/v1/sla-policies/:id', tag, summary: 'An SLA policy', access: ROLE_SETS.staffReaders, params: idParamSchema, responses: { 200: { description: 'The policy', schema: policySchema }, 404: { description: 'No such policy' } } },
    async (c, { params }) => c.json(await svc.getPolicy(db, params.id)),
  );
  api.route(
    { method: 'patch', path: '/api/v1/sla-policies/:id', tag, summary: 'Change an SLA policy', description: '`targets` replaces all targets.', access: ROLE_SETS.admins, params: idParamSchema, body: patchPolicyBodySchema, responses: { 200: { description: 'Updated', schema: policySchema }, 404: { description: 'No such policy' }, 409: { description: 'Name taken' } } },
    async (c, { params, body }) => c.json(await svc.patchPolicy(db, params.id, body)),
  );
  api.route(
    { method: 'delete', path: '/api/v1/sla-policies/:id', tag, summary: 'Delete an SLA policy', description: 'Refused (409) while tickets that are not closed run on it.', access: ROLE_SETS.admins, params: idParamSchema, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such policy' }, 409: { description: 'In use' } } },
    async (c, { params }) => {
      await auditedDelete(db, auditActor(c), { type: 'sla_policy', id: params.id, table: 'sla_policies', labelColumn: 'name' }, (tx) => svc.deletePolicy(tx, params.id));
      return c.body(null, 204);
    },
  );
}
