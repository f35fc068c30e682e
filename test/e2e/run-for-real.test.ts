import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ROOT, SERVER_COMMAND, startRealServer, type RealServer, type RealServerOptions } from '../helpers/real-server.js';

/**
 * Parc run the ways the README documents for production and for a first try, stopped the way their
 * supervisor stops them: SIGTERM to the one process it knows. A graceful stop is exit code 0, the
 * "stopped" log line, and the port closed, within a bound.
 */
const STOP_BOUND_MS = 15_000;
const README = await readFile(path.join(ROOT, 'README.md'), 'utf8');

const servers: RealServer[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
afterAll(async () => {
  for (const f of folders.splice(0)) await rm(f, { recursive: true, force: true });
});

/** One PGlite folder for the tests that do not look at where the data goes: only the first start creates the cluster. */
let sharedData: string | undefined;
async function dataDir(): Promise<string> {
  if (!sharedData) {
    sharedData = await mkdtemp(path.join(tmpdir(), 'parc-run-for-real-'));
    folders.push(sharedData);
  }
  return sharedData;
}

async function start(opts: Omit<RealServerOptions, 'name'>): Promise<RealServer> {
  const s = await startRealServer({ name: 'run_for_real', ...opts });
  servers.push(s);
  return s;
}

/** The body of the README's fenced code block in that language. */
function readmeBlock(lang: string): string {
  const m = README.match(new RegExp('```' + lang + '\\n([\\s\\S]*?)```'));
  if (!m) throw new Error(`README has no \`\`\`${lang} block`);
  return m[1]!;
}

function directive(text: string, key: string): string {
  const m = text.match(new RegExp(`^${key}[=\\s](.+)$`, 'm'));
  if (!m) throw new Error(`no ${key} in:\n${text}`);
  return m[1]!.trim();
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

/** Sends SIGTERM to `pid` and checks the stop was graceful and in time. */
async function expectGracefulStop(server: RealServer, pid: number): Promise<void> {
  const sent = Date.now();
  process.kill(pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([server.exited(), new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), STOP_BOUND_MS)))]);
  clearTimeout(timer);
  expect(code, `no exit within ${STOP_BOUND_MS} ms of SIGTERM:\n${server.output()}`).not.toBe('timeout');
  expect(Date.now() - sent).toBeLessThan(STOP_BOUND_MS);
  expect(code, server.output()).toBe(0);
  expect(server.output()).toMatch(/"signal":"SIGTERM","msg":"shutting down/);
  expect(server.output()).toMatch(/"msg":"stopped"/);
  expect(await refused(server.port)).toBe(true);
}

/** The command line of a process, from /proc. */
async function commandLine(pid: number): Promise<string[]> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
}

/**
 * A folder that looks like a checkout, with no data folder yet: the repository's files linked in, and
 * server/ a real folder (its package.json copied, its sources linked) so that `..` from it is this folder.
 */
async function checkoutCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parc-checkout-'));
  folders.push(dir);
  for (const entry of ['package.json', 'package-lock.json', 'node_modules', 'shared', 'agent']) {
    await symlink(path.join(ROOT, entry), path.join(dir, entry));
  }
  await mkdir(path.join(dir, 'server'));
  await copyFile(path.join(ROOT, 'server', 'package.json'), path.join(dir, 'server', 'package.json'));
  await symlink(path.join(ROOT, 'server', 'src'), path.join(dir, 'server', 'src'));
  return dir;
}

const linux = process.platform === 'linux';
const canUnshare = linux && spawnSync('unshare', ['--pid', '--fork', 'true']).status === 0;

describe('running Parc for real', { timeout: 180_000 }, () => {
  it.runIf(linux)("the README's systemd unit: its ExecStart in its WorkingDirectory stops gracefully on SIGTERM to the main process", async () => {
    const unit = readmeBlock('ini');
    const [node, ...args] = directive(unit, 'ExecStart').split(/\s+/);
    expect(node).toMatch(/\/node$/);
    expect(args).toEqual(SERVER_COMMAND.slice(1));
    expect(directive(unit, 'WorkingDirectory')).toBe('/opt/parc');
    // mixed: SIGTERM goes to the main process only, so it must be the server.
    expect(directive(unit, 'KillMode')).toBe('mixed');

    // The checkout stands in for /opt/parc; this test's Node binary for the unit's.
    const server = await start({ command: ['node', ...args], cwd: ROOT, dataDir: await dataDir() });
    const main = server.pid!;
    expect(await commandLine(main)).toEqual([process.execPath, ...args]);
    await expectGracefulStop(server, main);
  });

  it.runIf(canUnshare)("the README's Dockerfile: its ENTRYPOINT as process 1 of its own PID namespace, as in a container, stops gracefully on SIGTERM", async () => {
    const dockerfile = readmeBlock('Dockerfile');
    const entrypoint = JSON.parse(directive(dockerfile, 'ENTRYPOINT')) as string[];
    expect(entrypoint).toEqual([...SERVER_COMMAND]);
    expect(directive(dockerfile, 'WORKDIR')).toBe('/opt/parc');

    // unshare starts the entrypoint as PID 1 of a new namespace (--kill-child: it never outlives unshare).
    const server = await start({ command: ['unshare', '--pid', '--fork', '--kill-child', process.execPath, ...entrypoint.slice(1)], cwd: ROOT, dataDir: await dataDir() });
    const children = (await readFile(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8')).trim().split(/\s+/).map(Number);
    expect(children).toHaveLength(1);
    const node = children[0]!;
    const nsPids = directive(await readFile(`/proc/${node}/status`, 'utf8'), 'NSpid:').split(/\s+/);
    expect(nsPids.at(-1)).toBe('1'); // what `docker stop` signals
    await expectGracefulStop(server, node);
  });

  it.runIf(linux)('npm start from the root of a checkout: the data lands in ./data, and SIGTERM to npm reaches the server', async () => {
    const checkout = await checkoutCopy();
    const server = await start({ command: ['npm', 'start'], cwd: checkout, defaultDataDir: true, pglite: true });
    expect(server.output()).toContain(`(database: ${path.join(checkout, 'data', 'pglite')} (PGlite))`);
    expect(existsSync(path.join(checkout, 'data', 'pglite'))).toBe(true);
    expect(existsSync(path.join(checkout, 'server', 'data'))).toBe(false);
    // The signal goes to npm, not to the server.
    expect((await commandLine(server.pid!)).join(' ')).toMatch(/npm.* start$/);
    await expectGracefulStop(server, server.pid!);
  });

  it.runIf(linux)('npm start -w @parc/server runs it in the root of the checkout too', async () => {
    const checkout = await checkoutCopy();
    const server = await start({ command: ['npm', 'start', '-w', '@parc/server'], cwd: checkout, defaultDataDir: true, pglite: true });
    expect(server.output()).toContain(`(database: ${path.join(checkout, 'data', 'pglite')} (PGlite))`);
    await expectGracefulStop(server, server.pid!);
  });
});
