import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './20261128T1000_initial.js';

/** Imported statically so a bundled server needs no migrations folder at run time. Never edit a landed one. */
const migrations: Record<string, Migration> = {
  '20261128T1000_initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
