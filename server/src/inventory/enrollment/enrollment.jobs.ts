import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/log.js';
import { pruneRateWindows } from './enrollment-rate.js';
import { deleteUnusedAgents } from './enrollment.repository.js';

/**
 * Periodic clean-up (main.ts runs it with the other maintenance): enrollments that never sent an
 * inventory within PARC_UNUSED_ENROLLMENT_HOURS are deleted, and ended rate-limit windows dropped.
 * Two statements, whatever the number of rows.
 */
export async function cleanUpEnrollments(
  db: Db,
  config: Pick<Config, 'PARC_UNUSED_ENROLLMENT_HOURS' | 'PARC_ENROLL_WINDOW_SECONDS'>,
  now: Date,
  log?: Logger,
): Promise<{ deletedAgents: number; prunedWindows: number }> {
  const cutoff = new Date(now.getTime() - config.PARC_UNUSED_ENROLLMENT_HOURS * 3_600_000);
  const deletedAgents = await deleteUnusedAgents(db, cutoff);
  const prunedWindows = await pruneRateWindows(db, now, config.PARC_ENROLL_WINDOW_SECONDS);
  if (deletedAgents) {
    log?.info({ deletedAgents, olderThanHours: config.PARC_UNUSED_ENROLLMENT_HOURS }, 'deleted enrollments that never sent an inventory; those machines must enroll again');
  }
  return { deletedAgents, prunedWindows };
}
