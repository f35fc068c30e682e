import { sql, type Kysely } from 'kysely';

/*
 * Agent control: a key an agent has been issued but not used yet (key rotation is two-phase so a lost
 * answer never locks an agent out), an admin's re-key request, and fixed-window counters that limit
 * enrollments per token and per address across every server process.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agents')
    .addColumn('pending_key_hash', 'text', (c) => c.unique())
    .addColumn('rekey_requested_at', 'timestamptz')
    .execute();
  // The expiry job looks only at agents that never reported; the token list counts agents per token.
  await db.schema
    .createIndex('agents_unused_idx')
    .on('agents')
    .column('enrolled_at')
    .where(sql.ref('device_id'), 'is', null)
    .where(sql.ref('last_contact_at'), 'is', null)
    .execute();
  await db.schema.createIndex('agents_enrollment_token_idx').on('agents').column('enrollment_token_id').execute();

  await db.schema
    .createTable('enrollment_rate_windows')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('enrollment_rate_windows_pk', ['bucket', 'window_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('enrollment_rate_windows').execute();
  await db.schema.dropIndex('agents_enrollment_token_idx').execute();
  await db.schema.dropIndex('agents_unused_idx').execute();
  await db.schema.alterTable('agents').dropColumn('rekey_requested_at').dropColumn('pending_key_hash').execute();
}
