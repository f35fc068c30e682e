import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * Starts the real server as a process, the way `npm start` does, on a free port (PORT=0), and checks the
 * first-start banner, logging in with what it prints, graceful shutdown and a second start. With
 * DATABASE_URL set, each start gets a fresh Postgres database instead of the PGlite folder.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PG_URL = process.env.DATABASE_URL;

interface Running {
  child: ChildProcessWithoutNullStreams;
  url: string;
  out: () => string;
  exited: Promise<number | null>;
}

const children = new Set<ChildProcessWithoutNullStreams>();
let dataDir: string;
let databaseUrl: string | undefined;
const createdDatabases: string[] = [];

async function freshDatabase(): Promise<string | undefined> {
  if (!PG_URL) return undefined;
  const name = `parc_main_test_${process.pid}_${createdDatabases.length}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`drop database if exists ${name}`);
  await client.query(`create database ${name}`);
  await client.end();
  createdDatabases.push(name);
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

function start(env: Record<string, string> = {}): Promise<Running> {
  // `node --import tsx` rather than `npx tsx`: the signal then reaches the server itself, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      PORT: '0',
      HOST: '127.0.0.1',
      PARC_DATA_DIR: dataDir,
      PARC_LOG_LEVEL: 'info',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...env,
    },
  });
  children.add(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => (children.delete(child), resolve(code))));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${out}`)), 60_000);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${out}`));
    });
    const poll = setInterval(() => {
      const m = out.match(/is running at (http:\/\/\S+)/);
      if (m && /API reference:[^\n]*\n/.test(out)) {
        clearInterval(poll);
        // The rest of the banner is printed in the same tick; give the pipe a moment to deliver it.
        setTimeout(() => {
          clearTimeout(timer);
          resolve({ child, url: m[1]!, out: () => out, exited });
        }, 500);
      }
    }, 50);
  });
}

async function stop(s: Running): Promise<number | null> {
  s.child.kill('SIGTERM');
  return s.exited;
}

async function login(url: string, username: string, password: string) {
  return fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
}

/** The JSON log lines (pino), without the human banner. */
const logLines = (out: string) => out.split('\n').filter((l) => l.startsWith('{'));

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'parc-main-'));
});
afterEach(() => {
  for (const c of children) c.kill('SIGKILL');
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  if (PG_URL && createdDatabases.length > 0) {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    for (const name of createdDatabases) await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  }
});

describe('server start-up', { timeout: 180_000 }, () => {
  it('first start prints the URL, a generated admin password and an enrollment token; they work; SIGTERM exits 0; a second start keeps the data and prints no new password', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'parc-main-'));
    databaseUrl = await freshDatabase();
    const first = await start();
    const banner = first.out();
    expect(first.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(first.url).not.toMatch(/:0$/);
    const pw = banner.match(/created user "admin" with password (\S+)\s+\(generated/)?.[1];
    expect(pw, banner).toBeDefined();
    expect(pw!.length).toBeGreaterThanOrEqual(16);
    const token = banner.match(/Enrollment token for agents: (parc_enroll_\S+)/)?.[1];
    expect(token, banner).toBeDefined();
    // Secrets appear in the banner only, never in the structured logs.
    for (const line of logLines(banner)) {
      expect(line).not.toContain(pw!);
      expect(line).not.toContain(token!);
    }

    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    const res = await login(first.url, 'admin', pw!);
    expect(res.status).toBe(200);
    const { token: session } = (await res.json()) as { token: string };
    expect((await login(first.url, 'admin', 'not-the-password')).status).toBe(401);

    // The printed enrollment token enrolls an agent, whose inventory makes a device.
    const enroll = await fetch(`${first.url}/api/v1/agent/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enrollmentToken: token, hostname: 'ws-main' }) });
    expect(enroll.status).toBe(200);
    const { agentId, agentKey } = (await enroll.json()) as { agentId: string; agentKey: string };
    const upload = await fetch(`${first.url}/api/v1/agent/inventory`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agentKey}` },
      body: JSON.stringify({ schemaVersion: 1, agentId, collectedAt: new Date().toISOString(), hostname: 'ws-main', software: [{ name: 'curl', version: '8.5.0', source: 'deb' }] }),
    });
    expect(upload.status).toBe(200);
    for (const line of logLines(first.out())) {
      expect(line).not.toContain(agentKey);
      expect(line).not.toContain(session);
    }

    expect(await stop(first)).toBe(0);
    expect(first.out()).toMatch(/"msg":"stopped"/);

    const second = await start();
    const banner2 = second.out();
    expect(banner2).not.toMatch(/created user/);
    expect(banner2).not.toMatch(/Enrollment token for agents/);
    expect((await login(second.url, 'admin', pw!)).status).toBe(200);
    const me = await fetch(`${second.url}/api/v1/devices`, { headers: { authorization: `Bearer ${((await (await login(second.url, 'admin', pw!)).json()) as { token: string }).token}` } });
    expect(((await me.json()) as { total: number }).total).toBe(1);
    expect(await stop(second)).toBe(0);
  });

  it('with PARC_ADMIN_PASSWORD the admin gets that password, and it is not printed', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'parc-main-'));
    databaseUrl = await freshDatabase();
    const password = 'correct-horse-battery';
    const s = await start({ PARC_ADMIN_PASSWORD: password });
    const banner = s.out();
    expect(banner).toMatch(/created user "admin" with password from PARC_ADMIN_PASSWORD/);
    expect(banner).not.toContain(password);
    expect(banner).toMatch(/Enrollment token for agents: parc_enroll_/);
    expect((await login(s.url, 'admin', password)).status).toBe(200);
    expect(await stop(s)).toBe(0);

    // Changing the variable later does not change the password: the first start decided it.
    const again = await start({ PARC_ADMIN_PASSWORD: 'another-password-1' });
    expect((await login(again.url, 'admin', 'another-password-1')).status).toBe(401);
    expect((await login(again.url, 'admin', password)).status).toBe(200);
    expect(await stop(again)).toBe(0);
  });

  it('refuses a bad configuration with exit code 2 and names the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', PORT: 'eighty', PARC_DATA_DIR: dataDir } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/PORT/);
  });
});
