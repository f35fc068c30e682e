/**
 * The one-liner for real: a Parc server listening on localhost, `curl … /install.sh | sh -s -- …`
 * run by /bin/sh, installing into a temporary root (--destdir, so no systemd or root needed).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupTestApp } from '../../helpers/test-app.js';
import type { TestContext } from '../../helpers/test-app.js';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const REAL_AGENT = path.join(ROOT, 'dist/agent/parc-agent-linux-x64');
const hasCurl = existsSync('/usr/bin/curl');
const linuxX64 = process.platform === 'linux' && process.arch === 'x64';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Stands in for the agent: answers --version, records how it was called, and "enrolls" into its state dir. */
const FAKE_AGENT = `#!/bin/sh
case "$1" in
  --version) echo 0.0.0-fake ;;
  enroll)
    all="$*"
    while [ $# -gt 0 ]; do
      if [ "$1" = --state-dir ]; then mkdir -p "$2" && printf '%s\\n' "$all" > "$2/enrolled-with"; fi
      shift
    done ;;
  *) exit 2 ;;
esac
`;

let t: TestContext;
let server: ServerType;
let url: string;
let work: string;
let dist: string;

async function startServer() {
  t = await setupTestApp({ PARC_AGENT_DIST_DIR: dist });
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function publish(name: string, content: Buffer, sumsFor: Buffer = content) {
  await writeFile(path.join(dist, name), content);
  await chmod(path.join(dist, name), 0o755);
  await writeFile(path.join(dist, 'SHA256SUMS'), `${sha(sumsFor)}  ${name}\n`);
}

/** Runs the one-liner exactly as an admin would paste it (minus sudo). */
function oneLiner(args: string) {
  return run('sh', ['-c', `curl -fsSL "${url}/install.sh" | sh -s -- ${args}`], { timeout: 120_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'parc-bootstrap-'));
  dist = path.join(work, 'dist');
  await run('mkdir', ['-p', dist]);
  await startServer();
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(work, { recursive: true, force: true });
});

describe.skipIf(!hasCurl || !linuxX64)('curl SERVER/install.sh | sh (fake agent)', () => {
  it('downloads the build for this machine, checks its SHA-256, installs it and enrolls with the server URL and token', async () => {
    await publish('parc-agent-linux-x64', Buffer.from(FAKE_AGENT));
    const root = path.join(work, 'root');
    const r = await oneLiner(`--token tok-123 --destdir "${root}"`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('SHA-256 checked');
    expect(await readFile(path.join(root, 'usr/local/bin/parc-agent'), 'utf8')).toBe(FAKE_AGENT);
    const enrolled = await readFile(path.join(root, 'etc/parc-agent/enrolled-with'), 'utf8');
    expect(enrolled).toBe(`enroll --server ${url} --token tok-123 --state-dir ${root}/etc/parc-agent\n`);

    // uninstall.sh removes what install.sh added, the state folder with --purge.
    const u = await run('sh', [path.join(ROOT, 'installers/linux/uninstall.sh'), '--destdir', root]);
    expect(u.stdout).toContain('kept');
    expect(existsSync(path.join(root, 'usr/local/bin/parc-agent'))).toBe(false);
    await run('sh', [path.join(ROOT, 'installers/linux/uninstall.sh'), '--destdir', root, '--purge']);
    expect(existsSync(path.join(root, 'etc/parc-agent'))).toBe(false);
  });

  it('refuses a binary whose SHA-256 does not match SHA256SUMS and installs nothing', async () => {
    await publish('parc-agent-linux-x64', Buffer.from(FAKE_AGENT + '# tampered\n'), Buffer.from(FAKE_AGENT));
    const root = path.join(work, 'root');
    const r = await oneLiner(`--token tok-123 --destdir "${root}"`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/SHA-256 of parc-agent-linux-x64 is [0-9a-f]{64}, SHA256SUMS says [0-9a-f]{64}/);
    expect(existsSync(root)).toBe(false);
  });

  it('says what is missing: no token, or a server without builds', async () => {
    const noToken = await oneLiner('');
    expect(noToken.code).not.toBe(0);
    expect(noToken.stderr).toContain('--token TOKEN is required');
    const notBuilt = await oneLiner(`--token x --destdir "${path.join(work, 'root')}"`);
    expect(notBuilt.code).not.toBe(0);
    expect(notBuilt.stderr).toContain('/downloads/agent/parc-agent-linux-x64 failed');
  });
});

describe.skipIf(!hasCurl || !linuxX64 || !existsSync(REAL_AGENT))('curl SERVER/install.sh | sh (the real linux-x64 agent)', () => {
  it('installs, enrolls with a real token, and the installed agent delivers an inventory that creates the device', async () => {
    await copyFile(REAL_AGENT, path.join(dist, 'parc-agent-linux-x64'));
    await writeFile(path.join(dist, 'SHA256SUMS'), `${sha(await readFile(REAL_AGENT))}  parc-agent-linux-x64\n`);
    const admin = await t.as('admin');
    const { token } = (await (await t.json('POST', '/api/v1/enrollment-tokens', {}, admin)).json()) as { token: string };
    const root = path.join(work, 'root');
    const r = await oneLiner(`--token ${token} --destdir "${root}"`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/enrolled with http:\/\/127\.0\.0\.1:\d+ as agent/);

    const agent = path.join(root, 'usr/local/bin/parc-agent');
    const state = path.join(root, 'etc/parc-agent');
    const sent = await run(agent, ['send', '--state-dir', state], { timeout: 120_000 });
    expect(sent.stdout).toMatch(/sent full inventory/);
    const devices = (await (await t.json('GET', '/api/v1/devices', undefined, admin)).json()) as { items: unknown[] };
    expect(devices.items.length).toBe(1);
  }, 180_000);
});
