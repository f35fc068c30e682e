import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { startRealServer } from '../helpers/real-server.js';

/**
 * The real server (`node --import tsx server/src/main.ts`, as `npm start` runs it) on a free port with
 * its own data folder (and its own database when DATABASE_URL is set), and Debian's Chromium driven by
 * playwright-core, for browser tests that need them.
 */
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

/** `dataDir` + `pglite`: start on a data folder the test seeded beforehand (the embedded database). */
export async function startHarness(opts: { adminPassword: string; name: string; dataDir?: string; pglite?: boolean }): Promise<Harness> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), `parc-${opts.name}-chromium-`));
  const shotsDir = process.env.PARC_UI_SCREENSHOTS ?? (await mkdtemp(path.join(tmpdir(), `parc-${opts.name}-shots-`)));
  const server = await startRealServer({ name: opts.name, adminPassword: opts.adminPassword, logLevel: 'warn', ...(opts.dataDir ? { dataDir: opts.dataDir } : {}), ...(opts.pglite ? { pglite: true } : {}) });
  // The banner says localhost; the server listens on 127.0.0.1 only.
  const baseUrl = server.url.replace('localhost', '127.0.0.1');

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
      await server.close();
      await rm(userDataDir, { recursive: true, force: true });
      if (!process.env.PARC_UI_SCREENSHOTS) await rm(shotsDir, { recursive: true, force: true });
    },
  };
}
