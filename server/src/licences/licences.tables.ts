import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns: written as `YYYY-MM-DD`; read them with `::text` (drivers turn a bare date into a local-midnight Date). */
type CalendarDate = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface LicencesTable {
  id: Generated<number>;
  product_id: number;
  version_from: string | null;
  version_to: string | null;
  metric: 'device' | 'user' | 'site';
  quantity: number | null;
  starts_on: CalendarDate | null;
  expires_on: CalendarDate | null;
  /** numeric(14,4): read with `::float8`. */
  unit_cost: ColumnType<string | number, number | null, number | null> | null;
  currency: string | null;
  vendor: string | null;
  reference: string | null;
  notes: string | null;
  created_by: number | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface LicenceDeviceAllocationsTable {
  licence_id: number;
  device_id: number;
}

export interface LicenceUserAllocationsTable {
  licence_id: number;
  username: string;
}

export interface ComplianceSnapshotsTable {
  day: CalendarDate;
  product_id: number;
  product: string;
  publisher: string | null;
  /** The whole compliance item of that day (shared complianceItemSchema). */
  item: Json<unknown>;
  installed: number;
  owned: number | null;
  shortfall: number;
  status: string;
  taken_at: Timestamp;
}

export interface ComplianceSnapshotDaysTable {
  day: CalendarDate;
  taken_at: Timestamp;
  products: number;
}

export interface LicenceAlertsTable {
  kind: 'expiring' | 'over-deployed';
  key: string;
  sent_at: Timestamp;
}

export interface LicenceOverDeployedTable {
  product_id: number;
  since: Timestamp;
}

export interface LicenceTables {
  licences: LicencesTable;
  licence_device_allocations: LicenceDeviceAllocationsTable;
  licence_user_allocations: LicenceUserAllocationsTable;
  compliance_snapshots: ComplianceSnapshotsTable;
  compliance_snapshot_days: ComplianceSnapshotDaysTable;
  licence_alerts: LicenceAlertsTable;
  licence_over_deployed: LicenceOverDeployedTable;
}
