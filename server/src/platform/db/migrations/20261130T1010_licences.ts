import { sql, type Kysely } from 'kysely';

// Licences, their allocations (reporting only), the daily compliance snapshots and the alerts already sent.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('licences')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('product_id', 'integer', (c) => c.notNull().references('software_products.id'))
    .addColumn('version_from', 'text')
    .addColumn('version_to', 'text')
    .addColumn('metric', 'text', (c) => c.notNull().check(sql`metric in ('device', 'user', 'site')`))
    .addColumn('quantity', 'integer', (c) => c.check(sql`quantity >= 0`))
    .addColumn('starts_on', 'date')
    .addColumn('expires_on', 'date')
    .addColumn('unit_cost', 'numeric(14, 4)')
    .addColumn('currency', 'text')
    .addColumn('vendor', 'text')
    .addColumn('reference', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('licences_product_idx').on('licences').column('product_id').execute();
  await db.schema.createIndex('licences_expires_idx').on('licences').column('expires_on').execute();

  await db.schema
    .createTable('licence_device_allocations')
    .addColumn('licence_id', 'integer', (c) => c.notNull().references('licences.id').onDelete('cascade'))
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('licence_device_allocations_pk', ['licence_id', 'device_id'])
    .execute();
  await db.schema.createIndex('licence_device_allocations_device_idx').on('licence_device_allocations').column('device_id').execute();
  await db.schema
    .createTable('licence_user_allocations')
    .addColumn('licence_id', 'integer', (c) => c.notNull().references('licences.id').onDelete('cascade'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('licence_user_allocations_pk', ['licence_id', 'username'])
    .execute();

  // One compact row per product and day: what an auditor asks for with ?at=.
  await db.schema
    .createTable('compliance_snapshots')
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('product_id', 'integer', (c) => c.notNull().references('software_products.id').onDelete('cascade'))
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text')
    .addColumn('item', 'jsonb', (c) => c.notNull())
    .addColumn('installed', 'integer', (c) => c.notNull())
    .addColumn('owned', 'integer')
    .addColumn('shortfall', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('compliance_snapshots_pk', ['day', 'product_id'])
    .execute();
  await db.schema.createIndex('compliance_snapshots_product_idx').on('compliance_snapshots').columns(['product_id', 'day']).execute();
  // Which snapshot days are complete: a day is taken once, whole, by whichever process gets here first.
  await db.schema
    .createTable('compliance_snapshot_days')
    .addColumn('day', 'date', (c) => c.primaryKey())
    .addColumn('taken_at', 'timestamptz', (c) => c.notNull())
    .addColumn('products', 'integer', (c) => c.notNull())
    .execute();

  // Alerts sent, keyed by what they were about: the primary key makes "once per event" hold across processes.
  await db.schema
    .createTable('licence_alerts')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('expiring', 'over-deployed')`))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('licence_alerts_pk', ['kind', 'key'])
    .execute();
  // Products over-deployed at the last check: an alert goes out when one enters this set, not while it stays.
  await db.schema
    .createTable('licence_over_deployed')
    .addColumn('product_id', 'integer', (c) => c.primaryKey().references('software_products.id').onDelete('cascade'))
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['licence_over_deployed', 'licence_alerts', 'compliance_snapshot_days', 'compliance_snapshots', 'licence_user_allocations', 'licence_device_allocations', 'licences']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
