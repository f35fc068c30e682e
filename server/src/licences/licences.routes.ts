import { auditedDelete } from '../platform/audit/audited-delete.js';
import { auditActor } from '../platform/audit/audit-actor.js';
import { licenceCreateBodySchema, licenceDetailSchema, licenceImportBodySchema, licenceImportPreviewSchema, licenceImportResultSchema, licenceListQuerySchema, licenceListSchema, licencePatchBodySchema } from '@parc/shared/api';
import { ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../platform/app-deps.js';
import type { ApiBuilder } from '../platform/http/api-builder.js';
import { idParamSchema } from '../platform/http/params.js';
import { commitImport, previewImport } from './licence-import.service.js';
import * as svc from './licences.service.js';

const tag = 'licences';
/** A licence with allocations to a few thousand devices or users fits; a CSV import gets room for its 5 MiB of text, JSON-escaped. */
const LICENCE_BODY = 2 * 1024 * 1024;
const IMPORT_BODY = 12 * 1024 * 1024;

export function registerLicenceRoutes(api: ApiBuilder, { db, clock = systemClock }: AppDeps) {
  api.route(
    {
      method: 'get',
      path: '/api/v1/licences',
      tag,
      summary: 'Licences, filtered and paged',
      description: '`state` (active, expired, future) and `expiringWithinDays` are judged on today (UTC).',
      access: ROLE_SETS.staffReaders,
      query: licenceListQuerySchema,
      responses: { 200: { description: 'A page of licences', schema: licenceListSchema } },
    },
    async (c, { query }) => c.json(await svc.listLicences(db, query, clock.now())),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/licences',
      tag,
      summary: 'Register a licence',
      description: 'A product\'s licences count devices or users (409 on a mix); site licences are unlimited while valid and ignore `quantity`.',
      access: ROLE_SETS.licenceManagers,
      body: licenceCreateBodySchema,
      maxBodyBytes: LICENCE_BODY,
      responses: { 201: { description: 'Created', schema: licenceDetailSchema }, 409: { description: 'Metric conflicts with the product\'s other licences' } },
    },
    async (c, { body, user }) => c.json(await svc.createLicence(db, body, user?.id ?? null, clock.now()), 201),
  );
  // Before /:id, so "import" is never read as an id.
  api.route(
    {
      method: 'post',
      path: '/api/v1/licences/import/preview',
      tag,
      summary: 'Check a CSV of licences without importing it',
      description: 'Each row as the licence it would create, or its errors naming the line and column. Nothing is written.',
      access: ROLE_SETS.licenceManagers,
      body: licenceImportBodySchema,
      maxBodyBytes: IMPORT_BODY,
      responses: { 200: { description: 'The preview', schema: licenceImportPreviewSchema } },
    },
    async (c, { body }) => c.json(await previewImport(db, body.csv)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/licences/import',
      tag,
      summary: 'Import a CSV of licences (all or nothing)',
      description: 'Any error refuses the whole file with a 400 whose `details.errors` lists every problem (line, column, message); otherwise every row is created in one transaction.',
      access: ROLE_SETS.licenceManagers,
      body: licenceImportBodySchema,
      maxBodyBytes: IMPORT_BODY,
      responses: { 201: { description: 'Imported', schema: licenceImportResultSchema } },
    },
    async (c, { body, user }) => c.json(await commitImport(db, body.csv, user?.id ?? null, clock.now()), 201),
  );
  api.route(
    { method: 'get', path: '/api/v1/licences/:id', tag, summary: 'A licence with its allocations', access: ROLE_SETS.staffReaders, params: idParamSchema, responses: { 200: { description: 'The licence', schema: licenceDetailSchema }, 404: { description: 'No such licence' } } },
    async (c, { params }) => c.json(await svc.getLicence(db, params.id, clock.now())),
  );
  api.route(
    {
      method: 'patch',
      path: '/api/v1/licences/:id',
      tag,
      summary: 'Change a licence',
      description: '`allocations`, when given, replaces the whole allocation list.',
      access: ROLE_SETS.licenceManagers,
      params: idParamSchema,
      body: licencePatchBodySchema,
      maxBodyBytes: LICENCE_BODY,
      responses: { 200: { description: 'Updated', schema: licenceDetailSchema }, 404: { description: 'No such licence' }, 409: { description: 'Metric conflicts with the product\'s other licences' } },
    },
    async (c, { params, body }) => c.json(await svc.patchLicence(db, params.id, body, clock.now())),
  );
  api.route(
    { method: 'delete', path: '/api/v1/licences/:id', tag, summary: 'Delete a licence', access: ROLE_SETS.licenceManagers, params: idParamSchema, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such licence' } } },
    async (c, { params }) => {
      await auditedDelete(db, auditActor(c), { type: 'licence', id: params.id, table: 'licences', labelColumn: 'reference' }, (tx) => svc.deleteLicence(tx, params.id));
      return c.body(null, 204);
    },
  );
}
