import type { Db } from '../../platform/db/database.js';
import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import * as repo from './webhooks.repository.js';
import { WEBHOOK_EVENTS, type CreateWebhookBody, type PatchWebhookBody } from './webhooks.schemas.js';

type WebhookRow = NonNullable<Awaited<ReturnType<typeof repo.findWebhook>>>;
type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The API view: the secret itself never leaves the server, only whether there is one. */
function toApi(w: WebhookRow) {
  return {
    id: w.id,
    url: w.url,
    events: w.events.filter((e): e is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(e)),
    hasSecret: w.secret !== null,
    active: w.active,
    createdAt: new Date(w.created_at).toISOString(),
  };
}

const duplicate = (url: string) => new ConflictError(`a webhook for ${url} already exists; edit its events instead of adding another`, 'url');

export async function listWebhooks(db: Db) {
  return { items: (await repo.listWebhooks(db)).map(toApi) };
}

export async function getWebhook(db: Db, id: number) {
  const w = await repo.findWebhook(db, id);
  if (!w) throw new NotFoundError(`webhook ${id}`);
  return toApi(w);
}

export async function createWebhook(db: Db, body: CreateWebhookBody) {
  if (await repo.findByUrl(db, body.url)) throw duplicate(body.url);
  const { id } = await repo.insertWebhook(db, { url: body.url, events: body.events, secret: body.secret ?? null, active: body.active });
  return getWebhook(db, id);
}

export async function patchWebhook(db: Db, id: number, body: PatchWebhookBody) {
  if (body.url !== undefined && (await repo.findByUrl(db, body.url, id))) throw duplicate(body.url);
  if (!(await repo.updateWebhook(db, id, body))) throw new NotFoundError(`webhook ${id}`);
  return getWebhook(db, id);
}

/** Queued deliveries for it then fail at delivery time (the dispatcher finds no webhook) instead of reaching a URL nobody wants. */
export async function deleteWebhook(db: Db, id: number) {
  if (!(await repo.deleteWebhook(db, id))) throw new NotFoundError(`webhook ${id}`);
}
