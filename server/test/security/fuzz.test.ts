import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentedAccess } from '../../src/platform/http/api-builder.js';
import { seedEverything } from '../helpers/seed-everything.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';
import { malformedBody, malformedQuery, malformedXml, prepareBombs, type FuzzBody, type Schema } from './fuzz/malformed.js';
import { extremeBody } from './fuzz/extreme.js';
import { prng } from './fuzz/prng.js';

// Thousands of malformed requests to every route of the OpenAPI document and to the legacy XML endpoints,
// over a real HTTP server, as an admin and as an agent: no 5xx, /healthz answers within a second
// throughout, and not one row of any table changes (every body is invalid for its route, so every write
// must be refused). Bounded for CI; a bigger run: `npm run fuzz` (PARC_FUZZ_CASES, PARC_FUZZ_SEED).
// A failure names its case seed: PARC_FUZZ_SEED=<seed> replays the run.

const CASES = Number(process.env.PARC_FUZZ_CASES ?? 24);
const SEED = Number(process.env.PARC_FUZZ_SEED ?? 20261130);
const CONCURRENCY = 2;

interface Operation { method: string; path: string; access: DocumentedAccess; body?: Schema; query: string[] }
interface Doc {
  paths: Record<string, Record<string, { 'x-parc-access': DocumentedAccess; parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Every table's rows, hashed: equal before and after means nothing was written. */
/**
 * Tables whose whole job is to count refused requests (refused agent uploads for the fleet home page):
 * fuzzing must grow them, and they hold no one's data. Checked apart: they only ever gain counts.
 */
const REFUSAL_COUNTERS = new Set(['upload_rejections']);

/**
 * The start of an answer, the rest left unread. Client and server share this process: decoding a whole
 * agent binary (GET /downloads/agent/…, 100 MB once CI has built it) as text would stall the health probes.
 */
async function headText(res: Response, max = 200): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  return new TextDecoder().decode(Buffer.concat(chunks)).slice(0, max);
}

async function checksums(t: TestContext): Promise<Record<string, string>> {
  const tables = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = current_schema() and tablename not like 'kysely_%' order by tablename`.execute(t.db);
  const out: Record<string, string> = {};
  for (const { tablename } of tables.rows) {
    if (REFUSAL_COUNTERS.has(tablename)) continue;
    const r = await sql<{ h: string | null; n: number }>`select md5(string_agg(md5(x::text), '' order by md5(x::text))) as h, count(*)::int as n from ${sql.table(tablename)} x`.execute(t.db);
    out[tablename] = `${r.rows[0]!.n}:${r.rows[0]!.h ?? ''}`;
  }
  return out;
}

function resolver(doc: Doc) {
  const resolve = (s: Schema | undefined, depth = 0): Schema | undefined => {
    if (!s || depth > 20) return s;
    if (s.$ref) return resolve(doc.components?.schemas?.[s.$ref.split('/').pop()!], depth + 1);
    const out: Schema = { ...s };
    if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolve(v, depth + 1)!]));
    if (s.items) out.items = resolve(s.items, depth + 1);
    if (s.anyOf) out.anyOf = s.anyOf.map((x) => resolve(x, depth + 1)!);
    if (s.oneOf) out.oneOf = s.oneOf.map((x) => resolve(x, depth + 1)!);
    if (s.allOf) out.allOf = s.allOf.map((x) => resolve(x, depth + 1)!);
    return out;
  };
  return resolve;
}

describe('fuzzing every route with malformed input', () => {
  let t: TestContext;
  let server: ServerType;
  let base: string;
  let creds: { admin: Record<string, string>; agent: Record<string, string>; legacy: Record<string, string> };

  beforeAll(async () => {
    t = await setupTestApp({ PARC_LEGACY_INVENTORY: '1' });
    const seeded = await seedEverything(t);
    const token = ((await (await t.json('POST', '/api/v1/enrollment-tokens', { description: 'legacy' }, seeded.admin)).json()) as { token: string }).token;
    creds = {
      admin: seeded.admin,
      agent: { authorization: `Bearer ${seeded.agentKey}` },
      legacy: { authorization: `Basic ${Buffer.from(`parc:${token}`).toString('base64')}` },
    };
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 300_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  /** The operations to send bodies or queries to, and the writes that take no body (not sent anything). */
  async function operations(): Promise<{ ops: Operation[]; skipped: string[] }> {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as Doc;
    const resolve = resolver(doc);
    const ops: Operation[] = [];
    const skipped: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const schema = op.requestBody ? Object.values(op.requestBody.content)[0]?.schema : undefined;
        const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        const o: Operation = { method: method.toUpperCase(), path: path.replace(/\{file\}/g, 'parc-agent-linux-x64').replace(/\{[^}]+\}/g, '1'), access: op['x-parc-access'], body: resolve(schema), query };
        // A write that takes no body acts whatever it is sent (logout, delete, apply): nothing malformed to send it.
        if (o.method !== 'GET' && !schema) skipped.push(`${o.method} ${path}`);
        else ops.push(o);
      }
    }
    return { ops, skipped };
  }

  it(`${CASES} malformed bodies or queries per route (seed ${SEED}): no 5xx, /healthz within a second, no table changed`, async () => {
    const { ops, skipped } = await operations();
    expect(ops.length).toBeGreaterThan(60);

    // Reads may fill what is computed once a day (the compliance snapshot): each GET once, well-formed, first.
    for (const op of ops.filter((o) => o.method === 'GET')) await headText(await fetch(`${base}${op.path}`, { headers: creds.admin }));
    const before = await checksums(t);
    prepareBombs();
    const inFlight = new Set<string>();

    // Health probes, concurrently with the fuzzing, each given one second.
    const probes = { sent: 0, slow: [] as string[], worst: 0 };
    let fuzzing = true;
    const probing = (async () => {
      while (fuzzing) {
        const started = performance.now();
        probes.sent++;
        try {
          const during = [...inFlight].join(' | ');
          const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) });
          if (res.status !== 200) probes.slow.push(`status ${res.status} during ${during}`);
          await res.arrayBuffer();
        } catch (e) {
          probes.slow.push(`no answer within a second (${(e as Error).name}) during ${[...inFlight].join(' | ')}`);
        }
        probes.worst = Math.max(probes.worst, performance.now() - started);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();

    interface Case { seed: number; method: string; path: string; make: () => FuzzBody | undefined; headers: Record<string, string> }
    const cases: Case[] = [];
    const master = prng(SEED);
    for (const op of ops) {
      for (let i = 0; i < CASES; i++) {
        const seed = master.int(2 ** 31);
        const rng = prng(seed);
        const agentRoute = op.access === 'agent-key';
        const asAgent = agentRoute ? rng.chance(0.8) : rng.chance(0.2);
        const headers = asAgent ? creds.agent : creds.admin;
        if (op.method === 'GET') {
          cases.push({ seed, method: 'GET', path: `${op.path}?${malformedQuery(rng, op.query)}`, make: () => undefined, headers });
        } else {
          cases.push({ seed, method: op.method, path: op.path, make: () => malformedBody(rng, op.body, 1024 * 1024), headers });
        }
      }
    }
    for (const path of ['/', '/front/inventory.php', '/ocsinventory']) {
      for (let i = 0; i < CASES * 2; i++) {
        const seed = master.int(2 ** 31);
        const rng = prng(seed);
        cases.push({ seed, method: 'POST', path, make: () => malformedXml(rng), headers: rng.chance(0.8) ? creds.legacy : {} });
      }
    }

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++]!;
        const body = c.make();
        const headers: Record<string, string> = { ...c.headers };
        if (body?.contentType) headers['content-type'] = body.contentType;
        if (body?.contentEncoding) headers['content-encoding'] = body.contentEncoding;
        let status: number;
        let text = '';
        const name = `${c.method} ${c.path.slice(0, 80)} [${body?.label ?? 'query'}] seed ${c.seed}`;
        inFlight.add(name);
        try {
          const res = await fetch(`${base}${c.path}`, { method: c.method, headers, ...(body ? { body: new Uint8Array(body.body) } : {}), signal: AbortSignal.timeout(30_000) });
          status = res.status;
          text = await headText(res);
        } catch (e) {
          status = 599;
          text = (e as Error).message;
        }
        inFlight.delete(name);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) failures.push(`${c.method} ${c.path.slice(0, 120)} [${body?.label ?? 'query'}] seed ${c.seed}: ${status} ${text}`);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    fuzzing = false;
    await probing;
    const seconds = (performance.now() - started) / 1000;

    const after = await checksums(t);
    const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
    process.stdout.write(`fuzz: ${cases.length} requests in ${seconds.toFixed(1)} s, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}, ${probes.sent} health probes (worst ${Math.round(probes.worst)} ms); writes with no body not sent: ${skipped.length}\n`);
    expect(cases.length).toBeGreaterThan(2000);
    const refused = await sql<{ n: number }>`select coalesce(sum(count), 0)::int as n from upload_rejections`.execute(t.db);
    expect(refused.rows[0]!.n).toBeGreaterThan(0);
    expect(failures).toEqual([]);
    expect(probes.slow).toEqual([]);
    expect(probes.sent).toBeGreaterThan(5);
    expect(changed.map((k) => `${k} ${before[k]} -> ${after[k]}`)).toEqual([]);
  }, 900_000);

  it(`well-formed bodies with one extreme value (seed ${SEED}): a 2xx or a 4xx, never a 5xx`, async () => {
    const { ops } = await operations();
    // Changing users (roles, passwords, the session itself) last, so the admin keeps its rights meanwhile.
    const late = (o: Operation) => (/\/api\/v1\/(users|me|auth)/.test(o.path) ? 1 : 0);
    const withBody = ops.filter((o) => o.body?.properties).sort((a, b) => late(a) - late(b));
    const master = prng(SEED + 1);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    for (const op of withBody) {
      for (let i = 0; i < Math.ceil(CASES / 2); i++) {
        const seed = master.int(2 ** 31);
        const made = extremeBody(prng(seed), op.body!);
        if (!made) continue;
        const headers = { ...(op.access === 'agent-key' ? creds.agent : creds.admin), 'content-type': 'application/json' };
        const res = await fetch(`${base}${op.path}`, { method: op.method, headers, body: JSON.stringify(made.value), signal: AbortSignal.timeout(30_000) });
        const text = await headText(res);
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) failures.push(`${op.method} ${op.path} [${made.label}] seed ${seed}: ${res.status} ${text.slice(0, 160)}`);
      }
    }
    process.stdout.write(`extreme values: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`);
    expect(sent).toBeGreaterThan(200);
    expect(failures).toEqual([]);
  }, 900_000);
});
