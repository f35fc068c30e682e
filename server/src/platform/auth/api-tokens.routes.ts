import { ROLE_SETS, systemClock } from '@parc/shared';
import { apiTokenListQuerySchema, apiTokenListSchema, createApiTokenBodySchema, createdApiTokenSchema } from '@parc/shared/api';
import type { AppDeps } from '../app-deps.js';
import { auditActor } from '../audit/audit-actor.js';
import type { ApiBuilder } from '../http/api-builder.js';
import { NotFoundError } from '../http/errors.js';
import { idParamSchema } from '../http/params.js';
import { listApiTokens } from './api-tokens.repository.js';
import { createApiToken, revokeApiToken, toApiToken } from './api-tokens.service.js';
import { findUserById } from './users.repository.js';

/** Small bodies only: a name and a few scopes. */
const TOKEN_BODY_BYTES = 4 * 1024;

/** Personal API tokens: everyone manages their own under /me/tokens; admins see and revoke anyone's. */
export function registerApiTokenRoutes(api: ApiBuilder, { db, clock }: AppDeps) {
  const now = () => (clock ?? systemClock).now();

  api.route(
    { method: 'get', path: '/api/v1/me/tokens', tag: 'auth', summary: 'Your API tokens', access: 'user', responses: { 200: { description: 'Newest first', schema: apiTokenListSchema } } },
    async (c, { user }) => {
      const at = now();
      return c.json({ items: (await listApiTokens(db, { userId: user!.id }, at)).map((r) => toApiToken(r, at)) });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/v1/me/tokens',
      tag: 'auth',
      summary: 'Create an API token (shown once)',
      description: `For scripts: send it as \`Authorization: Bearer <token>\`. \`scopes\`: \`<area>:read\` or \`<area>:write\` (write includes read) for the areas helpdesk, inventory, licences, users, admin, within those of your role; it never does more than your role allows. \`expiresInDays\`: 1 to 366, default 90. Only a person logged in can create one (not another token).`,
      access: 'user',
      tokens: 'deny',
      body: createApiTokenBodySchema,
      maxBodyBytes: TOKEN_BODY_BYTES,
      responses: { 201: { description: 'Created: `token` is shown this once', schema: createdApiTokenSchema }, 409: { description: 'Too many active tokens' } },
    },
    async (c, { body, user }) => {
      const owner = await findUserById(db, user!.id);
      if (!owner) throw new NotFoundError('user');
      return c.json(await createApiToken(db, owner, body, auditActor(c), now()), 201);
    },
  );

  api.route(
    { method: 'delete', path: '/api/v1/me/tokens/:id', tag: 'auth', summary: 'Revoke one of your API tokens', access: 'user', params: idParamSchema, responses: { 204: { description: 'Revoked' }, 404: { description: 'You have no such token' } } },
    async (c, { params, user }) => {
      await revokeApiToken(db, params.id, { userId: user!.id, ownerId: user!.id }, auditActor(c), now());
      return c.body(null, 204);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/v1/api-tokens',
      tag: 'api tokens',
      summary: 'Everyone\'s API tokens',
      description: 'Filter by `userId` and `state` (active, expired, revoked). Newest first, at most 1000.',
      access: ROLE_SETS.admins,
      query: apiTokenListQuerySchema,
      responses: { 200: { description: 'Tokens', schema: apiTokenListSchema } },
    },
    async (c, { query }) => {
      const at = now();
      return c.json({ items: (await listApiTokens(db, query, at)).map((r) => toApiToken(r, at)) });
    },
  );

  api.route(
    { method: 'delete', path: '/api/v1/api-tokens/:id', tag: 'api tokens', summary: 'Revoke anyone\'s API token', access: ROLE_SETS.admins, params: idParamSchema, responses: { 204: { description: 'Revoked' }, 404: { description: 'No such token' } } },
    async (c, { params, user }) => {
      await revokeApiToken(db, params.id, { userId: user!.id }, auditActor(c), now());
      return c.body(null, 204);
    },
  );
}
