import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

export const SETTINGS_KEY = 'helpdesk';

export async function loadStored(db: Db): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  return row?.value;
}

/** Merges the given fields into the stored object in one statement, so concurrent partial updates both land. */
export async function mergeStored(db: Db, patch: Record<string, unknown>): Promise<void> {
  const value = JSON.stringify(patch);
  await db
    .insertInto('settings')
    .values({ key: SETTINGS_KEY, value })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        value: sql<string>`(case when jsonb_typeof(settings.value) = 'object' then settings.value else '{}'::jsonb end) || excluded.value`,
        updated_at: new Date(),
      }),
    )
    .execute();
}
