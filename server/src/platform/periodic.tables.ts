import type { Timestamp } from './db/column-types.js';

/** One row per periodic job: when its next round is due, and which process claimed the last one. */
export interface PeriodicJobsTable {
  name: string;
  next_run_at: Timestamp;
  claimed_by: string;
  claimed_at: Timestamp;
}

export interface PeriodicTables {
  periodic_jobs: PeriodicJobsTable;
}
