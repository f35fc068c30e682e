import { assetFinanceBodySchema, assetFinanceSchema } from '@parc/shared/api';
import { ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import { idParamSchema } from '../../platform/http/params.js';
import * as svc from './finance.service.js';

const tag = 'assets';
/** A dozen short fields. */
const FINANCE_BODY = 8 * 1024;

export function registerFinanceRoutes(api: ApiBuilder, { db, config, clock = systemClock }: AppDeps) {
  const days = config.PARC_WARRANTY_ALERT_DAYS;
  api.route(
    {
      method: 'get',
      path: '/api/v1/devices/:id/finance',
      tag,
      summary: "An asset's purchase, warranty and depreciation",
      description: 'Adds what follows on today (UTC): warranty end, status (expiring within PARC_WARRANTY_ALERT_DAYS), days left, and the current value (linear, by elapsed whole months).',
      access: ROLE_SETS.staffReaders,
      params: idParamSchema,
      responses: { 200: { description: 'Finance and warranty', schema: assetFinanceSchema }, 404: { description: 'No such device' } },
    },
    async (c, { params }) => c.json(await svc.getFinance(db, params.id, clock.now(), days)),
  );
  api.route(
    {
      method: 'put',
      path: '/api/v1/devices/:id/finance',
      tag,
      summary: "Set an asset's purchase, warranty and depreciation",
      description: 'Replaces the whole record (fields left out become empty). Without `warrantyStart`, a warranty runs from `purchaseDate`.',
      access: ROLE_SETS.staffReaders,
      params: idParamSchema,
      body: assetFinanceBodySchema,
      maxBodyBytes: FINANCE_BODY,
      responses: { 200: { description: 'Saved', schema: assetFinanceSchema }, 404: { description: 'No such device' } },
    },
    async (c, { params, body }) => c.json(await svc.putFinance(db, params.id, body, auditActor(c), clock.now(), days)),
  );
}
