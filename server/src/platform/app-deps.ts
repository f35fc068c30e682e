import type { Clock } from '@parc/shared';
import type { Db } from './db/database.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import type { PeerAddressResolver } from './http/client-address.js';

/** What every feature's routes are given: the database, the validated configuration and the logger. */
export interface AppDeps {
  db: Db;
  config: Config;
  log: Logger;
  /** Where features read the time; absent means systemClock (tests pass a manualClock). */
  clock?: Clock;
  /** How the socket peer's address is read; absent means the Node socket (tests pass their own). */
  peerAddress?: PeerAddressResolver;
}

/** The server's version, reported by /healthz, the OpenAPI document and the start-up banner. */
export const VERSION = '0.1.0';
