import { ROLE_SETS } from '@parc/shared';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import type { ApiBuilder } from '../http/api-builder.js';
import { NotFoundError, TooManyRequestsError, UnauthorizedError } from '../http/errors.js';
import { LoginThrottle } from './login-throttle.js';
import { SESSION_COOKIE, sessionToken } from './auth.middleware.js';
import { createUserBodySchema, loginBodySchema, loginResponseSchema, updateMeBodySchema, updateUserBodySchema, userSchema } from './users.schemas.js';
import { idParamSchema } from '../http/params.js';
import * as users from './users.service.js';
import { findUserById, listUsers } from './users.repository.js';

export function registerAuthRoutes(api: ApiBuilder, { db, config, log }: AppDeps) {
  const throttle = new LoginThrottle(config.PARC_LOGIN_MAX_FAILURES, 15 * 60_000);
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
      const wait = throttle.retryAfterSeconds(body.username);
      if (wait > 0) {
        log.warn({ username: body.username }, 'login refused: too many failed attempts for this user; wait, or have an admin reset the password');
        throw new TooManyRequestsError(`too many failed logins for "${body.username}": try again in ${wait} s`, wait);
      }
      const result = await users.login(db, body.username, body.password, config.PARC_SESSION_HOURS).catch((err: unknown) => {
        if (err instanceof UnauthorizedError) throttle.recordFailure(body.username);
        throw err;
      });
      throttle.recordSuccess(body.username);
      const { token, expiresAt, user } = result;
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
    async (c) => {
      const token = sessionToken(c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
      if (token) await users.logout(db, token);
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
    async (c, { body }) => c.json(users.toApiUser(await users.createUser(db, body)), 201),
  );

  api.route(
    { method: 'patch', path: '/api/v1/users/:id', tag: 'users', summary: 'Change a user (role, password, disable)', access: ROLE_SETS.admins, params: idParamSchema, body: updateUserBodySchema, responses: { 200: { description: 'Updated', schema: userSchema } } },
    async (c, { params, body, user }) => {
      const own = params.id === user!.id ? sessionToken(c.req.header('authorization'), getCookie(c, SESSION_COOKIE)) : undefined;
      return c.json(users.toApiUser(await users.updateUser(db, params.id, body, own)));
    },
  );
}
