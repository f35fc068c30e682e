import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type OpenDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { migrationProvider } from '../../src/platform/db/migrations/index.js';

/**
 * A database of its own migrated up to `migration` (included), for a test that writes data the old way
 * and then runs the migrations after it: PGlite in memory, or with DATABASE_URL a schema named by `tag`
 * and the process id. `toLatest` runs the rest; `close` drops the schema.
 */
export async function databaseAtMigration(migration: string, tag: string) {
  const url = process.env.DATABASE_URL;
  const schema = `parc_mig_${tag}_p${process.pid}`;
  let opened: OpenDatabase;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.query(`create schema ${schema}`);
    await client.end();
    opened = await openDatabase({ url, dataDir: '', searchPath: schema });
  } else {
    opened = await openDatabase({ dataDir: 'memory://' });
  }
  const migrator = new Migrator({ db: opened.db, provider: migrationProvider, migrationTableSchema: url ? schema : 'public' });
  const { error } = await migrator.migrateTo(migration);
  if (error) throw error;
  return {
    db: opened.db,
    toLatest: () => migrateToLatest(opened.db, url ? schema : 'public'),
    async close() {
      if (url) await sql.raw(`drop schema if exists ${schema} cascade`).execute(opened.db);
      await opened.db.destroy();
    },
  };
}
