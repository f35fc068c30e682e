import { z } from 'zod';
import { enrollRequestSchema, enrollResponseSchema, ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import { idParamSchema } from '../../platform/http/params.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { createdTokenSchema, createTokenBodySchema, tokenSchema } from './enrollment.schemas.js';
import * as svc from './enrollment.service.js';

export function registerEnrollmentRoutes(api: ApiBuilder, { db, log, clock = systemClock }: AppDeps) {
  api.route(
    {
      method: 'post',
      path: '/api/v1/enrollment-tokens',
      tag: 'enrollment',
      summary: 'Create an enrollment token',
      description: 'The token is returned once; only its hash is stored.',
      access: ROLE_SETS.admins,
      body: createTokenBodySchema,
      responses: { 201: { description: 'Created', schema: createdTokenSchema } },
    },
    async (c, { body, user }) => c.json(await svc.createEnrollmentToken(db, { ...body, createdBy: user!.id }, clock), 201),
  );

  api.route(
    { method: 'get', path: '/api/v1/enrollment-tokens', tag: 'enrollment', summary: 'List enrollment tokens', access: ROLE_SETS.admins, responses: { 200: { description: 'Tokens', schema: z.object({ items: z.array(tokenSchema) }) } } },
    async (c) => c.json({ items: await svc.listEnrollmentTokens(db, clock) }),
  );

  api.route(
    { method: 'delete', path: '/api/v1/enrollment-tokens/:id', tag: 'enrollment', summary: 'Revoke an enrollment token', description: 'Agents already enrolled keep working.', access: ROLE_SETS.admins, params: idParamSchema, responses: { 204: { description: 'Revoked' } } },
    async (c, { params }) => {
      await svc.revokeEnrollmentToken(db, params.id, clock);
      return c.body(null, 204);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/v1/agent/enroll',
      tag: 'agent',
      summary: 'Enroll an agent',
      description: 'Takes an enrollment token; returns the agent id and the agent key to send as Bearer on uploads.',
      access: 'public',
      credential: 'enrollment-token',
      body: enrollRequestSchema,
      responses: { 200: { description: 'Enrolled', schema: enrollResponseSchema } },
    },
    async (c, { body }) => {
      const result = await svc.enrollAgent(db, body, clock);
      log.info({ agentId: result.agentId, hostname: body.hostname }, 'agent enrolled');
      return c.json(result);
    },
  );
}
