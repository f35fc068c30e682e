import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { ComponentSection } from './components.js';
import { resolveVersionIds } from '../software/software.repository.js';
import type { DeviceWrite } from './device-write.js';
import type { ChangeSet, DeviceFacts, HistoryEntry, StoredDevice, StoredInstallation } from './diff.js';
import type { AssetIdentityFields, DevicePeopleFields, ManualDeviceRow } from './ingest.tables.js';
import type { StoredIdentity } from './reconcile.js';
import type { DeviceHistoryLine, PeripheralBatchEntry, ReportedPeripheral, StoredPeripheral } from './peripherals.js';

// Bulk writes pass whole columns as arrays and unnest them: one statement, a fixed number of bound
// parameters whatever the row count (Postgres caps a statement at 65,535 parameters).
const textArr = (v: (string | null)[]) => sql`${v}::text[]`;
const intArr = (v: number[]) => sql`${v}::int[]`;

/**
 * Serialises uploads that share any identifier, until the transaction ends. Locked in key order, so two
 * uploads taking overlapping keys never deadlock.
 */
export async function lockIdentities(db: Db, keys: string[]): Promise<void> {
  await sql`
    select pg_advisory_xact_lock(h)
    from (select distinct hashtext(k) as h from unnest(${textArr(keys)}) as k order by h) as keys`.execute(db);
}

/**
 * The unchanged upload in one statement: the device bound to the agent gets last-seen (and free space),
 * the agent its last contact, when the device is a computer the agent reported, its name is the same and
 * every carried section hashes as stored, and no other computer shares its agent id, serial, UUID or a
 * MAC. That last condition is what makes skipping `reconcile` exact: with no other candidate, reconcile
 * would pick this device by agent id and report no conflict. Returns the device's id, or undefined when
 * any condition fails (the caller then takes the full path, which decides everything).
 */
export async function touchUnchangedDevice(
  db: Db,
  v: { agentId: string; hostname: string; hashes: Record<string, string>; now: Date; agentVersion: string | undefined; volumeUsage: string | undefined },
): Promise<number | undefined> {
  const volume = v.volumeUsage === undefined ? sql`` : sql`, volume_usage = ${v.volumeUsage}`;
  const agentVersion = v.agentVersion === undefined ? sql`` : sql`, agent_version = ${v.agentVersion}`;
  const { rows } = await sql<{ id: number }>`
    with d as (
      update devices d
      set match_rule = 'agent-id', matched_at = ${v.now}, last_seen_at = ${v.now}, agent_version = ${v.agentVersion ?? null}${volume}
      where d.id = (select id from devices where agent_id = ${v.agentId} and type = 'computer' order by last_seen_at desc, id limit 1)
        and d.source <> 'manual' and d.hostname = ${v.hostname} and d.section_hashes @> ${JSON.stringify(v.hashes)}::jsonb
        and not exists (
          select 1 from devices o
          where o.id <> d.id and o.type = 'computer'
            and (o.agent_id = d.agent_id
                 or (d.serial is not null and lower(o.serial) = lower(d.serial))
                 or (d.uuid is not null and o.uuid = d.uuid)
                 or (cardinality(d.macs) > 0 and o.macs && d.macs)))
      returning d.id),
    a as (
      update agents set device_id = d.id, last_contact_at = ${v.now}${agentVersion}
      from d where agents.id = ${v.agentId}
      returning agents.id)
    select id from d`.execute(db);
  return rows[0]?.id;
}

export async function findCandidates(
  db: Db,
  id: { agentId?: string | undefined; serial?: string | undefined; uuid?: string | undefined; macs: string[]; hostname?: string | undefined },
): Promise<StoredIdentity[]> {
  const short = id.hostname?.toLowerCase().split('.')[0];
  // The bound agent's revoked state comes in the same statement: the trust rule needs it per candidate.
  const rows = await db
    .selectFrom('devices')
    .leftJoin('agents', 'agents.id', 'devices.agent_id')
    .select(['devices.id', 'devices.agent_id', 'serial', 'uuid', 'macs', 'devices.hostname', 'last_seen_at', 'devices.type', 'devices.source'])
    .select((eb) => eb.and([eb('agents.id', 'is not', null), eb('agents.revoked_at', 'is', null)]).as('agent_active'))
    .where((eb) =>
      eb.or([
        ...(id.agentId ? [eb('devices.agent_id', '=', id.agentId)] : []),
        ...(id.serial ? [eb(eb.fn('lower', ['serial']), '=', id.serial.toLowerCase())] : []),
        ...(id.uuid ? [eb('uuid', '=', id.uuid)] : []),
        ...(id.macs.length > 0 ? [sql<boolean>`macs && ${textArr(id.macs)}`] : []),
        ...(short ? [sql<boolean>`split_part(lower(devices.hostname), '.', 1) = ${short}`] : []),
      ]),
    )
    .where('devices.type', '=', 'computer')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    agentId: r.agent_id,
    serial: r.serial,
    uuid: r.uuid,
    macs: r.macs,
    hostname: r.hostname,
    lastSeenAt: new Date(r.last_seen_at),
    agentActive: r.agent_active === true,
    type: r.type,
    source: r.source,
  }));
}

export async function loadDeviceHeader(db: Db, deviceId: number) {
  return db
    .selectFrom('devices')
    .select([
      'id', 'hostname', 'manufacturer', 'model', 'raw_serial', 'chassis_type', 'memory_bytes', 'inventory_asset_tag', 'bios_vendor',
      'bios_version', 'bios_date', 'os_platform', 'os_name', 'os_version', 'os_build', 'os_arch', 'os_kernel',
      'os_install_date', 'section_hashes', 'raw_uuid', 'source', 'serial',
    ])
    .where('id', '=', deviceId)
    .forUpdate()
    .executeTakeFirst();
}

export type DeviceHeader = NonNullable<Awaited<ReturnType<typeof loadDeviceHeader>>>;

export function headerFacts(h: DeviceHeader): DeviceFacts {
  return {
    hostname: h.hostname,
    manufacturer: h.manufacturer,
    model: h.model,
    serial_raw: h.raw_serial,
    uuid_raw: h.raw_uuid,
    chassis_type: h.chassis_type,
    memory_bytes: h.memory_bytes === null ? null : Number(h.memory_bytes),
    inventory_asset_tag: h.inventory_asset_tag,
    bios_vendor: h.bios_vendor,
    bios_version: h.bios_version,
    bios_date: h.bios_date,
    os_platform: h.os_platform,
    os_name: h.os_name,
    os_version: h.os_version,
    os_build: h.os_build,
    os_arch: h.os_arch,
    os_kernel: h.os_kernel,
    os_install_date: h.os_install_date,
  };
}

export async function loadStoredDevice(db: Db, h: DeviceHeader, wantSoftware: boolean, kinds: ComponentSection[]): Promise<StoredDevice> {
  const components =
    kinds.length === 0
      ? []
      : await db
          .selectFrom('device_components')
          .select(['kind', 'key', 'data'])
          .where('device_id', '=', h.id)
          .where('kind', 'in', kinds)
          .execute();
  const software: StoredInstallation[] = wantSoftware
    ? await db
        .selectFrom('software_installations as i')
        .innerJoin('software_versions as v', 'v.id', 'i.version_id')
        .innerJoin('software_products as p', 'p.id', 'v.product_id')
        .select(['i.version_id as versionId', 'p.name_key as nameKey', 'p.publisher_key as publisherKey', 'p.name', 'v.version', 'i.arch', 'i.source', 'i.install_date as installDate'])
        .where('i.device_id', '=', h.id)
        .execute()
    : [];
  return {
    facts: headerFacts(h),
    components: components.map((c) => ({ kind: c.kind as ComponentSection, key: c.key, data: c.data })),
    software,
  };
}

/**
 * The apply step: writes what the diff decided, and nothing else. The device row first (a new one is
 * inserted whole; an existing one is already locked by loadDeviceHeader), then its children set-based.
 * Returns the device's id and how many software versions were new to the catalogue.
 */
export async function applyDeviceWrite(db: Db, write: DeviceWrite, at: Date): Promise<{ id: number; createdVersions: number }> {
  let id: number;
  if (write.status === 'created') {
    id = (await db.insertInto('devices').values(write.columns).returning('id').executeTakeFirstOrThrow()).id;
  } else {
    id = write.deviceId;
    await db.updateTable('devices').set(write.columns).where('id', '=', id).execute();
  }
  if (write.status === 'unchanged') return { id, createdVersions: 0 };
  const createdVersions = await applyChangeSet(db, id, write.changeSet, at);
  await insertHistory(db, id, write.history, at);
  return { id, createdVersions };
}

/** Returns how many software versions were new to the catalogue. */
async function applyChangeSet(db: Db, deviceId: number, cs: ChangeSet, at: Date): Promise<number> {
  let createdVersions = 0;
  const { software, components } = cs;
  if (software.remove.length > 0) {
    await sql`
      delete from software_installations i
      using unnest(${intArr(software.remove.map((r) => r.versionId))}, ${textArr(software.remove.map((r) => r.arch))},
                   ${textArr(software.remove.map((r) => r.source))}) as k(vid, arch, source)
      where i.device_id = ${deviceId} and i.version_id = k.vid and i.arch = k.arch and i.source = k.source`.execute(db);
  }
  if (software.add.length > 0) {
    const { ids: versionIds, created } = await resolveVersionIds(db, software.add);
    createdVersions = created;
    await sql`
      insert into software_installations (device_id, version_id, arch, source, package_id, install_date, first_seen_at)
      select ${deviceId}, vid, arch, source, package_id, install_date, ${at}
      from unnest(${intArr(versionIds)}, ${textArr(software.add.map((r) => r.arch))}, ${textArr(software.add.map((r) => r.source))},
                  ${textArr(software.add.map((r) => r.packageId))}, ${textArr(software.add.map((r) => r.installDate))})
           as k(vid, arch, source, package_id, install_date)
      on conflict do nothing`.execute(db);
  }
  if (software.redate.length > 0) {
    await sql`
      update software_installations i set install_date = k.install_date
      from unnest(${intArr(software.redate.map((r) => r.versionId))}, ${textArr(software.redate.map((r) => r.arch))},
                  ${textArr(software.redate.map((r) => r.source))}, ${textArr(software.redate.map((r) => r.installDate))}) as k(vid, arch, source, install_date)
      where i.device_id = ${deviceId} and i.version_id = k.vid and i.arch = k.arch and i.source = k.source`.execute(db);
  }
  if (components.remove.length > 0) {
    await sql`
      delete from device_components c
      using unnest(${textArr(components.remove.map((r) => r.kind))}, ${textArr(components.remove.map((r) => r.key))}) as k(kind, key)
      where c.device_id = ${deviceId} and c.kind = k.kind and c.key = k.key`.execute(db);
  }
  if (components.upsert.length > 0) {
    await sql`
      insert into device_components (device_id, kind, key, data, first_seen_at)
      select ${deviceId}, kind, key, data::jsonb, ${at}
      from unnest(${textArr(components.upsert.map((r) => r.kind))}, ${textArr(components.upsert.map((r) => r.key))},
                  ${textArr(components.upsert.map((r) => JSON.stringify(r.data)))}) as k(kind, key, data)
      on conflict (device_id, kind, key) do update set data = excluded.data`.execute(db);
  }
  return createdVersions;
}

/** Appends history lines to one device (one statement). */
export async function insertHistory(db: Db, deviceId: number, history: HistoryEntry[], at: Date) {
  if (history.length === 0) return;
  await sql`
    insert into device_changes (device_id, at, section, kind, item, old_value, new_value, code, params)
    select ${deviceId}, ${at}, section, kind, item, old_value, new_value, code, params::jsonb
    from unnest(${textArr(history.map((h) => h.section))}, ${textArr(history.map((h) => h.kind))}, ${textArr(history.map((h) => h.item))},
                ${textArr(history.map((h) => h.old))}, ${textArr(history.map((h) => h.new))},
                ${textArr(history.map((h) => h.code ?? null))}, ${textArr(history.map((h) => (h.params ? JSON.stringify(h.params) : null)))})
         as k(section, kind, item, old_value, new_value, code, params)`.execute(db);
}

/**
 * The columns people own (PATCH /devices/:id), written here because ingest owns the devices table
 * (see ingest.tables.ts). Returns undefined when there is no such device.
 */
export function setPeopleFields(db: Db, id: number, fields: DevicePeopleFields, now: Date) {
  return db.updateTable('devices').set({ ...fields, updated_at: now }).where('id', '=', id).returning('id').executeTakeFirst();
}

/** An asset a person registers (POST /devices): a manual record, matched later by an agent's serial (reconcile.ts). */
export async function insertManualDevice(db: Db, row: ManualDeviceRow, at: Date): Promise<number> {
  const inserted = await db
    .insertInto('devices')
    .values({ ...row, source: 'manual', match_rule: 'manual', matched_at: at, first_seen_at: at, last_seen_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/**
 * The identity of a manual or discovered asset (name, type, manufacturer, model, serial), which people
 * edit; an agent's inventory owns these on the computers it reports, so the caller refuses those.
 */
export function setAssetIdentity(db: Db, id: number, fields: AssetIdentityFields, now: Date) {
  return db.updateTable('devices').set({ ...fields, updated_at: now }).where('id', '=', id).returning('id').executeTakeFirst();
}

/** The devices an admin merges or reassigns, locked in id order (two admins never deadlock). */
export function lockDevicesById(db: Db, ids: number[]) {
  return db
    .selectFrom('devices')
    .select(['id', 'hostname', 'agent_id', 'last_seen_at'])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** The bound agents of these devices, read before locking so the identity locks can be taken first. */
export async function deviceAgentIds(db: Db, ids: number[]): Promise<string[]> {
  const rows = await db.selectFrom('devices').select('agent_id').where('id', 'in', ids).execute();
  return rows.flatMap((r) => (r.agent_id ? [r.agent_id] : []));
}

/**
 * Merges `absorbedId` into `keptId`: its change history moves over (one statement), a history line
 * records the merge, the kept device takes `agentId` and forgets its section hashes (the bound agent's
 * next upload is then diffed in full against what the kept device holds, so the history shows what
 * changed), and the absorbed device is deleted with what is left of it (components, software). Ticket
 * links and licence allocations are moved before this by their features. Returns the moved history rows.
 */
export async function mergeDeviceRecords(
  db: Db,
  m: { keptId: number; absorbedId: number; absorbedHostname: string; agentId: string | null; lastSeenAt: Date; at: Date },
): Promise<number> {
  // Copied then deleted rather than updated: the device id is the key a distributed database (Citus)
  // places rows by, and it cannot change in place. The lines keep their ids, so the order stays.
  const moved = await sql`
    insert into device_changes (id, device_id, at, section, kind, item, old_value, new_value, code, params)
    select id, ${m.keptId}, at, section, kind, item, old_value, new_value, code, params from device_changes where device_id = ${m.absorbedId}`.execute(db);
  await db.deleteFrom('device_changes').where('device_id', '=', m.absorbedId).execute();
  await insertHistory(db, m.keptId, [{ section: 'device', kind: 'changed', item: 'merged', old: `device ${m.absorbedId} (${m.absorbedHostname})`, new: null }], m.at);
  await db
    .updateTable('devices')
    .set({ agent_id: m.agentId, section_hashes: JSON.stringify({}), last_seen_at: m.lastSeenAt, updated_at: m.at })
    .where('id', '=', m.keptId)
    .execute();
  // Its peripherals (monitors it reported) stay attached to the machine, now the kept record.
  await db.updateTable('devices').set({ parent_device_id: m.keptId, updated_at: m.at }).where('parent_device_id', '=', m.absorbedId).execute();
  await db.deleteFrom('devices').where('id', '=', m.absorbedId).execute();
  return Number(moved.numAffectedRows ?? 0);
}

/**
 * Binds a device to an agent (or to none). Any other device bound to that agent is unbound, so the
 * agent's id names one device; returns those devices' ids.
 */
export async function setDeviceAgent(db: Db, deviceId: number, agentId: string | null, at: Date): Promise<number[]> {
  const unbound =
    agentId === null
      ? []
      : await db.updateTable('devices').set({ agent_id: null, updated_at: at }).where('agent_id', '=', agentId).where('id', '<>', deviceId).returning('id').execute();
  await db.updateTable('devices').set({ agent_id: agentId, updated_at: at }).where('id', '=', deviceId).execute();
  return unbound.map((r) => r.id).sort((a, b) => a - b);
}

/**
 * The assets stored under the reported (type, serial) keys, wherever they are attached, and the assets of
 * these types with a serial attached to one of `computerIds` now (one statement; serials compared as
 * stored, cleaned upper-case, through the lower(serial) index).
 */
export async function loadPeripherals(db: Db, computerIds: readonly number[], reported: readonly ReportedPeripheral[], types: readonly string[]): Promise<StoredPeripheral[]> {
  const rows = await sql<{ id: number; type: string; serial: string; hostname: string; parent_id: number | null; parent_hostname: string | null }>`
    select d.id, d.type, d.serial, d.hostname, p.id as parent_id, p.hostname as parent_hostname
    from devices d left join devices p on p.id = d.parent_device_id
    where d.serial is not null and (
      (d.type, lower(d.serial)) in (select t, s from unnest(${textArr(reported.map((r) => r.type))}, ${textArr(reported.map((r) => r.serial.toLowerCase()))}) as k(t, s))
      or (d.parent_device_id = any(${intArr([...computerIds])}) and d.type = any(${textArr([...types])})))
    order by d.id
    for update of d`.execute(db);
  return rows.rows.map((r) => ({ id: r.id, type: r.type, serial: r.serial, hostname: r.hostname, parent: r.parent_id === null ? null : { id: r.parent_id, hostname: r.parent_hostname ?? '' } }));
}

/**
 * Writes the peripheral decisions of one or more computers: new assets in one insert, every parent change
 * in one update, then the history lines (`history` built once the new ids are known, given in the order of
 * the batch's `create` decisions). Returns the new ids.
 */
export async function applyPeripherals(
  db: Db,
  batch: readonly PeripheralBatchEntry[],
  history: (createdIds: number[]) => DeviceHistoryLine[],
  at: Date,
): Promise<number[]> {
  const created = batch.flatMap((b) => b.decisions.flatMap((d) => (d.kind === 'create' ? [{ ...d.peripheral, parent: b.computer.id }] : [])));
  let ids: number[] = [];
  if (created.length > 0) {
    // ordinality keeps the returned ids in the order of `created`.
    const rows = await sql<{ id: number; n: number }>`
      with k as (select * from unnest(${textArr(created.map((p) => p.type))}, ${textArr(created.map((p) => p.name))}, ${textArr(created.map((p) => p.serial))},
                                      ${textArr(created.map((p) => p.manufacturer))}, ${textArr(created.map((p) => p.model))}, ${intArr(created.map((p) => p.parent))})
                 with ordinality as k(type, name, serial, manufacturer, model, parent, n)),
      ins as (
        insert into devices (type, source, parent_device_id, hostname, serial, raw_serial, manufacturer, model, match_rule, matched_at, first_seen_at, last_seen_at, updated_at)
        select type, 'discovered', parent, name, serial, serial, manufacturer, model, 'discovered', ${at}, ${at}, ${at}, ${at} from k order by n
        returning id, type, serial)
      select ins.id, k.n::int as n from ins join k on k.type = ins.type and k.serial = ins.serial order by k.n`.execute(db);
    ids = rows.rows.map((r) => r.id);
  }
  const moves = batch.flatMap((b) =>
    b.decisions.flatMap((d): { id: number; parent: number | null }[] => (d.kind === 'link' || d.kind === 'move' ? [{ id: d.id, parent: b.computer.id }] : d.kind === 'detach' ? [{ id: d.id, parent: null }] : [])),
  );
  if (moves.length > 0) {
    await sql`
      update devices d set parent_device_id = k.parent, updated_at = ${at}
      from unnest(${intArr(moves.map((m) => m.id))}, ${sql`${moves.map((m) => m.parent)}::int[]`}) as k(id, parent)
      where d.id = k.id`.execute(db);
  }
  await insertHistoryLines(db, history(ids), at);
  return ids;
}

/** One page of the backfill: computers with stored peripheral components, most recently seen first. */
export interface BackfillCursor {
  lastSeenAt: Date;
  id: number;
}

/**
 * Up to `limit` computers after `after` (most recently seen first) that hold components of these kinds,
 * with those components' data (two statements).
 */
export async function loadPeripheralComponents(db: Db, kinds: readonly string[], after: BackfillCursor | null, limit: number) {
  const computers = await db
    .selectFrom('devices as d')
    .select(['d.id', 'd.hostname', 'd.last_seen_at'])
    .where('d.type', '=', 'computer')
    .where(({ exists, selectFrom }) => exists(selectFrom('device_components as c').select('c.device_id').whereRef('c.device_id', '=', 'd.id').where('c.kind', 'in', [...kinds])))
    .$if(after !== null, (q) => q.where(sql<boolean>`(d.last_seen_at, d.id) < (${after!.lastSeenAt}, ${after!.id})`))
    .orderBy('d.last_seen_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
  if (computers.length === 0) return { computers: [], components: [] };
  const components = await db
    .selectFrom('device_components')
    .select(['device_id', 'kind', 'data'])
    .where('device_id', 'in', computers.map((c) => c.id))
    .where('kind', 'in', [...kinds])
    .orderBy('device_id')
    .orderBy('kind')
    .orderBy('key')
    .execute();
  return { computers: computers.map((c) => ({ id: c.id, hostname: c.hostname, lastSeenAt: c.last_seen_at })), components };
}

/** History lines on several devices (one statement). */
async function insertHistoryLines(db: Db, lines: DeviceHistoryLine[], at: Date) {
  if (lines.length === 0) return;
  const h = lines.map((l) => l.entry);
  await sql`
    insert into device_changes (device_id, at, section, kind, item, old_value, new_value, code, params)
    select device_id, ${at}, section, kind, item, old_value, new_value, code, params::jsonb
    from unnest(${intArr(lines.map((l) => l.deviceId))}, ${textArr(h.map((e) => e.section))}, ${textArr(h.map((e) => e.kind))}, ${textArr(h.map((e) => e.item))},
                ${textArr(h.map((e) => e.old))}, ${textArr(h.map((e) => e.new))},
                ${textArr(h.map((e) => e.code ?? null))}, ${textArr(h.map((e) => (e.params ? JSON.stringify(e.params) : null)))})
         as k(device_id, section, kind, item, old_value, new_value, code, params)`.execute(db);
}
