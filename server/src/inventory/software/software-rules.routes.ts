import { auditedDelete } from '../../platform/audit/audited-delete.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import { softwareRuleApplyResultSchema, softwareRuleCreateBodySchema, softwareRuleListSchema, softwareRulePatchBodySchema, softwareRulePreviewBodySchema, softwareRulePreviewSchema, softwareRuleReorderBodySchema, softwareRuleSchema } from '@parc/shared/api';
import { ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { idParamSchema } from '../../platform/http/params.js';
import * as rules from './software-rules.service.js';

const tag = 'software';
/** A rule is a few hundred bytes; a reorder lists at most 10,000 ids. */
const SMALL_BODY = 64 * 1024;
const REORDER_BODY = 256 * 1024;

export function registerSoftwareRuleRoutes(api: ApiBuilder, { db, clock = systemClock }: AppDeps) {
  // Fixed paths before /:id, so "reorder" is never read as a rule id.
  api.route(
    { method: 'get', path: '/api/v1/software-rules', tag, summary: 'Normalisation rules in evaluation order', access: ROLE_SETS.staffReaders, responses: { 200: { description: 'Rules', schema: softwareRuleListSchema } } },
    async (c) => c.json(await rules.listRules(db)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/software-rules',
      tag,
      summary: 'Create a normalisation rule',
      description: 'Appended last unless `position` is given. New inventories follow it at once; stored installations move when the rules are re-applied (`POST /api/v1/software-rules/apply`).',
      access: ROLE_SETS.licenceManagers,
      body: softwareRuleCreateBodySchema,
      maxBodyBytes: SMALL_BODY,
      responses: { 201: { description: 'Created', schema: softwareRuleSchema } },
    },
    async (c, { body }) => c.json(await rules.createRule(db, body, clock.now()), 201),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/software-rules/reorder',
      tag,
      summary: 'Set the evaluation order',
      description: '`ids`: every rule id exactly once, first evaluated first.',
      access: ROLE_SETS.licenceManagers,
      body: softwareRuleReorderBodySchema,
      maxBodyBytes: REORDER_BODY,
      responses: { 200: { description: 'Rules in their new order', schema: softwareRuleListSchema } },
    },
    async (c, { body }) => c.json(await rules.reorderRules(db, body.ids)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/software-rules/preview',
      tag,
      summary: 'What a rule would move, before it is saved',
      description: 'Compares where the current rules place every inventoried title-version with where they would with this rule (new, or replacing `id`). Nothing is written.',
      access: ROLE_SETS.licenceManagers,
      body: softwareRulePreviewBodySchema,
      maxBodyBytes: SMALL_BODY,
      responses: { 200: { description: 'The moves', schema: softwareRulePreviewSchema }, 404: { description: 'No rule `id`' } },
    },
    async (c, { body }) => c.json(await rules.previewRule(db, body)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/software-rules/apply',
      tag,
      summary: 'Re-apply the rules to everything stored',
      description: 'One transaction, a few set-based statements: installations move to the product their title-version now maps to, ignored ones are hidden.',
      access: ROLE_SETS.licenceManagers,
      responses: { 200: { description: 'What moved', schema: softwareRuleApplyResultSchema } },
    },
    async (c) => c.json(await rules.applyRules(db)),
  );
  api.route(
    { method: 'get', path: '/api/v1/software-rules/:id', tag, summary: 'A normalisation rule', access: ROLE_SETS.staffReaders, params: idParamSchema, responses: { 200: { description: 'The rule', schema: softwareRuleSchema }, 404: { description: 'No such rule' } } },
    async (c, { params }) => c.json(await rules.getRule(db, params.id)),
  );
  api.route(
    {
      method: 'patch',
      path: '/api/v1/software-rules/:id',
      tag,
      summary: 'Change a normalisation rule',
      access: ROLE_SETS.licenceManagers,
      params: idParamSchema,
      body: softwareRulePatchBodySchema,
      maxBodyBytes: SMALL_BODY,
      responses: { 200: { description: 'Updated', schema: softwareRuleSchema }, 404: { description: 'No such rule' } },
    },
    async (c, { params, body }) => c.json(await rules.patchRule(db, params.id, body, clock.now())),
  );
  api.route(
    { method: 'delete', path: '/api/v1/software-rules/:id', tag, summary: 'Delete a normalisation rule', access: ROLE_SETS.licenceManagers, params: idParamSchema, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such rule' } } },
    async (c, { params }) => {
      await auditedDelete(db, auditActor(c), { type: 'software_rule', id: params.id, table: 'software_rules', labelColumn: 'label' }, (tx) => rules.deleteRule(tx, params.id));
      return c.body(null, 204);
    },
  );

}
