import type { Context, Hono } from 'hono';
import { systemClock } from '@parc/shared';
import { inRoleSet } from '@parc/shared/roles';
import type { AppDeps } from '../platform/app-deps.js';
import { rememberPublicOrigin } from '../platform/settings/public-origin.js';
import { publicUrl } from '../inventory/downloads/public-url.js';
import type { AppEnv } from '../platform/http/context.js';
import { uiBundle, type UiBundle } from './ui.bundle.js';
import { FAVICON_SVG, SECURITY_HEADERS, shellPage, unavailablePage } from './ui.page.js';

/** A year: an asset asked for by its content hash can never change under that URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The web UI: `GET /` is the app's shell, `/ui/app.js` and `/ui/app.css` its bundle, `/ui/favicon.svg` its icon (built in memory at
 * start-up). Navigation inside the app is in the URL fragment, so these routes are all it needs.
 */
export function registerUiRoutes(app: Hono<AppEnv>, { config, log, db, clock = systemClock }: Pick<AppDeps, 'config' | 'log' | 'db' | 'clock'>): void {
  // Started now, not at the first request, so the first page load does not wait for esbuild.
  const ready = uiBundle(log);

  app.get('/', async (c) => {
    const bundle = await ready;
    if (bundle instanceof Error) return c.html(unavailablePage(bundle.message), 503, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' });
    let origin: string | null = null;
    try {
      origin = publicUrl(config.PARC_PUBLIC_URL, c.req.url, c.req.header('x-forwarded-proto'));
    } catch {
      // An odd Host header: the app falls back to the address bar's origin for the install commands.
    }
    // Staff opening the app tell the server its address, for the links in notification emails.
    const user = c.get('user');
    if (origin && !config.PARC_PUBLIC_URL && user && inRoleSet(user.role, 'helpdeskStaff')) {
      await rememberPublicOrigin(db, origin, clock.now()).catch((err: unknown) => log.warn({ err }, 'could not remember the public address for email links; set PARC_PUBLIC_URL'));
    }
    // no-cache: the shell names the current bundle version, so it must be revalidated after an upgrade.
    return c.html(shellPage(bundle.version, origin), 200, { ...SECURITY_HEADERS, 'Cache-Control': 'no-cache' });
  });

  const asset = (pick: (b: UiBundle) => string, contentType: string) => async (c: Context<AppEnv>) => {
    const bundle = await ready;
    if (bundle instanceof Error) return c.text('the web UI could not be built; see the server log', 503, { 'Cache-Control': 'no-store' });
    const etag = `"${bundle.version}"`;
    const headers = {
      'Content-Type': contentType,
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
      // Only the URL carrying the current hash is cached for good; any other is revalidated.
      'Cache-Control': c.req.query('v') === bundle.version ? IMMUTABLE : 'no-cache',
    };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(pick(bundle), 200, headers);
  };
  app.get('/ui/app.js', asset((b) => b.js, 'text/javascript; charset=utf-8'));
  app.get('/ui/app.css', asset((b) => b.css, 'text/css; charset=utf-8'));
  app.get('/ui/favicon.svg', (c) => c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff' }));
}
