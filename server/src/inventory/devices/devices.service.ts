import type { Clock } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { isStale } from './device-status.js';
import { setPeopleFields } from '../ingest/ingest.repository.js';
import * as repo from './devices.repository.js';
import { inTransaction } from '../../platform/db/in-transaction.js';
import type { AuditActor } from '../../platform/audit/audit.repository.js';
import type { DeviceSoftwareQuery, ListDevicesQuery, PatchDeviceBody } from './devices.schemas.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

/**
 * What the asset register (assets/) provides the device pages: location paths and the one writer of
 * state, location and assigned user. Injected by app.ts, since inventory does not import assets.
 */
export interface DevicePlacement {
  /** Every location's full path by id ("Paris / HQ"). */
  locationPaths(db: Db): Promise<ReadonlyMap<number, string>>;
  /** Validates (400 naming the field), writes, records history lines and audits; in the caller's transaction. */
  apply(db: Db, deviceId: number, patch: { state?: string | undefined; locationId?: number | null | undefined; userId?: number | null | undefined }, actor: AuditActor, now: Date): Promise<unknown>;
}

export function toSummary(d: repo.DeviceRow, now: Date, staleDays: number, paths: ReadonlyMap<number, string>) {
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
    state: d.state,
    stateLabel: d.state_label ?? null,
    stale: isStale(d.state, new Date(d.last_seen_at), now, staleDays),
    locationId: d.location_id,
    location: d.location_id === null ? null : (paths.get(d.location_id) ?? null),
    user: d.user_id === null || !d.user_username ? null : { id: d.user_id, username: d.user_username, displayName: d.user_display_name ?? null },
    owner: d.owner,
    // The tag people set wins over the one firmware reports.
    assetTag: d.asset_tag ?? d.inventory_asset_tag,
    firstSeenAt: iso(d.first_seen_at),
    lastSeenAt: iso(d.last_seen_at),
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

export async function listDevices(db: Db, q: ListDevicesQuery, staleDays: number, clock: Clock, placement: DevicePlacement) {
  const now = clock.now();
  const [{ rows, total }, paths] = await Promise.all([repo.listDevices(db, q, now, staleDays), placement.locationPaths(db)]);
  return { items: rows.map((d) => toSummary(d, now, staleDays, paths)), total, limit: q.limit, offset: q.offset };
}

export async function getDevice(db: Db, id: number, staleDays: number, clock: Clock, placement: DevicePlacement) {
  const d = await repo.findDevice(db, id);
  if (!d) throw new NotFoundError(`device ${id}`);
  const [components, software, changes, agent, paths] = await Promise.all([
    repo.deviceComponents(db, id),
    repo.deviceSoftware(db, id),
    repo.deviceChanges(db, id, { limit: 200, offset: 0 }),
    repo.deviceAgent(db, d.agent_id),
    placement.locationPaths(db),
  ]);
  const byKind: Record<string, Record<string, unknown>[]> = {};
  const free = d.volume_usage;
  for (const c of components) {
    const data = c.kind === 'volumes' && free[String(c.data.mount)] !== undefined ? { ...c.data, freeBytes: free[String(c.data.mount)] } : c.data;
    (byKind[c.kind] ??= []).push(data);
  }
  return {
    ...toSummary(d, clock.now(), staleDays, paths),
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

/** Text fields people own, then state, location and assigned user (validated, with history lines, audited). */
export async function patchDevice(db: Db, id: number, body: PatchDeviceBody, staleDays: number, clock: Clock, actor: AuditActor, placement: DevicePlacement) {
  const { assetTag, state, locationId, userId, ...text } = body;
  const now = clock.now();
  await inTransaction(db, async (tx) => {
    await placement.apply(tx, id, { state, locationId, userId }, actor, now);
    const fields = { ...text, ...(assetTag !== undefined ? { asset_tag: assetTag } : {}) };
    if (Object.keys(fields).length && !(await setPeopleFields(tx, id, fields, now))) throw new NotFoundError(`device ${id}`);
  });
  return getDevice(db, id, staleDays, clock, placement);
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
