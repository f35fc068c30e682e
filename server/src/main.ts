import { serve } from '@hono/node-server';
import { createApp, VERSION } from './app.js';
import { deleteExpiredSessions } from './platform/auth/users.repository.js';
import { ensureFirstAdmin } from './platform/auth/users.service.js';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { createEnrollmentToken } from './inventory/enrollment/enrollment.service.js';
import { cleanUpEnrollments } from './inventory/enrollment/enrollment.jobs.js';
import { createLogger } from './platform/log.js';
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

// First start: an admin and an enrollment token, shown once.
const admin = await ensureFirstAdmin(db, config.PARC_ADMIN_PASSWORD);
const firstToken = admin ? await createEnrollmentToken(db, { description: 'created at first start', createdBy: null }) : undefined;

const app = createApp({ db, config, log });
// Background work: deliver queued notifications, warn about SLAs at risk, close long-solved tickets,
// delete enrollments never used.
const notifications = startNotificationDispatcher({ db, config, log, intervalMs: 5_000 });
const slaWatch = startSlaWatch({ db, config, log, intervalMs: 60_000 });
// Licences: daily compliance snapshot, expiry and over-deployment alerts, folding the set counts.
const licenceJobs = startLicenceJobs({ db, config, log });
// Assets: warranty and maintenance contract alerts.
const assetJobs = startAssetJobs({ db, config, log, enqueue: enqueueNotices });
let maintenance: Promise<unknown> = Promise.resolve();
const maintenanceTimer = setInterval(() => {
  maintenance = Promise.all([
    autoCloseSolved(db, log, Boolean(config.PARC_SMTP_URL)).catch((err: unknown) =>
      log.error({ err }, 'auto-close of solved tickets failed; it runs again in 15 minutes'),
    ),
    deleteExpiredSessions(db, new Date()).catch((err: unknown) =>
      log.error({ err }, 'removing expired sessions failed; it runs again in 15 minutes'),
    ),
    cleanUpEnrollments(db, config, new Date(), log).catch((err: unknown) =>
      log.error({ err }, 'removing unused enrollments failed; it runs again in 15 minutes'),
    ),
  ]);
}, 15 * 60_000);
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  const url = config.PARC_PUBLIC_URL ?? `http://localhost:${info.port}`;
  log.info({ port: info.port, version: VERSION, database: where }, 'parc server listening');
  console.log(`\nParc ${VERSION} is running at ${url}  (database: ${where})`);
  console.log(`API reference: ${url}/api/docs`);
  if (admin) {
    console.log(`\nFirst start: created user "${admin.username}" with password ${admin.generated ? `${admin.password}  (generated: note it now, it is not shown again)` : 'from PARC_ADMIN_PASSWORD'}`);
  }
  if (firstToken) {
    console.log(`Enrollment token for agents: ${firstToken.token}`);
    console.log(`  enroll a machine:  npm run agent -- enroll --server ${url} --token ${firstToken.token}`);
  }
  console.log('');
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
  clearInterval(maintenanceTimer);
  server.close(async () => {
    await Promise.all([notifications.stop(), slaWatch.stop(), licenceJobs.stop(), assetJobs.stop(), maintenance]);
    await db.destroy();
    log.info('stopped');
    process.exit(0);
  });
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
