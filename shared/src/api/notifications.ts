import { z } from 'zod';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, NOTIFICATION_EVENT_TYPES } from './enums.js';
import { pageSchema } from './common.js';

/** Notification deliveries (the outbox): each email or webhook call queued for an event, and where it stands. */


export const deliverySchema = z.object({
  id: z.number().int(),
  event: z.enum(NOTIFICATION_EVENT_TYPES),
  ticketId: z.number().int().nullable(),
  channel: z.enum(DELIVERY_CHANNELS),
  /** The email address, or the webhook's id. */
  target: z.string(),
  /** For webhooks: the webhook's URL today, without query string (null once the webhook is deleted). */
  webhookUrl: z.string().nullable(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  failedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const deliveryPageSchema = pageSchema(deliverySchema).extend({
  /** Deliveries in each status, whatever the filter: the page's tabs. */
  counts: z.object({ pending: z.number().int(), retrying: z.number().int(), delivered: z.number().int(), failed: z.number().int() }),
});
export type DeliveryPage = z.infer<typeof deliveryPageSchema>;
