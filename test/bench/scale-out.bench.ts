/**
 * Scale-out benchmark: the real server as processes (`node --import tsx server/src/main.ts`, one process
 * each) on one Postgres database, 1 server then 2 servers sharing a database, agents spread over them
 * round-robin as a load balancer would. Measures over HTTP, per second and p50/p95: first inventories
 * (~800 packages) and unchanged full re-inventories. Needs DATABASE_URL. Prints a Markdown table.
 *
 *   DATABASE_URL=postgres://… npm run bench:scale-out
 *   BENCH_DEVICES=300 BENCH_CONCURRENCY=16 npm run bench:scale-out
 */
import os from 'node:os';
import { makeInventory } from '../../server/test/helpers/inventory-factory.js';
import { startRealServer, type RealServer } from '../helpers/real-server.js';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PACKAGES = 800;
if (!process.env.DATABASE_URL) {
  console.error('bench:scale-out needs DATABASE_URL (a Postgres server): several processes cannot share PGlite');
  process.exit(2);
}

interface Agent {
  agentId: string;
  agentKey: string;
}
interface Phase {
  perSecond: number;
  p50: number;
  p95: number;
  errors: number;
}

const env = { PARC_WORKERS: '1', PARC_ENROLL_MAX_PER_ADDRESS: '1000000', PARC_ENROLL_MAX_PER_TOKEN: '1000000' };

async function run(items: number, fn: (i: number) => Promise<boolean>): Promise<Phase> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items) {
        const i = next++;
        const t = performance.now();
        if (!(await fn(i))) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!);
  return { perSecond: items / seconds, p50: q(0.5), p95: q(0.95), errors };
}

async function measure(servers: number): Promise<{ first: Phase; unchanged: Phase }> {
  const all: RealServer[] = [];
  try {
    all.push(await startRealServer({ name: `bench_scale_${servers}`, logLevel: 'warn', env }));
    for (let i = 1; i < servers; i++) all.push(await startRealServer({ name: 'bench_scale', logLevel: 'warn', env, databaseUrl: all[0]!.databaseUrl! }));
    const token = all[0]!.output().match(/Enrollment token for agents: (parc_enroll_\S+)/)![1]!;
    const urlOf = (i: number) => all[i % all.length]!.url;
    const agents: Agent[] = [];
    for (let i = 0; i < DEVICES; i++) {
      const res = await fetch(`${urlOf(i)}/api/v1/agent/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enrollmentToken: token, hostname: `bench-${i}` }) });
      agents.push((await res.json()) as Agent);
    }
    const bodies = agents.map((a, i) => JSON.stringify({ ...makeInventory({ seed: i + 1, packages: PACKAGES, agentId: a.agentId }), monitors: [] }));
    const send = async (i: number) => {
      const res = await fetch(`${urlOf(i)}/api/v1/agent/inventory`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${agents[i]!.agentKey}` }, body: bodies[i] });
      await res.arrayBuffer();
      return res.status === 200;
    };
    const first = await run(DEVICES, send);
    const unchanged = await run(DEVICES, send);
    return { first, unchanged };
  } finally {
    for (const s of all.reverse()) await s.close();
  }
}

const one = await measure(1);
const two = await measure(2);
const row = (name: string, p: Phase) => `| ${name} | ${p.perSecond.toFixed(1)} | ${p.p50} | ${p.p95} | ${p.errors} |`;
console.log(`\nScale-out, ${DEVICES} devices of ${PACKAGES} packages, concurrency ${CONCURRENCY}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at the end\n`);
console.log('| servers, inventory | per second | p50 ms | p95 ms | errors |\n|---|---|---|---|---|');
console.log(row('1 server, first inventory', one.first));
console.log(row('2 servers, first inventory', two.first));
console.log(row('1 server, unchanged re-inventory', one.unchanged));
console.log(row('2 servers, unchanged re-inventory', two.unchanged));
