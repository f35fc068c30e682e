import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * Materialised presence of tracked products (migration 20261130T1020_software_presence), written only by
 * database triggers: which title-versions of a product each device has, and how many devices have each
 * exact set (append-only +1/-1 deltas, summed on read).
 */
export interface SoftwarePresenceTable {
  device_id: number;
  product_id: number;
  version_ids: number[];
  first_installed_at: Timestamp;
  /** The device's primary user, parc_primary_user(owner, last_user, id) (migration 20261130T1130). */
  who: string;
}

export interface SoftwareSetCountsTable {
  product_id: number;
  version_ids: number[];
  delta: number;
}

export interface SoftwarePresenceTables {
  software_presence: SoftwarePresenceTable;
  software_set_counts: SoftwareSetCountsTable;
}
