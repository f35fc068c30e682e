/**
 * Cost of growth (issue #14, deliverable 6), on Postgres:
 *
 * 1. Database size per device after 30 simulated days: a sample of machines (800 packages each) sends a
 *    first inventory, then one full inventory a day for 30 days through the real ingest handler, with a
 *    day's churn (about 1 % of packages upgraded, an install every third day, a removal every fifth, free
 *    space moving every day); the device-scoped tables' growth is divided by the sample.
 * 2. Latency at scale: 10,000 devices (with agents, components, installations and a month of history)
 *    and 50,000 tickets seeded set-based (generate_series), then device search, the device page (detail,
 *    software page, history) and the ticket list through the real HTTP handlers, p50/p95 of the server
 *    time against the 50 ms target.
 *
 * Writes bench-results/results-growth.md (ignored by git; --update or BENCH_UPDATE=1 writes the tracked
 * test/bench/results-growth.md).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:growth
 *   BENCH_SAMPLE=20 BENCH_DEVICES=2000 BENCH_TICKETS=10000 BENCH_PACKAGES=100 …   # smaller
 */
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import type { Clock } from '@parc/shared';
import { createApp } from '../../server/src/app.js';
import { createUser } from '../../server/src/platform/auth/users.service.js';
import { configSchema } from '../../server/src/platform/config.js';
import { openDatabase } from '../../server/src/platform/db/database.js';
import { migrateToLatest } from '../../server/src/platform/db/migrate.js';
import { createEnrollmentToken, enrollAgent } from '../../server/src/inventory/enrollment/enrollment.service.js';
import { createLogger } from '../../server/src/platform/log.js';
import { makeInventory } from '../../server/test/helpers/inventory-factory.js';
import { writeResults } from './results.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.log('growth bench: set DATABASE_URL to a Postgres database (it seeds 10,000 devices and 50,000 tickets); skipped.');
  process.exit(0);
}
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 40);
const DAYS = 30;
const DEVICES = Number(process.env.BENCH_DEVICES ?? 10_000);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 50_000);
/** Installations per seeded device (the sampled machines have 800). */
const PACKAGES = Number(process.env.BENCH_PACKAGES ?? 300);
const CATALOGUE = 3000;
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const TARGET_MS = 50;
const schema = `parc_bench_growth_${process.pid}`;

const seeder = new pg.Client({ connectionString: url });
await seeder.connect();
const q = async (text: string) => (await seeder.query(text)).rows as Record<string, unknown>[];
await q(`create schema ${schema}`);
await q(`set search_path = ${schema}`);
const { db } = await openDatabase({ url, dataDir: '', searchPath: schema });
await migrateToLatest(db, schema);

let now = new Date('2026-11-01T08:00:00Z');
const clock: Clock = { now: () => new Date(now) };
const config = configSchema.parse({ PARC_DATA_DIR: 'unused', DATABASE_URL: url, PARC_ENROLL_MAX_PER_TOKEN: '1000000' });
const app = createApp({ db, config, log: createLogger('silent'), clock });

// ---------------------------------------------------------------------------------------------------
// 1. 30 days of a sample through ingest
// ---------------------------------------------------------------------------------------------------
const DEVICE_TABLES = ['devices', 'agents', 'device_components', 'software_installations', 'device_changes'];
const CATALOGUE_TABLES = ['software_products', 'software_versions'];
async function sizes(tables: string[]) {
  const rows = await q(`select c.relname as t, pg_total_relation_size(c.oid)::bigint as bytes, (select count(*) from ${schema}.devices) as n
    from pg_class c join pg_namespace ns on ns.oid = c.relnamespace where ns.nspname = '${schema}' and c.relname = any(array[${tables.map((t) => `'${t}'`).join(',')}])`);
  return Object.fromEntries(rows.map((r) => [r.t as string, Number(r.bytes)]));
}
const empty = await sizes([...DEVICE_TABLES, ...CATALOGUE_TABLES]);

const { token } = await createEnrollmentToken(db, { createdBy: null });
const machines = [];
for (let i = 0; i < SAMPLE; i++) {
  const agent = await enrollAgent(db, { enrollmentToken: token, hostname: `sample-${i}` }, { config });
  const inv = makeInventory({ agentId: agent.agentId, seed: 50_000 + i, packages: CATALOGUE });
  const start = (i * 37) % (CATALOGUE - 800);
  machines.push({ agent, inv: { ...inv, software: inv.software.slice(start, start + 800) }, pool: inv.software, next: start + 800 });
}
async function upload(key: string, payload: unknown) {
  const res = await app.request('/api/v1/agent/inventory', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: gzipSync(JSON.stringify(payload)),
  });
  if (res.status !== 200) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { status: string }).status;
}
const statuses: Record<string, number> = {};
const t0 = performance.now();
for (let day = 0; day <= DAYS; day++) {
  now = new Date(Date.parse('2026-11-01T08:00:00Z') + day * 86_400_000);
  for (const [i, m] of machines.entries()) {
    if (day > 0) {
      const sw = m.inv.software;
      // About 1 % upgraded a day, each machine on its own packages.
      for (let k = 0; k < 8; k++) {
        const s = sw[(day * 8 + k + i) % sw.length]!;
        s.version = `${(s.version ?? "1").split("+")[0]}+d${day}`;
      }
      if ((day + i) % 3 === 0) sw.push(structuredClone(m.pool[m.next++ % CATALOGUE]!));
      if ((day + i) % 5 === 0) sw.splice((day * 13 + i) % sw.length, 1);
      for (const v of m.inv.volumes ?? []) if (v.freeBytes !== undefined) v.freeBytes -= 1_000_000 * (day + 1);
      m.inv.collectedAt = now.toISOString();
    }
    const s = await upload(m.agent.agentKey, m.inv);
    statuses[s] = (statuses[s] ?? 0) + 1;
  }
}
const simulateS = (performance.now() - t0) / 1000;
await q(`vacuum analyze`);
const grown = await sizes([...DEVICE_TABLES, ...CATALOGUE_TABLES]);
const perDevice = (t: string) => ((grown[t] ?? 0) - (empty[t] ?? 0)) / SAMPLE;
const historyRows = Number((await q(`select count(*) as n from device_changes`))[0]!.n);
const installationRows = Number((await q(`select count(*) as n from software_installations`))[0]!.n);
const totalPerDevice = DEVICE_TABLES.reduce((a, t) => a + perDevice(t), 0);
console.log(`30 days × ${SAMPLE} machines: ${(totalPerDevice / 1024).toFixed(0)} KiB per device (${simulateS.toFixed(0)} s)`);

// ---------------------------------------------------------------------------------------------------
// 2. 10,000 devices and 50,000 tickets, seeded set-based
// ---------------------------------------------------------------------------------------------------
const seeding: [string, number][] = [];
const step = async (label: string, text: string) => {
  const s = performance.now();
  await q(text);
  seeding.push([label, performance.now() - s]);
  console.log(`  ${label}: ${((performance.now() - s) / 1000).toFixed(1)} s`);
};
console.log(`seeding ${DEVICES} devices × ${PACKAGES} installations and ${TICKETS} tickets…`);
await createUser(db, { username: 'bench-admin', password: 'bench-password', role: 'admin' });
await step('catalogue', `
  insert into software_products (name, publisher, name_key, publisher_key)
    select 'Product ' || g, 'Vendor ' || (g % 50), 'product ' || g, 'vendor ' || (g % 50) from generate_series(1, ${CATALOGUE}) g
    on conflict do nothing;
  insert into software_versions (product_id, version, effective_product_id)
    select p.id, v || '.0', p.id from software_products p, generate_series(1, 2) v where p.name like 'Product %' on conflict do nothing`);
await step('devices and agents', `
  insert into devices (hostname, agent_id, serial, raw_serial, uuid, macs, ipv4, last_user, manufacturer, model, match_rule, matched_at, first_seen_at, last_seen_at, last_inventory_at,
                       os_platform, os_name, os_version, agent_version, section_hashes)
  select 'fleet-' || g || '.corp.example', 'fleet-agent-' || g, 'SN' || lpad(g::text, 8, '0'), 'SN' || lpad(g::text, 8, '0'), md5(g::text)::uuid::text,
         array['54:e2:' || lpad(to_hex(g / 65536), 2, '0') || ':' || lpad(to_hex((g / 256) % 256), 2, '0') || ':' || lpad(to_hex(g % 256), 2, '0') || ':01'],
         array['10.' || (g / 65536) || '.' || ((g / 256) % 256) || '.' || (g % 256)], 'user' || (g % 3000),
         (array['LENOVO', 'Dell Inc.', 'HP', 'Apple Inc.'])[g % 4 + 1], 'Model ' || (g % 40), 'agent-id', now(), now() - interval '400 days',
         now() - (g % 2000) * interval '1 minute', now() - (g % 4000) * interval '1 minute',
         (array['windows', 'linux', 'macos'])[g % 3 + 1], (array['Windows 11 Pro', 'Debian GNU/Linux', 'macOS'])[g % 3 + 1], ((g / 3) % 4)::text, '0.' || (g % 6) || '.0', '{}'::jsonb
  from generate_series(1, ${DEVICES}) g;
  insert into agents (id, key_hash, device_id, hostname, platform, agent_version, last_contact_at)
  select d.agent_id, 'hash-' || d.id, d.id, d.hostname, d.os_platform, d.agent_version, d.last_seen_at from devices d where d.agent_id like 'fleet-agent-%'`);
await step('components', `
  insert into device_components (device_id, kind, key, data, first_seen_at)
  select d.id, k.kind, k.key, jsonb_build_object('model', k.key, 'serial', 'C' || d.id || k.key), now()
  from devices d, (values ('cpus', 'cpu0'), ('memoryModules', 'DIMM0'), ('memoryModules', 'DIMM1'), ('storage', 'nvme0n1'), ('networks', 'eth0'), ('volumes', '/'), ('graphics', 'gpu0')) as k(kind, key)
  where d.agent_id like 'fleet-agent-%'`);
await step('installations', `
  with v as (select row_number() over (order by id) - 1 as n, id from software_versions where version = '1.0')
  insert into software_installations (device_id, version_id, arch, source, first_seen_at)
  select d.id, v.id, 'x64', 'registry', now()
  from devices d cross join generate_series(0, ${PACKAGES - 1}) g join v on v.n = (d.id * 37 + g) % ${CATALOGUE}
  where d.agent_id like 'fleet-agent-%'`);
await step('history', `
  insert into device_changes (device_id, at, section, kind, item, old_value, new_value)
  select d.id, now() - g * interval '1 day', 'software', 'changed', 'Product ' || ((d.id + g) % ${CATALOGUE}), '1.0', '2.0'
  from devices d, generate_series(1, 30) g where d.agent_id like 'fleet-agent-%'`);
await step('users and tickets', `
  insert into users (username, role, password_hash) select 'req' || g, 'requester', 'x' from generate_series(1, 3000) g;
  insert into tickets (title, description, type, status, urgency, impact, priority, requester_id, created_at, updated_at)
  select 'Ticket ' || g || ' printer on floor ' || (g % 80), 'Bench ticket', case when g % 3 = 0 then 'request' else 'incident' end,
         case when g % 10 <> 0 then (case when g % 4 = 0 then 'solved' else 'closed' end) else (array['new', 'assigned', 'planned', 'pending'])[(g / 10) % 4 + 1] end,
         3, 3, (g % 6) + 1, (select min(id) from users where role = 'requester') + (g % 3000), c, c + interval '1 hour'
  from (select g, now() - (${TICKETS} - g) * interval '20 minutes' as c from generate_series(1, ${TICKETS}) g) x`);
await step('vacuum analyze', `vacuum analyze`);

// ---------------------------------------------------------------------------------------------------
// Latency
// ---------------------------------------------------------------------------------------------------
const login = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-admin', password: 'bench-password' }) });
const adminToken = ((await login.json()) as { token: string }).token;
const ids = (await q(`select id from devices where agent_id like 'fleet-agent-%' order by id`)).map((r) => Number(r.id));
const pick = (i: number) => ids[(i * 7919) % ids.length]!;

async function measure(label: string, pathOf: (i: number) => string) {
  const get = async (i: number) => {
    const s = performance.now();
    const res = await app.request(pathOf(i), { headers: { authorization: `Bearer ${adminToken}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${label}: ${res.status} ${body.slice(0, 300)}`);
    return { ms: performance.now() - s, body };
  };
  const warm = await get(1);
  const ms: number[] = [];
  for (let i = 2; i <= RUNS + 1; i++) ms.push((await get(i)).ms);
  ms.sort((a, b) => a - b);
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!;
  const total = (JSON.parse(warm.body) as { total?: number }).total;
  const r = { label, path: pathOf(1), p50: pct(50), p95: pct(95), total };
  console.log(`${label}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`);
  return r;
}

const latency = [
  await measure('device list, first page', () => '/api/v1/devices'),
  await measure('device search: host name', (i) => `/api/v1/devices?search=fleet-${(i * 131) % DEVICES}.`),
  await measure('device search: serial', (i) => `/api/v1/devices?search=SN${String((i * 131) % DEVICES).padStart(8, '0')}`),
  await measure('device search: installed software', (i) => `/api/v1/devices?search=Product ${(i * 17) % CATALOGUE}`),
  await measure('device search: no match', () => '/api/v1/devices?search=nothing-like-this'),
  await measure('device page: detail', (i) => `/api/v1/devices/${pick(i)}`),
  await measure('device page: software, first page', (i) => `/api/v1/devices/${pick(i)}/software`),
  await measure('device page: history', (i) => `/api/v1/devices/${pick(i)}/changes`),
  await measure('ticket list, first page', () => '/api/v1/tickets'),
  await measure('ticket list: open', () => '/api/v1/tickets?status=open'),
  await measure('ticket list: search', (i) => `/api/v1/tickets?q=floor ${i % 80}`),
  await measure('ticket list: page 100', () => '/api/v1/tickets?offset=5000'),
];

const fleetSize = await sizes(DEVICE_TABLES);
const fleetBytes = DEVICE_TABLES.reduce((a, t) => a + (fleetSize[t] ?? 0), 0);
const server = (await q(`select version() as v, current_setting('shared_buffers') as sb`))[0]!;
const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
const lines = [
  '# Cost of growth (Postgres)',
  '',
  `Run ${new Date().toISOString()} on ${String(server.v).split(',')[0]} (shared_buffers ${String(server.sb)}), ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end (a shared machine: latencies are noisy).`,
  '',
  `## Size per device after ${DAYS} days`,
  '',
  `${SAMPLE} machines of 800 packages through the real ingest handler: a first inventory, then one full inventory a day for ${DAYS} days (8 upgrades a day, an install every third day, a removal every fifth, free space moving daily); ${JSON.stringify(statuses)}. Sizes are pg_total_relation_size (heap, indexes, TOAST) after VACUUM ANALYZE, growth over the empty schema divided by the sample.`,
  '',
  '| table | per device |',
  '| --- | ---: |',
  ...DEVICE_TABLES.map((t) => `| ${t} | ${kib(perDevice(t))} |`),
  `| **device-scoped total** | **${kib(totalPerDevice)}** |`,
  `| catalogue (${CATALOGUE_TABLES.join(', ')}), shared by the fleet, total | ${kib(CATALOGUE_TABLES.reduce((a, t) => a + (grown[t] ?? 0) - (empty[t] ?? 0), 0))} |`,
  '',
  `History rows: ${(historyRows / SAMPLE).toFixed(0)} per device after ${DAYS} days (one line per changed package or fact, not per inventory); installations: ${(installationRows / SAMPLE).toFixed(0)} per device. At this rate 10,000 such devices hold about ${((totalPerDevice * 10_000) / 2 ** 30).toFixed(1)} GiB, and a year of history adds about ${(((grown.device_changes ?? 0) - (empty.device_changes ?? 0)) / SAMPLE / DAYS * 365 * 10_000 / 2 ** 30).toFixed(1)} GiB per 10,000 devices.`,
  '',
  `## Latency at ${DEVICES.toLocaleString('en')} devices and ${TICKETS.toLocaleString('en')} tickets`,
  '',
  `Seeded set-based: ${DEVICES.toLocaleString('en')} devices with agents, 7 components, ${PACKAGES} installations (catalogue of ${CATALOGUE} products) and 30 history lines each (device-scoped tables ${(fleetBytes / 2 ** 20).toFixed(0)} MiB); ${TICKETS.toLocaleString('en')} tickets (a tenth open). Server time of one request through the HTTP handler in process, ${RUNS} runs after a warm-up, varying the id or term; target p95 < ${TARGET_MS} ms.`,
  '',
  '| request | matches | p50 | p95 | target |',
  '| --- | ---: | ---: | ---: | --- |',
  ...latency.map((r) => `| ${r.label} (\`${r.path}\`) | ${r.total ?? ''} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.p95 < TARGET_MS ? 'met' : `**missed** by ${(r.p95 - TARGET_MS).toFixed(0)} ms`} |`),
  '',
  'Seeding:',
  '',
  ...seeding.map(([l, ms]) => `- ${l}: ${(ms / 1000).toFixed(1)} s`),
  '',
];
console.log(lines.join('\n'));
await writeResults('growth', lines.join('\n'));
await db.destroy();
await q(`drop schema ${schema} cascade`);
await seeder.end();
