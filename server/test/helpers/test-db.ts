import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Db, type OpenDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/**
 * One database per test worker, opened once: PGlite takes seconds to initialise a cluster. With
 * DATABASE_URL set, each worker gets its own schema in that Postgres database so workers never collide.
 */
let shared: Promise<OpenDatabase> | undefined;

export function testDatabase(): Promise<OpenDatabase> {
  shared ??= (async () => {
    const url = process.env.DATABASE_URL;
    let opened: OpenDatabase;
    let schema = 'public';
    if (url) {
      schema = `parc_test_w${process.env.VITEST_POOL_ID ?? process.pid}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.query(`create schema ${schema}`);
      await client.end();
      opened = await openDatabase({ url, dataDir: '', searchPath: schema });
    } else {
      opened = await openDatabase({ dataDir: 'memory://' });
    }
    await migrateToLatest(opened.db, schema);
    return opened;
  })();
  return shared;
}

/** Empties every table (keeping the schema) so each test starts from nothing. */
export async function resetDatabase(db: Db): Promise<void> {
  const tables = await sql<{ tablename: string }>`
    select tablename from pg_tables
    where schemaname = current_schema() and tablename not like 'kysely_%'`.execute(db);
  if (tables.rows.length === 0) return;
  const list = tables.rows.map((t) => `"${t.tablename}"`).join(', ');
  await sql.raw(`truncate ${list} restart identity cascade`).execute(db);
}
