import { ROLE_SETS, systemClock } from '@parc/shared';
import { checkinBodySchema, checkoutBodySchema, checkoutListSchema } from '@parc/shared/api';
import type { AppDeps } from '../../platform/app-deps.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { idParamSchema } from '../../platform/http/params.js';
import * as svc from './checkouts.service.js';

const tag = 'assets';
/** A user id, a date, a state and a note. */
const BODY_BYTES = 8 * 1024;

export function registerCheckoutRoutes(api: ApiBuilder, { db, clock = systemClock }: AppDeps) {
  api.route(
    {
      method: 'get',
      path: '/api/v1/devices/:id/checkouts',
      tag,
      summary: "An asset's check-outs, newest first",
      description: '`overdue`: still out after its due day (UTC).',
      access: ROLE_SETS.staffReaders,
      params: idParamSchema,
      responses: { 200: { description: 'Check-outs', schema: checkoutListSchema }, 404: { description: 'No such device' } },
    },
    async (c, { params }) => c.json(await svc.listCheckouts(db, params.id, clock.now())),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/devices/:id/checkout',
      tag,
      summary: 'Check an asset out to a person',
      description: 'Assigns it to `userId` and sets `state` (default in_use), opening a check-out (409 if one is open). Unknown user or state: 400 naming the field. History lines; audited (`device.checked_out`).',
      access: ROLE_SETS.helpdeskStaff,
      params: idParamSchema,
      body: checkoutBodySchema,
      maxBodyBytes: BODY_BYTES,
      responses: { 201: { description: 'Checked out', schema: checkoutListSchema }, 404: { description: 'No such device' }, 409: { description: 'Already checked out' } },
    },
    async (c, { params, body }) => {
      const now = clock.now();
      await svc.checkout(db, params.id, body, auditActor(c), now);
      return c.json(await svc.listCheckouts(db, params.id, now), 201);
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/devices/:id/checkin',
      tag,
      summary: 'Check an asset back in',
      description: 'Closes the open check-out (409 when there is none), clears the assigned user and sets `state` (default in_stock). History lines; audited (`device.checked_in`).',
      access: ROLE_SETS.helpdeskStaff,
      params: idParamSchema,
      body: checkinBodySchema,
      maxBodyBytes: BODY_BYTES,
      responses: { 200: { description: 'Checked in', schema: checkoutListSchema }, 404: { description: 'No such device' }, 409: { description: 'Not checked out' } },
    },
    async (c, { params, body }) => {
      const now = clock.now();
      await svc.checkin(db, params.id, body, auditActor(c), now);
      return c.json(await svc.listCheckouts(db, params.id, now));
    },
  );
}
