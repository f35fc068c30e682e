import { ROLE_SETS } from '@parc/shared';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import type { ApiBuilder } from '../http/api-builder.js';
import { systemClock } from '@parc/shared';
import { ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError } from '../http/errors.js';
import { auditActor } from '../audit/audit-actor.js';
import { recordAudit } from '../audit/audit.repository.js';
import { LoginGuard } from './login-guard.js';
import { throttleLimits } from './login-throttle.js';
import { SESSION_COOKIE, sessionToken } from './auth.middleware.js';
import { createUserBodySchema, loginBodySchema, loginResponseSchema, updateMeBodySchema, updateUserBodySchema, userSchema } from './users.schemas.js';
import { idParamSchema } from '../http/params.js';
import * as users from './users.service.js';
import { findUserById, listUsers } from './users.repository.js';

export function registerAuthRoutes(api: ApiBuilder, { db, config, log, clock }: AppDeps) {
  const guard = new LoginGuard(db, throttleLimits(config.PARC_LOGIN_MAX_FAILURES), clock ?? systemClock);
  api.route(
    {
      method: 'post',
      path: '/api/v1/auth/login',
      tag: 'auth',
      summary: 'Log in',
      description: 'Returns a bearer token and sets an httpOnly session cookie.',
      access: 'public',
      body: loginBodySchema,
      responses: { 200: { description: 'Logged in', schema: loginResponseSchema } },
    },
    async (c, { body }) => {
      const address = c.get('clientAddress');
      const wait = await guard.retryAfterSeconds(body.username, address);
      if (wait > 0) {
        log.warn({ username: body.username, address }, 'login refused: too many failed attempts for this user from this address (or from this address overall); wait, or log in from your usual address');
        throw new TooManyRequestsError(`too many failed logins: try again in ${wait} s`, wait);
      }
      const checked = await users.verifyCredentials(db, body.username, body.password);
      if ('reason' in checked) {
        const known = checked.user;
        await db.transaction().execute(async (tx) => {
          await guard.recordFailure(tx, body.username, address);
          await recordAudit(tx, {
            actor: { username: body.username, address },
            action: 'auth.login_failed',
            target: known ? { type: 'user', id: known.id, label: known.username } : undefined,
            detail: { reason: checked.reason },
          });
        });
        throw new UnauthorizedError('wrong username or password', 'invalid_credentials');
      }
      const { user } = checked;
      const { token, expiresAt } = await db.transaction().execute(async (tx) => {
        const session = await users.openSession(tx, user.id, config.PARC_SESSION_HOURS);
        await guard.recordSuccess(tx, body.username, address);
        await recordAudit(tx, { actor: { userId: user.id, username: user.username, address }, action: 'auth.login', target: { type: 'user', id: user.id, label: user.username } });
        return session;
      });
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: config.PARC_SECURE_COOKIES,
        expires: expiresAt,
      });
      return c.json({ token, expiresAt: expiresAt.toISOString(), user: users.toApiUser(user) });
    },
  );

  api.route(
    { method: 'post', path: '/api/v1/auth/logout', tag: 'auth', summary: 'Log out (ends this session)', access: 'user', responses: { 204: { description: 'Logged out' } } },
    async (c, { user }) => {
      const token = sessionToken(c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
      // An API token is not a session: logging out with one ends nothing (revoke it instead).
      if (token && !user!.apiToken) {
        await db.transaction().execute(async (tx) => {
          await users.logout(tx, token);
          await recordAudit(tx, { actor: auditActor(c), action: 'auth.logout', target: { type: 'user', id: user!.id, label: user!.username } });
        });
      }
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  api.route(
    { method: 'get', path: '/api/v1/me', tag: 'auth', summary: 'The logged-in user', access: 'user', responses: { 200: { description: 'You', schema: userSchema } } },
    async (c, { user }) => {
      const row = await findUserById(db, user!.id);
      if (!row) throw new NotFoundError('user');
      return c.json(users.toApiUser(row));
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/api/v1/me',
      tag: 'auth',
      summary: 'Change your own profile (interface language)',
      description: '`locale`: `en`, `fr`, or null to follow the browser.',
      access: 'user',
      body: updateMeBodySchema,
      responses: { 200: { description: 'You, updated', schema: userSchema } },
    },
    async (c, { body, user }) => c.json(users.toApiUser(await users.updateOwnProfile(db, user!.id, body))),
  );

  api.route(
    { method: 'get', path: '/api/v1/users', tag: 'users', summary: 'List users', access: ROLE_SETS.helpdeskStaff, responses: { 200: { description: 'Users', schema: z.object({ items: z.array(userSchema) }) } } },
    async (c) => c.json({ items: (await listUsers(db)).map(users.toApiUser) }),
  );

  api.route(
    { method: 'post', path: '/api/v1/users', tag: 'users', summary: 'Create a user', access: ROLE_SETS.admins, body: createUserBodySchema, responses: { 201: { description: 'Created', schema: userSchema } } },
    async (c, { body }) => c.json(users.toApiUser(await users.createUser(db, body, auditActor(c))), 201),
  );

  api.route(
    { method: 'patch', path: '/api/v1/users/:id', tag: 'users', summary: 'Change a user (role, password, disable)', access: ROLE_SETS.admins, params: idParamSchema, body: updateUserBodySchema, responses: { 200: { description: 'Updated', schema: userSchema } } },
    async (c, { params, body, user }) => {
      // A leaked token must not be able to take the account over for good.
      if (user!.apiToken && params.id === user!.id && body.password !== undefined) throw new ForbiddenError('an API token cannot change its owner\'s password; log in as yourself');
      const own = params.id === user!.id ? sessionToken(c.req.header('authorization'), getCookie(c, SESSION_COOKIE)) : undefined;
      return c.json(users.toApiUser(await users.updateUser(db, params.id, body, own, auditActor(c))));
    },
  );
}
