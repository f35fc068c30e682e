import { sql, type Kysely } from 'kysely';

/*
 * Personal API tokens (hashed; scoped, expiring, revocable) and failed logins kept in the database so that
 * every server counts the same attempts (login throttling per username, per address and per pair). Also
 * the audit log's indexes for its filters by actor name (any case) and by address.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('last_used_address', 'text')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').columns(['user_id', 'id']).execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('login_failures_pair').on('login_failures').columns(['username', 'address', 'at']).execute();
  await db.schema.createIndex('login_failures_address').on('login_failures').columns(['address', 'at']).execute();
  await db.schema.createIndex('login_failures_username').on('login_failures').columns(['username', 'at']).execute();
  await db.schema.createIndex('login_failures_at').on('login_failures').column('at').execute();

  await sql`create index audit_log_actor_username on audit_log (lower(actor_username), id desc)`.execute(db);
  await db.schema.createIndex('audit_log_address').on('audit_log').columns(['address', 'id desc']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_address').execute();
  await db.schema.dropIndex('audit_log_actor_username').execute();
  await db.schema.dropTable('login_failures').execute();
  await db.schema.dropTable('api_tokens').execute();
}
