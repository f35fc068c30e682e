import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../platform/log.js';

/** The web UI as served: one script, one stylesheet, and a content hash for cache busting. */
export interface UiBundle {
  js: string;
  css: string;
  /** Short hash of both files: the `?v=` the page asks for, and the ETag. */
  version: string;
}

const CLIENT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'client');

/**
 * Bundles the client sources in memory with esbuild's JS API. Done at start-up rather than as a build
 * step so that `npm start` on a fresh clone serves the UI, and so that nothing generated is committed.
 * esbuild is imported lazily: a server installed without dev dependencies still serves the API.
 */
export async function buildUiBundle(): Promise<UiBundle> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: CLIENT_DIR,
    entryPoints: ['main.ts', 'app.css'],
    tsconfig: path.join(CLIENT_DIR, 'tsconfig.json'),
    bundle: true,
    write: false,
    outdir: 'out',
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text;
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text;
  if (js === undefined || css === undefined) throw new Error('esbuild produced no app.js or app.css');
  const version = createHash('sha256').update(js).update('\0').update(css).digest('hex').slice(0, 16);
  return { js, css, version };
}

let pending: Promise<UiBundle | Error> | undefined;

/**
 * One bundle per process, started by the first caller (the app at start-up); later callers share it.
 * A failure is kept as an Error value so the UI routes can explain it instead of crashing the server.
 */
export function uiBundle(log: Logger): Promise<UiBundle | Error> {
  pending ??= (async () => {
    const started = performance.now();
    try {
      const bundle = await buildUiBundle();
      log.debug({ ms: Math.round(performance.now() - started), jsBytes: bundle.js.length, cssBytes: bundle.css.length }, 'web UI bundled');
      return bundle;
    } catch (err) {
      log.error({ err }, 'the web UI could not be bundled; the API still works. Run `npm ci` (esbuild is a dev dependency) and restart');
      return err instanceof Error ? err : new Error(String(err));
    }
  })();
  return pending;
}
