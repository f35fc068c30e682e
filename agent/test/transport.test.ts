import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Inventory } from '@parc/shared';
import { runCycle, sendSpooled } from '../src/cycle.js';
import { loadSpool } from '../src/spool.js';
import { AgentState } from '../src/state/agent-state.js';
import { createClient } from '../src/transport/client.js';
import { enroll, enrollWithRecovery } from '../src/transport/enroll.js';
import { uploadInventory } from '../src/transport/upload.js';
import type { CollectResult } from '../src/collectors/collect.js';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
interface Seen {
  path?: string;
  auth?: string;
  encoding?: string;
  type?: string;
  body: Inventory;
}

let server: Server;
let url: string;
let replies: Reply[] = [];
let seen: Seen[] = [];

const ACCEPTED = { deviceId: 7, status: 'updated', changes: { added: 0, removed: 0, changed: 1 }, warnings: [], matchedBy: 'agentId' };

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const json = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString() : raw.toString();
      seen.push({ path: req.url, auth: req.headers.authorization, encoding: req.headers['content-encoding'], type: req.headers['content-type'], body: json ? JSON.parse(json) : undefined });
      const r = replies.shift() ?? { status: 200, body: ACCEPTED };
      res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
      res.end(r.body === undefined ? '' : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  replies = [];
  seen = [];
});

const inv: Inventory = { schemaVersion: 1, agentId: 'agent-1', collectedAt: '2026-11-28T10:00:00.000Z', hostname: 'h', users: [] };
const policy = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5000 };
const client = () => createClient({ server: url, timeoutMs: 2000, env: {} });

describe('uploadInventory against a real HTTP server', () => {
  it('sends gzip JSON with the bearer key; retries a 500', async () => {
    replies = [{ status: 500, body: { error: { code: 'internal', message: 'x' } } }];
    const out = await uploadInventory(await client(), 'secret-key', inv, policy);
    expect(out).toMatchObject({ result: 'accepted', attempts: 2, response: { status: 'updated' } });
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({ auth: 'Bearer secret-key', encoding: 'gzip', type: 'application/json', body: { agentId: 'agent-1' } });
  });

  it('waits what Retry-After says on 429', async () => {
    replies = [{ status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'rate_limited', message: 'slow' } } }];
    const waits: number[] = [];
    const out = await uploadInventory(await client(), 'k', inv, policy, { sleep: async (ms) => void waits.push(ms) });
    expect(out.result).toBe('accepted');
    expect(waits).toEqual([1000]);
  });

  it('gives up early when Retry-After is longer than allowed', async () => {
    replies = [{ status: 429, headers: { 'retry-after': '3600' } }];
    const out = await uploadInventory(await client(), 'k', inv, policy);
    expect(out).toMatchObject({ result: 'failed', httpStatus: 429, attempts: 1 });
  });

  it('stops at once on 401 reenroll_required', async () => {
    replies = [{ status: 401, body: { error: { code: 'reenroll_required', message: 'unknown agent' } } }];
    const out = await uploadInventory(await client(), 'k', inv, policy);
    expect(out).toMatchObject({ result: 'reenroll_required', attempts: 1 });
    expect(out.result === 'reenroll_required' && out.error).toMatch(/parc-agent enroll/);
    expect(seen).toHaveLength(1);
  });

  it('does not take a 200 that is not a Parc answer as accepted', async () => {
    replies = [{ status: 200, body: { hello: 'portal' } }];
    expect((await uploadInventory(await client(), 'k', inv, policy)).result).toBe('failed');
  });

  it('fails after the retries on a dead server, without an HTTP status', async () => {
    const dead = await createClient({ server: 'http://127.0.0.1:9', timeoutMs: 500, env: {} });
    const out = await uploadInventory(dead, 'k', inv, { ...policy, attempts: 2 });
    expect(out).toMatchObject({ result: 'failed', attempts: 2 });
    expect(out.result === 'failed' && out.httpStatus).toBeUndefined();
  });

  it('enrolls, and reports a refused token', async () => {
    replies = [{ status: 201, body: { agentId: 'agent-1', agentKey: 'key-1' } }, { status: 401, body: { error: { code: 'unauthorized', message: 'bad token' } } }];
    const req = { enrollmentToken: 'tok', hostname: 'h', agentId: 'agent-1' };
    expect(await enroll(await client(), req)).toEqual({ agentId: 'agent-1', agentKey: 'key-1' });
    await expect(enroll(await client(), req)).rejects.toThrow(/token refused/);
  });
});

describe('enrollment: a refused agent id, a rate limit', () => {
  it('proves the id with the key it holds; a refused id enrolls once more as a new agent, without that key', async () => {
    replies = [
      { status: 409, body: { error: { code: 'agent_id_taken', message: 'taken', field: 'agentId' } } },
      { status: 200, body: { agentId: 'fresh-id', agentKey: 'key-2' } },
    ];
    const out = await enrollWithRecovery(await client(), { enrollmentToken: 'tok', hostname: 'h', agentId: 'agent-1' }, 'key-1', { newAgentId: () => 'fresh-id' });
    expect(out).toEqual({ response: { agentId: 'fresh-id', agentKey: 'key-2' }, replaced: { agentId: 'agent-1', code: 'agent_id_taken' } });
    expect(seen.map((s) => [s.path, s.auth, (s.body as unknown as { agentId: string }).agentId])).toEqual([
      ['/api/v1/agent/enroll', 'Bearer key-1', 'agent-1'],
      ['/api/v1/agent/enroll', undefined, 'fresh-id'],
    ]);
  });

  it('a revoked id is replaced the same way, but only once; other refusals stop at once', async () => {
    replies = [
      { status: 409, body: { error: { code: 'agent_revoked', message: 'revoked' } } },
      { status: 409, body: { error: { code: 'agent_id_taken', message: 'taken' } } },
    ];
    await expect(enrollWithRecovery(await client(), { enrollmentToken: 'tok', hostname: 'h', agentId: 'agent-1' }, undefined)).rejects.toMatchObject({ kind: 'id_taken', code: 'agent_id_taken' });
    expect(seen).toHaveLength(2);
    replies = [{ status: 409, body: { error: { code: 'conflict', message: 'other' } } }];
    await expect(enrollWithRecovery(await client(), { enrollmentToken: 'tok', hostname: 'h', agentId: 'agent-1' }, undefined)).rejects.toMatchObject({ kind: 'refused' });
  });

  it('waits what Retry-After says on 429, within a budget', async () => {
    replies = [
      { status: 429, headers: { 'retry-after': '2' }, body: { error: { code: 'too_many_requests', message: 'slow', details: { limit: 'enrollments_per_address' } } } },
      { status: 200, body: { agentId: 'agent-1', agentKey: 'key-1' } },
    ];
    const waits: number[] = [];
    const out = await enrollWithRecovery(await client(), { enrollmentToken: 'tok', hostname: 'h' }, undefined, { sleep: async (ms) => void waits.push(ms) });
    expect(out.response.agentId).toBe('agent-1');
    expect(waits).toEqual([2000]);
    replies = [{ status: 429, headers: { 'retry-after': '600' } }];
    await expect(enrollWithRecovery(await client(), { enrollmentToken: 'tok', hostname: 'h' }, undefined, { sleep: async () => undefined })).rejects.toMatchObject({ kind: 'rate_limited' });
  });
});

describe('runCycle: delta baseline and spool', () => {
  let dir: string;
  let state: AgentState;
  let users: string[] = [];
  const collect = async (): Promise<CollectResult> => ({
    inventory: { ...inv, collectedAt: new Date().toISOString(), users: users.map((username) => ({ username, type: 'logged-in' as const })) },
    totalMemoryBytes: 1,
    durationMs: 1,
  });
  const deps = { collect, sleep: async () => undefined };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'parc-agent-cycle-'));
    state = new AgentState(dir);
    await state.ensureDir();
    await state.writeConfig({ server: url, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 }, httpTimeoutMs: 2000 });
    await state.write('identity', { agentId: 'agent-1' });
    await state.writeKey('key-1');
    users = ['alice'];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('full, then check-in, then partial; a failed upload is spooled and the baseline stays', async () => {
    expect((await runCycle(state, deps)).plan.kind).toBe('full');
    expect((await runCycle(state, deps)).plan.kind).toBe('check-in');
    expect(seen[1]!.body.sections).toEqual([]);

    users = ['alice', 'bob'];
    replies = [{ status: 503 }, { status: 503 }];
    const failed = await runCycle(state, deps);
    expect(failed.outcome.result).toBe('failed');
    expect((await loadSpool(state))?.sections).toEqual(['users']);

    // Baseline did not move: the next run still sees users as changed.
    const retry = await runCycle(state, deps);
    expect(retry.plan).toEqual({ kind: 'partial', sections: ['users'] });
    expect(retry.outcome.result).toBe('accepted');
    expect(await loadSpool(state)).toBeUndefined();
    expect((await runCycle(state, deps)).plan.kind).toBe('check-in');
    const status = await state.readStatus();
    expect(status.lastUpload).toMatchObject({ kind: 'check-in', result: 'accepted' });
    expect(status.lastCollection?.totalMemoryBytes).toBe(1);
  });

  it('answers a request for a full inventory at once, with every section', async () => {
    await runCycle(state, deps);
    // The server lost the device: it accepts the check-in but asks for everything.
    replies = [{ status: 200, body: { ...ACCEPTED, status: 'created', requestFull: true } }];
    const r = await runCycle(state, deps);
    expect(seen.map((s) => s.body.sections)).toEqual([undefined, [], undefined]);
    expect(r.plan.kind).toBe('full');
    expect(r.outcome.result).toBe('accepted');
    // And the baseline is back: the next run is a check-in again.
    expect((await runCycle(state, deps)).plan.kind).toBe('check-in');
  });

  it('rotates its key when the server asks (rekey_required) and sends the same inventory with the new key', async () => {
    replies = [
      { status: 401, body: { error: { code: 'rekey_required', message: 'rotate' } } },
      { status: 200, body: { agentId: 'agent-1', agentKey: 'key-2' } },
    ];
    const r = await runCycle(state, deps);
    expect(r.outcome.result).toBe('accepted');
    expect(seen.map((s) => [s.path, s.auth])).toEqual([
      ['/api/v1/agent/inventory', 'Bearer key-1'],
      ['/api/v1/agent/rekey', 'Bearer key-1'],
      ['/api/v1/agent/inventory', 'Bearer key-2'],
    ]);
    expect(await state.readKey()).toBe('key-2');
    expect((await state.readStatus()).lastUpload).toMatchObject({ result: 'accepted', kind: 'full' });
  });

  it('a refused rotation keeps the old key and spools the inventory for the next run', async () => {
    replies = [
      { status: 401, body: { error: { code: 'rekey_required', message: 'rotate' } } },
      { status: 401, body: { error: { code: 'reenroll_required', message: 'revoked' } } },
    ];
    const r = await runCycle(state, deps);
    expect(r.outcome).toMatchObject({ result: 'failed', error: expect.stringMatching(/rotation failed/) });
    expect(await state.readKey()).toBe('key-1');
    expect(await loadSpool(state)).toBeDefined();
  });

  it('sends a spooled inventory on its own and records re-enroll', async () => {
    replies = [{ status: 500 }, { status: 500 }];
    await runCycle(state, deps);
    expect(await loadSpool(state)).toBeDefined();
    const sent = await sendSpooled(state, deps);
    expect(sent).toMatchObject({ fromSpool: true, outcome: { result: 'accepted' } });
    expect(await sendSpooled(state, deps)).toBeUndefined();

    replies = [{ status: 401, body: { error: { code: 'reenroll_required', message: 'gone' } } }];
    await runCycle(state, deps);
    expect((await state.readStatus()).reenrollRequired).toBe(true);
  });
});
