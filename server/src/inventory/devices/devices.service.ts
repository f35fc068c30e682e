import type { Clock } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import type { Device } from '../ingest/ingest.tables.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { indexLocations } from './location-paths.js';
import { effectiveStatus } from './device-status.js';
import { setPeopleFields } from '../ingest/ingest.repository.js';
import * as repo from './devices.repository.js';
import type { DeviceSoftwareQuery, ExportDevicesQuery, ListDevicesQuery, PatchDeviceBody } from './devices.schemas.js';
import { csvHeaders, csvStream } from '../../platform/http/csv.js';
import { EXPORT_COLUMNS, exportFilename, exportRow } from './devices-export.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

/** Names the summary shows for the register's ids: location paths and assigned people. */
export interface AssetNames {
  locationPath: ReadonlyMap<number, string>;
  userName: ReadonlyMap<number, string>;
}
const NO_NAMES: AssetNames = { locationPath: new Map(), userName: new Map() };

/** Location paths and user names for these devices, in two small queries. */
export async function assetNames(db: Db, devices: readonly Pick<Device, 'location_id' | 'user_id'>[]): Promise<AssetNames> {
  const userIds = devices.flatMap((d) => (d.user_id === null ? [] : [d.user_id]));
  const hasLocation = devices.some((d) => d.location_id !== null);
  const [locations, userName] = await Promise.all([hasLocation ? repo.allLocations(db) : [], repo.userNames(db, userIds)]);
  return { locationPath: indexLocations(locations).path, userName };
}

export function toSummary(d: Device, now: Date, staleDays: number, names: AssetNames = NO_NAMES) {
  return {
    id: d.id,
    type: d.type,
    hostname: d.hostname,
    serial: d.serial ?? d.raw_serial,
    // Firmware reported something, but the matcher rejected it as a placeholder: not a serial to trust.
    serialPlaceholder: d.serial === null && d.raw_serial !== null,
    manufacturer: d.manufacturer,
    model: d.model,
    os: { platform: d.os_platform, name: d.os_name, version: d.os_version },
    lastUser: d.last_user,
    ipv4: d.ipv4,
    status: effectiveStatus(d.status, new Date(d.last_seen_at), now, staleDays),
    location: d.location,
    owner: d.owner,
    // The tag people set wins over the one firmware reports.
    assetTag: d.asset_tag ?? d.inventory_asset_tag,
    firstSeenAt: iso(d.first_seen_at),
    lastSeenAt: iso(d.last_seen_at),
    source: d.source,
    parentDeviceId: d.parent_device_id,
    state: d.state,
    locationId: d.location_id,
    locationPath: d.location_id === null ? null : (names.locationPath.get(d.location_id) ?? null),
    userId: d.user_id,
    userName: d.user_id === null ? null : (names.userName.get(d.user_id) ?? null),
  };
}

type InstalledRow = Awaited<ReturnType<typeof repo.deviceSoftware>>[number];
const toInstalled = (s: InstalledRow) => ({
  productId: s.productId,
  name: s.name,
  publisher: s.publisher,
  version: s.version,
  arch: s.arch,
  source: s.source,
  installDate: s.install_date,
  firstSeenAt: iso(s.first_seen_at),
});

export function toChange(c: { id: string | number; at: Date | string; section: string; kind: 'added' | 'removed' | 'changed'; item: string; old_value: string | null; new_value: string | null; code: string | null; params: Record<string, string | number> | null }) {
  return { id: Number(c.id), at: iso(c.at), section: c.section, kind: c.kind, item: c.item, old: c.old_value, new: c.new_value, code: c.code, params: c.params };
}

export async function listDevices(db: Db, q: ListDevicesQuery, staleDays: number, clock: Clock) {
  await assertKnownStates(db, q.state);
  const now = clock.now();
  const { rows, total } = await repo.listDevices(db, q, now, staleDays);
  const names = await assetNames(db, rows);
  return { items: rows.map((d) => toSummary(d, now, staleDays, names)), total, limit: q.limit, offset: q.offset };
}

/** A state filter naming a state that does not exist is a mistake worth a 400, not an empty list. */
export async function assertKnownStates(db: Db, codes: readonly string[] | undefined) {
  if (!codes) return;
  const unknown = await repo.unknownStates(db, codes);
  if (unknown.length > 0) throw new ValidationError(`invalid query at "state": unknown state ${unknown.map((c) => `"${c}"`).join(', ')}`, 'state');
}

export async function getDevice(db: Db, id: number, staleDays: number, clock: Clock) {
  const d = await repo.findDevice(db, id);
  if (!d) throw new NotFoundError(`device ${id}`);
  const [components, software, changes, agent] = await Promise.all([
    repo.deviceComponents(db, id),
    repo.deviceSoftware(db, id),
    repo.deviceChanges(db, id, { limit: 200, offset: 0 }),
    repo.deviceAgent(db, d.agent_id),
  ]);
  const byKind: Record<string, Record<string, unknown>[]> = {};
  const free = d.volume_usage;
  for (const c of components) {
    const data = c.kind === 'volumes' && free[String(c.data.mount)] !== undefined ? { ...c.data, freeBytes: free[String(c.data.mount)] } : c.data;
    (byKind[c.kind] ??= []).push(data);
  }
  const names = await assetNames(db, [d]);
  return {
    ...toSummary(d, clock.now(), staleDays, names),
    uuid: d.uuid,
    macs: d.macs,
    hardware: {
      manufacturer: d.manufacturer,
      model: d.model,
      serial: d.raw_serial,
      uuid: d.raw_uuid,
      chassisType: d.chassis_type,
      memoryBytes: d.memory_bytes === null ? null : Number(d.memory_bytes),
      assetTag: d.inventory_asset_tag,
      biosVendor: d.bios_vendor,
      biosVersion: d.bios_version,
      biosDate: d.bios_date,
    },
    osDetail: {
      platform: d.os_platform,
      name: d.os_name,
      version: d.os_version,
      build: d.os_build,
      arch: d.os_arch,
      kernel: d.os_kernel,
      installDate: d.os_install_date,
    },
    components: byKind,
    software: software.map(toInstalled),
    changes: changes.rows.map(toChange),
    agent: agent ? { id: agent.id, version: agent.agent_version, lastContactAt: isoOrNull(agent.last_contact_at) } : null,
    match: { rule: d.match_rule, at: iso(d.matched_at) },
    notes: d.notes,
    lastInventoryAt: isoOrNull(d.last_inventory_at),
  };
}

export async function patchDevice(db: Db, id: number, body: PatchDeviceBody, staleDays: number, clock: Clock) {
  const { assetTag, ...rest } = body;
  const updated = await setPeopleFields(db, id, { ...rest, ...(assetTag !== undefined ? { asset_tag: assetTag } : {}) }, clock.now());
  if (!updated) throw new NotFoundError(`device ${id}`);
  return getDevice(db, id, staleDays, clock);
}

export async function listDeviceSoftware(db: Db, id: number, q: DeviceSoftwareQuery) {
  if (!(await repo.findDevice(db, id))) throw new NotFoundError(`device ${id}`);
  const { rows, total } = await repo.deviceSoftwarePage(db, id, q);
  return { items: rows.map(toInstalled), total, limit: q.limit, offset: q.offset };
}

export async function listChanges(db: Db, id: number, f: { section?: string | undefined; since?: string | undefined; limit: number; offset: number }) {
  if (!(await repo.findDevice(db, id))) throw new NotFoundError(`device ${id}`);
  const { rows, total } = await repo.deviceChanges(db, id, f);
  return { items: rows.map(toChange), total };
}

/** Rows fetched per page of the CSV export. */
export const EXPORT_PAGE = 1000;

/** The filtered list as a streamed CSV download, one page of EXPORT_PAGE rows read at a time. */
export async function exportDevices(db: Db, q: ExportDevicesQuery, staleDays: number, clock: Clock) {
  await assertKnownStates(db, q.state);
  const now = clock.now();
  const { path } = indexLocations(await repo.allLocations(db));
  let afterId = 0;
  let done = false;
  const body = csvStream(EXPORT_COLUMNS, async () => {
    if (done) return [];
    const page = await repo.exportPage(db, q, now, staleDays, afterId, EXPORT_PAGE);
    if (page.length < EXPORT_PAGE) done = true;
    if (page.length > 0) afterId = page[page.length - 1]!.id;
    return page.map((r) => exportRow(r, path));
  });
  return { body, headers: csvHeaders(exportFilename(now)) };
}
