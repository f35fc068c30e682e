import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPTS = ['linux/install.sh', 'linux/uninstall.sh', 'macos/install.sh', 'macos/uninstall.sh'].map((s) => path.join(ROOT, 'installers', s));
const has = (tool: string) => ['/usr/bin', '/bin', '/usr/local/bin'].some((d) => existsSync(path.join(d, tool)));

describe('installer scripts', () => {
  it('parse as POSIX sh', async () => {
    for (const s of SCRIPTS) await run('sh', ['-n', s]);
  });

  it.skipIf(!has('shellcheck'))('pass shellcheck as POSIX sh', async () => {
    const r = await run('shellcheck', ['-s', 'sh', ...SCRIPTS]).catch((e: { stdout: string }) => e);
    expect(r.stdout).toBe('');
  });

  it.skipIf(!has('systemd-analyze'))('the systemd unit passes systemd-analyze verify', async () => {
    // verify checks that ExecStart exists: point a copy of the unit at a stand-in binary.
    const dir = await mkdtemp(path.join(tmpdir(), 'parc-unit-'));
    const bin = path.join(dir, 'parc-agent');
    await writeFile(bin, '#!/bin/sh\n');
    await chmod(bin, 0o755);
    const unit = (await readFile(path.join(ROOT, 'installers/linux/parc-agent.service'), 'utf8')).replace('/usr/local/bin/parc-agent', bin);
    await writeFile(path.join(dir, 'parc-agent.service'), unit);
    const r = await run('systemd-analyze', ['verify', path.join(dir, 'parc-agent.service')]);
    expect(r.stderr).toBe('');
    await rm(dir, { recursive: true, force: true });
  });

  it('the unit keeps hardware readable and restarts on failure', async () => {
    const unit = await readFile(path.join(ROOT, 'installers/linux/parc-agent.service'), 'utf8');
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^ReadWritePaths=\/etc\/parc-agent$/m);
    for (const hiding of ['PrivateDevices=', 'DevicePolicy=', 'ProtectProc=', 'MemoryDenyWriteExecute=']) expect(unit).not.toMatch(new RegExp(`^${hiding}`, 'm'));
  });

  it('install.sh refuses to run without a token and names the option', async () => {
    const r = await run('sh', [SCRIPTS[0]!, '--server', 'http://x']).catch((e: { code: number; stderr: string }) => e);
    expect((r as { code: number }).code).toBe(1);
    expect((r as { stderr: string }).stderr).toContain('--token TOKEN is required');
  });
});
