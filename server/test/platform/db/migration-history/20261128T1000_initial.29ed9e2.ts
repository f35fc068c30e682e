import { sql, type Kysely } from 'kysely';

// Users, sessions, enrollment, devices and their components, the software catalogue, change history.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text')
    .addColumn('email', 'text')
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('admin', 'technician', 'licence-manager', 'requester')`),
    )
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('enrollment_tokens')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('use_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull().defaultTo('computer'))
    .addColumn('agent_id', 'text')
    .addColumn('hostname', 'text', (c) => c.notNull())
    .addColumn('serial', 'text')
    .addColumn('uuid', 'text')
    .addColumn('macs', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('ipv4', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('raw_serial', 'text')
    .addColumn('raw_uuid', 'text')
    .addColumn('manufacturer', 'text')
    .addColumn('model', 'text')
    .addColumn('chassis_type', 'text')
    .addColumn('inventory_asset_tag', 'text')
    .addColumn('bios_vendor', 'text')
    .addColumn('bios_version', 'text')
    .addColumn('bios_date', 'text')
    .addColumn('os_platform', 'text')
    .addColumn('os_name', 'text')
    .addColumn('os_version', 'text')
    .addColumn('os_build', 'text')
    .addColumn('os_arch', 'text')
    .addColumn('os_kernel', 'text')
    .addColumn('os_install_date', 'text')
    .addColumn('last_user', 'text')
    .addColumn('agent_version', 'text')
    .addColumn('match_rule', 'text', (c) => c.notNull())
    .addColumn('matched_at', 'timestamptz', (c) => c.notNull())
    .addColumn('section_hashes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('volume_usage', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_inventory_at', 'timestamptz')
    // Fields people own: inventory never writes them.
    .addColumn('location', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active', 'in-stock', 'in-repair', 'retired', 'lost')`),
    )
    .addColumn('owner', 'text')
    .addColumn('asset_tag', 'text')
    .addColumn('notes', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('devices_agent_id_idx').on('devices').column('agent_id').execute();
  await db.schema.createIndex('devices_serial_idx').on('devices').expression(sql`lower(serial)`).execute();
  await db.schema.createIndex('devices_uuid_idx').on('devices').column('uuid').execute();
  await db.schema
    .createIndex('devices_hostname_idx')
    .on('devices')
    .expression(sql`split_part(lower(hostname), '.', 1)`)
    .execute();
  await db.schema.createIndex('devices_macs_idx').on('devices').using('gin').column('macs').execute();
  await db.schema.createIndex('devices_last_seen_idx').on('devices').column('last_seen_at').execute();

  await db.schema
    .createTable('agents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('device_id', 'integer', (c) => c.references('devices.id').onDelete('set null'))
    .addColumn('enrollment_token_id', 'integer', (c) => c.references('enrollment_tokens.id').onDelete('set null'))
    .addColumn('hostname', 'text', (c) => c.notNull())
    .addColumn('platform', 'text')
    .addColumn('agent_version', 'text')
    .addColumn('enrolled_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_contact_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('device_components')
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('device_components_pk', ['device_id', 'kind', 'key'])
    .execute();

  await db.schema
    .createTable('software_products')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text')
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('publisher_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('software_products_key', ['name_key', 'publisher_key'])
    .execute();

  await db.schema
    .createTable('software_versions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('product_id', 'integer', (c) => c.notNull().references('software_products.id').onDelete('cascade'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addUniqueConstraint('software_versions_key', ['product_id', 'version'])
    .execute();

  await db.schema
    .createTable('software_installations')
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('version_id', 'integer', (c) => c.notNull().references('software_versions.id').onDelete('cascade'))
    .addColumn('arch', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('package_id', 'text')
    .addColumn('install_date', 'text')
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('software_installations_pk', ['device_id', 'version_id', 'arch', 'source'])
    .execute();
  await db.schema.createIndex('software_installations_version_idx').on('software_installations').column('version_id').execute();

  await db.schema
    .createTable('device_changes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('added', 'removed', 'changed')`))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .execute();
  await db.schema.createIndex('device_changes_device_at_idx').on('device_changes').columns(['device_id', 'at']).execute();

  await db.schema
    .createTable('reconcile_conflicts')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('agent_id', 'text')
    .addColumn('hostname', 'text')
    .addColumn('identity', 'jsonb', (c) => c.notNull())
    .addColumn('chosen_device_id', 'integer', (c) => c.references('devices.id').onDelete('set null'))
    .addColumn('candidate_ids', sql`integer[]`, (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'settings',
    'reconcile_conflicts',
    'device_changes',
    'software_installations',
    'software_versions',
    'software_products',
    'device_components',
    'agents',
    'devices',
    'enrollment_tokens',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
