import { auditedDelete } from '../../platform/audit/audited-delete.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import { ROLE_SETS } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import { idParamSchema } from '../../platform/http/params.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import {
  createGroupBodySchema,
  groupDetailSchema,
  groupListSchema,
  memberListSchema,
  patchGroupBodySchema,
  setMembersBodySchema,
} from './groups.schemas.js';
import * as svc from './groups.service.js';

const tag = 'helpdesk admin';

export function registerGroupRoutes(api: ApiBuilder, { db }: AppDeps) {
  api.route(
    { method: 'get', path: '/api/v1/groups', tag, summary: 'List groups of technicians', access: ROLE_SETS.staffReaders, responses: { 200: { description: 'Groups', schema: groupListSchema } } },
    async (c) => c.json(await svc.listGroups(db)),
  );
  api.route(
    { method: 'post', path: '/api/v1/groups', tag, summary: 'Create a group of technicians', access: ROLE_SETS.admins, body: createGroupBodySchema, responses: { 201: { description: 'Created', schema: groupDetailSchema }, 409: { description: 'Name taken' } } },
    async (c, { body }) => c.json(await svc.createGroup(db, body), 201),
  );
  api.route(
    { method: 'get', path: '/api/v1/groups/:id', tag, summary: 'A group with its members', access: ROLE_SETS.staffReaders, params: idParamSchema, responses: { 200: { description: 'The group', schema: groupDetailSchema }, 404: { description: 'No such group' } } },
    async (c, { params }) => c.json(await svc.getGroup(db, params.id)),
  );
  api.route(
    { method: 'patch', path: '/api/v1/groups/:id', tag, summary: 'Rename a group or change its email', access: ROLE_SETS.admins, params: idParamSchema, body: patchGroupBodySchema, responses: { 200: { description: 'Updated', schema: groupDetailSchema }, 404: { description: 'No such group' }, 409: { description: 'Name taken' } } },
    async (c, { params, body }) => c.json(await svc.patchGroup(db, params.id, body)),
  );
  api.route(
    {
      method: 'delete',
      path: '/api/v1/groups/:id',
      tag,
      summary: 'Delete a group',
      description: 'Refused (409) while assignment rules target it or tickets name it.',
      access: ROLE_SETS.admins,
      params: idParamSchema,
      responses: { 204: { description: 'Deleted' }, 404: { description: 'No such group' }, 409: { description: 'Still in use' } },
    },
    async (c, { params }) => {
      await auditedDelete(db, auditActor(c), { type: 'group', id: params.id, table: 'groups', labelColumn: 'name' }, (tx) => svc.deleteGroup(tx, params.id));
      return c.body(null, 204);
    },
  );
  api.route(
    { method: 'get', path: '/api/v1/groups/:id/members', tag, summary: "A group's members", access: ROLE_SETS.staffReaders, params: idParamSchema, responses: { 200: { description: 'Members', schema: memberListSchema }, 404: { description: 'No such group' } } },
    async (c, { params }) => c.json(await svc.listMembers(db, params.id)),
  );
  api.route(
    {
      method: 'put',
      path: '/api/v1/groups/:id/members',
      tag,
      summary: "Replace a group's members",
      description: 'The list is the whole membership. Members must be enabled admins or technicians; otherwise 400 naming the user and nothing changes.',
      access: ROLE_SETS.admins,
      params: idParamSchema,
      body: setMembersBodySchema,
      responses: { 200: { description: 'The new membership', schema: memberListSchema }, 404: { description: 'No such group' } },
    },
    async (c, { params, body }) => c.json(await svc.setMembers(db, params.id, body.userIds)),
  );
}
