import { sql, type Kysely } from 'kysely';

/*
 * Per-user licences count people: each presence row carries its device's primary user (the owner, else
 * the last user, case-folded; a device with neither stands for itself), kept current by a trigger on the
 * device, so counting distinct users reads the presence index only, never the devices.
 * parc_primary_user is the one definition of that key (SQL and the licences queries use it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function parc_primary_user(owner text, last_user text, device_id integer) returns text
    language sql immutable as $fn$ select lower(coalesce(nullif(owner, ''), nullif(last_user, ''), '#device:' || device_id)) $fn$`.execute(db);

  await sql`alter table software_presence add column who text`.execute(db);
  await sql`update software_presence s set who = parc_primary_user(d.owner, d.last_user, d.id) from devices d where d.id = s.device_id`.execute(db);
  await sql`update software_presence set who = parc_primary_user(null, null, device_id) where who is null`.execute(db);
  await sql`alter table software_presence alter column who set not null`.execute(db);
  await sql`alter table software_presence drop constraint software_presence_pkey`.execute(db);
  await sql`alter table software_presence add primary key (product_id, device_id) include (version_ids, who)`.execute(db);

  await createFunctions(db, true);

  await sql`
    create function software_presence_people() returns trigger language plpgsql as $fn$
    begin
      update software_presence set who = parc_primary_user(new.owner, new.last_user, new.id)
      where device_id = new.id and who is distinct from parc_primary_user(new.owner, new.last_user, new.id);
      return null;
    end $fn$`.execute(db);
  await sql`
    create trigger software_presence_people after update of owner, last_user on devices for each row
    when (old.owner is distinct from new.owner or old.last_user is distinct from new.last_user)
    execute function software_presence_people()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists software_presence_people on devices`.execute(db);
  await sql`drop function if exists software_presence_people()`.execute(db);
  await sql`alter table software_presence drop constraint software_presence_pkey`.execute(db);
  await sql`alter table software_presence add primary key (product_id, device_id) include (version_ids)`.execute(db);
  await createFunctions(db, false);
  await sql`alter table software_presence drop column who`.execute(db);
  await sql`drop function if exists parc_primary_user(text, text, integer)`.execute(db);
}

/** The refresh and rebuild functions of 20261130T1020, with (`up`) or without (`down`) the primary user. */
async function createFunctions(db: Kysely<any>, withWho: boolean) {
  const col = withWho ? ', who' : '';
  const whoOf = (id: string) => (withWho ? `, parc_primary_user(d.owner, d.last_user, ${id})` : '');
  const join = (id: string) => (withWho ? `left join devices d on d.id = ${id}` : '');
  await sql
    .raw(
      `create or replace function software_presence_refresh(pair_devices integer[], pair_products integer[]) returns void
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
          insert into software_presence (device_id, product_id, version_ids, first_installed_at${col})
          select ch.device_id, ch.product_id, ch.new_ids, ch.first_installed_at${whoOf('ch.device_id')}
          from changes ch ${join('ch.device_id')}
          where ch.new_ids is not null
          on conflict (product_id, device_id) do update
            set version_ids = excluded.version_ids, first_installed_at = excluded.first_installed_at${withWho ? ', who = excluded.who' : ''}
        )
        insert into software_set_counts (product_id, version_ids, delta)
        select product_id, old_ids, -1 from changes where old_ids is not null and old_ids is distinct from new_ids
        union all
        select product_id, new_ids, 1 from changes where new_ids is not null and old_ids is distinct from new_ids
      $fn$`,
    )
    .execute(db);
  await sql
    .raw(
      `create or replace function software_presence_rebuild() returns void language sql as $fn$
        delete from software_presence;
        delete from software_set_counts;
        update software_products p set tracked = p.licensable or exists (select 1 from licences l where l.product_id = p.id)
        where p.tracked is distinct from (p.licensable or exists (select 1 from licences l where l.product_id = p.id));
        insert into software_presence (device_id, product_id, version_ids, first_installed_at${col})
        select x.device_id, x.product_id, x.version_ids, x.first_installed_at${whoOf('x.device_id')}
        from (
          select i.device_id, p.id as product_id, array_agg(distinct i.version_id order by i.version_id) as version_ids, min(i.first_seen_at) as first_installed_at
          from software_products p
          join software_versions v on coalesce(v.effective_product_id, v.product_id) = p.id and not v.ignored
          join software_installations i on i.version_id = v.id
          where p.tracked
          group by i.device_id, p.id
        ) x ${join('x.device_id')};
        insert into software_set_counts (product_id, version_ids, delta)
        select product_id, version_ids, count(*) from software_presence group by product_id, version_ids;
      $fn$`,
    )
    .execute(db);
}
