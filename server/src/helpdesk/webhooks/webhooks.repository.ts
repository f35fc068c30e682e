import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

export function listWebhooks(db: Db) {
  return db.selectFrom('webhooks').selectAll().orderBy('id').execute();
}

export function findWebhook(db: Db, id: number) {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByUrl(db: Db, url: string, exceptId?: number) {
  let q = db.selectFrom('webhooks').select('id').where('url', '=', url);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export interface WebhookColumns {
  url: string;
  events: string[];
  secret: string | null;
  active: boolean;
}

const textArray = (v: readonly string[]) => sql<string[]>`${v}::text[]`;

export function insertWebhook(db: Db, w: WebhookColumns) {
  return db
    .insertInto('webhooks')
    .values({ ...w, events: textArray(w.events) })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function updateWebhook(db: Db, id: number, patch: Partial<WebhookColumns>) {
  const { events, ...rest } = patch;
  return db
    .updateTable('webhooks')
    .set({ ...rest, ...(events !== undefined ? { events: textArray(events) } : {}) })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

export function deleteWebhook(db: Db, id: number) {
  return db.deleteFrom('webhooks').where('id', '=', id).returning('id').executeTakeFirst();
}
