import { sql, type Kysely } from 'kysely';

/*
 * Problems and changes join tickets in one table family (issue #13): `tickets.kind` tells them apart, so
 * the timeline, actors, tasks, devices and notifications serve all three from the same rows and code.
 * - `type` (incident/request) belongs to kind `ticket` only; the status check becomes kind-aware.
 * - Kind-specific fields live in problem_details and change_details, one row per object; a composite
 *   foreign key on (id, kind) keeps a problem's details on a problem row.
 * - itil_links: problem → ticket, change → ticket, change → problem, checked by the same composite keys.
 */

const TICKET = `'new', 'assigned', 'planned', 'pending', 'solved', 'closed'`;
const PROBLEM = `'new', 'accepted', 'analysis', 'solved', 'closed'`;
const CHANGE = `'new', 'evaluation', 'approval', 'accepted', 'test', 'qualification', 'applied', 'review', 'closed', 'refused'`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tickets add column kind text not null default 'ticket'`.execute(db);
  await sql`alter table tickets add constraint tickets_kind_check check (kind in ('ticket', 'problem', 'change'))`.execute(db);
  await sql`alter table tickets drop constraint tickets_type_check`.execute(db);
  await sql`alter table tickets drop constraint tickets_status_check`.execute(db);
  await sql`alter table tickets alter column type drop not null`.execute(db);
  await sql`alter table tickets add constraint tickets_type_check check (case when kind = 'ticket' then type in ('incident', 'request') else type is null end)`.execute(db);
  await sql
    .raw(
      `alter table tickets add constraint tickets_status_check check (case kind when 'ticket' then status in (${TICKET}) when 'problem' then status in (${PROBLEM}) else status in (${CHANGE}) end)`,
    )
    .execute(db);
  // The target of the composite foreign keys below; every list filters on kind first.
  await sql`alter table tickets add constraint tickets_id_kind_key unique (id, kind)`.execute(db);
  await sql`create index tickets_kind_status_idx on tickets (kind, status, priority)`.execute(db);

  await sql`
    create table problem_details (
      ticket_id integer primary key,
      kind text not null default 'problem' check (kind = 'problem'),
      impact_analysis text,
      root_cause text,
      workaround text,
      permanent_fix text,
      foreign key (ticket_id, kind) references tickets (id, kind) on delete cascade
    )`.execute(db);

  await sql`
    create table change_details (
      ticket_id integer primary key,
      kind text not null default 'change' check (kind = 'change'),
      risk text not null default 'medium' check (risk in ('low', 'medium', 'high')),
      impact_analysis text,
      rollout_plan text,
      backup_plan text,
      rollback_plan text,
      planned_start timestamptz,
      planned_end timestamptz,
      applied_at timestamptz,
      check (planned_start is null or planned_end is null or planned_end > planned_start),
      foreign key (ticket_id, kind) references tickets (id, kind) on delete cascade
    )`.execute(db);

  await sql`
    create table itil_links (
      from_id integer not null,
      from_kind text not null,
      to_id integer not null,
      to_kind text not null,
      created_at timestamptz not null,
      created_by integer references users (id) on delete set null,
      primary key (from_id, to_id),
      check ((from_kind, to_kind) in (('problem', 'ticket'), ('change', 'ticket'), ('change', 'problem'))),
      foreign key (from_id, from_kind) references tickets (id, kind) on delete cascade,
      foreign key (to_id, to_kind) references tickets (id, kind) on delete cascade
    )`.execute(db);
  // Links are read from both ends: a problem's tickets (from_id, the key) and a ticket's problems (to_id).
  await sql`create index itil_links_to_idx on itil_links (to_id)`.execute(db);
}
