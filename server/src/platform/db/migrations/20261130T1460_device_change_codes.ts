import { sql, type Kysely } from 'kysely';

// A device's history says what happened as a code with parameters (`first-inventory`,
// {components: 12, software: 10}) that the interface words in the reader's language; the English text
// stays in item/new_value for API clients. Rows written before get their code from that text, so they
// read the same way.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('device_changes').addColumn('code', 'text').addColumn('params', 'jsonb').execute();
  await codeFirstInventories(db);
}

/** Rows written as "first inventory" / "12 components, 10 software" before codes existed. */
export async function codeFirstInventories(db: Kysely<any>): Promise<void> {
  await sql`
    update device_changes
    set code = 'first-inventory',
        params = jsonb_build_object(
          'components', ((regexp_match(new_value, '^(\\d+) components, (\\d+) software$'))[1])::int,
          'software', ((regexp_match(new_value, '^(\\d+) components, (\\d+) software$'))[2])::int)
    where code is null and section = 'device' and kind = 'added' and item = 'first inventory'
      and new_value ~ '^\\d+ components, \\d+ software$'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('device_changes').dropColumn('params').dropColumn('code').execute();
}
