import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Dialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  /** Postgres URL; absent means the embedded PGlite database. */
  url?: string | undefined;
  /** PGlite data folder; `memory://` for a throwaway in-memory cluster. */
  dataDir: string;
  /** Postgres schema to use (tests give each worker its own). */
  searchPath?: string;
}

export interface OpenDatabase {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Where the data lives, for the start-up banner; never includes a password. */
  where: string;
}

// Postgres returns bigint and numeric as strings; counts and sizes here fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export async function openDatabase(opts: DatabaseOptions): Promise<OpenDatabase> {
  let dialect: Dialect;
  let where: string;
  let kind: OpenDatabase['kind'];
  if (opts.url) {
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: 10,
      ...(opts.searchPath ? { options: `-c search_path=${opts.searchPath}` } : {}),
    });
    dialect = new PostgresDialect({ pool });
    const u = new URL(opts.url);
    where = `postgres://${u.host}${u.pathname}`;
    kind = 'postgres';
  } else {
    const memory = opts.dataDir.startsWith('memory://');
    const dir = memory ? opts.dataDir : path.resolve(opts.dataDir, 'pglite');
    if (!memory) await mkdir(dir, { recursive: true });
    const client = await PGlite.create(dir);
    dialect = new PGliteDialect(client);
    where = memory ? 'in memory (PGlite)' : `${dir} (PGlite)`;
    kind = 'pglite';
  }
  return { db: new Kysely<Database>({ dialect }), kind, where };
}
