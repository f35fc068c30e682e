import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startRealServer, type RealServer } from '../helpers/real-server.js';

/**
 * Issue 3's done-when, with the real processes: the agent CLI against the real server. `send` creates the
 * device; with the server killed, `send` keeps the inventory on disk; after a restart, `send` delivers the
 * spooled inventory; a further `send` with nothing changed is only a check-in.
 */
const ADMIN_PASSWORD = 'e2e-admin-password';

let work: string;
let port: number;
let server: RealServer | undefined;

function agent(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'agent/src/cli/main.ts', ...args, '--state-dir', path.join(work, 'agent')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

async function api<T>(method: string, urlPath: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
    method,
    // A fresh connection each time: the test blocks for seconds in spawnSync, long enough for the server to
    // close an idle keep-alive socket that fetch would otherwise reuse.
    headers: { connection: 'close', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${urlPath}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'parc-e2e-'));
  server = await startRealServer({ name: 'e2e', dataDir: path.join(work, 'server-data'), adminPassword: ADMIN_PASSWORD, logLevel: 'warn' });
  port = server.port;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

describe('agent → server, end to end', () => {
  it('spools while the server is down, delivers the spool after restart, then only checks in', async () => {
    const { token } = await api<{ token: string }>('POST', '/api/v1/auth/login', undefined, { username: 'admin', password: ADMIN_PASSWORD });
    const enrollment = await api<{ token: string }>('POST', '/api/v1/enrollment-tokens', token, { description: 'e2e' });

    const enrolled = agent('enroll', '--server', `http://127.0.0.1:${port}`, '--token', enrollment.token);
    expect(enrolled.code, enrolled.out).toBe(0);
    expect(enrolled.out).not.toContain(enrollment.token);
    // Fail fast while the server is down: one attempt, no backoff.
    const configFile = path.join(work, 'agent', 'config.json');
    const config = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
    await writeFile(configFile, JSON.stringify({ ...config, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 }, httpTimeoutMs: 5_000 }));

    // Server down before the first upload: the full inventory is kept on disk.
    await server!.stop('SIGKILL');
    const offline = agent('send');
    expect(offline.code, offline.out).not.toBe(0);
    expect(offline.out).toMatch(/unreachable|kept/i);

    // Back up: the service sends the spooled inventory as soon as it starts.
    await server!.restart();
    const service = spawn(process.execPath, ['--import', 'tsx', 'agent/src/cli/main.ts', 'run', '--state-dir', path.join(work, 'agent')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let serviceOut = '';
    service.stderr!.on('data', (d: Buffer) => (serviceOut += d.toString()));
    service.stdout!.on('data', (d: Buffer) => (serviceOut += d.toString()));
    // Wait for the service to say it delivered the spool (the device can show up a moment before).
    for (let i = 0; i < 240 && !serviceOut.includes('"fromSpool":true'); i++) await new Promise((r) => setTimeout(r, 250));
    const devices = await api<{ total: number; items: { id: number }[] }>('GET', '/api/v1/devices', token);
    // 'close', not 'exit': the last log lines may still be in the pipe when the process exits.
    await new Promise<void>((resolve) => {
      service.on('close', () => resolve());
      service.kill('SIGTERM');
    });
    expect(devices.total, serviceOut).toBe(1);
    expect(serviceOut).toContain('"fromSpool":true');
    const deviceId = devices.items[0]!.id;
    const detail = await api<{ software: unknown[]; components: Record<string, unknown[]> }>('GET', `/api/v1/devices/${deviceId}`, token);
    expect(detail.components.cpus?.length).toBeGreaterThan(0);
    if (process.platform === 'linux' && spawnSync('dpkg-query', ['--version']).status === 0) {
      const installed = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Status}\\n'], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l === 'installed').length;
      expect(detail.software.length).toBe(installed);
    }
    const status = agent('status');
    expect(status.code, status.out).toBe(0);
    expect(status.out).toMatch(/last upload:.*accepted/i);

    // Nothing changed since: only a check-in, no new device, no new history.
    const before = await api<{ total: number }>('GET', `/api/v1/devices/${deviceId}/changes`, token);
    const again = agent('send');
    expect(again.code, again.out).toBe(0);
    expect(again.out).toMatch(/check-in/i);
    const after = await api<{ total: number }>('GET', `/api/v1/devices/${deviceId}/changes`, token);
    expect(after.total).toBe(before.total);
    expect((await api<{ total: number }>('GET', '/api/v1/devices', token)).total).toBe(1);
  }, 300_000);
});
