import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/platform/db/database.js';
import { citusStatements, DISTRIBUTED_BY_DEVICE, KEYS_DROPPED_UNDER_CITUS, LOCAL_TABLES, REFERENCE_TABLES, UNIQUE_INDEXES_DROPPED_UNDER_CITUS } from '../../../src/platform/db/distribution.js';
import { testDatabase } from '../../helpers/test-db.js';

/**
 * Reads the migrated schema from the catalogue and checks that it can be distributed by device with
 * Citus as platform/db/distribution.ts says: every table placed once; every primary key and unique
 * index of a device-scoped table includes the device column (Citus refuses one that does not); every
 * foreign key is one Citus keeps (distributed to reference, distributed to distributed on the device
 * column, reference to reference, local to reference or local), or listed as dropped under Citus; and
 * reference tables do not grow with the fleet (no device column).
 */
let db: Db;
beforeAll(async () => {
  ({ db } = await testDatabase());
}, 180_000);

interface UniqueIndex {
  table: string;
  index: string;
  columns: (string | null)[];
}
interface ForeignKey {
  table: string;
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
}

async function tables(): Promise<string[]> {
  const r = await sql<{ relname: string }>`
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') order by 1`.execute(db);
  return r.rows.map((x) => x.relname);
}

/** Key columns of each unique index (primary keys and unique constraints included); null for an expression. */
async function uniqueIndexes(): Promise<UniqueIndex[]> {
  const r = await sql<{ table: string; index: string; columns: (string | null)[] }>`
    select t.relname as "table", i.relname as "index",
      array(select a.attname::text from generate_subscripts(ix.indkey::int2[], 1) as k(pos)
            left join pg_attribute a on a.attrelid = t.oid and a.attnum = (ix.indkey::int2[])[k.pos]
            where k.pos < ix.indnkeyatts order by k.pos) as columns
    from pg_index ix join pg_class i on i.oid = ix.indexrelid join pg_class t on t.oid = ix.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and ix.indisunique`.execute(db);
  return r.rows;
}

async function foreignKeys(): Promise<ForeignKey[]> {
  const r = await sql<ForeignKey>`
    select t.relname as "table", c.conname as name, rt.relname as "refTable",
      array(select a.attname::text from unnest(c.conkey) with ordinality as k(attnum, o) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.o) as columns,
      array(select a.attname::text from unnest(c.confkey) with ordinality as k(attnum, o) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.o) as "refColumns"
    from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class rt on rt.oid = c.confrelid
    join pg_namespace n on n.oid = c.connamespace
    where n.nspname = current_schema() and c.contype = 'f'`.execute(db);
  return r.rows;
}

async function columnsOf(): Promise<Map<string, Set<string>>> {
  const r = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(db);
  const m = new Map<string, Set<string>>();
  for (const { table_name, column_name } of r.rows) m.set(table_name, (m.get(table_name) ?? new Set()).add(column_name));
  return m;
}

const distributed = new Map(Object.entries(DISTRIBUTED_BY_DEVICE));
const reference = new Set(REFERENCE_TABLES);
const local = new Set(LOCAL_TABLES);
const dropped = new Set(KEYS_DROPPED_UNDER_CITUS);

describe('the schema distributes by device (Citus)', { timeout: 180_000 }, () => {
  it('places every table in exactly one of distributed, reference or local', async () => {
    const all = await tables();
    const placed = [...distributed.keys(), ...reference, ...local];
    expect(new Set(placed).size, 'a table is placed twice in platform/db/distribution.ts').toBe(placed.length);
    expect([...all].sort(), 'every table of the schema, and only those, placed in platform/db/distribution.ts').toEqual([...placed].sort());
  });

  it('includes the device column in every primary key and unique index of a device-scoped table', async () => {
    const cols = await columnsOf();
    for (const [table, column] of distributed) expect(cols.get(table)?.has(column), `${table}.${column}`).toBe(true);
    const missing = (await uniqueIndexes()).filter((u) => distributed.has(u.table) && !UNIQUE_INDEXES_DROPPED_UNDER_CITUS.includes(u.index) && !u.columns.includes(distributed.get(u.table)!)).map((u) => `${u.table}: ${u.index} (${u.columns.join(', ')})`);
    expect(missing, 'unique keys without the device column (Citus cannot enforce them per shard)').toEqual([]);
  });

  it('every device-scoped table holds a device column, and every table with one is device-scoped or local', async () => {
    const cols = await columnsOf();
    const withDevice = [...cols].filter(([, c]) => c.has('device_id')).map(([t]) => t);
    const misplaced = withDevice.filter((t) => reference.has(t));
    expect(misplaced, 'reference tables are copied to every machine: they must not grow with the fleet').toEqual([]);
    expect(withDevice.filter((t) => !distributed.has(t) && !local.has(t))).toEqual([]);
  });

  it('keeps only foreign keys Citus can enforce, or lists them as dropped', async () => {
    const bad: string[] = [];
    const seenDropped = new Set<string>();
    for (const fk of await foreignKeys()) {
      const label = `${fk.table}(${fk.columns.join(', ')}) -> ${fk.refTable}(${fk.refColumns.join(', ')})`;
      const key = `${fk.table}.${fk.columns.join(',')}`;
      if (dropped.has(key)) {
        seenDropped.add(key);
        continue;
      }
      const from = distributed.has(fk.table) ? 'distributed' : reference.has(fk.table) ? 'reference' : 'local';
      const to = distributed.has(fk.refTable) ? 'distributed' : reference.has(fk.refTable) ? 'reference' : 'local';
      if (to === 'reference') continue;
      if (from === 'distributed' && to === 'distributed') {
        // Co-located: the key must pair the two distribution columns.
        const i = fk.columns.indexOf(distributed.get(fk.table)!);
        if (i >= 0 && fk.refColumns[i] === distributed.get(fk.refTable)) continue;
      }
      if (from === 'local' && to === 'local') continue;
      bad.push(`${label} (${from} to ${to})`);
    }
    expect(bad, 'foreign keys Citus refuses: re-key them, or list them in KEYS_DROPPED_UNDER_CITUS with why').toEqual([]);
    expect([...seenDropped].sort(), 'KEYS_DROPPED_UNDER_CITUS names keys that exist').toEqual([...dropped].sort());
  });

  it('writes the Citus set-up statements for this schema', async () => {
    const names = new Map((await foreignKeys()).map((fk) => [`${fk.table}.${fk.columns.join(',')}`, fk.name]));
    const statements = citusStatements((tc) => names.get(tc) ?? `<no constraint on ${tc}>`);
    expect(statements.filter((s) => s.includes('<no constraint'))).toEqual([]);
    expect(statements).toContain(`select create_distributed_table('devices', 'id');`);
    expect(statements).toContain(`select create_distributed_table('software_installations', 'device_id', colocate_with => 'devices');`);
    // Reference tables are created before any distributed table refers to them.
    const firstDistributed = statements.findIndex((s) => s.includes('create_distributed_table'));
    expect(statements.findLastIndex((s) => s.includes('create_reference_table'))).toBeLessThan(firstDistributed);
  });
});
