import { createDeviceBodySchema, deviceDetailSchema } from '@parc/shared/api';
import { ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { createManualAsset } from './register.service.js';

/** One asset's fields, notes included (10,000 characters): 64 KiB is room to spare. */
const ASSET_BODY_BYTES = 64 * 1024;

export function registerAssetRegisterRoutes(api: ApiBuilder, { db, config, clock = systemClock }: AppDeps) {
  api.route(
    {
      method: 'post',
      path: '/api/v1/devices',
      tag: 'assets',
      summary: 'Register an asset by hand',
      description:
        'A computer no agent reports yet, a monitor, a printer, a phone… (`source` manual). `name` is its display name. `state`, `locationId`, `userId` and `parentDeviceId` (a computer) must exist (400 naming the field). A real serial already carried by an asset of the same type, or an asset tag already used, is a 409 naming that asset (`error.details.deviceId`). An agent later reporting a manual computer\'s serial takes over its hardware and keeps every field people set. Audited (`device.created`).',
      access: ROLE_SETS.helpdeskStaff,
      body: createDeviceBodySchema,
      maxBodyBytes: ASSET_BODY_BYTES,
      responses: {
        201: { description: 'The registered asset', schema: deviceDetailSchema },
        409: { description: 'The serial or asset tag belongs to another asset' },
      },
    },
    async (c, { body }) => c.json(await createManualAsset({ db, clock, staleDays: config.PARC_STALE_DAYS }, body, auditActor(c)), 201),
  );
}
