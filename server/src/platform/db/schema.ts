import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NotificationTables } from '../../helpdesk/notifications/notifications.tables.js';
import type { HelpdeskTables } from '../../helpdesk/tickets/tickets.tables.js';
import type { SoftwareRuleTables } from '../../inventory/software/software-rules.tables.js';
import type { LicenceTables } from '../../licences/licences.tables.js';

/** Timestamps: read as Date, written as Date or ISO string, defaulted by the database where Generated. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: read as the value, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;
type GeneratedJson<T> = ColumnType<T, string | undefined, string>;

import type { Role } from '@parc/shared';
import type { Locale } from '@parc/shared/locales';

export type { Role };
export type DeviceStatus = 'active' | 'in-stock' | 'in-repair' | 'retired' | 'lost';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string | null;
  email: string | null;
  role: Role;
  password_hash: string;
  disabled: Generated<boolean>;
  /** The interface language the user chose; null: the browser's. */
  locale: Locale | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

export interface EnrollmentTokensTable {
  id: Generated<number>;
  token_hash: string;
  prefix: string;
  description: string | null;
  created_by: number | null;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
  use_count: Generated<number>;
}

export interface AgentsTable {
  id: string;
  key_hash: string;
  device_id: number | null;
  enrollment_token_id: number | null;
  hostname: string;
  platform: string | null;
  agent_version: string | null;
  enrolled_at: GeneratedTimestamp;
  last_contact_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface DevicesTable {
  id: Generated<number>;
  type: Generated<string>;
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
  location: string | null;
  status: Generated<DeviceStatus>;
  owner: string | null;
  asset_tag: string | null;
  notes: string | null;
  updated_at: GeneratedTimestamp;
}

export interface DeviceComponentsTable {
  device_id: number;
  kind: string;
  key: string;
  data: Json<Record<string, unknown>>;
  first_seen_at: GeneratedTimestamp;
}

export interface SoftwareProductsTable {
  id: Generated<number>;
  name: string;
  publisher: string | null;
  name_key: string;
  publisher_key: string;
  created_at: GeneratedTimestamp;
  licensable: Generated<boolean>;
  category: string | null;
  rule_category: string | null;
}

export interface SoftwareVersionsTable {
  id: Generated<number>;
  product_id: number;
  version: string;
  effective_product_id: number | null;
  ignored: Generated<boolean>;
  rule_id: number | null;
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
}

export interface ReconcileConflictsTable {
  id: Generated<number>;
  at: GeneratedTimestamp;
  agent_id: string | null;
  hostname: string | null;
  identity: Json<Record<string, unknown>>;
  chosen_device_id: number | null;
  candidate_ids: number[];
  rule: string;
  reason: string;
  resolved_at: Timestamp | null;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: GeneratedTimestamp;
}

/** The whole database, assembled from each feature's tables. */
export interface Database extends HelpdeskTables, NotificationTables, SoftwareRuleTables, LicenceTables {
  users: UsersTable;
  sessions: SessionsTable;
  enrollment_tokens: EnrollmentTokensTable;
  agents: AgentsTable;
  devices: DevicesTable;
  device_components: DeviceComponentsTable;
  software_products: SoftwareProductsTable;
  software_versions: SoftwareVersionsTable;
  software_installations: SoftwareInstallationsTable;
  device_changes: DeviceChangesTable;
  reconcile_conflicts: ReconcileConflictsTable;
  settings: SettingsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Device = Selectable<DevicesTable>;
export type DeviceUpdate = Updateable<DevicesTable>;
