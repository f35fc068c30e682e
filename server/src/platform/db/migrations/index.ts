import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './20261128T1000_initial.js';
import * as helpdesk from './20261128T1200_helpdesk.js';
import * as helpdeskAdmin from './20261128T1300_helpdesk_admin.js';
import * as slaAlerts from './20261128T1310_sla_alerts.js';
import * as repairEditedMigrations from './20261130T0900_repair_edited_migrations.js';
import * as softwareCatalogue from './20261130T1000_software_catalogue.js';
import * as licences from './20261130T1010_licences.js';
import * as softwarePresence from './20261130T1020_software_presence.js';
import * as userLocale from './20261130T1100_user_locale.js';
import * as presencePeople from './20261130T1130_presence_people.js';
import * as auditLog from './20261130T1400_audit_log.js';
import * as conflictResolution from './20261130T1410_conflict_resolution.js';
import * as agentControl from './20261130T1420_agent_control.js';
import * as apiTokensLoginFailures from './20261130T1430_api_tokens_login_failures.js';
import * as home from './20261130T1450_home.js';
import * as deviceChangeCodes from './20261130T1460_device_change_codes.js';
import * as assetRegister from './20261130T1500_asset_register.js';
import * as locationsTree from './20261130T1510_locations_tree.js';
import * as assetTagUnique from './20261201T1000_asset_tag_unique.js';
import * as deviceKeyedTables from './20261201T1200_device_keyed_tables.js';
import * as problemsChanges from './20261201T1300_problems_changes.js';
import * as approvals from './20261201T1400_approvals.js';
import * as listSortIndexes from './20261201T1500_list_sort_indexes.js';

/** Imported statically so a bundled server needs no migrations folder at run time. Never edit a landed one. */
const migrations: Record<string, Migration> = {
  '20261128T1000_initial': initial,
  '20261128T1200_helpdesk': helpdesk,
  '20261128T1300_helpdesk_admin': helpdeskAdmin,
  '20261128T1310_sla_alerts': slaAlerts,
  '20261130T0900_repair_edited_migrations': repairEditedMigrations,
  '20261130T1000_software_catalogue': softwareCatalogue,
  '20261130T1010_licences': licences,
  '20261130T1020_software_presence': softwarePresence,
  '20261130T1100_user_locale': userLocale,
  '20261130T1130_presence_people': presencePeople,
  '20261130T1400_audit_log': auditLog,
  '20261130T1410_conflict_resolution': conflictResolution,
  '20261130T1420_agent_control': agentControl,
  '20261130T1430_api_tokens_login_failures': apiTokensLoginFailures,
  '20261130T1450_home': home,
  '20261130T1460_device_change_codes': deviceChangeCodes,
  '20261130T1500_asset_register': assetRegister,
  '20261130T1510_locations_tree': locationsTree,
  '20261201T1000_asset_tag_unique': assetTagUnique,
  '20261201T1200_device_keyed_tables': deviceKeyedTables,
  '20261201T1300_problems_changes': problemsChanges,
  '20261201T1400_approvals': approvals,
  '20261201T1500_list_sort_indexes': listSortIndexes,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
