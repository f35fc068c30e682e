import { z } from 'zod';
import {
  complianceDrillQuerySchema,
  complianceDrillSchema,
  complianceHistoryQuerySchema,
  complianceHistorySchema,
  complianceQuerySchema,
  complianceSummarySchema,
  ROLE_SETS,
  systemClock,
  type ComplianceQuery,
  type ComplianceSummary,
} from '@parc/shared';
import type { AppDeps } from '../platform/app-deps.js';
import type { ApiBuilder } from '../platform/http/api-builder.js';
import { idSchema } from '../platform/http/params.js';
import type { Db } from '../platform/db/database.js';
import { toCsv } from './csv.js';
import { drillDown, liveSummary, type ComplianceContext } from './compliance.service.js';
import { complianceHistory, snapshotSummary } from './history.service.js';
import { dayOf } from './licence-dates.js';

const tag = 'compliance';

/** Today is computed live; an earlier `at` reads the daily snapshots. */
function summary(db: Db, q: ComplianceQuery, ctx: ComplianceContext): Promise<ComplianceSummary> {
  return q.at === undefined || q.at === dayOf(ctx.now) ? liveSummary(db, ctx) : snapshotSummary(db, q.at, ctx);
}

const CSV_HEADER = ['productId', 'product', 'publisher', 'metric', 'installed', 'owned', 'shortfall', 'surplus', 'trueUpCost', 'unitCost', 'currency', 'status', 'licensable', 'licences', 'validLicences', 'excludedRetired', 'excludedStale', 'date'];

function summaryCsv(s: ComplianceSummary): string {
  return toCsv(
    CSV_HEADER,
    s.items.map((i) => [
      i.productId, i.product, i.publisher, i.metric ?? 'device', i.installed, i.owned ?? 'unlimited', i.shortfall, i.surplus ?? '', i.trueUpCost ?? '',
      i.unitCost ?? '', i.currency, i.status, i.licensable, i.licences.total, i.licences.valid, i.excluded.retired, i.excluded.stale, s.date,
    ]),
  );
}

export function registerComplianceRoutes(api: ApiBuilder, { db, config, clock = systemClock }: AppDeps) {
  const ctx = (): ComplianceContext => ({ now: clock.now(), staleDays: config.PARC_STALE_DAYS });
  api.route(
    {
      method: 'get',
      path: '/api/v1/compliance',
      tag,
      summary: 'Installed against owned, per licensable or licensed product',
      description: 'Retired devices and active devices not seen for PARC_STALE_DAYS are not counted (`excluded` says how many). `at=YYYY-MM-DD` answers from the daily snapshots: the latest on or before that date.',
      access: ROLE_SETS.staffReaders,
      query: complianceQuerySchema,
      responses: { 200: { description: 'The summary, over-deployed first', schema: complianceSummarySchema }, 404: { description: 'No snapshot on or before `at`' } },
    },
    async (c, { query }) => c.json(await summary(db, query, ctx())),
  );
  api.route(
    {
      method: 'get',
      path: '/api/v1/compliance.csv',
      tag,
      summary: 'The compliance summary as CSV',
      description: 'One row per product; cells a spreadsheet would run as formulas are prefixed with a quote.',
      access: ROLE_SETS.staffReaders,
      query: complianceQuerySchema,
      responses: { 200: { description: 'CSV', schema: z.string(), contentType: 'text/csv' } },
    },
    async (c, { query }) => {
      const s = await summary(db, query, ctx());
      c.header('Content-Disposition', `attachment; filename="compliance-${s.date}.csv"`);
      return c.body(summaryCsv(s), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    },
  );
  // Before /:productId, so "history" is never read as a product id.
  api.route(
    {
      method: 'get',
      path: '/api/v1/compliance/history',
      tag,
      summary: 'Installed and owned per product and day, from the daily snapshots',
      access: ROLE_SETS.staffReaders,
      query: complianceHistoryQuerySchema,
      responses: { 200: { description: 'The trend', schema: complianceHistorySchema } },
    },
    async (c, { query }) => c.json(await complianceHistory(db, query, ctx())),
  );
  api.route(
    {
      method: 'get',
      path: '/api/v1/compliance/:productId',
      tag,
      summary: 'One product\'s compliance and the devices behind it',
      description: 'Marks the devices beyond the owned seats and the reclaim candidates (not seen for `reclaimDays`). The current position only.',
      access: ROLE_SETS.staffReaders,
      params: z.object({ productId: idSchema }),
      query: complianceDrillQuerySchema,
      responses: { 200: { description: 'The drill-down', schema: complianceDrillSchema }, 404: { description: 'No such product' } },
    },
    async (c, { params, query }) => c.json(await drillDown(db, params.productId, query, ctx())),
  );
}
