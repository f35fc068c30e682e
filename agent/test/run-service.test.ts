import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentState } from '../src/state/agent-state.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ACCEPTED = { deviceId: 3, status: 'created', changes: { added: 1, removed: 0, changed: 0 }, warnings: [], matchedBy: 'new' };

describe('parc-agent run', () => {
  const bodies: Array<{ sections?: string[]; software?: unknown[] }> = [];
  let secondUpload!: () => void;
  const twoUploads = new Promise<void>((resolve) => (secondUpload = resolve));
  let dir: string;
  let url: string;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(JSON.parse(gunzipSync(Buffer.concat(chunks)).toString()));
      if (bodies.length === 2) secondUpload();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ACCEPTED));
    });
  });

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = await mkdtemp(path.join(tmpdir(), 'parc-agent-run-'));
    const state = new AgentState(dir);
    await state.ensureDir();
    // Every 2 seconds, no jitter: the first run lands inside the first 2 s.
    await state.writeConfig({ server: url, schedule: '*/2 * * * * *', jitterMaxSeconds: 0, collectorTimeoutMs: 10_000 });
    await state.write('identity', { agentId: 'run-test' });
    await state.writeKey('key-run');
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads on schedule (full, then check-in), records status, stops cleanly on SIGTERM', async () => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['agent/src/cli/main.ts', 'run', '--state-dir', dir], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    // A real process on the real clock: the schedule's own tests move a manual clock instead.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([twoUploads, new Promise<void>((resolve) => (timer = setTimeout(resolve, 20_000)))]);
    clearTimeout(timer);
    const exited = new Promise<number | null>((r) => child.on('close', r));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(bodies.length, stderr).toBeGreaterThanOrEqual(2);
    expect(bodies[0]!.sections).toBeUndefined();
    expect(bodies[1]!.sections).toEqual([]);
    expect(stderr).not.toMatch(/key-run/);
    const status = await new AgentState(dir).readStatus();
    expect(status.lastUpload).toMatchObject({ result: 'accepted' });
    expect(status.nextRunAt).toBeUndefined();
  }, 30_000);
});
