import { ROLE_SETS, systemClock } from '@parc/shared';
import { assetImportBodySchema, assetImportPreviewBodySchema, assetImportReportSchema } from '@parc/shared/api';
import { auditActor } from '../../platform/audit/audit-actor.js';
import type { AppDeps } from '../../platform/app-deps.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { commitAssetImport, previewAssetImport } from './asset-import.service.js';

const tag = 'assets';
/** A 20,000-row export is a few MiB of text; JSON escaping adds some. */
const IMPORT_BODY = 8 * 1024 * 1024;

export function registerAssetImportRoutes(api: ApiBuilder, { db, clock = systemClock }: AppDeps) {
  api.route(
    {
      method: 'post',
      path: '/api/v1/assets/import/preview',
      tag,
      summary: 'Check a CSV of assets without importing it',
      description:
        'Reads the file (comma or semicolon, first row the column names), guesses the column mapping when none is given, and tells what each row would do: create, update (matched by asset tag, then by serial and type), unchanged, or error with the column and message. Nothing is written. Pass `previewId` to the import.',
      access: ROLE_SETS.helpdeskStaff,
      body: assetImportPreviewBodySchema,
      maxBodyBytes: IMPORT_BODY,
      responses: { 200: { description: 'The preview', schema: assetImportReportSchema } },
    },
    async (c, { body }) => c.json(await previewAssetImport(db, body)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/assets/import',
      tag,
      summary: 'Import a previewed CSV of assets',
      description:
        'Writes the valid rows in one transaction and skips the rows in error. 409 when the file, the mapping or the stored assets changed since the preview (its `previewId` no longer matches): preview again. Importing the same file again changes nothing.',
      access: ROLE_SETS.helpdeskStaff,
      body: assetImportBodySchema,
      maxBodyBytes: IMPORT_BODY,
      responses: { 200: { description: 'What was imported, row by row', schema: assetImportReportSchema }, 409: { description: 'The preview is out of date' } },
    },
    async (c, { body }) => c.json(await commitAssetImport(db, body, auditActor(c), clock.now())),
  );
}
