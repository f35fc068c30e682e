import { z } from 'zod';
import { WEBHOOK_EVENTS } from './enums.js';

/** Webhooks: Parc POSTs JSON to a URL on chosen ticket events, signed with an optional secret. */

const url = z
  .string()
  .trim()
  .max(2048)
  .refine((s) => URL.canParse(s), 'must be an absolute URL such as https://hooks.example.org/parc')
  .refine((s) => !URL.canParse(s) || ['http:', 'https:'].includes(new URL(s).protocol), 'must be http:// or https://')
  // The URL is shown to every admin and written in delivery logs; a credential belongs in the secret.
  .refine((s) => !URL.canParse(s) || (new URL(s).username === '' && new URL(s).password === ''), 'must not contain a user or password; use the secret to authenticate')
  .transform((s) => new URL(s).href);

const events = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1, `choose at least one of ${WEBHOOK_EVENTS.join(', ')}`)
  .transform((list) => WEBHOOK_EVENTS.filter((e) => list.includes(e)));

/** HMAC-SHA256 key for the X-Parc-Signature header; never returned. */
const secret = z.string().min(16, 'at least 16 characters').max(256);

export const createWebhookBodySchema = z.strictObject({ url, events, secret: secret.optional(), active: z.boolean().default(true) });
export type CreateWebhookBody = z.infer<typeof createWebhookBodySchema>;
export type CreateWebhookInput = z.input<typeof createWebhookBodySchema>;

export const patchWebhookBodySchema = z
  .strictObject({ url, events, secret: secret.nullable().describe('null removes the secret'), active: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one of url, events, secret, active');
export type PatchWebhookBody = z.infer<typeof patchWebhookBodySchema>;
export type PatchWebhookInput = z.input<typeof patchWebhookBodySchema>;

export const webhookSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  hasSecret: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type Webhook = z.infer<typeof webhookSchema>;

export const webhookListSchema = z.object({ items: z.array(webhookSchema) });
