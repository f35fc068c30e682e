import { assetFilterOptionsSchema, assetTotalsSchema } from '@parc/shared/api';
import { ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { deviceFiltersQuerySchema } from '../../inventory/devices/devices.exports.js';
import { assetTotals, filterOptions } from './search.service.js';

/** The asset register as a searchable list: dashboard totals and what the list's filter form offers. */
export function registerAssetSearchRoutes(api: ApiBuilder, { db, config, clock = systemClock }: AppDeps) {
  api.route(
    {
      method: 'get',
      path: '/api/v1/assets/totals',
      tag: 'assets',
      summary: 'Asset counts by type, state and top-level location',
      description:
        'Takes the same search and filters as `GET /api/v1/devices`. Each top-level location counts everything in its subtree; assets without a location are `noLocation`.',
      access: ROLE_SETS.staffReaders,
      query: deviceFiltersQuerySchema,
      responses: { 200: { description: 'The totals', schema: assetTotalsSchema } },
    },
    async (c, { query }) => c.json(await assetTotals(db, query, clock.now(), config.PARC_STALE_DAYS)),
  );

  api.route(
    {
      method: 'get',
      path: '/api/v1/assets/filter-options',
      tag: 'assets',
      summary: "What the asset list's filters offer",
      description: 'Locations with their paths, states, the people assets are assigned to, and maintenance contracts.',
      access: ROLE_SETS.staffReaders,
      responses: { 200: { description: 'The options', schema: assetFilterOptionsSchema } },
    },
    async (c) => c.json(await filterOptions(db)),
  );
}
