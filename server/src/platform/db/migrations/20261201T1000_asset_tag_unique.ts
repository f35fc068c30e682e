import { sql, type Kysely } from 'kysely';

/*
 * Asset tags become unique in the database, with the service's rule (inventory/devices/asset-uniqueness.ts):
 * compared trimmed and case-folded, blank tags not counted. Until now only the service checked, so two
 * registrations at the same moment could both pass and older data may hold duplicates.
 *
 * Duplicates are resolved first, losing nothing: in each group of devices sharing a tag, the device
 * registered first (lowest id) keeps it, since its label is the one most likely stuck on the hardware and
 * printed in purchase records. Every other device of the group loses the tag from asset_tag, and its notes
 * get one line saying which tag it carried and which device kept it, with a history line
 * (code `asset-tag-duplicate-removed`) on that device: an admin finds them in the history and the notes
 * and gives each its own tag. Nothing is deleted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    with tagged as (
      select id, hostname, asset_tag, notes,
             first_value(id) over (partition by lower(btrim(asset_tag)) order by id) as keeper_id
      from devices
      where btrim(asset_tag) <> ''),
    losers as (
      select t.id, t.asset_tag, t.notes, t.keeper_id, k.hostname as keeper_hostname
      from tagged t join devices k on k.id = t.keeper_id
      where t.id <> t.keeper_id),
    history as (
      insert into device_changes (device_id, at, section, kind, item, old_value, new_value, code, params)
      select id, now(), 'device', 'changed', 'asset tag', asset_tag, null, 'asset-tag-duplicate-removed',
             jsonb_build_object('tag', asset_tag, 'keptById', keeper_id, 'keptBy', keeper_hostname)
      from losers)
    update devices d
    set asset_tag = null,
        notes = concat_ws(E'\n', nullif(l.notes, ''),
                          format('Asset tag "%s" removed when asset tags became unique: device %s (%s) had it first. Give this asset a tag of its own.',
                                 l.asset_tag, l.keeper_id, l.keeper_hostname)),
        updated_at = now()
    from losers l
    where d.id = l.id`.execute(db);
  // Replaces the plain lookup index on lower(asset_tag): the service's lookups use this expression.
  await sql`drop index if exists devices_asset_tag_idx`.execute(db);
  await sql`create unique index devices_asset_tag_key on devices (lower(btrim(asset_tag))) where btrim(asset_tag) <> ''`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists devices_asset_tag_key`.execute(db);
  await sql`create index devices_asset_tag_idx on devices (lower(asset_tag))`.execute(db);
}
