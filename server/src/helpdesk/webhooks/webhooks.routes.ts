import { auditedDelete } from '../../platform/audit/audited-delete.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import { ROLE_SETS } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import { idParamSchema } from '../../platform/http/params.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { createWebhookBodySchema, patchWebhookBodySchema, webhookListSchema, webhookSchema, WEBHOOK_EVENTS } from './webhooks.schemas.js';
import * as svc from './webhooks.service.js';

const tag = 'helpdesk admin';

export function registerWebhookRoutes(api: ApiBuilder, { db, log }: AppDeps) {
  api.route(
    { method: 'get', path: '/api/v1/webhooks', tag, summary: 'List webhooks', description: 'Secrets are never returned: `hasSecret` says whether one is set.', access: ROLE_SETS.admins, responses: { 200: { description: 'Webhooks', schema: webhookListSchema } } },
    async (c) => c.json(await svc.listWebhooks(db)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/webhooks',
      tag,
      summary: 'Add a webhook',
      description: `Parc POSTs a JSON body to \`url\` for each chosen event (${WEBHOOK_EVENTS.join(', ')}); with a \`secret\`, the X-Parc-Signature header carries sha256=<HMAC-SHA256 of the body>.`,
      access: ROLE_SETS.admins,
      body: createWebhookBodySchema,
      responses: { 201: { description: 'Created', schema: webhookSchema }, 409: { description: 'A webhook for that URL exists' } },
    },
    async (c, { body, user }) => {
      const hook = await svc.createWebhook(db, body);
      log.info({ userId: user?.id, webhookId: hook.id, events: hook.events }, 'webhook added');
      return c.json(hook, 201);
    },
  );
  api.route(
    { method: 'get', path: '/api/v1/webhooks/:id', tag, summary: 'A webhook', access: ROLE_SETS.admins, params: idParamSchema, responses: { 200: { description: 'The webhook', schema: webhookSchema }, 404: { description: 'No such webhook' } } },
    async (c, { params }) => c.json(await svc.getWebhook(db, params.id)),
  );
  api.route(
    { method: 'patch', path: '/api/v1/webhooks/:id', tag, summary: 'Change a webhook', description: '`secret: null` removes the secret.', access: ROLE_SETS.admins, params: idParamSchema, body: patchWebhookBodySchema, responses: { 200: { description: 'Updated', schema: webhookSchema }, 404: { description: 'No such webhook' }, 409: { description: 'A webhook for that URL exists' } } },
    async (c, { params, body }) => c.json(await svc.patchWebhook(db, params.id, body)),
  );
  api.route(
    { method: 'delete', path: '/api/v1/webhooks/:id', tag, summary: 'Delete a webhook', access: ROLE_SETS.admins, params: idParamSchema, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such webhook' } } },
    async (c, { params }) => {
      await auditedDelete(db, auditActor(c), { type: 'webhook', id: params.id, table: 'webhooks', labelColumn: 'url' }, (tx) => svc.deleteWebhook(tx, params.id));
      return c.body(null, 204);
    },
  );
}
