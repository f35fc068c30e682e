import type { Db } from '../../platform/db/database.js';

/** The references a registered asset may carry, read to answer a 400 naming the bad one. */

export async function stateExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('asset_states').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function locationExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('locations').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function userExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export function deviceType(db: Db, id: number) {
  return db.selectFrom('devices').select(['id', 'type']).where('id', '=', id).executeTakeFirst();
}
