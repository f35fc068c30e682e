/**
 * How Parc's tables spread over several database machines with Citus (Postgres' distributed
 * extension), checked against the migrated schema by server/test/platform/db/distribution.test.ts and
 * described in the README (Deployment). Every table is in exactly one list, so a new table must be
 * placed here by whoever adds it.
 *
 * - distributed: grows with the fleet; sharded by device (`devices` by its id, the rest by device_id),
 *   co-located, so one device's inventory is written on one machine in one transaction. Every primary
 *   key and unique constraint includes the device column.
 * - reference: catalogues and the helpdesk's core; size follows the catalogue or the staff, not the
 *   number of devices; copied to every machine so device rows join them locally.
 * - local: stays on the coordinator (logs, sessions, queues, bookkeeping); read and written there only.
 */
export const DISTRIBUTED_BY_DEVICE: Readonly<Record<string, string>> = {
  devices: 'id',
  device_components: 'device_id',
  software_installations: 'device_id',
  software_presence: 'device_id',
  device_changes: 'device_id',
  asset_finance: 'device_id',
  asset_checkouts: 'device_id',
  interventions: 'device_id',
  contract_devices: 'device_id',
  licence_device_allocations: 'device_id',
  ticket_devices: 'device_id',
};

export const REFERENCE_TABLES: readonly string[] = [
  'software_products',
  'software_versions',
  'software_rules',
  'asset_states',
  'locations',
  'users',
  'groups',
  'group_members',
  'ticket_categories',
  'calendars',
  'sla_policies',
  'assignment_rules',
  'maintenance_contracts',
  'licences',
  'tickets',
  'problem_details',
  'change_details',
  'itil_links',
  'category_approvals',
  'category_approvers',
];

export const LOCAL_TABLES: readonly string[] = [
  'agents',
  'reconcile_conflicts',
  'enrollment_tokens',
  'enrollment_rate_windows',
  'sessions',
  'api_tokens',
  'login_failures',
  'audit_log',
  'settings',
  'periodic_jobs',
  'upload_rejections',
  'software_set_counts',
  'notification_outbox',
  'webhooks',
  'ticket_events',
  'ticket_actors',
  'ticket_tasks',
  'approval_rounds',
  'approval_approvers',
  'ticket_sla_alerts',
  'licence_user_allocations',
  'licence_alerts',
  'licence_over_deployed',
  'compliance_snapshots',
  'compliance_snapshot_days',
  'asset_alerts',
  'kysely_migration',
  'kysely_migration_lock',
];

/**
 * Foreign keys Citus cannot keep (a coordinator table pointing at device rows, a device pointing at
 * another device, which may live on another machine), as `table.column`: dropped before distributing.
 * Devices are deleted only by a merge, which re-parents the absorbed device's peripherals and rebinds
 * its agent itself, so these keys are a safety net on one Postgres (a past conflict record may then
 * name a device that is gone), not something a query relies on.
 */
/**
 * Unique indexes of distributed tables that span devices, so Citus cannot enforce them per shard: dropped
 * before distributing. Under Citus, asset tags are then kept unique by the service's check alone
 * (inventory/devices/asset-uniqueness.ts), which two simultaneous registrations of one tag can both pass;
 * on one Postgres the index closes that race.
 */
export const UNIQUE_INDEXES_DROPPED_UNDER_CITUS: readonly string[] = ['devices_asset_tag_key'];

export const KEYS_DROPPED_UNDER_CITUS: readonly string[] = ['devices.parent_device_id', 'agents.device_id', 'reconcile_conflicts.chosen_device_id'];

/**
 * The statements that distribute an up-to-date Parc schema on a Citus coordinator (run once, by hand,
 * after the workers are added and before the servers start; see the README). Reference tables first:
 * distributed tables' foreign keys point at them.
 */
export function citusStatements(constraintOf: (tableDotColumn: string) => string): string[] {
  return [
    ...KEYS_DROPPED_UNDER_CITUS.map((tc) => `alter table ${tc.split('.')[0]} drop constraint ${constraintOf(tc)};`),
    ...UNIQUE_INDEXES_DROPPED_UNDER_CITUS.map((i) => `drop index ${i};`),
    ...REFERENCE_TABLES.map((t) => `select create_reference_table('${t}');`),
    `select create_distributed_table('devices', 'id');`,
    ...Object.entries(DISTRIBUTED_BY_DEVICE)
      .filter(([t]) => t !== 'devices')
      .map(([t, c]) => `select create_distributed_table('${t}', '${c}', colocate_with => 'devices');`),
  ];
}
