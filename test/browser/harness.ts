import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * The real server (`node --import tsx server/src/main.ts`, as `npm start` runs it) on a free port with
 * its own data folder (and its own database when DATABASE_URL is set), and Debian's Chromium driven by
 * playwright-core, for browser tests that need them.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

export interface Harness {
  baseUrl: string;
  context: BrowserContext;
  shotsDir: string;
  /** Calls the API as the given bearer token (or none); throws on any non-2xx answer. */
  api<T>(method: string, p: string, body?: unknown, token?: string): Promise<T>;
  close(): Promise<void>;
}

export async function startHarness(opts: { adminPassword: string; name: string }): Promise<Harness> {
  const pgUrl = process.env.DATABASE_URL;
  const dataDir = await mkdtemp(path.join(tmpdir(), `parc-${opts.name}-data-`));
  const userDataDir = await mkdtemp(path.join(tmpdir(), `parc-${opts.name}-chromium-`));
  const shotsDir = process.env.PARC_UI_SCREENSHOTS ?? (await mkdtemp(path.join(tmpdir(), `parc-${opts.name}-shots-`)));
  const databaseName = pgUrl ? `parc_${opts.name.replace(/\W/g, '_')}_${process.pid}` : undefined;
  let databaseUrl: string | undefined;
  if (pgUrl && databaseName) {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`drop database if exists ${databaseName}`);
    await client.query(`create database ${databaseName}`);
    await client.end();
    const u = new URL(pgUrl);
    u.pathname = `/${databaseName}`;
    databaseUrl = u.toString();
  }

  let out = '';
  const server: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      PORT: '0',
      HOST: '127.0.0.1',
      PARC_DATA_DIR: dataDir,
      PARC_ADMIN_PASSWORD: opts.adminPassword,
      PARC_LOG_LEVEL: 'warn',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  });
  server.stdout.on('data', (d: Buffer) => (out += d.toString()));
  server.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${out}`)), 60_000);
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${out}`));
    });
    const poll = setInterval(() => {
      const m = out.match(/is running at (http:\/\/\S+)/);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        // The banner says localhost; the server listens on 127.0.0.1 only.
        resolve(m[1]!.replace('localhost', '127.0.0.1'));
      }
    }, 50);
  });

  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 1000 },
    locale: 'en-GB',
    timezoneId: 'Europe/Paris',
  });

  return {
    baseUrl,
    context,
    shotsDir,
    async api<T>(method: string, p: string, body?: unknown, token?: string): Promise<T> {
      const res = await fetch(`${baseUrl}${p}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async close() {
      await context.close();
      server.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
      await rm(userDataDir, { recursive: true, force: true });
      if (!process.env.PARC_UI_SCREENSHOTS) await rm(shotsDir, { recursive: true, force: true });
      if (pgUrl && databaseName) {
        const client = new pg.Client({ connectionString: pgUrl });
        await client.connect();
        await client.query(`drop database if exists ${databaseName} with (force)`);
        await client.end();
      }
    },
  };
}
