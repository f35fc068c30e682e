import { ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import type { AuthUser } from '../../platform/http/context.js';
import { registerItemSubRoutes } from '../tickets/item-routes.js';
import {
  createProblemBodySchema,
  listProblemsQuerySchema,
  listProblemsResponseSchema,
  patchProblemBodySchema,
  problemActionBodySchema,
  problemDetailSchema,
  problemParamsSchema,
} from './problems.schemas.js';
import * as svc from './problems.service.js';

const TAG = 'problems';
const KIND = 'problem';
const detail = { 200: { description: 'The problem', schema: problemDetailSchema } };
// Requesters never see problems: staff only, everywhere (a requester's ticket shows a problem's workaround).
const STAFF = ROLE_SETS.helpdeskStaff;

export function registerProblemRoutes(api: ApiBuilder, { db, log, config }: AppDeps) {
  const email = Boolean(config.PARC_SMTP_URL);
  const clock = systemClock;
  const ctx = (user: AuthUser) => ({ db, log, user, email, clock });
  const show = (user: AuthUser, id: number) => svc.getProblemDetail({ db, user }, id, clock.now());

  api.route(
    { method: 'get', path: '/api/v1/problems', tag: TAG, summary: 'List and search problems', description: '`linkedTo` lists the problems linked to a ticket or change.', access: STAFF, query: listProblemsQuerySchema, responses: { 200: { description: 'A page of problems', schema: listProblemsResponseSchema } } },
    async (c, { query }) => c.json(await svc.listProblems({ db }, query, clock.now())),
  );

  api.route(
    { method: 'post', path: '/api/v1/problems', tag: TAG, summary: 'Open a problem (from a set of tickets)', description: 'The tickets given in `ticketIds` are linked to it and show its workaround.', access: STAFF, body: createProblemBodySchema, responses: { 201: { description: 'Created', schema: problemDetailSchema } } },
    async (c, { body, user }) => c.json(await show(user!, await svc.createProblem(ctx(user!), body)), 201),
  );

  api.route(
    { method: 'get', path: '/api/v1/problems/:id', tag: TAG, summary: 'A problem with its tickets, changes, devices and timeline', access: STAFF, params: problemParamsSchema, responses: detail },
    async (c, { params, user }) => c.json(await show(user!, params.id)),
  );

  api.route(
    { method: 'patch', path: '/api/v1/problems/:id', tag: TAG, summary: 'Edit a problem (cause, workaround, fix…)', access: STAFF, params: problemParamsSchema, body: patchProblemBodySchema, responses: detail },
    async (c, { params, body, user }) => {
      await svc.patchProblem(ctx(user!), params.id, body);
      return c.json(await show(user!, params.id));
    },
  );

  api.route(
    { method: 'post', path: '/api/v1/problems/:id/actions', tag: TAG, summary: 'Move a problem through its workflow', description: 'assign, take, unassign, accept, analyse, solve (solution), close, reopen. A refused transition answers 409 `invalid_transition`.', access: STAFF, params: problemParamsSchema, body: problemActionBodySchema, responses: detail },
    async (c, { params, body, user }) => {
      await svc.actOnProblem(ctx(user!), params.id, body);
      return c.json(await show(user!, params.id));
    },
  );

  registerItemSubRoutes(api, { kind: KIND, tag: TAG, detailSchema: problemDetailSchema, show, ctx });
}
