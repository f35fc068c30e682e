import { sql, type Kysely } from 'kysely';

/*
 * Two landed migrations were edited afterwards (commits cd37db2 and d571702): a database created from
 * their first versions never got the change, since a migration that ran is not run again. This brings
 * such a database to the schema the edited versions create, and finds nothing to do on one created from
 * them. Every step is guarded, so it is safe on any of those databases.
 *
 * Schema only: the tables it changes had no writer before those edits (ticket creation came with
 * d571702), so there are no rows whose new columns need a value.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // 20261128T1000_initial: total RAM as a device fact.
  await sql`alter table devices add column if not exists memory_bytes bigint`.execute(db);

  // 20261128T1200_helpdesk, tickets: opened by agents (no Parc user) and from endpoints whose user is
  // not a Parc user; SLA states stored for list filters; an idempotency key for agent retries.
  await sql`alter table tickets alter column requester_id drop not null`.execute(db);
  await sql`alter table tickets alter column created_by drop not null`.execute(db);
  for (const column of ['requester_name', 'source_key']) {
    await sql`alter table tickets add column if not exists ${sql.ref(column)} text`.execute(db);
  }
  for (const column of ['own_at_risk_at', 'sla_paused_at', 'resolve_at_risk_at']) {
    await sql`alter table tickets add column if not exists ${sql.ref(column)} timestamptz`.execute(db);
  }
  await sql`alter table tickets drop column if exists major`.execute(db);

  // The names Postgres gave these constraints when the edited migration declared them inline.
  if ((await constraint(db, 'tickets', 'tickets_created_by_fkey'))?.on_delete !== 'n') {
    await sql`alter table tickets drop constraint if exists tickets_created_by_fkey`.execute(db);
    await sql`alter table tickets add constraint tickets_created_by_fkey
      foreign key (created_by) references users (id) on delete set null`.execute(db);
  }
  if (!(await constraint(db, 'tickets', 'tickets_source_key_key'))) {
    await sql`alter table tickets add constraint tickets_source_key_key unique (source_key)`.execute(db);
  }

  // Pending time is computed from the ticket's status history instead.
  await sql`drop table if exists ticket_pending_intervals`.execute(db);
}

/** The constraint of that name on a table of the current schema, with its on-delete rule (pg_constraint.confdeltype). */
async function constraint(db: Kysely<any>, table: string, name: string): Promise<{ on_delete: string } | undefined> {
  const { rows } = await sql<{ on_delete: string }>`
    select c.confdeltype as on_delete
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and t.relname = ${table} and c.conname = ${name}`.execute(db);
  return rows[0];
}

// No down(): there is nothing to undo, since the edited migrations' own down() drops what this adds.
