import { Migrator, sql, type Migration } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/platform/db/database.js';
import { migrateToLatest } from '../../../src/platform/db/migrate.js';
import * as repair from '../../../src/platform/db/migrations/20261130T0900_repair_edited_migrations.js';
import * as helpdeskAdmin from '../../../src/platform/db/migrations/20261128T1300_helpdesk_admin.js';
import * as slaAlerts from '../../../src/platform/db/migrations/20261128T1310_sla_alerts.js';
import * as initialToday from '../../../src/platform/db/migrations/20261128T1000_initial.js';
import * as initialFirst from './migration-history/20261128T1000_initial.29ed9e2.js';
import * as helpdeskFirst from './migration-history/20261128T1200_helpdesk.7484e09.js';
import * as helpdeskSecond from './migration-history/20261128T1200_helpdesk.cd37db2.js';

/**
 * Databases created before two landed migrations were edited (the texts they ran are kept, from git
 * history, in ./migration-history) must end, after today's migrations, with the schema a fresh database
 * gets: same columns, types, nullability, defaults, constraints and indexes, read from the catalogs.
 * Each database is a schema of its own: in one PGlite cluster here, or in DATABASE_URL's database.
 */
const HISTORIES: Record<string, Record<string, Migration>> = {
  // Between 29ed9e2 and 7484e09: only the first migration had landed.
  'created at 29ed9e2 (initial, before memory_bytes)': { '20261128T1000_initial': initialFirst },
  // Between 7484e09 and cd37db2: both migrations in their first versions.
  'created at 7484e09 (initial and helpdesk as first landed)': {
    '20261128T1000_initial': initialFirst,
    '20261128T1200_helpdesk': helpdeskFirst,
  },
  // Between cd37db2 and d571702: helpdesk in its second version, with the two migrations cd37db2 added.
  'created at cd37db2 (helpdesk before d571702)': {
    '20261128T1000_initial': initialToday,
    '20261128T1200_helpdesk': helpdeskSecond,
    '20261128T1300_helpdesk_admin': helpdeskAdmin,
    '20261128T1310_sla_alerts': slaAlerts,
  },
};

const pgUrl = process.env.DATABASE_URL;
const prefix = `parc_migr_p${process.pid}_`;
let pglite: Db | undefined;
const opened: Array<{ db: Db; schema: string }> = [];
let counter = 0;

/** A new, empty schema to build a database in, and a Kysely whose statements land there. */
async function emptyDatabase(): Promise<{ db: Db; schema: string }> {
  const schema = `${prefix}${counter++}`;
  if (pgUrl) {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    if (counter === 1) {
      // Schemas left by runs that were killed before their afterAll.
      const left = await client.query<{ nspname: string }>(`select nspname from pg_namespace where nspname ~ '^parc_migr_p[0-9]+_'`);
      for (const { nspname } of left.rows) {
        if (!isAlive(Number(nspname.split('_')[2]!.slice(1)))) await client.query(`drop schema if exists ${nspname} cascade`);
      }
    }
    await client.query(`create schema ${schema}`);
    await client.end();
    const { db } = await openDatabase({ url: pgUrl, dataDir: '', searchPath: schema });
    opened.push({ db, schema });
    return { db, schema };
  }
  // PGlite is one connection: switching its search_path moves every later statement to the new schema.
  pglite ??= (await openDatabase({ dataDir: 'memory://' })).db;
  await sql`create schema ${sql.id(schema)}`.execute(pglite);
  await sql`set search_path to ${sql.id(schema)}`.execute(pglite);
  return { db: pglite, schema };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function runMigrations(db: Db, schema: string, migrations: Record<string, Migration>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

interface SchemaSnapshot {
  columns: unknown[];
  constraints: unknown[];
  indexes: unknown[];
  sequences: unknown[];
}

/** The current schema as the catalogs describe it; column order aside (ALTER TABLE appends columns). */
async function snapshot(db: Db, schema: string): Promise<SchemaSnapshot> {
  const unqualify = (s: string) => s.replaceAll(`${schema}.`, '');
  const columns = await sql`
    select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type,
      a.attnotnull as not_null, pg_get_expr(d.adbin, d.adrelid) as default, a.attidentity as identity,
      a.attgenerated as generated
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm') and a.attnum > 0 and not a.attisdropped
    order by 1, 2`.execute(db);
  const constraints = await sql<{ definition: string }>`
    select t.relname as table, c.conname as name, c.contype as kind, pg_get_constraintdef(c.oid) as definition,
      c.condeferrable as deferrable, c.condeferred as deferred
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema()
    order by 1, 2`.execute(db);
  const indexes = await sql<{ definition: string }>`
    select tablename as table, indexname as name, indexdef as definition
    from pg_indexes where schemaname = current_schema() order by 1, 2`.execute(db);
  const sequences = await sql`
    select sequencename as name, data_type::text, start_value::text, increment_by::text, max_value::text, cycle
    from pg_sequences where schemaname = current_schema() order by 1`.execute(db);
  return {
    columns: columns.rows,
    constraints: constraints.rows.map((r) => ({ ...r, definition: unqualify(r.definition) })),
    indexes: indexes.rows.map((r) => ({ ...r, definition: unqualify(r.definition) })),
    sequences: sequences.rows,
  };
}

let fresh: SchemaSnapshot;

beforeAll(async () => {
  const { db, schema } = await emptyDatabase();
  await migrateToLatest(db, schema);
  fresh = await snapshot(db, schema);
});

afterAll(async () => {
  for (const { db, schema } of opened.splice(0)) {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
    await db.destroy();
  }
  await pglite?.destroy();
});

describe('databases created before landed migrations were edited', { timeout: 120_000 }, () => {
  it('the fresh schema is what the edits made (the comparison has something to compare)', () => {
    const tickets = fresh.columns.filter((c) => (c as { table: string }).table === 'tickets').map((c) => (c as { column: string }).column);
    expect(tickets).toEqual(expect.arrayContaining(['sla_paused_at', 'source_key', 'requester_name', 'own_at_risk_at']));
    expect(tickets).not.toContain('major');
    expect(fresh.constraints).toContainEqual(expect.objectContaining({ name: 'tickets_created_by_fkey', definition: 'FOREIGN KEY (created_by) REFERENCES users(id) ON DELETE SET NULL' }));
    expect(fresh.constraints).toContainEqual(expect.objectContaining({ name: 'tickets_source_key_key', kind: 'u' }));
    expect(fresh.columns).toContainEqual(expect.objectContaining({ table: 'devices', column: 'memory_bytes', type: 'bigint' }));
  });

  for (const [history, migrations] of Object.entries(HISTORIES)) {
    it(`${history}: today's migrations give it the schema of a fresh database`, async () => {
      const { db, schema } = await emptyDatabase();
      await runMigrations(db, schema, migrations);
      const before = await snapshot(db, schema);
      expect(before).not.toEqual(fresh); // the history really differs

      const applied = await migrateToLatest(db, schema);
      expect(applied).toContain('20261130T0900_repair_edited_migrations');
      expect(await snapshot(db, schema)).toEqual(fresh);
    });
  }

  it('a first-version database keeps its rows, and its tickets get the repaired rules (created_by set null on delete, unique source_key)', async () => {
    const { db, schema } = await emptyDatabase();
    await runMigrations(db, schema, HISTORIES['created at 7484e09 (initial and helpdesk as first landed)']!);
    const users = await sql<{ id: number }>`
      insert into users (username, role, password_hash) values ('rita', 'requester', 'x'), ('tom', 'technician', 'x')
      returning id`.execute(db);
    const [rita, tom] = users.rows.map((u) => u.id);
    await sql`
      insert into tickets (title, description, type, status, urgency, impact, priority, requester_id, created_by, major, created_at, updated_at)
      values ('Printer', 'on fire', 'incident', 'new', 3, 3, 3, ${rita}, ${tom}, true, now(), now())`.execute(db);

    await migrateToLatest(db, schema);
    await sql`delete from users where id = ${tom}`.execute(db);
    const { rows } = await sql<{ title: string; requester_id: number; created_by: number | null }>`select title, requester_id, created_by from tickets`.execute(db);
    expect(rows).toEqual([{ title: 'Printer', requester_id: rita, created_by: null }]);
    await sql`update tickets set source_key = 'k1'`.execute(db);
    await expect(
      sql`insert into tickets (title, description, type, status, urgency, impact, priority, source_key, created_at, updated_at)
        values ('Again', 'x', 'incident', 'new', 3, 3, 3, 'k1', now(), now())`.execute(db),
    ).rejects.toThrow(/tickets_source_key_key/);
  });

  it('on a database already at today\'s schema the repair changes nothing: run again, same schema and rows', async () => {
    const { db, schema } = await emptyDatabase();
    await migrateToLatest(db, schema);
    await sql`insert into users (username, role, password_hash) values ('tom', 'technician', 'x')`.execute(db);
    await sql`
      insert into tickets (title, description, type, status, urgency, impact, priority, created_by, source_key, sla_paused_at, created_at, updated_at)
      values ('Printer', 'on fire', 'incident', 'pending', 3, 3, 3, 1, 'k1', now(), now(), now())`.execute(db);
    const rowsBefore = (await sql`select * from tickets`.execute(db)).rows;

    await repair.up(db);
    await repair.up(db);
    expect(await snapshot(db, schema)).toEqual(fresh);
    expect((await sql`select * from tickets`.execute(db)).rows).toEqual(rowsBefore);
  });
});
