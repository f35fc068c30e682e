import { sql, type Kysely } from 'kysely';

// The language a user chose for the web interface (and, later, their notifications); null lets the
// browser's language decide.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('locale', 'text', (c) => c.check(sql`locale in ('en', 'fr')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('locale').execute();
}
