/**
 * Home pages benchmark on Postgres: 10,000 devices (with their agents) and 50,000 tickets, seeded
 * set-based with generate_series, then each role's home through the real HTTP handler, several runs
 * each, p50 and p95 of the server time. Writes bench-results/results-home.md (ignored by git; --update
 * writes the tracked test/bench/results-home.md).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:home
 *   BENCH_DEVICES=2000 BENCH_TICKETS=10000 BENCH_RUNS=50 …   # smaller, more runs
 *   BENCH_KEEP=1 …                                           # keep the seeded schema (parc_bench_home) and reuse it
 *
 * The helpdesk: 40 technicians in 8 groups of 5, 3,000 requesters; a tenth of the tickets open (a backlog
 * of 5,000; the rest solved or closed), of the open ones 15% unassigned, the others assigned to a technician (two thirds) or
 * a group; every ticket has a resolution target, 10% of the open ones breached and 10% at risk. The
 * measured technician belongs to a group; the measured requester has 60 tickets and observes 20 more.
 * The fleet: 6 OS families × 4 versions, last seen from minutes to 200 days ago, 1% retired, 6 agent
 * versions, 40 open reconcile conflicts, a week of refused uploads. The asset register: 80 floors in 4
 * sites, devices of every type and state, half with a warranty; totals, filtered lists and the CSV export.
 */
import os from 'node:os';
import pg from 'pg';
import { createApp } from '../../server/src/app.js';
import { createUser } from '../../server/src/platform/auth/users.service.js';
import { configSchema } from '../../server/src/platform/config.js';
import { openDatabase } from '../../server/src/platform/db/database.js';
import { migrateToLatest } from '../../server/src/platform/db/migrate.js';
import { createLogger } from '../../server/src/platform/log.js';
import { writeResults } from './results.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.log('home bench: set DATABASE_URL to a Postgres database (it seeds 10,000 devices and 50,000 tickets); skipped.');
  process.exit(0);
}
const DEVICES = Number(process.env.BENCH_DEVICES ?? 10_000);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const KEEP = process.env.BENCH_KEEP === '1';
const TECHS = 40;
const REQUESTERS = 3_000;
const BUDGET_MS = 100;
const schema = 'parc_bench_home';

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
  const n = await q(`select (select count(*) from ${schema}.devices)::int as d, (select count(*) from ${schema}.tickets)::int as t`).catch(() => ({ rows: [{ d: 0, t: 0 }] }));
  seeded = KEEP && n.rows[0]!.d === DEVICES && n.rows[0]!.t === TICKETS;
  if (!seeded) await q(`drop schema ${schema} cascade`);
}
if (!seeded) await q(`create schema ${schema}`);

const { db } = await openDatabase({ url, dataDir: '', searchPath: schema });
await migrateToLatest(db, schema);

// Logins go through the real password check, so the measured users are created by the service.
await createUser(db, { username: 'bench-admin', password: 'bench-password', role: 'admin' }).catch(() => undefined);
await createUser(db, { username: 'bench-tech', password: 'bench-password', role: 'technician' }).catch(() => undefined);
await createUser(db, { username: 'bench-requester', password: 'bench-password', role: 'requester' }).catch(() => undefined);

const timings: [string, number][] = [];
if (!seeded) {
  console.log(`seeding ${DEVICES} devices and ${TICKETS} tickets…`);
  await q(`set search_path = ${schema}`);
  const step = async (label: string, text: string) => {
    const r = await q(text);
    timings.push([label, r.ms]);
    console.log(`  ${label}: ${(r.ms / 1000).toFixed(1)} s`);
  };
  await step('users and groups', `
    insert into users (username, role, password_hash) select 'tech' || g, 'technician', 'x' from generate_series(1, ${TECHS - 1}) g;
    insert into users (username, role, password_hash) select 'req' || g, 'requester', 'x' from generate_series(1, ${REQUESTERS}) g;
    insert into groups (name) select 'Group ' || g from generate_series(1, 8) g;
    insert into group_members (group_id, user_id)
      select (row_number() over (order by id) - 1) / 5 + (select min(id) from groups), id from users where role = 'technician';`);
  await step('devices', `
    insert into devices (hostname, agent_id, match_rule, matched_at, status, first_seen_at, last_seen_at, last_inventory_at, os_platform, os_name, os_version, agent_version)
    select 'bench-' || g, 'agent-' || g, 'agent', now(), case when g % 100 = 0 then 'retired' else 'active' end, now() - interval '400 days',
           now() - ((g * 7919) % 200000) * interval '1 minute' * (case when g % 10 = 0 then 60 else 1 end),
           now() - ((g * 7919) % 400000) * interval '1 minute',
           (array['windows', 'linux', 'macos', 'windows', 'windows', 'linux'])[g % 6 + 1],
           (array['Windows 11 Pro', 'Ubuntu', 'macOS', 'Windows 10 Pro', 'Windows Server 2022', 'Debian GNU/Linux'])[g % 6 + 1],
           ((g / 6) % 4)::text, '0.' || (g % 6) || '.0'
    from generate_series(1, ${DEVICES}) g`);
  await step('agents', `
    insert into agents (id, key_hash, device_id, hostname, platform, agent_version, last_contact_at, revoked_at)
    select d.agent_id, 'hash-' || d.id, d.id, d.hostname, d.os_platform, d.agent_version, d.last_seen_at, case when d.id % 250 = 0 then now() end
    from devices d`);
  await step('tickets', `
    insert into tickets (title, description, type, status, urgency, impact, priority, requester_id, created_at, updated_at, owned_at, solved_at, closed_at, resolve_due_at, resolve_at_risk_at)
    select 'Ticket ' || g, 'Bench ticket', case when g % 3 = 0 then 'request' else 'incident' end,
           case when g % 10 <> 0 then (case when g % 4 = 0 then 'solved' else 'closed' end)
                else (array['new', 'assigned', 'assigned', 'planned', 'pending'])[(g / 10) % 5 + 1] end,
           3, 3, (g % 6) + 1,
           case when g % 625 = 0 then (select id from users where username = 'bench-requester') else (select min(id) from users where role = 'requester') + (g % ${REQUESTERS}) end,
           c, c + interval '1 hour', c + interval '30 minutes',
           case when g % 10 <> 0 then c + interval '2 days' end, case when g % 10 <> 0 and g % 4 <> 0 then c + interval '9 days' end,
           case when g % 10 <> 0 then c + interval '3 days'
                when (g / 10) % 10 = 0 then now() - ((g % 97) + 1) * interval '1 hour'
                when (g / 10) % 10 = 1 then now() + ((g % 7) + 1) * interval '10 minutes'
                else now() + ((g % 30) + 2) * interval '1 day' end,
           case when g % 10 <> 0 then c + interval '2 days'
                when (g / 10) % 10 = 0 then now() - ((g % 97) + 30) * interval '1 hour'
                when (g / 10) % 10 = 1 then now() - interval '1 hour'
                else now() + ((g % 30) + 1) * interval '1 day' end
    from (select g, now() - (${TICKETS} - g) * interval '20 minutes' as c from generate_series(1, ${TICKETS}) g) x`);
  // Assignees: every ticket but 15% of the open ones; a technician (two thirds) or a group.
  await step('assignees and observers', `
    insert into ticket_actors (ticket_id, role, user_id, group_id)
    select t.id, 'assignee',
           case when t.id % 3 <> 0 then (select min(id) from users where role = 'technician') + (t.id % ${TECHS}) end,
           case when t.id % 3 = 0 then (select min(id) from groups) + (t.id % 8) end
    from tickets t where not (t.status = 'new' and t.id % 20 < 15) and not (t.status in ('new', 'assigned', 'planned', 'pending') and t.id % 100 < 15);
    insert into ticket_actors (ticket_id, role, user_id)
    select t.id, 'observer', (select id from users where username = 'bench-requester') from tickets t where t.id % 2500 = 7;`);
  await step('conflicts and refused uploads', `
    insert into reconcile_conflicts (hostname, identity, candidate_ids, rule, reason, resolved_at)
    select 'bench-' || g, '{}', '{}', 'serial', 'two devices', case when g % 3 = 0 then now() end from generate_series(1, 60) g;
    insert into upload_rejections (hour, reason, count)
    select date_trunc('hour', now()) - h * interval '1 hour', r, 1 + (h % 5)
    from generate_series(0, 24 * 31) h, unnest(array['unauthenticated', 'invalid', 'too-large', 'bad-encoding']) r where (h + length(r)) % 3 = 0;`);
  // The asset register: 4 sites × 5 buildings × 4 floors; devices spread over the floors (a twentieth with
  // no location), over the types and states, half of them with a warranty, a tenth under a contract.
  await step('asset register', `
    insert into locations (name, kind) select 'Site ' || s, 'site' from generate_series(1, 4) s;
    insert into locations (name, kind, parent_id) select 'Building ' || b, 'building', p.id from locations p, generate_series(1, 5) b where p.parent_id is null;
    insert into locations (name, kind, parent_id) select 'Floor ' || f, 'floor', p.id from locations p, generate_series(1, 4) f where p.kind = 'building';
    update devices d set location_id = case when d.id % 20 = 0 then null else (select id from locations where kind = 'floor' order by id offset (d.id % 80) limit 1) end,
      type = (array['computer', 'computer', 'computer', 'monitor', 'monitor', 'printer', 'phone', 'network', 'peripheral', 'other'])[d.id % 10 + 1],
      state = (array['in_use', 'in_use', 'in_use', 'in_stock', 'in_repair', 'lent', 'lost'])[d.id % 7 + 1];
    update devices set state = 'retired' where status = 'retired';
    insert into asset_finance (device_id, purchase_date, cost, warranty_start, warranty_months)
      select id, date '2023-01-01' + (id % 700), 800 + id % 500, date '2023-01-01' + (id % 700), 12 * (1 + id % 4) from devices where id % 2 = 0;
    insert into maintenance_contracts (name) values ('Bench contract');
    insert into contract_devices (contract_id, device_id) select (select min(id) from maintenance_contracts), id from devices where id % 10 = 0;`);
  await step('vacuum analyze', `vacuum analyze`);
}

const counts = await q(`select (select count(*) from ${schema}.devices)::int as devices, (select count(*) from ${schema}.tickets)::int as tickets,
  (select count(*) from ${schema}.tickets where status in ('new', 'assigned', 'planned', 'pending'))::int as open, (select count(*) from ${schema}.ticket_actors)::int as actors`);
const c = counts.rows[0]! as { devices: number; tickets: number; open: number; actors: number };
console.log(`${c.devices.toLocaleString('en')} devices, ${c.tickets.toLocaleString('en')} tickets (${c.open.toLocaleString('en')} open), ${c.actors.toLocaleString('en')} ticket actors`);

// The measured technician takes a share of the queue like the others, and sits in the first group.
await q(`set search_path = ${schema}`);
await q(`insert into group_members (group_id, user_id) select (select min(id) from groups), id from users where username = 'bench-tech' on conflict do nothing`);
await q(`insert into ticket_actors (ticket_id, role, user_id)
  select t.id, 'assignee', (select id from users where username = 'bench-tech') from tickets t
  where t.id % ${TECHS} = 0 and t.id % 3 <> 0 and not exists (select 1 from ticket_actors a where a.ticket_id = t.id and a.role = 'assignee' and a.user_id = (select id from users where username = 'bench-tech'))`);
await q(`analyze`);

const config = configSchema.parse({ PARC_DATA_DIR: 'unused', DATABASE_URL: url });
const app = createApp({ db, config, log: createLogger('silent') });
const tokenOf = async (username: string) => {
  const login = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'bench-password' }) });
  return ((await login.json()) as { token: string }).token;
};

async function measure(label: string, path: string, token: string) {
  const get = async () => {
    const t0 = performance.now();
    const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${label}: ${res.status} ${body.slice(0, 300)}`);
    return { ms: performance.now() - t0, body };
  };
  const warm = await get();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) ms.push((await get()).ms);
  ms.sort((a, b) => a - b);
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!;
  const r = { label, path, p50: pct(50), p95: pct(95), min: ms[0]!, max: ms[ms.length - 1]!, body: JSON.parse(warm.body) as Record<string, unknown> };
  console.log(`${label}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (${RUNS} runs)`);
  return r;
}

const adminToken = await tokenOf('bench-admin');
const site = (await q(`select min(id) as id from ${schema}.locations where parent_id is null`)).rows[0]!.id as number;
const results = [
  await measure('technician home (queue, unassigned, SLA)', '/api/v1/home/technician', await tokenOf('bench-tech')),
  await measure('admin fleet home', '/api/v1/home/fleet?timeZone=Europe/Paris', adminToken),
  await measure('requester home (my tickets)', '/api/v1/home/requester', await tokenOf('bench-requester')),
  await measure('asset totals (fleet home cards)', '/api/v1/assets/totals', adminToken),
  await measure('asset list: computers in a site (sub-locations), in use', `/api/v1/devices?type=computer&state=in_use&locationId=${site}`, adminToken),
  await measure('asset list: warranty ending before 2025-06-01', '/api/v1/devices?warrantyEndsBefore=2025-06-01', adminToken),
];
// The CSV export of every device, once (streamed in pages of 1,000): reported, not held to the budget.
const exportStart = performance.now();
const exportRes = await app.request('/api/v1/devices/export.csv', { headers: { authorization: `Bearer ${adminToken}` } });
const exportLines = (await exportRes.text()).split('\r\n').length - 2;
const exportMs = performance.now() - exportStart;
console.log(`CSV export of ${exportLines} devices: ${exportMs.toFixed(0)} ms`);
const tech = results[0]!.body as { queue: { total: number }; unassigned: { total: number }; sla: { atRisk: number; breached: number } };
const fleet = results[1]!.body as { devices: { total: number; stale: number }; openConflicts: number };
const own = results[2]!.body as { byStatus: Record<string, number> };

const server = await q(`select version() as v, current_setting('shared_buffers') as sb, current_setting('work_mem') as wm`);
const lines = [
  '# Home pages benchmark (Postgres)',
  '',
  `Run ${new Date().toISOString()} on ${String(server.rows[0]!.v).split(',')[0]} (shared_buffers ${String(server.rows[0]!.sb)}, work_mem ${String(server.rows[0]!.wm)}), ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end.`,
  `Data: ${c.devices.toLocaleString('en')} devices, ${c.tickets.toLocaleString('en')} tickets (${c.open.toLocaleString('en')} open), ${c.actors.toLocaleString('en')} ticket actors.`,
  `The technician's queue holds ${tech.queue.total} tickets; ${tech.unassigned.total} unassigned, ${tech.sla.atRisk} at risk, ${tech.sla.breached} breached. The fleet: ${fleet.devices.total} devices, ${fleet.devices.stale} stale, ${fleet.openConflicts} open conflicts. The requester has ${Object.values(own.byStatus).reduce((a, n) => a + n, 0)} tickets.`,
  '',
  `Server time of one request through the real HTTP handler (in process), ${RUNS} runs after one warm-up; budget ${BUDGET_MS} ms.`,
  '',
  '| request | p50 | p95 | min | max |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...results.map((r) => `| ${r.label} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.min.toFixed(1)} ms | ${r.max.toFixed(1)} ms |`),
  '',
  `CSV export of all ${exportLines.toLocaleString('en')} devices, once, streamed: ${exportMs.toFixed(0)} ms (not held to the budget).`,
  '',
  ...(timings.length > 0 ? ['Seeding:', '', ...timings.map(([l, ms]) => `- ${l}: ${(ms / 1000).toFixed(1)} s`), ''] : ['Seeded schema reused (BENCH_KEEP=1).', '']),
];
await writeResults('home', lines.join('\n'));

await db.destroy();
if (!KEEP) await q(`drop schema ${schema} cascade`);
await seeder.end();
const over = results.filter((r) => r.p95 > BUDGET_MS);
if (over.length > 0) {
  console.error(`over the ${BUDGET_MS} ms budget at p95: ${over.map((r) => r.label).join(', ')}`);
  process.exitCode = 1;
}
