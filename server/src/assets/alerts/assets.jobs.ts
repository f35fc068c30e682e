import { systemClock, type Clock } from '@parc/shared';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/log.js';
import { startPeriodic, type RoundGate, type RunningPeriodic } from '../../platform/periodic.js';
import { backfillPeripheralsOnce } from '../../inventory/ingest/peripheral-backfill.js';
import { runAssetAlerts, type EnqueueNotices } from './asset-alerts.service.js';

export interface AssetJobsOptions {
  db: Db;
  config: Config;
  log: Logger;
  clock?: Clock;
  /** The notification outbox's enqueueNotices (helpdesk/notifications/outbox.ts). */
  enqueue: EnqueueNotices;
  /** Between runs; 15 minutes by default (end dates are days: no hurry). */
  intervalMs?: number;
  /** With several server processes: lets one of them run each round (platform/periodic.ts). */
  gate?: RoundGate;
}

/**
 * One run: the peripheral backfill if it never ran (computers inventoried before monitors and printers
 * were linked), then queue the warranty and contract alerts that are news. A failure is logged; the next
 * round retries.
 */
export async function runAssetJobsOnce(opts: AssetJobsOptions): Promise<{ alerts: number }> {
  const { db, config, log } = opts;
  try {
    const linked = await backfillPeripheralsOnce(db, opts.clock ?? systemClock);
    if (linked) log.info(linked, 'assets: peripherals of computers inventoried earlier linked from their stored monitors and printers');
  } catch (err) {
    log.error({ err }, 'assets: linking the peripherals of computers inventoried earlier failed; it runs again at the next round (nothing half-done stays: each page is one transaction)');
  }
  try {
    const sent = await runAssetAlerts(db, { now: (opts.clock ?? systemClock).now(), warrantyDays: config.PARC_WARRANTY_ALERT_DAYS, email: Boolean(config.PARC_SMTP_URL), enqueue: opts.enqueue });
    for (const a of sent) log.info({ event: a.type, key: a.key }, `asset alert queued: ${a.summary}`);
    return { alerts: sent.length };
  } catch (err) {
    log.error({ err }, 'assets: warranty and contract alerts failed; they run again at the next round');
    return { alerts: 0 };
  }
}

export type RunningAssetJobs = RunningPeriodic;

export function startAssetJobs(opts: AssetJobsOptions): RunningAssetJobs {
  return startPeriodic(() => runAssetJobsOnce(opts), { firstDelayMs: 15_000, intervalMs: opts.intervalMs ?? 15 * 60_000, gate: opts.gate });
}
