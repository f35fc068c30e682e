import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventorySchema } from '@parc/shared';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BINARY = path.join(ROOT, 'dist/agent/parc-agent-linux-x64');
const onLinuxX64 = process.platform === 'linux' && process.arch === 'x64';
const present = onLinuxX64 && existsSync(BINARY);
if (!present) {
  console.warn(`agent-binary tests skipped: ${onLinuxX64 ? `${BINARY} is missing; run \`npm run build:agent -- --targets linux-x64\`` : 'not a linux-x64 machine'}`);
}

describe.skipIf(!present)('parc-agent-linux-x64 (the single-executable build)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'parc-agent-binary-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // No Node, no node_modules: the binary runs with an empty environment apart from PATH (for the
  // system tools the collectors call) and a state folder of its own.
  const env = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', PARC_AGENT_STATE_DIR: path.join(dir, 'state') });

  it('--help exits 0 and prints the usage', async () => {
    const { stdout } = await run(BINARY, ['--help'], { env: env() });
    expect(stdout).toMatch(/^parc-agent \d+\.\d+\.\d+: Parc inventory agent/);
    expect(stdout).toContain('inventory [--output FILE]');
  });

  it('prints no experimental-SEA warning', async () => {
    const { stderr } = await run(BINARY, ['--version'], { env: env() });
    expect(stderr).toBe('');
  });

  it('inventory --output writes an inventory that the shared contract accepts', async () => {
    const out = path.join(dir, 'inventory.json');
    await run(BINARY, ['inventory', '--output', out], { env: env(), timeout: 120_000 });
    const parsed = inventorySchema.safeParse(JSON.parse(await readFile(out, 'utf8')));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    const inv = parsed.data!;
    expect(inv.os?.platform).toBe('linux');
    expect(inv.hostname.length).toBeGreaterThan(0);
    // Software comes from this machine's package manager when it has one.
    if (existsSync('/var/lib/dpkg/status')) expect(inv.software?.length ?? 0).toBeGreaterThan(0);
  }, 120_000);

  it('a bad command exits 2 with a clear message', async () => {
    const err = (await run(BINARY, ['nonsense'], { env: env() }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('unknown command "nonsense"');
  });
});
