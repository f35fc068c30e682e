import type { Json, GeneratedTimestamp } from '../db/column-types.js';

/**
 * One JSON document per key; each feature reads and writes only its own key (`legacy-inventory`,
 * `helpdesk`). Written through platform/settings/settings.repository.ts (helpdesk/settings still has
 * its own merge statement for its key, to move here).
 */
export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: GeneratedTimestamp;
}

export interface SettingsTables {
  settings: SettingsTable;
}
