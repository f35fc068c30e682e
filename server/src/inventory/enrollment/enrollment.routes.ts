import { z } from 'zod';
import { enrollRequestSchema, enrollResponseSchema, apiErrorSchema, ROLE_SETS, systemClock } from '@parc/shared';
import { agentIdParamSchema, agentPageSchema, agentSchema, listAgentsQuerySchema, revokeTokenQuerySchema } from '@parc/shared/api';
import type { AppDeps } from '../../platform/app-deps.js';
import { auditActor } from '../../platform/audit/audit-actor.js';
import { DomainError } from '../../platform/http/errors.js';
import { idParamSchema } from '../../platform/http/params.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import { createdTokenSchema, createTokenBodySchema, tokenSchema } from './enrollment.schemas.js';
import * as agents from './agents.service.js';
import * as svc from './enrollment.service.js';

/** An enrollment is a token, a hostname and a few identifiers (up to 256 MACs): 32 KiB is plenty. */
const ENROLL_BODY = 32 * 1024;
const TOKEN_BODY = 4 * 1024;
const errorBody = { description: 'Refused', schema: apiErrorSchema };

export function registerEnrollmentRoutes(api: ApiBuilder, { db, log, config, clock = systemClock }: AppDeps) {
  api.route(
    {
      method: 'post',
      path: '/api/v1/enrollment-tokens',
      tag: 'enrollment',
      summary: 'Create an enrollment token',
      description: 'The token is returned once; only its hash is stored.',
      access: ROLE_SETS.admins,
      body: createTokenBodySchema,
      maxBodyBytes: TOKEN_BODY,
      responses: { 201: { description: 'Created', schema: createdTokenSchema } },
    },
    async (c, { body, user }) => c.json(await svc.createEnrollmentToken(db, { ...body, createdBy: user!.id, actor: auditActor(c) }, clock), 201),
  );

  api.route(
    {
      method: 'get',
      path: '/api/v1/enrollment-tokens',
      tag: 'enrollment',
      summary: 'List enrollment tokens',
      description: '`activeAgents`: agents enrolled with the token and not revoked.',
      access: ROLE_SETS.admins,
      responses: { 200: { description: 'Tokens', schema: z.object({ items: z.array(tokenSchema) }) } },
    },
    async (c) => c.json({ items: await svc.listEnrollmentTokens(db, clock) }),
  );

  api.route(
    {
      method: 'delete',
      path: '/api/v1/enrollment-tokens/:id',
      tag: 'enrollment',
      summary: 'Revoke an enrollment token',
      description:
        'New enrollments with it are refused. Agents already enrolled keep working, unless `revokeAgents=true`: then every agent enrolled with it is revoked too (their keys stop at once).',
      access: ROLE_SETS.admins,
      params: idParamSchema,
      query: revokeTokenQuerySchema,
      responses: { 204: { description: 'Revoked' } },
    },
    async (c, { params, query }) => {
      const { revokedAgents } = await svc.revokeEnrollmentToken(db, params.id, { revokeAgents: query.revokeAgents, actor: auditActor(c) }, clock);
      if (revokedAgents) log.warn({ tokenId: params.id, revokedAgents }, 'enrollment token revoked with its agents: those machines must be enrolled again to report');
      return c.body(null, 204);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/v1/agent/enroll',
      tag: 'agent',
      summary: 'Enroll an agent',
      description:
        'Takes an enrollment token; returns the agent id and the agent key to send as Bearer on uploads. An `agentId` that belongs to an enrolled agent is refused (409 `agent_id_taken`) unless the request proves that agent\'s current key (Authorization: Bearer) or an admin asked it to re-key; a revoked agent\'s id is refused (409 `agent_revoked`). Limited per token and per client address (429 with Retry-After, `details.limit` naming the limit).',
      access: 'public',
      credential: 'enrollment-token',
      body: enrollRequestSchema,
      maxBodyBytes: ENROLL_BODY,
      responses: { 200: { description: 'Enrolled', schema: enrollResponseSchema }, 409: errorBody, 429: { description: 'Too many enrollments', schema: apiErrorSchema } },
    },
    async (c, { body }) => {
      const address = c.get('clientAddress');
      const result = await svc.enrollAgent(db, body, { config, address, authorization: c.req.header('authorization') }, clock).catch((err: unknown) => {
        // Someone claimed an enrolled or revoked agent's id: a cloned disk image, or an attempt to take it over.
        if (err instanceof DomainError && err.status === 409) {
          log.warn({ agentId: body.agentId, hostname: body.hostname, address, code: err.code }, 'enrollment under an existing agent id refused; if unexpected, check that agent on the Agents page');
        }
        throw err;
      });
      log.info({ agentId: result.agentId, hostname: body.hostname, address, reenrolled: result.reenrolled }, 'agent enrolled');
      return c.json({ agentId: result.agentId, agentKey: result.agentKey });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/v1/agent/rekey',
      tag: 'agent',
      summary: 'Rotate the agent key',
      description:
        'Authorization: Bearer <current agentKey>. Returns a new key; the current one keeps working until the new one is first used, then stops. Agents call it when an upload answers 401 `rekey_required` (an admin asked for a new key).',
      access: 'public',
      credential: 'agent-key',
      responses: { 200: { description: 'New key', schema: enrollResponseSchema } },
    },
    async (c) => {
      const agent = await svc.authenticateAgent(db, c.req.header('authorization'), { forKeyRotation: true, address: c.get('clientAddress'), clock });
      const rotated = await svc.rotateAgentKey(db, agent);
      log.info({ agentId: agent.id }, 'agent key rotation issued; it completes at the first use of the new key');
      return c.json(rotated);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/v1/agents',
      tag: 'agents',
      summary: 'List agents',
      description: 'Enrolled agents with their device and enrollment token, most recently heard from first; filter by `state`, `tokenId` and `search` (agent id or hostname).',
      access: ROLE_SETS.helpdeskStaff,
      query: listAgentsQuerySchema,
      responses: { 200: { description: 'Agents', schema: agentPageSchema } },
    },
    async (c, { query }) => c.json(await agents.listAgents(db, query)),
  );

  api.route(
    {
      method: 'post',
      path: '/api/v1/agents/:id/revoke',
      tag: 'agents',
      summary: 'Revoke an agent',
      description: 'Its key stops working at once (uploads get 401 `reenroll_required`) and its id can never enroll again; the machine may enroll as a new agent.',
      access: ROLE_SETS.admins,
      params: agentIdParamSchema,
      responses: { 200: { description: 'Revoked', schema: agentSchema }, 404: errorBody },
    },
    async (c, { params }) => {
      const agent = await agents.revokeAgent(db, params.id, auditActor(c), clock);
      log.warn({ agentId: params.id }, 'agent revoked: its key no longer works');
      return c.json(agent);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/v1/agents/:id/rekey',
      tag: 'agents',
      summary: 'Ask an agent to change its key',
      description:
        'The agent\'s next contact is answered 401 `rekey_required`; it then rotates its key itself (POST /api/v1/agent/rekey) and keeps its device. For PARC_AGENT_REKEY_HOURS the machine may also enroll again under the same id. A revoked agent is 409.',
      access: ROLE_SETS.admins,
      params: agentIdParamSchema,
      responses: { 200: { description: 'Re-key requested', schema: agentSchema }, 404: errorBody, 409: errorBody },
    },
    async (c, { params }) => c.json(await agents.requestAgentRekey(db, params.id, auditActor(c), clock)),
  );
}
