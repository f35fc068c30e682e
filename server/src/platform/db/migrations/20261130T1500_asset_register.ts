import { sql, type Kysely } from 'kysely';

/*
 * The asset register: every device becomes an asset of a type (computers found by agents, peripherals
 * they report, anything people register), with a state from an extendable list, a place in a location
 * tree, an assigned user, check-outs, finance and warranty, maintenance contracts and interventions.
 *
 * Additive only: the free-text `location` and the fixed `status` stay until the code reading them has
 * moved to `location_id` and `state`; a later migration turns the free text into the tree and drops them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // States: built-ins carry a code the interface translates; admins add their own with a label.
  await sql`
    create table asset_states (
      code text primary key check (code ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
      label text,
      builtin boolean not null default false,
      counts_in_compliance boolean not null default true,
      position integer not null default 0,
      created_at timestamptz not null default now(),
      check (builtin or label is not null)
    )`.execute(db);
  await sql`
    insert into asset_states (code, builtin, counts_in_compliance, position) values
      ('in_stock', true, true, 10), ('in_use', true, true, 20), ('in_repair', true, true, 30),
      ('lent', true, true, 40), ('retired', true, false, 50), ('lost', true, true, 60)`.execute(db);

  await sql`
    create table locations (
      id serial primary key,
      parent_id integer references locations (id),
      name text not null check (length(btrim(name)) > 0),
      kind text not null default 'other' check (kind in ('site', 'building', 'floor', 'room', 'other')),
      notes text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // Names are unique among siblings, whatever their case.
  await sql`create unique index locations_sibling_name_idx on locations (coalesce(parent_id, 0), lower(name))`.execute(db);
  await sql`create index locations_parent_idx on locations (parent_id)`.execute(db);

  await sql`alter table devices add constraint devices_type_check check (type in ('computer', 'monitor', 'printer', 'phone', 'network', 'peripheral', 'other'))`.execute(db);
  await sql`alter table devices add column source text not null default 'agent' check (source in ('agent', 'manual', 'discovered'))`.execute(db);
  await sql`alter table devices add column parent_device_id integer references devices (id) on delete set null`.execute(db);
  await sql`alter table devices add column state text not null default 'in_use' references asset_states (code) on update cascade`.execute(db);
  await sql`alter table devices add column location_id integer references locations (id)`.execute(db);
  await sql`alter table devices add column user_id integer references users (id) on delete set null`.execute(db);
  await sql`
    update devices set state = case status
      when 'in-stock' then 'in_stock' when 'in-repair' then 'in_repair' when 'retired' then 'retired' when 'lost' then 'lost' else 'in_use' end
    where status <> 'active'`.execute(db);
  await sql`create index devices_type_idx on devices (type)`.execute(db);
  await sql`create index devices_state_idx on devices (state)`.execute(db);
  await sql`create index devices_location_idx on devices (location_id)`.execute(db);
  await sql`create index devices_user_idx on devices (user_id)`.execute(db);
  await sql`create index devices_parent_idx on devices (parent_device_id)`.execute(db);
  await sql`create index devices_asset_tag_idx on devices (lower(asset_tag))`.execute(db);

  // Check-outs to a person; at most one open per asset.
  await sql`
    create table asset_checkouts (
      id serial primary key,
      device_id integer not null references devices (id) on delete cascade,
      user_id integer references users (id) on delete set null,
      checked_out_at timestamptz not null,
      due_on date,
      checked_out_by integer references users (id) on delete set null,
      checked_in_at timestamptz,
      checked_in_by integer references users (id) on delete set null,
      notes text,
      check (checked_in_at is null or checked_in_at >= checked_out_at)
    )`.execute(db);
  await sql`create unique index asset_checkouts_open_idx on asset_checkouts (device_id) where checked_in_at is null`.execute(db);
  await sql`create index asset_checkouts_device_idx on asset_checkouts (device_id, checked_out_at)`.execute(db);
  await sql`create index asset_checkouts_user_idx on asset_checkouts (user_id)`.execute(db);

  // Finance and warranty: one row per asset that has any.
  await sql`
    create table asset_finance (
      device_id integer primary key references devices (id) on delete cascade,
      purchase_date date,
      order_number text,
      invoice_number text,
      supplier text,
      cost numeric(14, 2) check (cost >= 0),
      currency text,
      warranty_start date,
      warranty_months integer check (warranty_months between 0 and 1200),
      depreciation_method text not null default 'none' check (depreciation_method in ('none', 'linear')),
      depreciation_months integer check (depreciation_months between 1 and 1200),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table maintenance_contracts (
      id serial primary key,
      name text not null check (length(btrim(name)) > 0),
      number text,
      supplier text,
      starts_on date,
      ends_on date,
      cost numeric(14, 2) check (cost >= 0),
      currency text,
      notice_days integer not null default 30 check (notice_days between 0 and 3650),
      notes text,
      created_by integer references users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_on is null or starts_on is null or ends_on >= starts_on)
    )`.execute(db);
  await sql`create index maintenance_contracts_ends_idx on maintenance_contracts (ends_on)`.execute(db);
  await sql`
    create table contract_devices (
      contract_id integer not null references maintenance_contracts (id) on delete cascade,
      device_id integer not null references devices (id) on delete cascade,
      primary key (contract_id, device_id)
    )`.execute(db);
  await sql`create index contract_devices_device_idx on contract_devices (device_id)`.execute(db);

  await sql`
    create table interventions (
      id serial primary key,
      device_id integer not null references devices (id) on delete cascade,
      performed_on date not null,
      performed_by text,
      description text not null check (length(btrim(description)) > 0),
      cost numeric(14, 2) check (cost >= 0),
      currency text,
      ticket_id integer references tickets (id) on delete set null,
      contract_id integer references maintenance_contracts (id) on delete set null,
      author_id integer references users (id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index interventions_device_idx on interventions (device_id, performed_on)`.execute(db);
  await sql`create index interventions_ticket_idx on interventions (ticket_id)`.execute(db);

  // Alerts sent (warranty or contract ending), keyed by what they were about: once per event across processes.
  await sql`
    create table asset_alerts (
      kind text not null check (kind in ('warranty-expiring', 'contract-expiring')),
      key text not null,
      sent_at timestamptz not null,
      primary key (kind, key)
    )`.execute(db);
}
