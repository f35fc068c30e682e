import type { Db } from '../../platform/db/database.js';
import type { PriorityMatrix } from '../itil/priority.js';
import { DEFAULT_HELPDESK_SETTINGS, fieldSchemas, type HelpdeskSettings, type PutHelpdeskSettingsBody } from './helpdesk-settings.schemas.js';
import { loadStored, mergeStored } from './helpdesk-settings.repository.js';

/** Stored values over the defaults, field by field, so a field never set (or hand-broken) falls back alone. */
export function settingsFrom(stored: unknown): HelpdeskSettings {
  const obj = stored !== null && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const matrix = fieldSchemas.priorityMatrix.safeParse(obj.priorityMatrix);
  const autoClose = fieldSchemas.autoCloseDays.safeParse(obj.autoCloseDays);
  const changes = fieldSchemas.deviceChangesDays.safeParse(obj.deviceChangesDays);
  return {
    priorityMatrix: matrix.success ? (matrix.data as PriorityMatrix) : DEFAULT_HELPDESK_SETTINGS.priorityMatrix,
    autoCloseDays: autoClose.success ? autoClose.data : DEFAULT_HELPDESK_SETTINGS.autoCloseDays,
    deviceChangesDays: changes.success ? changes.data : DEFAULT_HELPDESK_SETTINGS.deviceChangesDays,
  };
}

/** The helpdesk settings in force (defaults: GLPI's priority matrix, auto-close after 7 days, 14 days of device changes). */
export async function getHelpdeskSettings(db: Db): Promise<HelpdeskSettings> {
  return settingsFrom(await loadStored(db));
}

export async function putHelpdeskSettings(db: Db, body: PutHelpdeskSettingsBody): Promise<HelpdeskSettings> {
  await mergeStored(db, body);
  return getHelpdeskSettings(db);
}
