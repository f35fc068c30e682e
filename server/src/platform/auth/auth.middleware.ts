import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../db/database.js';
import type { AppEnv } from '../http/context.js';
import { authenticate } from './users.service.js';

export const SESSION_COOKIE = 'parc_session';

/** Resolves the user from `Authorization: Bearer` or the session cookie; routes decide whether one is needed. */
export function sessionMiddleware(db: Db): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = sessionToken(c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
    // Agent keys also travel as Bearer but only on /api/v1/agent routes, which authenticate themselves.
    c.set('user', token && !c.req.path.startsWith('/api/v1/agent/') ? await authenticate(db, token) : undefined);
    await next();
  };
}

export function sessionToken(authorization: string | undefined, cookie: string | undefined): string | undefined {
  const m = authorization?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1] ?? cookie ?? undefined;
}
