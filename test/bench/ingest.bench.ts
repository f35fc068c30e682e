/**
 * Ingest benchmark: first-time, unchanged and slightly-changed inventories of ~800 packages, through the
 * real HTTP handler (JSON parse, validation, reconcile, diff, write). Uses DATABASE_URL when set, else an
 * embedded PGlite database in a temp folder. Writes bench-results/results-<pglite|postgres>.md, or the
 * tracked test/bench/results-<pglite|postgres>.md with --update (or BENCH_UPDATE=1).
 *
 *   npm run bench:ingest                 # 60 devices
 *   BENCH_DEVICES=200 npm run bench:ingest
 *   npm run bench:ingest -- --update     # publish the figures in test/bench/
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createApp } from '../../server/src/app.js';
import { createUser } from '../../server/src/platform/auth/users.service.js';
import { configSchema } from '../../server/src/platform/config.js';
import { openDatabase } from '../../server/src/platform/db/database.js';
import { migrateToLatest } from '../../server/src/platform/db/migrate.js';
import { createEnrollmentToken, enrollAgent } from '../../server/src/inventory/enrollment/enrollment.service.js';
import { createLogger } from '../../server/src/platform/log.js';
import { makeInventory } from '../../server/test/helpers/inventory-factory.js';
import { writeResults } from './results.js';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 60);
const PACKAGES = 800;
const POOL = 3000;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parc-bench-'));
const url = process.env.DATABASE_URL;
const schema = `parc_bench_${process.pid}`;
if (url) {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`create schema ${schema}`);
  await c.end();
}
const { db, kind } = await openDatabase({ url, dataDir, ...(url ? { searchPath: schema } : {}) });
await migrateToLatest(db, url ? schema : 'public');
const config = configSchema.parse({ PARC_DATA_DIR: dataDir });
const app = createApp({ db, config, log: createLogger('silent') });
await createUser(db, { username: 'admin', password: 'bench-password', role: 'admin' });
const { token } = await createEnrollmentToken(db, { createdBy: null });

// Each machine has 800 packages drawn from a shared pool of 3,000, as real fleets share most packages.
function inventoryFor(i: number, agentId: string) {
  const inv = makeInventory({ agentId, seed: i + 1, packages: POOL });
  const start = (i * 37) % (POOL - PACKAGES);
  inv.software = inv.software.slice(start, start + PACKAGES);
  return inv;
}

const agents: { agentId: string; agentKey: string }[] = [];
for (let i = 0; i < DEVICES; i++) agents.push(await enrollAgent(db, { enrollmentToken: token, hostname: `bench-${i}` }, { config: { ...config, PARC_ENROLL_MAX_PER_TOKEN: 1_000_000 } }));
const inventories = agents.map((a, i) => inventoryFor(i, a.agentId));

async function pass(label: string, bodies: Buffer[]) {
  const t0 = performance.now();
  let statuses = new Map<string, number>();
  for (let i = 0; i < bodies.length; i++) {
    const res = await app.request('/api/v1/agent/inventory', {
      method: 'POST',
      headers: { authorization: `Bearer ${agents[i]!.agentKey}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: bodies[i]!,
    });
    const out = (await res.json()) as { status?: string };
    if (res.status !== 200) throw new Error(`${label}: upload ${i} got ${res.status}: ${JSON.stringify(out)}`);
    statuses = statuses.set(out.status!, (statuses.get(out.status!) ?? 0) + 1);
  }
  const ms = performance.now() - t0;
  return { label, ms, perSecond: (bodies.length / ms) * 1000, msEach: ms / bodies.length, statuses: Object.fromEntries(statuses) };
}

const gz = (x: unknown) => gzipSync(JSON.stringify(x));
const results: Awaited<ReturnType<typeof pass>>[] = [];
results.push(await pass('first inventory (800 packages)', inventories.map(gz)));
results.push(await pass('unchanged re-inventory', inventories.map(gz)));
const changed = inventories.map((inv) => {
  const next = structuredClone(inv);
  next.software.splice(10, 3);
  for (const s of next.software.slice(100, 105)) s.version = `${s.version}+upd1`;
  return next;
});
results.push(await pass('re-inventory, 3 removed + 5 upgraded', changed.map(gz)));
const rssMb = process.memoryUsage().rss / 2 ** 20;
const counts = await db.selectFrom('software_installations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

const lines = [
  `# Ingest benchmark`,
  ``,
  `${new Date().toISOString()} · ${kind} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · Node ${process.version}`,
  `${DEVICES} devices × ${PACKAGES} packages (pool of ${POOL}), gzip JSON through the HTTP handler, one upload at a time.`,
  ``,
  `| pass | inventories/s | ms each | outcome |`,
  `| --- | ---: | ---: | --- |`,
  ...results.map((r) => `| ${r.label} | ${r.perSecond.toFixed(1)} | ${r.msEach.toFixed(1)} | ${JSON.stringify(r.statuses)} |`),
  ``,
  `Installations stored: ${Number(counts.n)}. Peak RSS of the benchmark process: ${rssMb.toFixed(0)} MB.`,
  ``,
];
console.log(lines.join('\n'));
await writeResults(kind, lines.join('\n'));
await db.destroy();
if (url) {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`drop schema ${schema} cascade`);
  await c.end();
}
await rm(dataDir, { recursive: true, force: true });
