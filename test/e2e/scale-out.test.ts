import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInventory } from '../../server/test/helpers/inventory-factory.js';
import { startRealServer, type RealServer } from '../helpers/real-server.js';

/**
 * Two real server processes (`node --import tsx server/src/main.ts`, one process each) on one Postgres
 * database, as behind a load balancer: the same machines' inventories sent to both at the same moment,
 * then thousands of different machines spread over both. Exactly one device per machine, the last
 * inventory wins whole (never a mix of two), and no agent ever sees an error. Needs Postgres: PGlite's
 * data folder belongs to one process.
 */
const PG = process.env.DATABASE_URL;
if (!PG) console.warn('scale-out.test.ts skipped: set DATABASE_URL to a Postgres server (CI runs it in its Postgres pass)');

const MANY = Number(process.env.PARC_SCALE_OUT_DEVICES ?? 2_000);
const RACED = 40;
const env = { PARC_WORKERS: '1', PARC_ENROLL_MAX_PER_ADDRESS: '1000000', PARC_ENROLL_MAX_PER_TOKEN: '1000000' };

let a: RealServer;
let b: RealServer;
let token: string;
let sql: pg.Client;

interface Agent {
  agentId: string;
  agentKey: string;
}

async function post(url: string, path: string, body: unknown, key?: string): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function enroll(url: string, hostname: string): Promise<Agent> {
  const res = await post(url, '/api/v1/agent/enroll', { enrollmentToken: token, hostname });
  if (res.status !== 200) throw new Error(`enroll ${hostname} on ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Agent;
}

/** One inventory of machine `seed` with `packages` packages, as `agent` sends it; the status seen. */
async function upload(url: string, agent: Agent, seed: number, packages: number, hostname?: string): Promise<number> {
  const inv = { ...makeInventory({ seed, packages, agentId: agent.agentId, ...(hostname ? { hostname } : {}) }), monitors: [], collectedAt: new Date().toISOString() };
  const res = await post(url, '/api/v1/agent/inventory', inv, agent.agentKey);
  if (res.status !== 200) console.error(`upload of machine ${seed} to ${url}: ${res.status} ${await res.text()}`);
  else await res.arrayBuffer();
  return res.status;
}

/** Runs `fn` over `items` with at most `limit` at a time. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/** Installations per serial, straight from the database. */
async function softwareBySerial(serials: string[]): Promise<Map<string, { devices: number; software: number; hostname: string }>> {
  const r = await sql.query<{ serial: string; devices: number; software: number; hostname: string }>(
    `select d.serial, count(distinct d.id)::int as devices, count(i.version_id)::int as software, max(d.hostname) as hostname
     from devices d left join software_installations i on i.device_id = d.id
     where d.type = 'computer' and d.serial = any($1) group by d.serial`,
    [serials],
  );
  return new Map(r.rows.map((x) => [x.serial, x]));
}

const serialOf = (seed: number) => `PF3${String(seed).padStart(5, '0')}`;

describe.skipIf(!PG)('two servers on one Postgres', { timeout: 600_000 }, () => {
  beforeAll(async () => {
    a = await startRealServer({ name: 'scale_out', logLevel: 'warn', env });
    b = await startRealServer({ name: 'scale_out', logLevel: 'warn', env, databaseUrl: a.databaseUrl! });
    token = a.output().match(/Enrollment token for agents: (parc_enroll_\S+)/)![1]!;
    sql = new pg.Client({ connectionString: a.databaseUrl });
    await sql.connect();
  }, 180_000);
  afterAll(async () => {
    await sql?.end();
    await b?.close();
    await a?.close();
  });

  it('the same machines sent to both servers at once: one device each, one whole inventory, then the last one wins', async () => {
    const seeds = Array.from({ length: RACED }, (_, i) => 90_000 + i);
    const agents = await pool(seeds, 8, (seed, i) => enroll(i % 2 ? b.url : a.url, `raced-${seed}`));
    // Every machine's first inventory reaches both servers at the same moment, with different software.
    const first = await Promise.all(seeds.flatMap((seed, i) => [upload(a.url, agents[i]!, seed, 30), upload(b.url, agents[i]!, seed, 45)]));
    expect(first.filter((s) => s !== 200), 'statuses other than 200').toEqual([]);
    let stored = await softwareBySerial(seeds.map(serialOf));
    for (const seed of seeds) {
      const d = stored.get(serialOf(seed));
      expect(d?.devices, `machine ${seed}`).toBe(1);
      expect([30, 45], `machine ${seed}: one inventory whole, not a mix`).toContain(d?.software);
    }
    // Then one after the other, alternating servers: the later inventory is what is stored.
    const later = await pool(seeds, 16, async (seed, i) => [await upload(a.url, agents[i]!, seed, 20, `old-${seed}`), await upload(b.url, agents[i]!, seed, 35, `new-${seed}`)]);
    expect(later.flat().filter((s) => s !== 200)).toEqual([]);
    stored = await softwareBySerial(seeds.map(serialOf));
    for (const seed of seeds) expect(stored.get(serialOf(seed)), `machine ${seed}`).toMatchObject({ devices: 1, software: 35, hostname: `new-${seed}` });
  });

  it(`${MANY} different machines spread over both servers: all stored, counts right, no error`, async () => {
    const seeds = Array.from({ length: MANY }, (_, i) => 1 + i);
    const started = performance.now();
    const statuses = await pool(seeds, 16, async (seed, i) => {
      const url = i % 2 ? b.url : a.url;
      const agent = await enroll(url, `ws-${seed}`);
      // Software count varies by machine, so a lost or crossed write shows.
      return upload(i % 3 ? a.url : b.url, agent, seed, 10 + (seed % 17));
    });
    const seconds = (performance.now() - started) / 1000;
    console.warn(`scale-out: ${MANY} enrollments + first inventories over 2 servers in ${seconds.toFixed(1)} s (${(MANY / seconds).toFixed(0)} machines/s)`);
    expect(statuses.filter((s) => s !== 200), 'statuses other than 200').toEqual([]);
    const stored = await softwareBySerial(seeds.map(serialOf));
    expect(stored.size).toBe(MANY);
    const wrong = seeds.filter((seed) => {
      const d = stored.get(serialOf(seed));
      return d?.devices !== 1 || d.software !== 10 + (seed % 17);
    });
    expect(wrong, 'machines stored twice or with the wrong software count').toEqual([]);
    const total = await sql.query<{ n: number }>(`select count(*)::int as n from devices where type = 'computer'`);
    expect(total.rows[0]!.n).toBe(MANY + RACED);
    // Nothing either server logged at error level (a 5xx, a failed transaction).
    for (const s of [a, b]) expect(s.output().split('\n').filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
  });
});

describe.skipIf(!PG)('npm start on Postgres: cluster workers', { timeout: 180_000 }, () => {
  it('runs PARC_WORKERS workers on one port, prints the banner once, restarts a worker that dies, and stops on SIGTERM', async () => {
    const s = await startRealServer({ name: 'cluster', env: { PARC_WORKERS: '2' } });
    try {
      const listening = () => s.output().split('\n').filter((l) => l.includes('"msg":"parc server listening"'));
      for (let i = 0; i < 100 && listening().length < 2; i++) await new Promise((r) => setTimeout(r, 100));
      expect(listening()).toHaveLength(2);
      expect(s.output().match(/is running at/g)).toHaveLength(1);
      expect(s.output().match(/created user "admin" with password/g)).toHaveLength(1);
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      const pids = listening().map((l) => (JSON.parse(l) as { pid: number }).pid);
      expect(new Set(pids).size).toBe(2);
      expect(pids).not.toContain(s.pid);

      // A worker killed outright is replaced (after a second); the other one serves meanwhile.
      process.kill(pids[0]!, 'SIGKILL');
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      for (let i = 0; i < 150 && listening().length < 3; i++) await new Promise((r) => setTimeout(r, 100));
      expect(s.output()).toContain('a server worker died; starting a new one');
      expect(listening()).toHaveLength(3);
      expect(s.output().match(/is running at/g)).toHaveLength(1);

      expect(await s.stop()).toBe(0);
      expect(s.output()).toMatch(/"msg":"stopped"/);
      for (const pid of pids.slice(1)) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      await s.close();
    }
  });
});
