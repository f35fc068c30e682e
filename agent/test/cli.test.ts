import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventorySchema } from '@parc/shared';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // The tsx that `npx tsx` resolves to, without npx's own second of start-up.
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['agent/src/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, PARC_AGENT_STATE_DIR: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'parc-agent-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('parc-agent CLI', () => {
  it('prints help, and exits 2 on bad arguments with one clear line', async () => {
    const [help, bad, unknown, missing] = await Promise.all([
      cli(['--help']),
      cli(['send', '--bogus', '--state-dir', dir]),
      cli(['frobnicate']),
      cli(['enroll', '--state-dir', dir, '--server', 'https://x']),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: parc-agent/);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.code).toBe(2);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--token/);
  });

  it('exits 3 when not enrolled, 6 on a corrupt state file, 4 when the server is unreachable', async () => {
    const send = await cli(['send', '--state-dir', dir]);
    expect(send.code).toBe(3);
    expect(send.stderr).toMatch(/not enrolled/);
    expect((await cli(['status', '--state-dir', dir])).code).toBe(3);

    await writeFile(path.join(dir, 'config.json'), '{ nope');
    const corrupt = await cli(['send', '--state-dir', dir]);
    expect(corrupt.code).toBe(6);
    expect(corrupt.stderr).toMatch(/config\.json .*corrupt/);

    const down = await cli(['enroll', '--state-dir', dir, '--server', 'http://127.0.0.1:9', '--token', 'tok-secret']);
    expect(down.code).toBe(4);
    expect(down.stderr).toMatch(/unreachable/);
    expect(down.stderr).not.toMatch(/tok-secret/);
  });

  it('writes a valid inventory with --output', async () => {
    const out = path.join(dir, 'inv.json');
    const r = await cli(['inventory', '--output', out, '--state-dir', dir]);
    expect(r.code).toBe(0);
    const inv = inventorySchema.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(inv.schemaVersion).toBe(1);
    expect(inv.os?.platform).toBeTruthy();
  });
});
