import { ROLE_SETS, systemClock } from '@parc/shared';
import type { AppDeps } from '../../platform/app-deps.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import type { AuthUser } from '../../platform/http/context.js';
import { registerApprovalSettled } from '../approvals/approval-hooks.js';
import { registerItemSubRoutes } from '../tickets/item-routes.js';
import {
  changeActionBodySchema,
  changeDetailSchema,
  changeParamsSchema,
  createChangeBodySchema,
  listChangesQuerySchema,
  listChangesResponseSchema,
  patchChangeBodySchema,
} from './changes.schemas.js';
import * as svc from './changes.service.js';

const TAG = 'changes';
const KIND = 'change';
const detail = { 200: { description: 'The change', schema: changeDetailSchema } };
// Requesters never see changes: staff only, everywhere.
const STAFF = ROLE_SETS.helpdeskStaff;

export function registerChangeRoutes(api: ApiBuilder, { db, log, config }: AppDeps) {
  const email = Boolean(config.PARC_SMTP_URL);
  const clock = systemClock;
  const ctx = (user: AuthUser) => ({ db, log, user, email, clock });
  const show = (user: AuthUser, id: number) => svc.getChangeDetail({ db, user }, id, clock.now());
  // The approvers' answers move a change out of approval, inside the answering transaction.
  registerApprovalSettled('change', svc.onApprovalSettled({ email }));

  api.route(
    { method: 'get', path: '/api/v1/changes', tag: TAG, summary: 'List and search changes', description: '`linkedTo` lists the changes linked to a ticket or problem.', access: STAFF, query: listChangesQuerySchema, responses: { 200: { description: 'A page of changes', schema: listChangesResponseSchema } } },
    async (c, { query }) => c.json(await svc.listChanges({ db }, query, clock.now())),
  );

  api.route(
    { method: 'post', path: '/api/v1/changes', tag: TAG, summary: 'Open a change', description: 'Devices it will be applied to, the tickets it answers and the problems it fixes can be given at once.', access: STAFF, body: createChangeBodySchema, responses: { 201: { description: 'Created', schema: changeDetailSchema } } },
    async (c, { body, user }) => c.json(await show(user!, await svc.createChange(ctx(user!), body)), 201),
  );

  api.route(
    { method: 'get', path: '/api/v1/changes/:id', tag: TAG, summary: 'A change with its plans, approval, links, devices and timeline', access: STAFF, params: changeParamsSchema, responses: detail },
    async (c, { params, user }) => c.json(await show(user!, params.id)),
  );

  api.route(
    { method: 'patch', path: '/api/v1/changes/:id', tag: TAG, summary: 'Amend a change', description: 'Refused (409) while it waits for approval and once applied.', access: STAFF, params: changeParamsSchema, body: patchChangeBodySchema, responses: detail },
    async (c, { params, body, user }) => {
      await svc.patchChange(ctx(user!), params.id, body);
      return c.json(await show(user!, params.id));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/v1/changes/:id/actions',
      tag: TAG,
      summary: 'Move a change through its workflow',
      description:
        'assign, take, unassign, evaluate, submit-for-approval (approvers, mode), re-evaluate, start-test, qualify, apply (writes each device\'s history), review, close (solves the problems it fixes). Only the approvers\' answers move a change out of `approval`. A refused transition answers 409 `invalid_transition`.',
      access: STAFF,
      params: changeParamsSchema,
      body: changeActionBodySchema,
      responses: detail,
    },
    async (c, { params, body, user }) => {
      await svc.actOnChange(ctx(user!), params.id, body);
      return c.json(await show(user!, params.id));
    },
  );

  registerItemSubRoutes(api, { kind: KIND, tag: TAG, detailSchema: changeDetailSchema, show, ctx });
}
