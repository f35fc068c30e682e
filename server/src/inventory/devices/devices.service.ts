import type { Clock } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import type { Device } from '../ingest/ingest.tables.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { csvHeaders, csvStream } from '../../platform/http/csv.js';
import { EXPORT_COLUMNS, exportFilename, exportRow } from './devices-export.js';
import { recordAudit } from '../../platform/audit/audit.repository.js';
import { withRetry } from '../../platform/db/transaction-retry.js';
import { cleanSerial } from '../ingest/identity-blacklist.js';
import type { AssetIdentityFields } from '../ingest/ingest.tables.js';
import { assertUniqueAsset, withUniqueAssetTag } from './asset-uniqueness.js';
import { isStale } from './device-status.js';
import { setAssetIdentity, setPeopleFields } from '../ingest/ingest.repository.js';
import * as repo from './devices.repository.js';

import type { AuditActor } from '../../platform/audit/audit.repository.js';
import type { DeviceSoftwareQuery, ExportDevicesQuery, ListDevicesQuery, PatchDeviceBody } from './devices.schemas.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

type Linked = { id: number; hostname: string; type: Device['type'] };

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

export function toSummary(d: repo.DeviceRow, now: Date, staleDays: number, paths: ReadonlyMap<number, string>, parent?: Linked) {
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
    // Only what an agent reports can go stale: a registered or discovered asset reports nothing itself.
    stale: d.source === 'agent' && isStale(d.state, new Date(d.last_seen_at), now, staleDays),
    locationId: d.location_id,
    location: d.location_id === null ? null : (paths.get(d.location_id) ?? null),
    user: d.user_id === null || !d.user_username ? null : { id: d.user_id, username: d.user_username, displayName: d.user_display_name ?? null },
    owner: d.owner,
    // The tag people set wins over the one firmware reports.
    assetTag: d.asset_tag ?? d.inventory_asset_tag,
    firstSeenAt: iso(d.first_seen_at),
    lastSeenAt: iso(d.last_seen_at),
    source: d.source,
    parentDevice: parent ? { id: parent.id, hostname: parent.hostname, type: parent.type } : null,
  };
}

/** The computers the listed devices are attached to, by id: one query for a page. */
async function parentsOf(db: Db, devices: Device[]): Promise<Map<number, Linked>> {
  const ids = devices.flatMap((d) => (d.parent_device_id === null ? [] : [d.parent_device_id]));
  return new Map((await repo.linkedDevices(db, ids)).map((p) => [p.id, p]));
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
  await assertKnownStates(db, q.state);
  const now = clock.now();
  const [{ rows, total }, paths] = await Promise.all([repo.listDevices(db, q, now, staleDays), placement.locationPaths(db)]);
  const parents = await parentsOf(db, rows);
  return { items: rows.map((d) => toSummary(d, now, staleDays, paths, parents.get(d.parent_device_id ?? 0))), total, limit: q.limit, offset: q.offset };
}

export async function getDevice(db: Db, id: number, staleDays: number, clock: Clock, placement: DevicePlacement) {
  const d = await repo.findDevice(db, id);
  if (!d) throw new NotFoundError(`device ${id}`);
  const [components, software, changes, agent, parents, peripherals, paths] = await Promise.all([
    repo.deviceComponents(db, id),
    repo.deviceSoftware(db, id),
    repo.deviceChanges(db, id, { limit: 200, offset: 0 }),
    repo.deviceAgent(db, d.agent_id),
    parentsOf(db, [d]),
    repo.devicePeripherals(db, id),
    placement.locationPaths(db),
  ]);
  const byKind: Record<string, Record<string, unknown>[]> = {};
  const free = d.volume_usage;
  for (const c of components) {
    const data = c.kind === 'volumes' && free[String(c.data.mount)] !== undefined ? { ...c.data, freeBytes: free[String(c.data.mount)] } : c.data;
    (byKind[c.kind] ??= []).push(data);
  }
  return {
    ...toSummary(d, clock.now(), staleDays, paths, parents.get(d.parent_device_id ?? 0)),
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
    peripherals,
  };
}

/**
 * People's edits. The people-owned fields go on any device (state, location and assigned user through the
 * register's placement writer: validated, with history lines); the identity (name, type, manufacturer,
 * model, serial) only on manual and discovered assets, since an agent's next inventory would overwrite it
 * on the computers it reports (409 says so). Audited (`device.updated`) in the same transaction.
 */
export async function patchDevice(db: Db, id: number, body: PatchDeviceBody, staleDays: number, clock: Clock, actor: AuditActor, placement: DevicePlacement) {
  const { assetTag, name, type, manufacturer, model, serial, state, locationId, userId, ...text } = body;
  const identity: AssetIdentityFields = {
    ...(name !== undefined ? { hostname: name } : {}),
    ...(type !== undefined ? { type } : {}),
    ...(manufacturer !== undefined ? { manufacturer: blankToNull(manufacturer) } : {}),
    ...(model !== undefined ? { model: blankToNull(model) } : {}),
    ...(serial !== undefined ? { serial: cleanSerial(serial) ?? null, raw_serial: blankToNull(serial) } : {}),
  };
  await withUniqueAssetTag(db, { assetTag, exceptId: id }, () => withRetry(() =>
    db.transaction().execute(async (tx) => {
      const d = await repo.findDevice(tx, id);
      if (!d) throw new NotFoundError(`device ${id}`);
      if (Object.keys(identity).length > 0 && d.source === 'agent') {
        throw new ConflictError(
          `device ${id} is reported by an agent: its ${Object.keys(body).filter((k) => IDENTITY_KEYS.has(k)).join(', ')} come from its inventory and cannot be edited`,
          Object.keys(body).find((k) => IDENTITY_KEYS.has(k)),
        );
      }
      if (type !== undefined && type !== 'computer' && d.type === 'computer' && (await repo.devicePeripherals(tx, id)).length > 0) {
        throw new ConflictError(`device ${id} has peripherals attached: detach them before it stops being a computer`, 'type');
      }
      if (serial !== undefined || type !== undefined || assetTag !== undefined) {
        await assertUniqueAsset(tx, { type: type ?? d.type, serial: serial !== undefined ? serial : d.raw_serial, assetTag: assetTag ?? null, exceptId: id });
      }
      const now = clock.now();
      await placement.apply(tx, id, { state, locationId, userId }, actor, now);
      const fields = { ...text, ...(assetTag !== undefined ? { asset_tag: assetTag } : {}) };
      if (Object.keys(fields).length > 0) await setPeopleFields(tx, id, fields, now);
      if (Object.keys(identity).length > 0) await setAssetIdentity(tx, id, identity, now);
      await recordAudit(tx, { actor, action: 'device.updated', target: { type: 'device', id, label: name ?? d.hostname }, detail: { fields: Object.keys(body) }, at: now });
    }),
  ));
  return getDevice(db, id, staleDays, clock, placement);
}

const IDENTITY_KEYS: ReadonlySet<string> = new Set(['name', 'type', 'manufacturer', 'model', 'serial']);
const blankToNull = (v: string | null) => (v === null || v.trim() === '' ? null : v.trim());

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

/** A state filter naming a state that does not exist is a mistake worth a 400, not an empty list. */
export async function assertKnownStates(db: Db, codes: readonly string[] | undefined) {
  if (!codes) return;
  const unknown = await repo.unknownStates(db, codes);
  if (unknown.length > 0) throw new ValidationError(`invalid query at "state": unknown state ${unknown.map((c) => `"${c}"`).join(', ')}`, 'state');
}

/** Rows fetched per page of the CSV export. */
export const EXPORT_PAGE = 1000;

/** The filtered list as a streamed CSV download, one page of EXPORT_PAGE rows read at a time. */
export async function exportDevices(db: Db, q: ExportDevicesQuery, staleDays: number, clock: Clock, placement: DevicePlacement) {
  await assertKnownStates(db, q.state);
  const now = clock.now();
  const path = await placement.locationPaths(db);
  let after: repo.ExportCursor | null = null;
  let done = false;
  const body = csvStream(EXPORT_COLUMNS, async () => {
    if (done) return [];
    const page = await repo.exportPage(db, q, now, staleDays, after, EXPORT_PAGE);
    if (page.length < EXPORT_PAGE) done = true;
    const last = page.at(-1);
    if (last) after = { key: last.sort_key, id: last.id };
    return page.map((r) => exportRow(r, path));
  });
  return { body, headers: csvHeaders(exportFilename(now)) };
}
