import { fleetHomeSchema, homeQuerySchema } from '@parc/shared/api';
import { ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { fleetHome } from './fleet.repository.js';

/** The admin's home: the fleet at a glance. */
export function registerFleetRoutes(api: ApiBuilder, { db, config, clock = systemClock }: AppDeps) {
  api.route(
    {
      method: 'get',
      path: '/api/v1/home/fleet',
      tag: 'home',
      summary: "An admin's home: the fleet at a glance",
      description:
        'Devices by operating system and by how long ago they last reported, stale devices (active, not seen for PARC_STALE_DAYS), agents by version, devices that sent an inventory today (in `timeZone`, the browser\'s), uploads refused today and over 7 days by reason, and open reconcile conflicts.',
      access: ROLE_SETS.admins,
      query: homeQuerySchema,
      responses: { 200: { description: 'The fleet', schema: fleetHomeSchema } },
    },
    async (c, { query }) => c.json(await fleetHome(db, { now: clock.now(), timeZone: query.timeZone, staleDays: config.PARC_STALE_DAYS })),
  );
}
