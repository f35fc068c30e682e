import { gzipSync } from 'node:zlib';
import { inventoryResponseSchema, parseRetryAfter } from '@parc/shared';
import { planUpload, type Baseline } from '../../agent/src/delta.js';
import { applyChurn, churnFor, expectedInstallations, makeMachine, rng, type SimMachine } from './fleet.js';

/**
 * The agent simulator: enrolls N agents through the real enrollment API, sends their inventories on a
 * jittered schedule the way Parc's agent does (full first, then only changed sections, or a bare check-in,
 * planned by the agent's own `planUpload`), honours 429 Retry-After, and at the end checks through the
 * read API that the server holds exactly N devices with the right hostnames and software counts.
 */

export interface SimOptions {
  server: string;
  token: string;
  agents: number;
  durationSeconds: number;
  /** Seconds between an agent's inventories (±20 % jitter); default a third of the duration. */
  intervalSeconds?: number;
  concurrency: number;
  seed: number;
  /** Inventories each agent sends at least, even past the duration (default 1: the check needs one). */
  minInventories?: number;
  /** Prefix of every simulated hostname; default `sim<seed>`. */
  tag?: string;
  apiToken?: string;
  adminUser?: string;
  adminPassword?: string;
  /** Give up on one request after this long. */
  timeoutMs?: number;
  log?: (line: string) => void;
  /** Runs between the load and the check (tests use it to break the server behind the simulator's back). */
  beforeVerify?: () => Promise<void>;
}

type Kind = 'enroll' | 'full' | 'partial' | 'check-in' | 'verify';

export interface KindStats {
  requests: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface SimSummary {
  agents: number;
  seed: number;
  tag: string;
  wallSeconds: number;
  requests: number;
  requestsPerSecond: number;
  byKind: Partial<Record<Kind, KindStats>>;
  statuses: Record<string, number>;
  networkErrors: number;
  tooManyRequests: number;
  retryAfterHonoured: number;
  retryAfterSeconds: { min: number; max: number } | null;
  churn: Record<string, number>;
  verification: { ok: boolean; devices: number; checked: number; problems: string[] };
}

interface SimAgent {
  machine: SimMachine;
  agentId: string;
  agentKey: string;
  baseline?: Baseline;
  /** Installations the server should hold after the last accepted inventory carrying software. */
  expected: number;
  accepted: boolean;
  cycle: number;
}

class Semaphore {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(n: number) {
    this.free = n;
  }
  async use<T>(f: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((r) => this.waiting.push(r));
    try {
      return await f();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function simulate(opts: SimOptions): Promise<SimSummary> {
  const log = opts.log ?? (() => undefined);
  const base = opts.server.replace(/\/+$/, '');
  const tag = opts.tag ?? `sim${opts.seed}`;
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const gate = new Semaphore(opts.concurrency);
  const latencies = new Map<Kind, number[]>();
  const statuses: Record<string, number> = {};
  const churnCounts: Record<string, number> = {};
  let networkErrors = 0;
  let tooMany = 0;
  let honoured = 0;
  let raMin = Infinity;
  let raMax = 0;
  const jitter = rng(opts.seed ^ 0x5eed);

  /** One HTTP request inside the concurrency bound, timed and counted. */
  async function request(kind: Kind, path: string, init: RequestInit): Promise<{ status: number; headers: Headers; body: unknown }> {
    return gate.use(async () => {
      const t0 = performance.now();
      try {
        const res = await fetch(base + path, { ...init, signal: AbortSignal.timeout(timeoutMs) });
        const text = await res.text();
        const ms = performance.now() - t0;
        (latencies.get(kind) ?? latencies.set(kind, []).get(kind)!).push(ms);
        statuses[`${kind} ${res.status}`] = (statuses[`${kind} ${res.status}`] ?? 0) + 1;
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = text;
        }
        return { status: res.status, headers: res.headers, body };
      } catch (e) {
        networkErrors++;
        statuses[`${kind} network-error`] = (statuses[`${kind} network-error`] ?? 0) + 1;
        return { status: 0, headers: new Headers(), body: String(e) };
      }
    });
  }

  /** Waits what a 429 says (or a short backoff), as Parc's agent does; true when the caller should send again. */
  async function backOff(res: { status: number; headers: Headers }, attempt: number): Promise<boolean> {
    if (res.status === 429) {
      tooMany++;
      const wait = parseRetryAfter(res.headers.get('retry-after'));
      if (wait !== undefined) {
        honoured++;
        raMin = Math.min(raMin, wait / 1000);
        raMax = Math.max(raMax, wait / 1000);
        await sleep(wait);
        return true;
      }
    }
    if (res.status === 429 || res.status === 0 || res.status >= 500) {
      if (attempt >= 8) return false;
      await sleep(Math.floor(jitter() * Math.min(30_000, 500 * 2 ** attempt)));
      return true;
    }
    return false;
  }

  const started = performance.now();

  // Machines: the fleet, with a clone (same hardware UUID) every 250 machines, and one in a small fleet.
  const machines: SimMachine[] = [];
  for (let i = 0; i < opts.agents; i++) {
    const clone = i % 250 === 249 || (opts.agents >= 3 && opts.agents < 250 && i === opts.agents - 1);
    machines.push(makeMachine(opts.seed, tag, i, clone ? machines[i === opts.agents - 1 && opts.agents < 250 ? 0 : i - 1] : undefined));
  }
  if (machines.some((m) => m.cloneOf !== undefined)) churnCounts.clone = machines.filter((m) => m.cloneOf !== undefined).length;

  // Enrollment, through the real API, honouring its rate limits.
  log(`enrolling ${opts.agents} agents…`);
  const agents: SimAgent[] = [];
  let failedEnrollments = 0;
  await Promise.all(
    machines.map(async (machine) => {
      for (let attempt = 0; ; attempt++) {
        const res = await request('enroll', '/api/v1/agent/enroll', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ enrollmentToken: opts.token, hostname: machine.hostname, platform: machine.inventory.os?.platform }),
        });
        if (res.status === 200) {
          const { agentId, agentKey } = res.body as { agentId: string; agentKey: string };
          agents[machine.index] = { machine, agentId, agentKey, expected: 0, accepted: false, cycle: 0 };
          return;
        }
        if (!(await backOff(res, attempt))) {
          failedEnrollments++;
          log(`enrollment of ${machine.hostname} failed: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          return;
        }
      }
    }),
  );
  log(`enrolled ${agents.filter(Boolean).length} agents in ${((performance.now() - started) / 1000).toFixed(1)} s; sending inventories for ${opts.durationSeconds} s…`);

  // Inventories: first at a random moment of the first third, then every interval ± 20 %.
  const runStart = performance.now();
  const end = runStart + opts.durationSeconds * 1000;
  const interval = (opts.intervalSeconds ?? Math.max(1, opts.durationSeconds / 3)) * 1000;

  async function sendOnce(a: SimAgent): Promise<boolean> {
    const inventory = { ...structuredClone(a.machine.inventory), agentId: a.agentId, collectedAt: new Date().toISOString() };
    const plan = planUpload({ inventory, baseline: a.baseline, server: base, fullEveryDays: 1, now: new Date() });
    const body = gzipSync(JSON.stringify(plan.payload));
    for (let attempt = 0; ; attempt++) {
      const res = await request(plan.kind, '/api/v1/agent/inventory', {
        method: 'POST',
        headers: { authorization: `Bearer ${a.agentKey}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body,
      });
      if (res.status === 200) {
        const parsed = inventoryResponseSchema.safeParse(res.body);
        if (!parsed.success) return false;
        // The server lacks sections: the next inventory is full.
        a.baseline = parsed.data.requestFull ? undefined : plan.nextBaseline;
        if (plan.sections.includes('software')) a.expected = expectedInstallations(inventory);
        a.accepted = true;
        return true;
      }
      if (!(await backOff(res, attempt))) {
        log(`${a.machine.hostname}: ${plan.kind} refused: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        return false;
      }
    }
  }

  await Promise.all(
    agents.filter(Boolean).map(async (a) => {
      const r = rng(opts.seed * 31 + a.machine.index);
      await sleep(r() * Math.min(interval, opts.durationSeconds * 1000 / 3));
      // The first inventory always goes, even late: the check needs every machine once.
      await sendOnce(a);
      for (;;) {
        const next = performance.now() + interval * (0.8 + 0.4 * r());
        if (next >= end && a.cycle + 1 >= (opts.minInventories ?? 1)) return;
        await sleep(next - performance.now());
        a.cycle++;
        const churn = churnFor(opts.seed, a.machine.index, a.cycle);
        churnCounts[churn] = (churnCounts[churn] ?? 0) + 1;
        applyChurn(a.machine, churn, opts.seed, a.cycle, tag);
        await sendOnce(a);
      }
    }),
  );
  const loadSeconds = (performance.now() - started) / 1000;

  await opts.beforeVerify?.();
  const verification = await verify(agents.filter(Boolean), failedEnrollments);
  const allLatencies = [...latencies.entries()].filter(([k]) => k !== 'verify');
  const requests = allLatencies.reduce((n, [, v]) => n + v.length, 0);
  const byKind: SimSummary['byKind'] = {};
  for (const [k, v] of latencies) {
    const s = [...v].sort((x, y) => x - y);
    byKind[k] = { requests: s.length, p50Ms: round(percentile(s, 50)), p95Ms: round(percentile(s, 95)), p99Ms: round(percentile(s, 99)) };
  }
  return {
    agents: opts.agents,
    seed: opts.seed,
    tag,
    wallSeconds: round(loadSeconds),
    requests,
    requestsPerSecond: round(requests / loadSeconds),
    byKind,
    statuses,
    networkErrors,
    tooManyRequests: tooMany,
    retryAfterHonoured: honoured,
    retryAfterSeconds: honoured ? { min: raMin, max: raMax } : null,
    churn: churnCounts,
    verification,
  };

  async function readAuth(): Promise<Record<string, string>> {
    if (opts.apiToken) return { authorization: `Bearer ${opts.apiToken}` };
    if (opts.adminUser && opts.adminPassword) {
      const res = await request('verify', '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: opts.adminUser, password: opts.adminPassword }) });
      if (res.status !== 200) throw new Error(`login as ${opts.adminUser} failed: HTTP ${res.status}`);
      return { authorization: `Bearer ${(res.body as { token: string }).token}` };
    }
    throw new Error('verification needs read access: give --api-token or --admin-user and --admin-password');
  }

  async function getJson<T>(path: string, auth: Record<string, string>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const res = await request('verify', path, { headers: auth });
      if (res.status === 200) return res.body as T;
      if (!(await backOff(res, attempt))) throw new Error(`GET ${path}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
  }

  async function pages<T>(path: string, auth: Record<string, string>): Promise<T[]> {
    const out: T[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await getJson<{ items: T[]; total: number }>(`${path}${path.includes('?') ? '&' : '?'}limit=500&offset=${offset}`, auth);
      out.push(...page.items);
      if (page.items.length < 500) return out;
    }
  }

  /** What the server holds, through its read API, against what the simulated machines last reported. */
  async function verify(list: SimAgent[], enrollFailures: number): Promise<SimSummary['verification']> {
    const problems: string[] = [];
    const problem = (p: string) => void (problems.length < 50 && problems.push(p));
    if (enrollFailures) problem(`${enrollFailures} agents could not enroll`);
    let auth: Record<string, string>;
    try {
      auth = await readAuth();
    } catch (e) {
      return { ok: false, devices: 0, checked: 0, problems: [(e as Error).message] };
    }
    const serverAgents = await pages<{ id: string; device: { id: number; hostname: string } | null }>(`/api/v1/agents?search=${encodeURIComponent(tag)}`, auth);
    const deviceOfAgent = new Map(serverAgents.map((a) => [a.id, a.device?.id ?? null]));
    const devices = (await pages<{ id: number; hostname: string }>('/api/v1/devices?sort=hostname', auth)).filter((d) => d.hostname.startsWith(`${tag}-`));
    const byId = new Map(devices.map((d) => [d.id, d]));
    if (devices.length !== opts.agents) problem(`the server holds ${devices.length} devices named ${tag}-…, expected exactly ${opts.agents}`);
    const seen = new Set<number>();
    let checked = 0;
    await Promise.all(
      list.map(async (a) => {
        if (!a.accepted) return problem(`${a.machine.hostname}: no inventory was accepted`);
        const deviceId = deviceOfAgent.get(a.agentId);
        if (deviceId === undefined || deviceId === null) return problem(`${a.machine.hostname}: agent ${a.agentId} has no device on the server`);
        if (seen.has(deviceId)) return problem(`${a.machine.hostname}: device ${deviceId} is shared with another agent`);
        seen.add(deviceId);
        const device = byId.get(deviceId);
        if (!device) return problem(`${a.machine.hostname}: device ${deviceId} is missing from the device list`);
        if (device.hostname !== a.machine.hostname) problem(`device ${deviceId}: hostname ${device.hostname}, expected ${a.machine.hostname}`);
        const soft = await getJson<{ total: number }>(`/api/v1/devices/${deviceId}/software?limit=1`, auth);
        if (soft.total !== a.expected) problem(`${a.machine.hostname} (device ${deviceId}): ${soft.total} installed packages, expected ${a.expected}`);
        checked++;
      }),
    );
    return { ok: problems.length === 0, devices: devices.length, checked, problems };
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

/** The summary as people read it. */
export function formatSummary(s: SimSummary): string {
  const lines = [
    `agents ${s.agents} (seed ${s.seed}, tag ${s.tag}), ${s.wallSeconds} s, ${s.requests} requests, ${s.requestsPerSecond} requests/s`,
    ...Object.entries(s.byKind).map(([k, v]) => `  ${k.padEnd(9)} ${String(v.requests).padStart(7)} requests  p50 ${v.p50Ms} ms  p95 ${v.p95Ms} ms  p99 ${v.p99Ms} ms`),
    `statuses: ${Object.entries(s.statuses).map(([k, v]) => `${k}: ${v}`).join(', ')}`,
    `429 answers: ${s.tooManyRequests}, Retry-After honoured: ${s.retryAfterHonoured}${s.retryAfterSeconds ? ` (${s.retryAfterSeconds.min}–${s.retryAfterSeconds.max} s)` : ''}, network errors: ${s.networkErrors}`,
    `churn: ${Object.entries(s.churn).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    s.verification.ok
      ? `verification OK: ${s.verification.devices} devices, each agent's device with the right hostname and software count`
      : `verification FAILED (${s.verification.devices} devices, ${s.verification.checked} checked):\n  ${s.verification.problems.join('\n  ')}`,
  ];
  return lines.join('\n');
}
