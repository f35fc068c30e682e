import { auditedDelete } from '../../platform/audit/audited-delete.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import { ROLE_SETS } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import { idParamSchema } from '../../platform/http/params.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { categoryListSchema, categorySchema, createCategoryBodySchema, listCategoriesQuerySchema, patchCategoryBodySchema } from './categories.schemas.js';
import * as svc from './categories.service.js';

const tag = 'helpdesk admin';

export function registerCategoryRoutes(api: ApiBuilder, { db }: AppDeps) {
  api.route(
    {
      method: 'get',
      path: '/api/v1/ticket-categories',
      tag,
      summary: 'The ticket category tree',
      description: 'Any logged-in user (requesters pick a category). Flat depth-first list with `path`; `?tree=1` nests children.',
      access: 'user',
      query: listCategoriesQuerySchema,
      responses: { 200: { description: 'Categories', schema: categoryListSchema } },
    },
    async (c, { query }) => c.json(await svc.listCategories(db, query.tree)),
  );
  api.route(
    { method: 'get', path: '/api/v1/ticket-categories/:id', tag, summary: 'A ticket category', access: 'user', params: idParamSchema, responses: { 200: { description: 'The category', schema: categorySchema }, 404: { description: 'No such category' } } },
    async (c, { params }) => c.json(await svc.getCategory(db, params.id)),
  );
  api.route(
    { method: 'post', path: '/api/v1/ticket-categories', tag, summary: 'Create a ticket category', access: ROLE_SETS.admins, body: createCategoryBodySchema, responses: { 201: { description: 'Created', schema: categorySchema }, 409: { description: 'A sibling has that name' } } },
    async (c, { body }) => c.json(await svc.createCategory(db, body), 201),
  );
  api.route(
    {
      method: 'patch',
      path: '/api/v1/ticket-categories/:id',
      tag,
      summary: 'Rename or move a ticket category',
      description: '`parentId: null` moves it to the top. Moving it under itself or a descendant is a 400 naming parentId.',
      access: ROLE_SETS.admins,
      params: idParamSchema,
      body: patchCategoryBodySchema,
      responses: { 200: { description: 'Updated', schema: categorySchema }, 404: { description: 'No such category' }, 409: { description: 'A sibling has that name' } },
    },
    async (c, { params, body }) => c.json(await svc.patchCategory(db, params.id, body)),
  );
  api.route(
    {
      method: 'delete',
      path: '/api/v1/ticket-categories/:id',
      tag,
      summary: 'Delete a ticket category',
      description: 'Refused (409) while it has subcategories, tickets, SLA policies or assignment rules.',
      access: ROLE_SETS.admins,
      params: idParamSchema,
      responses: { 204: { description: 'Deleted' }, 404: { description: 'No such category' }, 409: { description: 'Still in use' } },
    },
    async (c, { params }) => {
      await auditedDelete(db, auditActor(c), { type: 'category', id: params.id, table: 'ticket_categories', labelColumn: 'name' }, (tx) => svc.deleteCategory(tx, params.id));
      return c.body(null, 204);
    },
  );
}
