import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { serve } from '@hono/node-server';
import { createApp, VERSION } from './app.js';
import { deleteExpiredSessions } from './platform/auth/users.repository.js';
import { ensureFirstAdmin } from './platform/auth/users.service.js';
import { restartDelayMs, STABLE_AFTER_MS, workerCount } from './platform/cluster.js';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { openDatabase, type Db } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { createEnrollmentToken } from './inventory/enrollment/enrollment.service.js';
import { cleanUpEnrollments } from './inventory/enrollment/enrollment.jobs.js';
import { createLogger } from './platform/log.js';
import { processHolder, roundGate, startPeriodic } from './platform/periodic.js';
import { startNotificationDispatcher } from './helpdesk/notifications/dispatcher.js';
import { startSlaWatch } from './helpdesk/sla/sla-watch.js';
import { autoCloseSolved } from './helpdesk/tickets/tickets.service.js';
import { startLicenceJobs } from './licences/licences.jobs.js';
import { startAssetJobs } from './assets/alerts/assets.jobs.js';
import { enqueueNotices } from './helpdesk/notifications/outbox.js';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`parc: ${err.message}`);
    process.exit(2);
  }
  throw err;
}

const log = createLogger(config.PARC_LOG_LEVEL);

/** What the first start created, shown once in the banner. */
interface FirstStart {
  admin: Awaited<ReturnType<typeof ensureFirstAdmin>>;
  token: string | undefined;
}

/** A message a cluster worker sends the primary once it accepts connections. */
interface ListeningMessage {
  parc: 'listening';
  port: number;
}

/** Opens the database and brings its schema up to date, or exits saying what to fix. */
async function openAndMigrate(): Promise<{ db: Db; where: string }> {
  const { db, where } = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PARC_DATA_DIR }).catch((err: unknown) => {
    log.fatal({ err }, 'cannot open the database: check DATABASE_URL, or that PARC_DATA_DIR is writable');
    process.exit(1);
  });
  try {
    const applied = await migrateToLatest(db);
    log.info({ database: where, applied }, 'database ready');
  } catch (err) {
    log.fatal({ err }, 'database migration failed: the schema was left as it was; fix the cause and start again');
    await db.destroy();
    process.exit(1);
  }
  return { db, where };
}

/** First start: an admin and an enrollment token, shown once. */
async function firstStart(db: Db): Promise<FirstStart> {
  const admin = await ensureFirstAdmin(db, config.PARC_ADMIN_PASSWORD);
  const token = admin ? (await createEnrollmentToken(db, { description: 'created at first start', createdBy: null })).token : undefined;
  return { admin, token };
}

function printBanner(port: number, where: string, first: FirstStart) {
  const url = config.PARC_PUBLIC_URL ?? `http://localhost:${port}`;
  console.log(`\nParc ${VERSION} is running at ${url}  (database: ${where})`);
  console.log(`API reference: ${url}/api/docs`);
  const { admin, token } = first;
  if (admin) {
    console.log(`\nFirst start: created user "${admin.username}" with password ${admin.generated ? `${admin.password}  (generated: note it now, it is not shown again)` : 'from PARC_ADMIN_PASSWORD'}`);
  }
  if (token) {
    console.log(`Enrollment token for agents: ${token}`);
    console.log(`  enroll a machine:  npm run agent -- enroll --server ${url} --token ${token}`);
  }
  console.log('');
}

/**
 * One server process: HTTP and the background jobs. Alone it prints the banner itself; as a cluster
 * worker it tells the primary (which made the first admin), and the primary prints it once for all.
 */
async function runServer() {
  const { db, where } = await openAndMigrate();
  const shown = cluster.isWorker ? undefined : await firstStart(db);
  const app = createApp({ db, config, log });
  // Background work. Several processes may share the database: each job's round is claimed in it
  // (periodic_jobs), so one process runs it; the dispatcher claims rows with SKIP LOCKED instead, so
  // every process delivers, never the same notification twice.
  const holder = processHolder();
  const gate = (name: string, intervalMs: number) => roundGate(db, name, intervalMs, holder);
  const notifications = startNotificationDispatcher({ db, config, log, intervalMs: 5_000 });
  const slaWatch = startSlaWatch({ db, config, log, intervalMs: 60_000, gate: gate('sla-watch', 60_000) });
  // Licences: daily compliance snapshot, expiry and over-deployment alerts, folding the set counts.
  const licenceJobs = startLicenceJobs({ db, config, log, gate: gate('licences', 5 * 60_000) });
  // Assets: warranty and maintenance contract alerts.
  const assetJobs = startAssetJobs({ db, config, log, enqueue: enqueueNotices, gate: gate('assets', 15 * 60_000) });
  // Close long-solved tickets, delete expired sessions and enrollments never used.
  const maintenance = startPeriodic(
    () =>
      Promise.all([
        autoCloseSolved(db, log, Boolean(config.PARC_SMTP_URL)).catch((err: unknown) => log.error({ err }, 'auto-close of solved tickets failed; it runs again in 15 minutes')),
        deleteExpiredSessions(db, new Date()).catch((err: unknown) => log.error({ err }, 'removing expired sessions failed; it runs again in 15 minutes')),
        cleanUpEnrollments(db, config, new Date(), log).catch((err: unknown) => log.error({ err }, 'removing unused enrollments failed; it runs again in 15 minutes')),
      ]),
    { firstDelayMs: 15 * 60_000, intervalMs: 15 * 60_000, gate: gate('maintenance', 15 * 60_000) },
  );
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    log.info({ port: info.port, version: VERSION, database: where, pid: process.pid }, 'parc server listening');
    if (cluster.isWorker) process.send?.({ parc: 'listening', port: info.port } satisfies ListeningMessage);
    else if (shown) printBanner(info.port, where, shown);
  });

  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing requests in flight');
    // Stop accepting, let requests in flight finish, then close the database.
    const force = setTimeout(() => {
      log.warn('requests still running after 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close(async () => {
      await Promise.all([notifications.stop(), slaWatch.stop(), licenceJobs.stop(), assetJobs.stop(), maintenance.stop()]);
      await db.destroy();
      log.info('stopped');
      process.exit(0);
    });
  }
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // A worker whose primary is gone (killed outright) stops too, rather than serving on unsupervised.
  if (cluster.isWorker) process.on('disconnect', () => void shutdown('primary gone'));
}

/**
 * The cluster primary: migrates and creates the first admin once, forks the workers (which share the
 * listening port), prints the banner when the first one listens, restarts a worker that dies with a
 * growing delay, and on SIGTERM/SIGINT lets every worker finish its requests before exiting.
 */
async function runPrimary(count: number) {
  const { db, where } = await openAndMigrate();
  const first = await firstStart(db);
  await db.destroy();
  log.info({ workers: count, database: where }, 'starting server workers (PARC_WORKERS to choose how many)');

  let stopping = false;
  let bannerShown = false;
  let streak = 0;
  const startedAt = new Map<Worker, number>();
  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
    worker.on('message', (m: Partial<ListeningMessage>) => {
      if (m?.parc !== 'listening' || bannerShown || typeof m.port !== 'number') return;
      bannerShown = true;
      printBanner(m.port, where, first);
    });
  };
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? Date.now());
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) {
        log.info('stopped');
        process.exit(0);
      }
      return;
    }
    streak = lived >= STABLE_AFTER_MS ? 1 : streak + 1;
    const delayMs = restartDelayMs(streak);
    log.error({ pid: worker.process.pid, code, signal, restartInMs: delayMs }, 'a server worker died; starting a new one (see its log lines above for why)');
    setTimeout(() => {
      if (!stopping) fork();
    }, delayMs);
  });
  for (let i = 0; i < count; i++) fork();

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, workers: startedAt.size }, 'shutting down: each worker finishes its requests in flight');
    if (startedAt.size === 0) process.exit(0);
    for (const w of startedAt.keys()) w.process.kill('SIGTERM');
    const force = setTimeout(() => {
      log.warn('workers still running after 15 s; exiting anyway');
      process.exit(1);
    }, 15_000);
    force.unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

const workers = workerCount({ postgres: Boolean(config.DATABASE_URL), requested: config.PARC_WORKERS, cores: availableParallelism() });
if (cluster.isPrimary && workers > 1) await runPrimary(workers);
else await runServer();

