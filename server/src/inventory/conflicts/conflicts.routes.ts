import { ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import { idParamSchema } from '../../platform/http/params.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { listConflictsQuerySchema, listConflictsResponseSchema } from './conflicts.schemas.js';
import * as svc from './conflicts.service.js';
import { auditActor } from '../../platform/audit/audit-actor.js';

export function registerConflictRoutes(api: ApiBuilder, { db, clock = systemClock }: AppDeps) {
  api.route(
    {
      method: 'get',
      path: '/api/v1/reconcile-conflicts',
      tag: 'devices',
      summary: 'Inventories whose evidence pointed at more than one device',
      description: 'Parc never merges devices on conflicting evidence; it picks one deterministically and lists the case here.',
      access: ROLE_SETS.admins,
      query: listConflictsQuerySchema,
      responses: { 200: { description: 'Conflicts', schema: listConflictsResponseSchema } },
    },
    async (c, { query }) => c.json(await svc.listConflicts(db, query)),
  );

  api.route(
    {
      method: 'post',
      path: '/api/v1/reconcile-conflicts/:id/resolve',
      tag: 'devices',
      summary: 'Keep the devices separate: close the conflict as dismissed',
      description:
        'Audited (`conflict.resolved`). The same evidence does not open it again; evidence naming another device does. To merge or reassign instead, call `POST /api/v1/devices/:id/merge` or `PUT /api/v1/devices/:id/agent` with `conflictId`. 409 when already resolved.',
      access: ROLE_SETS.admins,
      params: idParamSchema,
      responses: { 204: { description: 'Resolved' }, 404: { description: 'No such conflict' }, 409: { description: 'Already resolved' } },
    },
    async (c, { params }) => {
      await svc.dismissConflict(db, params.id, auditActor(c), clock.now());
      return c.body(null, 204);
    },
  );
}
