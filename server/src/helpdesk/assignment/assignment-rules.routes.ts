import { auditedDelete } from '../../platform/audit/audited-delete.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import { ROLE_SETS } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import { idParamSchema } from '../../platform/http/params.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { createRuleBodySchema, patchRuleBodySchema, reorderBodySchema, ruleListSchema, ruleSchema } from './assignment-rules.schemas.js';
import * as svc from './assignment-rules.service.js';

const tag = 'helpdesk admin';

export function registerAssignmentRuleRoutes(api: ApiBuilder, { db }: AppDeps) {
  api.route(
    { method: 'get', path: '/api/v1/assignment-rules', tag, summary: 'Auto-assignment rules in evaluation order', access: ROLE_SETS.staffReaders, responses: { 200: { description: 'Rules', schema: ruleListSchema } } },
    async (c) => c.json(await svc.listRules(db)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/assignment-rules',
      tag,
      summary: 'Create an auto-assignment rule (appended last)',
      description: 'A new ticket goes to the group of the first active rule whose category (or an ancestor) and location (or a parent location) match. Give a categoryId, a location or both.',
      access: ROLE_SETS.admins,
      body: createRuleBodySchema,
      responses: { 201: { description: 'Created', schema: ruleSchema }, 409: { description: 'Name taken' } },
    },
    async (c, { body }) => c.json(await svc.createRule(db, body), 201),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/assignment-rules/reorder',
      tag,
      summary: 'Set the evaluation order',
      description: '`ids`: every rule id exactly once, first evaluated first.',
      access: ROLE_SETS.admins,
      body: reorderBodySchema,
      responses: { 200: { description: 'Rules in their new order', schema: ruleListSchema } },
    },
    async (c, { body }) => c.json(await svc.reorderRules(db, body.ids)),
  );
  api.route(
    { method: 'get', path: '/api/v1/assignment-rules/:id', tag, summary: 'An auto-assignment rule', access: ROLE_SETS.staffReaders, params: idParamSchema, responses: { 200: { description: 'The rule', schema: ruleSchema }, 404: { description: 'No such rule' } } },
    async (c, { params }) => c.json(await svc.getRule(db, params.id)),
  );
  api.route(
    { method: 'patch', path: '/api/v1/assignment-rules/:id', tag, summary: 'Change an auto-assignment rule', access: ROLE_SETS.admins, params: idParamSchema, body: patchRuleBodySchema, responses: { 200: { description: 'Updated', schema: ruleSchema }, 404: { description: 'No such rule' }, 409: { description: 'Name taken' } } },
    async (c, { params, body }) => c.json(await svc.patchRule(db, params.id, body)),
  );
  api.route(
    { method: 'delete', path: '/api/v1/assignment-rules/:id', tag, summary: 'Delete an auto-assignment rule', access: ROLE_SETS.admins, params: idParamSchema, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such rule' } } },
    async (c, { params }) => {
      await auditedDelete(db, auditActor(c), { type: 'assignment_rule', id: params.id, table: 'assignment_rules', labelColumn: 'name' }, (tx) => svc.deleteRule(tx, params.id));
      return c.body(null, 204);
    },
  );
}
