// Shared with the web client: shared/src/api/webhooks.ts (its events are the notification events).
export {
  createWebhookBodySchema,
  patchWebhookBodySchema,
  WEBHOOK_EVENTS,
  webhookListSchema,
  webhookSchema,
  type CreateWebhookBody,
  type PatchWebhookBody,
} from '@parc/shared/api';
