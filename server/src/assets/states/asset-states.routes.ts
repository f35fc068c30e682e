import { ROLE_SETS } from '@parc/shared';
import { assetStateCodeParamSchema, assetStateCreateBodySchema, assetStateListSchema, assetStatePatchBodySchema, assetStateSchema } from '@parc/shared/api';
import type { AppDeps } from '../../platform/app-deps.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import * as svc from './asset-states.service.js';

const tag = 'assets';
/** A label, a flag and a position. */
const BODY_BYTES = 2 * 1024;

export function registerAssetStateRoutes(api: ApiBuilder, { db }: AppDeps) {
  api.route(
    {
      method: 'get',
      path: '/api/v1/asset-states',
      tag,
      summary: 'Asset states, built-in and added, in display order',
      description: 'Built-ins have a null `label` (clients word them from `code`); each with the number of assets in it.',
      access: ROLE_SETS.staffReaders,
      responses: { 200: { description: 'Every state', schema: assetStateListSchema } },
    },
    async (c) => c.json(await svc.listStates(db)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/asset-states',
      tag,
      summary: 'Add a state',
      description: 'Its `code` is derived from the label unless given. `countsInCompliance: false` takes its assets out of licence compliance counts. Audited (`asset_state.created`).',
      access: ROLE_SETS.admins,
      body: assetStateCreateBodySchema,
      maxBodyBytes: BODY_BYTES,
      responses: { 201: { description: 'Created', schema: assetStateSchema }, 409: { description: 'Label or code taken' } },
    },
    async (c, { body }) => c.json(await svc.createState(db, body, auditActor(c)), 201),
  );
  api.route(
    {
      method: 'patch',
      path: '/api/v1/asset-states/:code',
      tag,
      summary: 'Rename, reorder or change the compliance rule of a state',
      description: 'Built-in states take `position` only (400 naming the field otherwise). Audited (`asset_state.updated`).',
      access: ROLE_SETS.admins,
      params: assetStateCodeParamSchema,
      body: assetStatePatchBodySchema,
      maxBodyBytes: BODY_BYTES,
      responses: { 200: { description: 'Updated', schema: assetStateSchema }, 404: { description: 'No such state' }, 409: { description: 'Label taken' } },
    },
    async (c, { params, body }) => c.json(await svc.updateState(db, params.code, body, auditActor(c))),
  );
  api.route(
    {
      method: 'delete',
      path: '/api/v1/asset-states/:code',
      tag,
      summary: 'Delete an unused added state',
      description: 'Built-ins and states some asset is in are a 409. Audited (`deleted`).',
      access: ROLE_SETS.admins,
      params: assetStateCodeParamSchema,
      responses: { 204: { description: 'Deleted' }, 404: { description: 'No such state' }, 409: { description: 'Built-in or in use' } },
    },
    async (c, { params }) => {
      await svc.deleteState(db, params.code, auditActor(c));
      return c.body(null, 204);
    },
  );
}
