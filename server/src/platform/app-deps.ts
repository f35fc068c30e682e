import type { Clock } from '@parc/shared';
import type { Db } from './db/database.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';

/** What every feature's routes are given: the database, the validated configuration and the logger. */
export interface AppDeps {
  db: Db;
  config: Config;
  log: Logger;
  /** Where routes read the time; the system clock when absent (tests pass a manualClock). */
  clock?: Clock;
}

/** The server's version, reported by /healthz, the OpenAPI document and the start-up banner. */
export const VERSION = '0.1.0';
