import { sql, type Kysely } from 'kysely';

// One row per ticket and SLA target whose "at risk" notification was enqueued: the primary key makes the
// SLA watch idempotent even when two server processes run it at the same moment.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ticket_sla_alerts')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull().check(sql`target in ('own', 'resolve')`))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_sla_alerts_pk', ['ticket_id', 'target'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_sla_alerts').ifExists().execute();
}
