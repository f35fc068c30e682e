/**
 * How many server processes `npm start` runs, and how long the primary waits before restarting a
 * worker that crashed. Pure: main.ts does the forking.
 */

/**
 * Cluster workers to fork, or 1 for no cluster. On the embedded database always 1 (one process holds
 * its data folder); on Postgres PARC_WORKERS when set, else one per core.
 */
export function workerCount(opts: { postgres: boolean; requested: number | undefined; cores: number }): number {
  if (!opts.postgres) return 1;
  return Math.max(1, opts.requested ?? opts.cores);
}

/** Crashes closer together than this count as one streak; a worker that lived longer resets it. */
export const STABLE_AFTER_MS = 60_000;

/**
 * Wait before forking a replacement for a worker that died: 1 s after the first crash of a streak,
 * doubling with each further one, at most 30 s, so a worker that dies at start-up (database down,
 * bad configuration) does not spin.
 */
export function restartDelayMs(crashesInStreak: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, crashesInStreak - 1));
}
