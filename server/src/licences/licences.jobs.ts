import { systemClock, type Clock } from '@parc/shared';
import type { Config } from '../platform/config.js';
import type { Db } from '../platform/db/database.js';
import type { Logger } from '../platform/log.js';
import { startPeriodic, type RoundGate, type RunningPeriodic } from '../platform/periodic.js';
import { compactSetCounts } from '../inventory/software/presence.repository.js';
import { runLicenceAlerts } from './alerts.service.js';
import { takeSnapshot } from './history.service.js';

export interface LicenceJobsOptions {
  db: Db;
  config: Config;
  log: Logger;
  clock?: Clock;
  /** Between runs; 5 minutes by default. */
  intervalMs?: number;
  /** With several server processes: lets one of them run each round (platform/periodic.ts). */
  gate?: RoundGate;
}

/**
 * One run of the licences background work: fold the installation set counts, take today's compliance
 * snapshot if nobody has, and send the licence alerts that are news. Each part is idempotent and
 * independent: one failing is logged and the others still run.
 */
export async function runLicenceJobsOnce(opts: LicenceJobsOptions) {
  const { db, config, log } = opts;
  const now = (opts.clock ?? systemClock).now();
  const ctx = { now, staleDays: config.PARC_STALE_DAYS };
  const out = { compacted: 0, snapshot: false, alerts: 0 };
  const step = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      log.error({ err }, `licences: ${what} failed; it runs again at the next round (every few minutes)`);
    }
  };
  await step('folding the installation set counts', async () => {
    out.compacted = await compactSetCounts(db);
  });
  await step("taking today's compliance snapshot", async () => {
    out.snapshot = await takeSnapshot(db, ctx);
  });
  await step('licence alerts', async () => {
    const sent = await runLicenceAlerts(db, { ...ctx, expiryDays: config.PARC_LICENCE_EXPIRY_DAYS, email: Boolean(config.PARC_SMTP_URL) });
    out.alerts = sent.length;
    for (const a of sent) log.info({ event: a.type, key: a.key }, `licence alert queued: ${a.summary}`);
  });
  return out;
}

export type RunningLicenceJobs = RunningPeriodic;

export function startLicenceJobs(opts: LicenceJobsOptions): RunningLicenceJobs {
  return startPeriodic(() => runLicenceJobsOnce(opts), { firstDelayMs: 10_000, intervalMs: opts.intervalMs ?? 5 * 60_000, gate: opts.gate });
}
