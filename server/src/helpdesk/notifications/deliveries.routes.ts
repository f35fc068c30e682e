import { ROLE_SETS, systemClock } from '@parc/shared';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, deliveryPageSchema, deliverySchema } from '@parc/shared/api';
import { z } from 'zod';
import type { AppDeps } from '../../platform/app-deps.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { idParamSchema, MAX_ID } from '../../platform/http/params.js';
import * as svc from './deliveries.service.js';

const tag = 'helpdesk admin';

const listQuerySchema = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  channel: z.enum(DELIVERY_CHANNELS).optional(),
  ticketId: z.coerce.number().int().positive().max(MAX_ID).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** The notification outbox for admins: what was sent, what is retrying, what was given up and why. */
export function registerDeliveryRoutes(api: ApiBuilder, { db, log, clock = systemClock }: AppDeps) {
  api.route(
    {
      method: 'get',
      path: '/api/v1/notification-deliveries',
      tag,
      summary: 'Notification deliveries, newest first',
      description: 'Each email and webhook call queued for an event: status (pending, retrying, delivered, failed), attempts and the last error. `counts` gives the number in each status.',
      access: ROLE_SETS.admins,
      query: listQuerySchema,
      responses: { 200: { description: 'A page of deliveries', schema: deliveryPageSchema } },
    },
    async (c, { query }) => c.json(await svc.listDeliveries(db, query)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/v1/notification-deliveries/:id/retry',
      tag,
      summary: 'Retry a delivery now',
      description: 'A retrying or given-up delivery becomes due at once with a fresh attempt budget; the dispatcher sends it at its next poll. 409 for a delivered one.',
      access: ROLE_SETS.admins,
      params: idParamSchema,
      responses: { 200: { description: 'The delivery, due now', schema: deliverySchema }, 404: { description: 'No such delivery' }, 409: { description: 'Delivered already' } },
    },
    async (c, { params, user }) => {
      const delivery = await svc.retryDelivery(db, params.id, clock.now());
      log.info({ userId: user?.id, deliveryId: delivery.id, event: delivery.event, channel: delivery.channel }, 'notification delivery queued again by an admin');
      return c.json(delivery);
    },
  );
}
