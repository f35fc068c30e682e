import type { ColumnType, Generated } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from '../platform/db/column-types.js';

/**
 * The asset register's own tables (migration 20261130T1500_asset_register). The columns it adds to
 * `devices` (type, source, parent_device_id, state, location_id, user_id) are typed in
 * inventory/ingest/ingest.tables.ts with the rest of the device row.
 *
 * Date columns (`date` in SQL) are read with `::text` so they stay calendar dates ("2026-11-30"), never
 * a Date shifted by the server's time zone.
 */
type CalendarDate = ColumnType<string, string, string>;

export interface AssetStatesTable {
  /** Built-ins: in_stock, in_use, in_repair, lent, retired, lost (translated by the interface). */
  code: string;
  /** Admin-added states only; built-ins are worded by the interface from their code. */
  label: string | null;
  builtin: Generated<boolean>;
  /** False for retired: such assets leave licence compliance counts. */
  counts_in_compliance: Generated<boolean>;
  position: Generated<number>;
  created_at: GeneratedTimestamp;
}

export interface LocationsTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  kind: Generated<'site' | 'building' | 'floor' | 'room' | 'other'>;
  notes: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface AssetCheckoutsTable {
  id: Generated<number>;
  device_id: number;
  user_id: number | null;
  checked_out_at: Timestamp;
  due_on: CalendarDate | null;
  checked_out_by: number | null;
  checked_in_at: Timestamp | null;
  checked_in_by: number | null;
  notes: string | null;
}

export interface AssetFinanceTable {
  device_id: number;
  purchase_date: CalendarDate | null;
  order_number: string | null;
  invoice_number: string | null;
  supplier: string | null;
  cost: number | null;
  currency: string | null;
  warranty_start: CalendarDate | null;
  warranty_months: number | null;
  depreciation_method: Generated<'none' | 'linear'>;
  depreciation_months: number | null;
  updated_at: GeneratedTimestamp;
}

export interface MaintenanceContractsTable {
  id: Generated<number>;
  name: string;
  number: string | null;
  supplier: string | null;
  starts_on: CalendarDate | null;
  ends_on: CalendarDate | null;
  cost: number | null;
  currency: string | null;
  notice_days: Generated<number>;
  notes: string | null;
  created_by: number | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface ContractDevicesTable {
  contract_id: number;
  device_id: number;
}

export interface InterventionsTable {
  id: Generated<number>;
  device_id: number;
  performed_on: CalendarDate;
  performed_by: string | null;
  description: string;
  cost: number | null;
  currency: string | null;
  ticket_id: number | null;
  contract_id: number | null;
  author_id: number | null;
  created_at: GeneratedTimestamp;
}

export interface AssetAlertsTable {
  kind: 'warranty-expiring' | 'contract-expiring';
  key: string;
  sent_at: Timestamp;
}

export interface AssetTables {
  asset_states: AssetStatesTable;
  locations: LocationsTable;
  asset_checkouts: AssetCheckoutsTable;
  asset_finance: AssetFinanceTable;
  maintenance_contracts: MaintenanceContractsTable;
  contract_devices: ContractDevicesTable;
  interventions: InterventionsTable;
  asset_alerts: AssetAlertsTable;
}
