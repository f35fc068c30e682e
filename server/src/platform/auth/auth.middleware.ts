import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Clock } from '@parc/shared';
import type { Db } from '../db/database.js';
import type { AppEnv } from '../http/context.js';
import { assertSameOrigin, originOf } from '../http/csrf.js';
import { authenticate } from './users.service.js';

export const SESSION_COOKIE = 'parc_session';

/**
 * Resolves the user from `Authorization: Bearer` or the session cookie; routes decide whether one is
 * needed. A write that only the cookie authenticates must come from this server's own pages (CSRF).
 */
export function sessionMiddleware(db: Db, opts: { publicUrl?: string | undefined; clock?: Clock | undefined } = {}): MiddlewareHandler<AppEnv> {
  const publicOrigin = originOf(opts.publicUrl);
  return async (c, next) => {
    const bearer = /^Bearer\s+\S+$/i.test(c.req.header('authorization') ?? '');
    const token = sessionToken(c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
    // Agent keys also travel as Bearer but only on /api/v1/agent routes, which authenticate themselves.
    const user = token && !c.req.path.startsWith('/api/v1/agent/') ? await authenticate(db, token, { now: opts.clock?.now() ?? new Date(), address: c.get('clientAddress') }) : undefined;
    if (user && !bearer) assertSameOrigin(c.req.method, c.req.raw.headers, requestOrigins(c.req.url, c.req.header('x-forwarded-proto'), publicOrigin));
    c.set('user', user);
    await next();
  };
}

/** The origins this request may legitimately come from: its own (as seen directly or through a TLS proxy) and the public URL's. */
function requestOrigins(url: string, forwardedProto: string | undefined, publicOrigin: string | undefined): string[] {
  const own = new URL(url);
  const out = [own.origin];
  const proto = forwardedProto?.split(',')[0]?.trim().toLowerCase();
  if (proto === 'https' || proto === 'http') out.push(`${proto}://${own.host}`);
  if (publicOrigin) out.push(publicOrigin);
  return out;
}

export function sessionToken(authorization: string | undefined, cookie: string | undefined): string | undefined {
  const m = authorization?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1] ?? cookie ?? undefined;
}
