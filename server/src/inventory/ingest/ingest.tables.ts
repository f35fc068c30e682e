import type { ColumnType, Generated, Selectable, Updateable } from 'kysely';
import type { GeneratedJson, GeneratedTimestamp, Json, Timestamp } from '../../platform/db/column-types.js';

/**
 * A device and what was found on it: the row, its components, its software installations and its
 * change history. Ingest owns these tables: only inventory/ingest/ingest.repository.ts writes them.
 * Ingest creates every row and writes every column the inventory reports; the five columns people own
 * (location, status, owner, asset_tag, notes) are set by PATCH /devices/:id, which the devices feature
 * serves by calling ingest.repository's setPeopleFields, and ingest never writes them. Ownership sits
 * with ingest rather than devices because devices already reads ingest (cleanMac): the other way round
 * would close an import cycle.
 */

export type DeviceStatus = 'active' | 'in-stock' | 'in-repair' | 'retired' | 'lost';

/** Asset types (devices.type); computers are what agents inventory, the rest people register or agents report as peripherals. */
export type AssetType = 'computer' | 'monitor' | 'printer' | 'phone' | 'network' | 'peripheral' | 'other';
/** Where an asset came from: an agent's inventory, a person (API, form, CSV import), or a peripheral an agent reported. */
export type AssetSource = 'agent' | 'manual' | 'discovered';

export interface DevicesTable {
  id: Generated<number>;
  type: Generated<AssetType>;
  source: Generated<AssetSource>;
  /** The computer a peripheral is attached to (from the agent's report, or set by a person). */
  parent_device_id: number | null;
  agent_id: string | null;
  hostname: string;
  serial: string | null;
  uuid: string | null;
  macs: Generated<string[]>;
  ipv4: Generated<string[]>;
  raw_serial: string | null;
  raw_uuid: string | null;
  manufacturer: string | null;
  model: string | null;
  chassis_type: string | null;
  memory_bytes: number | null;
  inventory_asset_tag: string | null;
  bios_vendor: string | null;
  bios_version: string | null;
  bios_date: string | null;
  os_platform: string | null;
  os_name: string | null;
  os_version: string | null;
  os_build: string | null;
  os_arch: string | null;
  os_kernel: string | null;
  os_install_date: string | null;
  last_user: string | null;
  agent_version: string | null;
  match_rule: string;
  matched_at: Timestamp;
  section_hashes: GeneratedJson<Record<string, string>>;
  volume_usage: GeneratedJson<Record<string, number>>;
  first_seen_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  last_inventory_at: Timestamp | null;
  // Owned by people (PATCH /devices/:id): inventory never writes these.
  owner: string | null;
  asset_tag: string | null;
  notes: string | null;
  /** asset_states.code; 'retired' (and any state not counting in compliance) leaves licence counts. */
  state: Generated<string>;
  location_id: number | null;
  /** The person the asset is assigned to. */
  user_id: number | null;
  updated_at: GeneratedTimestamp;
}

export interface DeviceComponentsTable {
  device_id: number;
  kind: string;
  key: string;
  data: Json<Record<string, unknown>>;
  first_seen_at: GeneratedTimestamp;
}

export interface SoftwareInstallationsTable {
  device_id: number;
  version_id: number;
  arch: string;
  source: string;
  package_id: string | null;
  install_date: string | null;
  first_seen_at: GeneratedTimestamp;
}

export interface DeviceChangesTable {
  id: Generated<string>;
  device_id: number;
  at: Timestamp;
  section: string;
  kind: 'added' | 'removed' | 'changed';
  item: string;
  old_value: string | null;
  new_value: string | null;
  /** What happened as a code the interface words (`first-inventory`); null for plain diffs. */
  code: Generated<string | null>;
  params: ColumnType<Record<string, string | number> | null, string | null | undefined, string | null>;
}

export interface IngestTables {
  devices: DevicesTable;
  device_components: DeviceComponentsTable;
  software_installations: SoftwareInstallationsTable;
  device_changes: DeviceChangesTable;
}

export type Device = Selectable<DevicesTable>;
export type DeviceUpdate = Updateable<DevicesTable>;

/** The columns people own on a device; the only ones PATCH /devices/:id writes. */
/** What people set on an asset they register by hand (the rest of the row is defaults). */
export type ManualDeviceRow = Pick<DeviceUpdate, 'manufacturer' | 'model' | 'serial' | 'raw_serial' | 'asset_tag' | 'notes' | 'state' | 'location_id' | 'user_id' | 'parent_device_id'> & {
  type: AssetType;
  hostname: string;
};

/** The identity people edit on manual and discovered assets (hostname is the asset's name). */
export type AssetIdentityFields = Partial<Pick<DeviceUpdate, 'hostname' | 'type' | 'manufacturer' | 'model' | 'serial' | 'raw_serial'>>;
export type DevicePeopleFields = Partial<Pick<DeviceUpdate, 'owner' | 'asset_tag' | 'notes' | 'state' | 'location_id' | 'user_id'>>;
