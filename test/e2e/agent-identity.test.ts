import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startRealServer, type RealServer } from '../helpers/real-server.js';

/**
 * Issue 10's agent identity with the real processes: the agent CLI against the real server. A copy of an
 * agent's identity (its id, no key) cannot take it over; it enrolls as a new agent instead. An admin's
 * re-key is done by the agent itself at its next send; enrolling again with its own key keeps its id.
 */
const ADMIN_PASSWORD = 'e2e-admin-password';

let work: string;
let port: number;
let server: RealServer | undefined;

function agent(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'agent/src/cli/main.ts', ...args, '--state-dir', path.join(work, dir)], {
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
    headers: { connection: 'close', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${urlPath}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const identity = async (dir: string) => (JSON.parse(await readFile(path.join(work, dir, 'identity.json'), 'utf8')) as { agentId: string }).agentId;
const key = (dir: string) => readFile(path.join(work, dir, 'agent.key'), 'utf8');

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'parc-e2e-id-'));
  server = await startRealServer({ name: 'e2e_identity', dataDir: path.join(work, 'server-data'), adminPassword: ADMIN_PASSWORD, logLevel: 'warn' });
  port = server.port;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

describe('agent identity, end to end', () => {
  it('a copied id enrolls as a new agent; a re-key is done by the agent itself; its own key keeps its id', async () => {
    const { token } = await api<{ token: string }>('POST', '/api/v1/auth/login', undefined, { username: 'admin', password: ADMIN_PASSWORD });
    const enrollment = await api<{ token: string }>('POST', '/api/v1/enrollment-tokens', token, { description: 'e2e' });
    const serverUrl = `http://127.0.0.1:${port}`;

    const real = agent('real', 'enroll', '--server', serverUrl, '--token', enrollment.token);
    expect(real.code, real.out).toBe(0);
    const realId = await identity('real');
    expect(agent('real', 'send').code).toBe(0);

    // Another machine carrying a copy of the real agent's identity file (a cloned disk image, or an attacker).
    await mkdir(path.join(work, 'clone'), { recursive: true, mode: 0o700 });
    await cp(path.join(work, 'real', 'identity.json'), path.join(work, 'clone', 'identity.json'));
    const clone = agent('clone', 'enroll', '--server', serverUrl, '--token', enrollment.token);
    expect(clone.code, clone.out).toBe(0);
    expect(clone.out).toMatch(new RegExp(`agent id ${realId} belongs to another enrolled agent`));
    expect(await identity('clone')).not.toBe(realId);
    const keyBefore = await key('real');
    expect(agent('real', 'send').code).toBe(0);

    // An admin asks for a new key: the agent's next send rotates it and goes through.
    await api('POST', `/api/v1/agents/${realId}/rekey`, token);
    const sent = agent('real', 'send');
    expect(sent.code, sent.out).toBe(0);
    expect(await key('real')).not.toBe(keyBefore);
    const listed = await api<{ items: { id: string; state: string; device: { id: number } | null }[] }>('GET', `/api/v1/agents?search=${realId}`, token);
    expect(listed.items).toEqual([expect.objectContaining({ id: realId, state: 'active' })]);

    // Enrolling again on the same machine proves the id with the key it holds: same agent, same device.
    const again = agent('real', 'enroll', '--server', serverUrl, '--token', enrollment.token);
    expect(again.code, again.out).toBe(0);
    expect(await identity('real')).toBe(realId);
    expect(agent('real', 'send').code).toBe(0);
    const after = await api<{ items: { id: string; device: { id: number } | null }[] }>('GET', `/api/v1/agents?search=${realId}`, token);
    expect(after.items[0]!.device?.id).toBe(listed.items[0]!.device?.id);
  }, 400_000);
});
