import { ROLE_SETS, systemClock } from '@parc/shared';
import { locationCreateBodySchema, locationListSchema, locationPatchBodySchema, locationSchema } from '@parc/shared/api';
import type { AppDeps } from '../../platform/app-deps.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { idParamSchema } from '../../platform/http/params.js';
import * as svc from './locations.service.js';

const tag = 'assets';
/** A name, a kind and a parent id. */
const BODY_BYTES = 2 * 1024;

export function registerLocationRoutes(api: ApiBuilder, { db, clock = systemClock }: AppDeps) {
  api.route(
    {
      method: 'get',
      path: '/api/v1/locations',
      tag,
      summary: 'The location tree, as an indented list',
      description: 'Depth-first, siblings by name; each node with its full path ("Paris / HQ / Floor 2") and the assets placed in it or below.',
      access: ROLE_SETS.staffReaders,
      responses: { 200: { description: 'Every location', schema: locationListSchema } },
    },
    async (c) => c.json(await svc.listLocations(db)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/locations',
      tag,
      summary: 'Add a location',
      description: 'Under `parentId` (null: a top-level site). Names are unique among siblings whatever their case (409). Audited (`location.created`).',
      access: ROLE_SETS.admins,
      body: locationCreateBodySchema,
      maxBodyBytes: BODY_BYTES,
      responses: { 201: { description: 'Created', schema: locationSchema }, 409: { description: 'A sibling has that name' } },
    },
    async (c, { body }) => c.json(await svc.createLocation(db, body, auditActor(c)), 201),
  );
  api.route(
    {
      method: 'patch',
      path: '/api/v1/locations/:id',
      tag,
      summary: 'Rename, re-kind or move a location',
      description: 'Moving a location under itself or one of its sub-locations is a 409. Its assets and sub-locations move with it. Audited (`location.updated`).',
      access: ROLE_SETS.admins,
      params: idParamSchema,
      body: locationPatchBodySchema,
      maxBodyBytes: BODY_BYTES,
      responses: { 200: { description: 'Updated', schema: locationSchema }, 404: { description: 'No such location' }, 409: { description: 'A cycle, or a sibling has that name' } },
    },
    async (c, { params, body }) => c.json(await svc.updateLocation(db, params.id, body, auditActor(c), clock.now())),
  );
  api.route(
    {
      method: 'delete',
      path: '/api/v1/locations/:id',
      tag,
      summary: 'Delete an empty location',
      description: 'A 409 names what is still there (sub-locations, assets, assignment rules). Audited (`deleted`).',
      access: ROLE_SETS.admins,
      params: idParamSchema,
      responses: { 204: { description: 'Deleted' }, 404: { description: 'No such location' }, 409: { description: 'Not empty' } },
    },
    async (c, { params }) => {
      await svc.deleteLocation(db, params.id, auditActor(c));
      return c.body(null, 204);
    },
  );
}
