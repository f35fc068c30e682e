import { sql, type Kysely } from 'kysely';

/*
 * The device list's default order is lower(hostname), then id. Without an index in that order the first
 * page sorted every device (a sequential scan and a sort of 10,000 rows, see test/bench/growth.bench.ts);
 * with it, the first page reads 50 index entries.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index devices_hostname_sort_idx on devices (lower(hostname), id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists devices_hostname_sort_idx`.execute(db);
}
