import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './20261128T1000_initial.js';
import * as helpdesk from './20261128T1200_helpdesk.js';

/** Imported statically so a bundled server needs no migrations folder at run time. Never edit a landed one. */
const migrations: Record<string, Migration> = {
  '20261128T1000_initial': initial,
  '20261128T1200_helpdesk': helpdesk,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
