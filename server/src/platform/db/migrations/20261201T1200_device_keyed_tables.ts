import { sql, type Kysely } from 'kysely';

// Every device-scoped table keyed by device, so the device tables can be distributed by device with
// Citus (which wants the distribution column in every primary key and unique constraint). History lines,
// interventions and check-outs had their own id as key; the id stays unique (one sequence), the key
// becomes (device_id, id), and a plain index on id keeps lookups by id alone fast on one Postgres.
// Also: the table the periodic jobs claim their rounds in, so N server processes run each job once a
// round between them (server/src/platform/periodic.ts).
const DEVICE_KEYED = ['device_changes', 'interventions', 'asset_checkouts'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of DEVICE_KEYED) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_pkey`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_pkey`)} primary key (device_id, id)`.execute(db);
    await db.schema.createIndex(`${table}_id_idx`).on(table).column('id').execute();
  }
  await db.schema
    .createTable('periodic_jobs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('periodic_jobs').execute();
  for (const table of DEVICE_KEYED) {
    await db.schema.dropIndex(`${table}_id_idx`).execute();
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_pkey`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_pkey`)} primary key (id)`.execute(db);
  }
}
