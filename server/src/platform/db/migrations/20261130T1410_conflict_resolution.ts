import { sql, type Kysely } from 'kysely';

// How an admin closed a reconcile conflict (kept the devices separate, merged them, or reassigned the
// agent) and who did; conflicts resolved before this stay without either.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('reconcile_conflicts')
    .addColumn('resolution', 'text', (c) => c.check(sql`resolution in ('dismissed', 'merged', 'reassigned')`))
    .addColumn('resolved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reconcile_conflicts').dropColumn('resolution').dropColumn('resolved_by').execute();
}
