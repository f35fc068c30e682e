import { sql, type Kysely } from 'kysely';

// The software catalogue as licence managers see it: product attributes people set, and the
// normalisation dictionary. Ingest keeps writing the inventoried titles as it always did; the dictionary
// decides, per inventoried title and version, which product it counts under (or that it is ignored), so
// re-applying the rules rewrites a small table, never the installations.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('software_products')
    .addColumn('licensable', 'boolean', (c) => c.notNull().defaultTo(false))
    // Set by hand; wins over the category a rule gives (rule_category).
    .addColumn('category', 'text')
    .addColumn('rule_category', 'text')
    .execute();

  await db.schema
    .createTable('software_rules')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('name_match', 'text', (c) => c.check(sql`name_match in ('exact', 'prefix', 'regex')`))
    .addColumn('name_value', 'text')
    .addColumn('publisher_match', 'text', (c) => c.check(sql`publisher_match in ('exact', 'prefix', 'regex')`))
    .addColumn('publisher_value', 'text')
    .addColumn('version_match', 'text', (c) => c.check(sql`version_match in ('exact', 'prefix', 'regex')`))
    .addColumn('version_value', 'text')
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('rename', 'map', 'category', 'ignore')`))
    .addColumn('rename_name', 'text')
    .addColumn('rename_publisher', 'text')
    .addColumn('product_id', 'integer', (c) => c.references('software_products.id'))
    .addColumn('category', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .alterTable('software_versions')
    // Where this inventoried title-version is counted; null until the dictionary classified it (then it
    // counts under its own product). Readers use coalesce(effective_product_id, product_id).
    .addColumn('effective_product_id', 'integer', (c) => c.references('software_products.id').onDelete('set null'))
    .addColumn('ignored', 'boolean', (c) => c.notNull().defaultTo(false))
    // The rule that decided, for the catalogue's "why"; a deleted rule leaves it until the next re-apply.
    .addColumn('rule_id', 'integer', (c) => c.references('software_rules.id').onDelete('set null'))
    .execute();
  // No rule exists yet: every stored version counts under its own product.
  await sql`update software_versions set effective_product_id = product_id`.execute(db);
  await db.schema
    .createIndex('software_versions_effective_idx')
    .on('software_versions')
    .expression(sql`coalesce(effective_product_id, product_id)`)
    .execute();
  await db.schema
    .createIndex('software_versions_unclassified_idx')
    .on('software_versions')
    .column('id')
    .where(sql.ref('effective_product_id'), 'is', null)
    .execute();

  // Counting distinct devices per version reads only this index (an index-only scan), never the
  // installation rows; it also serves everything the version_id index did.
  await db.schema.createIndex('software_installations_version_device_idx').on('software_installations').columns(['version_id', 'device_id']).execute();
  await db.schema.dropIndex('software_installations_version_idx').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('software_installations_version_idx').on('software_installations').column('version_id').execute();
  await db.schema.dropIndex('software_installations_version_device_idx').ifExists().execute();
  await db.schema.alterTable('software_versions').dropColumn('rule_id').dropColumn('ignored').dropColumn('effective_product_id').execute();
  await db.schema.dropTable('software_rules').ifExists().execute();
  await db.schema.alterTable('software_products').dropColumn('rule_category').dropColumn('category').dropColumn('licensable').execute();
}
