/**
 * Compliance benchmark on Postgres: 10,000 devices with about 800 installations each (8 million rows),
 * seeded set-based with generate_series, then the compliance summary and one drill-down through the real
 * HTTP handler, several runs each, p50 and p95. Writes bench-results/compliance-postgres.md (ignored by git).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:compliance
 *   BENCH_DEVICES=2000 BENCH_RUNS=20 …   # smaller fleet, more runs
 *   BENCH_KEEP=1 …                       # keep the seeded schema (parc_bench_compliance) and reuse it next time
 *
 * The fleet: 4,000 products of 3 versions each; the first 50 are licensable and licensed (per device,
 * five per user, two site licences, every fifth bounded to versions 11 and later, every tenth only
 * expired); each device has ~40 of those 50 and 760 others from a sliding window over the rest. 1% of
 * devices are retired, 3% stale; every fifth has an owner.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createApp } from '../../server/src/app.js';
import { createUser } from '../../server/src/platform/auth/users.service.js';
import { configSchema } from '../../server/src/platform/config.js';
import { openDatabase } from '../../server/src/platform/db/database.js';
import { migrateToLatest } from '../../server/src/platform/db/migrate.js';
import { createLogger } from '../../server/src/platform/log.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.log('compliance bench: set DATABASE_URL to a Postgres database (it seeds 8 million rows); skipped.');
  process.exit(0);
}
const DEVICES = Number(process.env.BENCH_DEVICES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const KEEP = process.env.BENCH_KEEP === '1';
const PRODUCTS = 4_000;
const LICENSED = 50;
const OTHERS_PER_DEVICE = 760;
const schema = 'parc_bench_compliance';
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench-results');

const seeder = new pg.Client({ connectionString: url });
await seeder.connect();
const q = async (text: string) => {
  const t0 = performance.now();
  const r = await seeder.query(text);
  return { rows: r.rows as Record<string, unknown>[], ms: performance.now() - t0 };
};

const existing = await q(`select 1 from pg_namespace where nspname = '${schema}'`);
let seeded = false;
if (existing.rows.length > 0) {
  const n = await q(`select count(*)::int as n from ${schema}.devices`).catch(() => ({ rows: [{ n: 0 }] }));
  seeded = KEEP && n.rows[0]!.n === DEVICES;
  if (!seeded) await q(`drop schema ${schema} cascade`);
}
if (!seeded) await q(`create schema ${schema}`);

const { db } = await openDatabase({ url, dataDir: '', searchPath: schema });
await migrateToLatest(db, schema);

const timings: [string, number][] = [];
if (!seeded) {
  console.log(`seeding ${DEVICES} devices × ~${LICENSED * 0.8 + OTHERS_PER_DEVICE} installations…`);
  await q(`set search_path = ${schema}`);
  await q(`set maintenance_work_mem = '512MB'`);
  const step = async (label: string, text: string) => {
    const r = await q(text);
    timings.push([label, r.ms]);
    console.log(`  ${label}: ${(r.ms / 1000).toFixed(1)} s`);
  };
  await step('devices', `
    insert into devices (hostname, match_rule, matched_at, status, first_seen_at, last_seen_at, last_user, owner)
    select 'bench-' || g, 'agent', now(), case when g % 100 = 0 then 'retired' else 'active' end, now() - interval '400 days',
           case when g % 33 = 0 then now() - interval '60 days' else now() - (g % 48) * interval '1 hour' end,
           'CORP\\user' || (g % 7000), case when g % 5 = 0 then 'owner' || (g % 3000) end
    from generate_series(1, ${DEVICES}) g`);
  await step('products and versions', `
    with p as (
      insert into software_products (name, publisher, name_key, publisher_key, licensable)
      select 'Product ' || g, 'Publisher ' || (g % 60), 'product ' || g, 'publisher ' || (g % 60), g <= ${LICENSED}
      from generate_series(1, ${PRODUCTS}) g returning id
    )
    insert into software_versions (product_id, version, effective_product_id)
    select p.id, (10 + v) || '.0.' || (p.id % 97), p.id from p, generate_series(0, 2) v order by p.id, v`);
  // Bulk load: the indexes are built once afterwards, and the rows are consistent by construction, so
  // triggers (foreign keys, the materialised presence) are off for the load (superuser session setting).
  await q(`alter table software_installations drop constraint software_installations_pk`);
  await q(`drop index software_installations_version_device_idx`);
  await q(`set session_replication_role = replica`);
  await step('installations', `
    insert into software_installations (device_id, version_id, arch, source, first_seen_at)
    select x.d, v.id, 'x64', 'registry', now() - ((x.d + x.p) % 300) * interval '1 day'
    from (
      select d, p, (d + p) % 3 as vi from generate_series(1, ${DEVICES}) d, generate_series(1, ${LICENSED}) p where (d * 7 + p * 13) % 10 < 8
      union all
      select d, ((d * 37 + s) % ${PRODUCTS - LICENSED}) + ${LICENSED + 1}, (d + s) % 3 from generate_series(1, ${DEVICES}) d, generate_series(1, ${OTHERS_PER_DEVICE}) s
    ) x
    join software_versions v on v.product_id = x.p and v.version = (10 + x.vi) || '.0.' || (x.p % 97)`);
  await step('primary key', `alter table software_installations add constraint software_installations_pk primary key (device_id, version_id, arch, source)`);
  await step('(version_id, device_id) index', `create index software_installations_version_device_idx on software_installations (version_id, device_id)`);
  await step('licences', `
    insert into licences (product_id, metric, quantity, version_from, starts_on, expires_on, unit_cost, currency)
    select p, case when p between 41 and 45 then 'user' when p in (46, 47) then 'site' else 'device' end,
           case when p in (46, 47) then null else 5000 + (p * 97) % 4000 end,
           case when p % 5 = 0 then '11' end,
           date '2025-01-01', case when p % 10 = 3 then date '2025-06-30' else date '2030-12-31' end, 100 + p, 'EUR'
    from generate_series(1, ${LICENSED}) p`);
  // Triggers were off for the whole load: the materialised presence of the tracked products is built once.
  await step('materialised presence', `select software_presence_rebuild()`);
  await q(`set session_replication_role = origin`);
  await step('vacuum analyze', `vacuum analyze`);
}
const size = await q(`select count(*)::int as n from ${schema}.software_installations`);
const installations = size.rows[0]!.n as number;
console.log(`${installations.toLocaleString('en')} installations`);

const config = configSchema.parse({ PARC_DATA_DIR: 'unused', DATABASE_URL: url });
const app = createApp({ db, config, log: createLogger('silent') });
await createUser(db, { username: 'bench-lm', password: 'bench-password', role: 'licence-manager' }).catch(() => undefined);
const login = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-lm', password: 'bench-password' }) });
const { token } = (await login.json()) as { token: string };

async function measure(label: string, path: string, runs = RUNS) {
  const get = async () => {
    const t0 = performance.now();
    const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${label}: ${res.status} ${body.slice(0, 300)}`);
    return { ms: performance.now() - t0, body };
  };
  const warm = await get();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push((await get()).ms);
  ms.sort((a, b) => a - b);
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!;
  const r = { label, path, runs, p50: pct(50), p95: pct(95), min: ms[0]!, max: ms[ms.length - 1]!, body: warm.body };
  console.log(`${label}: p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms (${runs} runs)`);
  return r;
}

const summary = await measure('compliance summary', '/api/v1/compliance');
const parsed = JSON.parse(summary.body) as { items: { productId: number; product: string; installed: number; status: string; metric: string | null }[] };
const widest = [...parsed.items].sort((a, b) => b.installed - a.installed)[0]!;
const perUser = parsed.items.find((i) => i.metric === 'user')!;
const drill = await measure(`drill-down: ${widest.product} (${widest.installed} devices), first 100`, `/api/v1/compliance/${widest.productId}?limit=100`);
const drillUser = await measure(`drill-down per user: ${perUser.product} (${perUser.installed} users), first 100`, `/api/v1/compliance/${perUser.productId}?limit=100`);
const beyond = await measure(`drill-down: ${widest.product}, only devices beyond the owned seats`, `/api/v1/compliance/${widest.productId}?only=beyond&limit=100`);

const server = await q(`select version() as v, current_setting('shared_buffers') as sb, current_setting('work_mem') as wm`);
const statuses = parsed.items.reduce<Record<string, number>>((m, i) => ({ ...m, [i.status]: (m[i.status] ?? 0) + 1 }), {});
const lines = [
  '# Compliance benchmark (Postgres)',
  '',
  `Run ${new Date().toISOString()} on ${String(server.rows[0]!.v).split(',')[0]} (shared_buffers ${String(server.rows[0]!.sb)}, work_mem ${String(server.rows[0]!.wm)}), ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end.`,
  `Fleet: ${DEVICES.toLocaleString('en')} devices, ${installations.toLocaleString('en')} installations, ${PRODUCTS.toLocaleString('en')} products; ${parsed.items.length} products in the summary (${Object.entries(statuses).map(([s, n]) => `${n} ${s}`).join(', ')}).`,
  '',
  '| request | runs | p50 | p95 | min | max |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...[summary, drill, drillUser, beyond].map((r) => `| ${r.label} | ${r.runs} | ${r.p50.toFixed(0)} ms | ${r.p95.toFixed(0)} ms | ${r.min.toFixed(0)} ms | ${r.max.toFixed(0)} ms |`),
  '',
  ...(timings.length > 0 ? ['Seeding:', '', ...timings.map(([l, ms]) => `- ${l}: ${(ms / 1000).toFixed(1)} s`), ''] : ['Seeded schema reused (BENCH_KEEP=1).', '']),
];
await mkdir(outDir, { recursive: true });
await writeFile(path.join(outDir, 'compliance-postgres.md'), lines.join('\n'));
console.log(`\nwritten to ${path.relative(process.cwd(), path.join(outDir, 'compliance-postgres.md'))}`);

await db.destroy();
if (!KEEP) await q(`drop schema ${schema} cascade`);
await seeder.end();
