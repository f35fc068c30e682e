import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * The real server as a process, for tests: by default `node --import tsx server/src/main.ts` in the
 * repository root, the documented way to run it (what `npm start` execs, the systemd unit's ExecStart and
 * the container's entrypoint). `node --import tsx` rather than `npx tsx`: a signal then reaches the
 * server itself, not a wrapper. With DATABASE_URL set, the server gets a fresh Postgres database, created
 * here and dropped by close().
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The documented command line; run it in the repository root. */
export const SERVER_COMMAND = ['node', '--import', 'tsx', 'server/src/main.ts'] as const;

export interface RealServerOptions {
  /** Names the temporary data folder and database (letters, digits, `_`). */
  name: string;
  /** A fixed port, or 0 (the default) for a free one; a restart keeps the port of the first start. */
  port?: number;
  /** The server's data folder; by default a temporary one, removed by close(). */
  dataDir?: string;
  adminPassword?: string;
  /** PARC_LOG_LEVEL; `info` unless told. */
  logLevel?: string;
  /** Further environment for the server (it gets none of the test's own beyond PATH and HOME). */
  env?: Record<string, string>;
  /**
   * The command that starts it (SERVER_COMMAND unless told); `node` as its first word is this Node binary.
   * A launcher (npm, unshare…) must pass the signals stop() sends on to the server, or the test says so.
   */
  command?: readonly string[];
  /** Working directory; the repository root unless told. */
  cwd?: string;
  /**
   * Leave PARC_DATA_DIR unset, so the server picks its default folder (./data of `cwd`); `dataDir` then
   * names that folder, and close() leaves it to the caller.
   */
  defaultDataDir?: boolean;
  /** The embedded database even when DATABASE_URL is set (a test about the data folder). */
  pglite?: boolean;
  /** Another server's Postgres database (its `databaseUrl`), shared rather than a fresh one; close() leaves it. */
  databaseUrl?: string;
}

export interface RealServer {
  /** The URL the banner prints (http://localhost:PORT). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The Postgres database it uses (undefined on PGlite), for a second server to share. */
  readonly databaseUrl: string | undefined;
  /** Process id of the command started (the server itself unless a launcher was given), while it runs. */
  readonly pid: number | undefined;
  /** Everything the current (or last) process wrote to stdout and stderr. */
  output(): string;
  /** Resolves with the exit code once the process is gone, sending nothing (null when a signal ended it). */
  exited(): Promise<number | null>;
  /** Sends the signal (SIGTERM unless told) and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Starts the server again on the same port, data folder and database (stopping it first if running); `env` adds to or overrides the first start's. */
  restart(env?: Record<string, string>): Promise<void>;
  /** Kills the server if it still runs, drops its database and removes the data folder it made. */
  close(): Promise<void>;
}

let databases = 0;

async function adminQuery(pgUrl: string, ...sql: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    for (const q of sql) await client.query(q);
  } finally {
    await client.end();
  }
}

export async function startRealServer(opts: RealServerOptions): Promise<RealServer> {
  const name = opts.name.replace(/\W/g, '_');
  const pgUrl = opts.pglite ? undefined : process.env.DATABASE_URL;
  const cwd = opts.cwd ?? ROOT;
  const ownDataDir = opts.dataDir === undefined && !opts.defaultDataDir;
  const dataDir = opts.defaultDataDir ? path.join(cwd, 'data') : (opts.dataDir ?? (await mkdtemp(path.join(tmpdir(), `parc-${name}-data-`))));
  const [file, ...args] = (opts.command ?? SERVER_COMMAND).map((word, i) => (i === 0 && word === 'node' ? process.execPath : word));
  const databaseName = pgUrl && !opts.databaseUrl ? `parc_${name}_${process.pid}_${databases++}` : undefined;
  let databaseUrl: string | undefined = opts.databaseUrl;
  if (pgUrl && databaseName) {
    await adminQuery(pgUrl, `drop database if exists ${databaseName}`, `create database ${databaseName}`);
    const u = new URL(pgUrl);
    u.pathname = `/${databaseName}`;
    databaseUrl = u.toString();
  }

  let port = opts.port ?? 0;
  let url = '';
  let child: ChildProcessWithoutNullStreams | undefined;
  let closed: Promise<number | null> = Promise.resolve(null);
  let out = '';

  async function start(extraEnv: Record<string, string>): Promise<void> {
    const proc = spawn(file!, args, {
      cwd,
      // Its own process group, so close() can end a launcher's children as well.
      detached: true,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        PORT: String(port),
        HOST: '127.0.0.1',
        ...(opts.defaultDataDir ? {} : { PARC_DATA_DIR: dataDir }),
        PARC_LOG_LEVEL: opts.logLevel ?? 'info',
        ...(opts.adminPassword !== undefined ? { PARC_ADMIN_PASSWORD: opts.adminPassword } : {}),
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        ...opts.env,
        ...extraEnv,
      },
    });
    child = proc;
    out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    // 'close', not 'exit': the last lines may still be in the pipe when the process exits.
    closed = new Promise((resolve) => proc.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        const m = out.match(/is running at (http:\/\/\S+)/);
        if (m && /API reference:[^\n]*\n/.test(out)) {
          clearInterval(poll);
          url = m[1]!.replace(/\/$/, '');
          port = Number(new URL(url).port);
          // The rest of the banner is printed in the same tick; give the pipe a moment to deliver it.
          setTimeout(() => {
            clearTimeout(timer);
            resolve();
          }, 500);
        }
      }, 50);
      const timer = setTimeout(() => {
        clearInterval(poll);
        reject(new Error(`server did not start within 60 s:\n${out}`));
      }, 60_000);
      void closed.then((code) => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`server exited with ${code} before it was ready:\n${out}`));
      });
    });
  }

  async function stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const proc = child;
    child = undefined;
    if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    return closed;
  }

  async function close(): Promise<void> {
    const proc = child;
    child = undefined;
    try {
      if (proc?.pid) process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // ESRCH: every process of the group has exited.
    }
    await closed;
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    if (pgUrl && databaseName) await adminQuery(pgUrl, `drop database if exists ${databaseName} with (force)`);
  }

  try {
    await start({});
  } catch (err) {
    await close();
    throw err;
  }
  return {
    get url() {
      return url;
    },
    get port() {
      return port;
    },
    dataDir,
    databaseUrl,
    get pid() {
      return child?.pid;
    },
    output: () => out,
    exited: () => closed,
    stop,
    async restart(env: Record<string, string> = {}) {
      await stop();
      await start(env);
    },
    close,
  };
}
