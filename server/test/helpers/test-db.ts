import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Db, type OpenDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';

/**
 * One database per test worker, opened once: PGlite takes seconds to initialise a cluster. With
 * DATABASE_URL set, each worker process gets its own schema in that Postgres database so workers (and
 * concurrent runs) never collide.
 */
let shared: Promise<OpenDatabase> | undefined;

export function testDatabase(): Promise<OpenDatabase> {
  shared ??= (async () => {
    const url = process.env.DATABASE_URL;
    let opened: OpenDatabase;
    let schema = 'public';
    if (url) {
      // Named by process id, not by worker number: several test runs share one Postgres (engineers,
      // CI) and worker 1 of one run must not truncate worker 1 of another. Schemas of processes that
      // are gone are dropped here, since a worker cannot clean up after itself on exit.
      schema = `parc_test_p${process.pid}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const old = await client.query<{ nspname: string }>(`select nspname from pg_namespace where nspname ~ '^parc_test_(p|w)[0-9]+$'`);
      for (const { nspname } of old.rows) {
        const pid = Number(nspname.slice('parc_test_p'.length));
        const mine = nspname === schema;
        const orphan = nspname.startsWith('parc_test_w') || !isAlive(pid);
        if (mine || orphan) await client.query(`drop schema if exists ${nspname} cascade`);
      }
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Empties every table (keeping the schema) so each test starts from nothing. */
export async function resetDatabase(db: Db): Promise<void> {
  const tables = await sql<{ tablename: string }>`
    select tablename from pg_tables
    where schemaname = current_schema() and tablename not like 'kysely_%' and tablename <> 'asset_states'`.execute(db);
  if (tables.rows.length === 0) return;
  const list = tables.rows.map((t) => `"${t.tablename}"`).join(', ');
  await sql.raw(`truncate ${list} restart identity cascade`).execute(db);
  // The built-in asset states are reference data the migration seeds: keep them, as they were seeded.
  await sql`delete from asset_states where not builtin`.execute(db);
  await sql`
    update asset_states s set counts_in_compliance = v.counts, position = v.position, label = null
    from (values ('in_stock', true, 10), ('in_use', true, 20), ('in_repair', true, 30), ('lent', true, 40), ('retired', false, 50), ('lost', true, 60))
      as v(code, counts, position)
    where s.code = v.code`.execute(db);
}
