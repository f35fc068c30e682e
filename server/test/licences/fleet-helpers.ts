import { manualClock, type ManualClock } from '@parc/shared';
import { sql } from 'kysely';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/platform/log.js';
import { makeInventory } from '../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

/** A test app whose routes read the time from a manual clock (ingest writes last-seen with the real time). */
export interface FleetContext extends TestContext {
  clock: ManualClock;
  /** Calls the API with the licence manager's session unless other headers are given. */
  call<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T; text: string }>;
  lm: Record<string, string>;
}

export async function setupFleet(env: Record<string, string> = {}): Promise<FleetContext> {
  const t = await setupTestApp(env);
  const clock = manualClock(new Date());
  const app = createApp({ db: t.db, config: t.config, log: createLogger(process.env.PARC_TEST_LOG ?? 'silent'), clock });
  const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      }),
    );
  const lm = await t.as('licence-manager');
  const call = async <T,>(method: string, path: string, body?: unknown, headers: Record<string, string> = lm) => {
    const res = await json(method, path, body, headers);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // CSV and empty answers stay text.
    }
    return { status: res.status, body: parsed as T, text };
  };
  return { ...t, app, json, clock, call, lm };
}

export interface Package {
  name: string;
  version: string;
  publisher?: string;
}

let seq = 0;

/** Enrolls a machine and uploads its inventory through the agent API; returns the device id. */
export async function addDevice(t: TestContext, hostname: string, software: Package[], user = 'alice'): Promise<number> {
  const seed = ++seq;
  const { agentKey, agentId } = await t.enrollAgent(hostname);
  const inv = makeInventory({ agentId, seed, hostname, packages: 0 });
  inv.users = [{ username: user, type: 'logged-in' }];
  inv.software = software.map((s) => ({ name: s.name, version: s.version, ...(s.publisher ? { publisher: s.publisher } : {}), source: 'registry' as const }));
  const res = await t.upload(agentKey, inv);
  if (res.status !== 200) throw new Error(`upload of ${hostname} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { deviceId: number }).deviceId;
}

/** The device stopped reporting `days` ago: no API moves last-seen back, so the test dates it. */
export async function lastSeenDaysAgo(t: TestContext, deviceId: number, days: number, now: Date) {
  await sql`update devices set last_seen_at = ${new Date(now.getTime() - days * 86_400_000)} where id = ${deviceId}`.execute(t.db);
}

export async function productId(t: FleetContext, name: string): Promise<number> {
  const res = await t.call<{ items: { id: number; name: string }[] }>('GET', `/api/v1/software?search=${encodeURIComponent(name)}&limit=500`);
  const found = res.body.items.find((p) => p.name === name);
  if (!found) throw new Error(`no product named ${name} in ${JSON.stringify(res.body)}`);
  return found.id;
}
