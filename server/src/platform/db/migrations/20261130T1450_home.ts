import { sql, type Kysely } from 'kysely';

// The home pages (issue 11): refused inventory uploads counted per hour and reason (a bounded table:
// hours × reasons, a month kept), and an index for the tickets a person observes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('upload_rejections')
    .addColumn('hour', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('unauthenticated', 'too-large', 'bad-encoding', 'invalid')`))
    .addColumn('count', 'integer', (c) => c.notNull().check(sql`count > 0`))
    .addPrimaryKeyConstraint('upload_rejections_pk', ['hour', 'reason'])
    .execute();
  // The tickets a person observes, for "my tickets" (ticket_actors was indexed by ticket only).
  await db.schema.createIndex('ticket_actors_user_idx').on('ticket_actors').columns(['user_id', 'role']).where(sql.ref('user_id'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ticket_actors_user_idx').ifExists().execute();
  await db.schema.dropTable('upload_rejections').ifExists().execute();
}
