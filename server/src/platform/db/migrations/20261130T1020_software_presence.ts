import { sql, type Kysely } from 'kysely';

/*
 * Materialised installation counts for the products licence managers track (licensable, or with a
 * licence), so the compliance summary reads a few hundred rows instead of every installation.
 *
 * - software_presence: per tracked product and device, the set of its (non-ignored) title-version ids
 *   the device has, and when it first had one. One row per device and product: only that device's
 *   inventory changes it, so concurrent ingests never contend on it.
 * - software_set_counts: how many devices have each exact set, as an append-only log of +1/-1 deltas
 *   (concurrent ingests only insert, never update a shared row); summed on read, compacted by the
 *   licences background job.
 *
 * Triggers keep both exact for every writer, in the writer's transaction: installations inserted,
 * deleted or updated (ingest), title-versions re-placed by the normalisation dictionary, and products
 * entering or leaving the tracked set (licensable flag, licences). Which devices count (retired, stale)
 * is applied when reading, so nothing here depends on the time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table software_products add column tracked boolean not null default false`.execute(db);
  await sql`update software_products p set tracked = p.licensable or exists (select 1 from licences l where l.product_id = p.id)`.execute(db);

  // No foreign key to devices: a deleted device's rows are removed by the installations trigger, which
  // must still see them to take the device out of the counts.
  await sql`
    create table software_presence (
      device_id integer not null,
      product_id integer not null references software_products (id) on delete cascade,
      version_ids integer[] not null,
      first_installed_at timestamptz not null,
      primary key (product_id, device_id) include (version_ids)
    )`.execute(db);
  // By product (the key, covering the sets: counting reads the index only) and by device (ingest's refresh, left-out devices).
  await sql`create index software_presence_device_idx on software_presence (device_id)`.execute(db);
  await sql`create table software_set_counts (product_id integer not null, version_ids integer[] not null, delta integer not null)`.execute(db);
  await sql`create index software_set_counts_product_idx on software_set_counts (product_id)`.execute(db);

  // Recomputes the presence of the given (device, product) pairs from the installations as they are now,
  // and logs the set changes. Pairs of untracked products are ignored.
  await sql`
    create function software_presence_refresh(pair_devices integer[], pair_products integer[]) returns void
    language sql as $fn$
      with pairs as (
        select distinct k.device_id, k.product_id
        from unnest(pair_devices, pair_products) as k(device_id, product_id)
        join software_products p on p.id = k.product_id and p.tracked
      ),
      cur as (
        select pr.device_id, pr.product_id, array_agg(distinct i.version_id order by i.version_id) as version_ids, min(i.first_seen_at) as first_installed_at
        from pairs pr
        join software_versions v on coalesce(v.effective_product_id, v.product_id) = pr.product_id and not v.ignored
        join software_installations i on i.device_id = pr.device_id and i.version_id = v.id
        group by pr.device_id, pr.product_id
      ),
      old as (
        select s.device_id, s.product_id, s.version_ids from software_presence s join pairs pr using (device_id, product_id)
      ),
      changes as (
        select coalesce(c.device_id, o.device_id) as device_id, coalesce(c.product_id, o.product_id) as product_id,
               o.version_ids as old_ids, c.version_ids as new_ids, c.first_installed_at
        from cur c full join old o on o.device_id = c.device_id and o.product_id = c.product_id
      ),
      gone as (
        delete from software_presence s using changes ch
        where ch.new_ids is null and s.device_id = ch.device_id and s.product_id = ch.product_id
      ),
      kept as (
        insert into software_presence (device_id, product_id, version_ids, first_installed_at)
        select device_id, product_id, new_ids, first_installed_at from changes where new_ids is not null
        on conflict (device_id, product_id) do update set version_ids = excluded.version_ids, first_installed_at = excluded.first_installed_at
      )
      insert into software_set_counts (product_id, version_ids, delta)
      select product_id, old_ids, -1 from changes where old_ids is not null and old_ids is distinct from new_ids
      union all
      select product_id, new_ids, 1 from changes where new_ids is not null and old_ids is distinct from new_ids
    $fn$`.execute(db);

  // Installations: one trigger per event (a trigger with transition tables takes one event).
  for (const [event, rows] of [
    ['insert', 'new_rows'],
    ['delete', 'old_rows'],
    ['update', 'new_rows'],
  ] as const) {
    const fromRows = event === 'update' ? 'select device_id, version_id from new_rows union select device_id, version_id from old_rows' : `select device_id, version_id from ${rows}`;
    await sql
      .raw(
        `create function software_presence_on_${event}() returns trigger language plpgsql as $fn$
         begin
           perform software_presence_refresh(array_agg(x.device_id), array_agg(x.product_id))
           from (select distinct r.device_id, coalesce(v.effective_product_id, v.product_id) as product_id
                 from (${fromRows}) r join software_versions v on v.id = r.version_id) x;
           return null;
         end $fn$`,
      )
      .execute(db);
    const referencing = event === 'update' ? 'referencing old table as old_rows new table as new_rows' : `referencing ${event === 'insert' ? 'new' : 'old'} table as ${rows}`;
    await sql.raw(`create trigger software_presence_${event} after ${event} on software_installations ${referencing} for each statement execute function software_presence_on_${event}()`).execute(db);
  }

  // Title-versions re-placed (dictionary classification and re-apply): the devices that have them, under
  // the old and the new product.
  await sql`
    create function software_presence_on_versions() returns trigger language plpgsql as $fn$
    begin
      perform software_presence_refresh(array_agg(x.device_id), array_agg(x.product_id))
      from (
        select distinct i.device_id, p.product_id
        from new_rows n join old_rows o on o.id = n.id
        join software_installations i on i.version_id = n.id
        cross join lateral (values (coalesce(o.effective_product_id, o.product_id)), (coalesce(n.effective_product_id, n.product_id))) as p(product_id)
        where coalesce(o.effective_product_id, o.product_id) is distinct from coalesce(n.effective_product_id, n.product_id)
           or o.ignored is distinct from n.ignored
      ) x;
      return null;
    end $fn$`.execute(db);
  await sql`
    create trigger software_presence_versions after update on software_versions
    referencing old table as old_rows new table as new_rows for each statement execute function software_presence_on_versions()`.execute(db);

  // Tracked: licensable or licensed. Entering builds the product's presence, leaving drops it.
  await sql`
    create function software_tracked_sync() returns trigger language plpgsql as $fn$
    begin
      new.tracked := new.licensable or exists (select 1 from licences l where l.product_id = new.id);
      return new;
    end $fn$`.execute(db);
  await sql`create trigger software_tracked_sync before update of licensable on software_products for each row execute function software_tracked_sync()`.execute(db);
  await sql`
    create function software_tracked_changed() returns trigger language plpgsql as $fn$
    begin
      if new.tracked then
        perform software_presence_refresh(array_agg(x.device_id), array_agg(x.product_id))
        from (select distinct i.device_id, new.id as product_id
              from software_versions v join software_installations i on i.version_id = v.id
              where coalesce(v.effective_product_id, v.product_id) = new.id) x;
      else
        delete from software_presence where product_id = new.id;
        delete from software_set_counts where product_id = new.id;
      end if;
      return null;
    end $fn$`.execute(db);
  await sql`
    create trigger software_tracked_changed after update on software_products
    for each row when (old.tracked is distinct from new.tracked) execute function software_tracked_changed()`.execute(db);
  await sql`
    create function licences_track_product() returns trigger language plpgsql as $fn$
    begin
      update software_products p set tracked = p.licensable or exists (select 1 from licences l where l.product_id = p.id)
      where p.id in (case when tg_op <> 'INSERT' then old.product_id end, case when tg_op <> 'DELETE' then new.product_id end)
        and p.tracked is distinct from (p.licensable or exists (select 1 from licences l where l.product_id = p.id));
      return null;
    end $fn$`.execute(db);
  await sql`create trigger licences_track_product after insert or delete or update of product_id on licences for each row execute function licences_track_product()`.execute(db);

  // Builds the presence of every tracked product from scratch: here for products tracked already (none
  // on a new database), and after bulk loads that bypass triggers (the compliance benchmark).
  await sql`
    create function software_presence_rebuild() returns void language sql as $fn$
      delete from software_presence;
      delete from software_set_counts;
      update software_products p set tracked = p.licensable or exists (select 1 from licences l where l.product_id = p.id)
      where p.tracked is distinct from (p.licensable or exists (select 1 from licences l where l.product_id = p.id));
      insert into software_presence (device_id, product_id, version_ids, first_installed_at)
      select i.device_id, p.id, array_agg(distinct i.version_id order by i.version_id), min(i.first_seen_at)
      from software_products p
      join software_versions v on coalesce(v.effective_product_id, v.product_id) = p.id and not v.ignored
      join software_installations i on i.version_id = v.id
      where p.tracked
      group by i.device_id, p.id;
      insert into software_set_counts (product_id, version_ids, delta)
      select product_id, version_ids, count(*) from software_presence group by product_id, version_ids;
    $fn$`.execute(db);
  await sql`select software_presence_rebuild()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists licences_track_product on licences`.execute(db);
  await sql`drop trigger if exists software_tracked_changed on software_products`.execute(db);
  await sql`drop trigger if exists software_tracked_sync on software_products`.execute(db);
  await sql`drop trigger if exists software_presence_versions on software_versions`.execute(db);
  for (const e of ['insert', 'delete', 'update']) await sql.raw(`drop trigger if exists software_presence_${e} on software_installations`).execute(db);
  for (const f of ['licences_track_product', 'software_tracked_changed', 'software_tracked_sync', 'software_presence_on_versions', 'software_presence_on_insert', 'software_presence_on_delete', 'software_presence_on_update']) {
    await sql.raw(`drop function if exists ${f}()`).execute(db);
  }
  await sql`drop function if exists software_presence_refresh(integer[], integer[])`.execute(db);
  await sql`drop function if exists software_presence_rebuild()`.execute(db);
  await sql`drop table if exists software_set_counts`.execute(db);
  await sql`drop table if exists software_presence`.execute(db);
  await sql`alter table software_products drop column if exists tracked`.execute(db);
}
