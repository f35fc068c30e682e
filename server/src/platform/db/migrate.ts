import { Migrator } from 'kysely';
import type { Db } from './database.js';
import { migrationProvider } from './migrations/index.js';

/**
 * Brings the schema up to date; throws with the failing migration's name. `schema` names where the
 * migration bookkeeping lives: Kysely looks for its tables across all schemas unless told, which goes
 * wrong when one Postgres database holds several Parc schemas (test workers, benchmarks).
 */
export async function migrateToLatest(db: Db, schema = 'public'): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: schema });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
