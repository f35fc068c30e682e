import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startRealServer, type RealServer, type RealServerOptions } from '../../../test/helpers/real-server.js';

/**
 * Starts the real server as a process, the way `npm start` does, on a free port (PORT=0), and checks the
 * first-start banner, logging in with what it prints, graceful shutdown and a second start. With
 * DATABASE_URL set, each server gets a fresh Postgres database instead of the PGlite folder.
 */
const servers: RealServer[] = [];
let dataDir: string;

async function start(opts: Omit<RealServerOptions, 'name'> = {}): Promise<RealServer> {
  const s = await startRealServer({ name: 'main_test', ...opts });
  servers.push(s);
  return s;
}

async function login(url: string, username: string, password: string) {
  return fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
}

/** The JSON log lines (pino), without the human banner. */
const logLines = (out: string) => out.split('\n').filter((l) => l.startsWith('{'));

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'parc-main-'));
});
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('server start-up', { timeout: 180_000 }, () => {
  it('first start prints the URL, a generated admin password and an enrollment token; they work; SIGTERM exits 0; a second start keeps the data and prints no new password', async () => {
    const server = await start();
    const banner = server.output();
    expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(server.url).not.toMatch(/:0$/);
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

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const res = await login(server.url, 'admin', pw!);
    expect(res.status).toBe(200);
    const { token: session } = (await res.json()) as { token: string };
    expect((await login(server.url, 'admin', 'not-the-password')).status).toBe(401);

    // The printed enrollment token enrolls an agent, whose inventory makes a device.
    const enroll = await fetch(`${server.url}/api/v1/agent/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enrollmentToken: token, hostname: 'ws-main' }) });
    expect(enroll.status).toBe(200);
    const { agentId, agentKey } = (await enroll.json()) as { agentId: string; agentKey: string };
    const upload = await fetch(`${server.url}/api/v1/agent/inventory`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agentKey}` },
      body: JSON.stringify({ schemaVersion: 1, agentId, collectedAt: new Date().toISOString(), hostname: 'ws-main', software: [{ name: 'curl', version: '8.5.0', source: 'deb' }] }),
    });
    expect(upload.status).toBe(200);
    for (const line of logLines(server.output())) {
      expect(line).not.toContain(agentKey);
      expect(line).not.toContain(session);
    }

    expect(await server.stop()).toBe(0);
    expect(server.output()).toMatch(/"msg":"stopped"/);

    await server.restart();
    const banner2 = server.output();
    expect(banner2).not.toMatch(/created user/);
    expect(banner2).not.toMatch(/Enrollment token for agents/);
    expect((await login(server.url, 'admin', pw!)).status).toBe(200);
    const me = await fetch(`${server.url}/api/v1/devices`, { headers: { authorization: `Bearer ${((await (await login(server.url, 'admin', pw!)).json()) as { token: string }).token}` } });
    expect(((await me.json()) as { total: number }).total).toBe(1);
    expect(await server.stop()).toBe(0);
  });

  it('with PARC_ADMIN_PASSWORD the admin gets that password, and it is not printed', async () => {
    const password = 'correct-horse-battery';
    const s = await start({ adminPassword: password });
    const banner = s.output();
    expect(banner).toMatch(/created user "admin" with password from PARC_ADMIN_PASSWORD/);
    expect(banner).not.toContain(password);
    expect(banner).toMatch(/Enrollment token for agents: parc_enroll_/);
    expect((await login(s.url, 'admin', password)).status).toBe(200);
    expect(await s.stop()).toBe(0);

    // Changing the variable later does not change the password: the first start decided it.
    await s.restart({ PARC_ADMIN_PASSWORD: 'another-password-1' });
    expect((await login(s.url, 'admin', 'another-password-1')).status).toBe(401);
    expect((await login(s.url, 'admin', password)).status).toBe(200);
    expect(await s.stop()).toBe(0);
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
