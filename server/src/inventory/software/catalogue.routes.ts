import {
  ROLE_SETS,
  softwareDetailQuerySchema,
  softwareDetailSchema,
  softwareListQuerySchema,
  softwareListSchema,
  softwarePatchBodySchema,
  softwareProductSchema,
  systemClock,
} from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { idParamSchema } from '../../platform/http/params.js';
import { getSoftwareDetail, listSoftware, patchProduct } from './catalogue.service.js';

const tag = 'software';
/** A product's attributes are a few bytes. */
const SMALL_BODY = 16 * 1024;

export function registerCatalogueRoutes(api: ApiBuilder, { db, config, clock = systemClock }: AppDeps) {
  api.route(
    {
      method: 'get',
      path: '/api/v1/software',
      tag,
      summary: 'The software catalogue, with installation counts',
      description: 'Products as the normalisation rules place them (ignored titles left out), by name; `installCount` and the version counts are distinct devices.',
      access: ROLE_SETS.staffReaders,
      query: softwareListQuerySchema,
      responses: { 200: { description: 'A page of products', schema: softwareListSchema } },
    },
    async (c, { query }) => c.json(await listSoftware(db, query)),
  );

  api.route(
    {
      method: 'get',
      path: '/api/v1/software/:id',
      tag,
      summary: 'A product, its versions and the devices that have it',
      access: ROLE_SETS.staffReaders,
      params: idParamSchema,
      query: softwareDetailQuerySchema,
      responses: { 200: { description: 'The product', schema: softwareDetailSchema }, 404: { description: 'No such product' } },
    },
    async (c, { params, query }) => c.json(await getSoftwareDetail(db, params.id, query, clock.now(), config.PARC_STALE_DAYS)),
  );
  api.route(
    {
      method: 'patch',
      path: '/api/v1/software/:id',
      tag,
      summary: 'Set whether a product is licensable, and its category',
      description: 'A category set here wins over the one a rule gives; `null` clears it.',
      access: ROLE_SETS.licenceManagers,
      params: idParamSchema,
      body: softwarePatchBodySchema,
      maxBodyBytes: SMALL_BODY,
      responses: { 200: { description: 'Updated', schema: softwareProductSchema }, 404: { description: 'No such product' } },
    },
    async (c, { params, body }) => c.json(await patchProduct(db, params.id, body)),
  );
}
