import { ROLE_SETS, systemClock } from '@parc/shared';
import {
  answerApprovalBodySchema,
  approvalListQuerySchema,
  approvalRoundSchema,
  approvalSummarySchema,
  categoryApprovalBodySchema,
  categoryApprovalSchema,
  myApprovalListSchema,
  requestApprovalBodySchema,
  type ApprovalItemKind,
} from '@parc/shared/api';
import type { AppDeps } from '../../platform/app-deps.js';
import type { ApiBuilder } from '../../platform/http/api-builder.js';
import type { AuthUser } from '../../platform/http/context.js';
import { idParamSchema } from '../../platform/http/params.js';
import { registerItemActionGuard, registerItemOpenedHook } from '../itil/item-hooks.js';
import { assertCanSee } from '../tickets/ticket-access.js';
import * as svc from './approvals.service.js';

const TAG = 'approvals';
// An answer is a word and a comment; a request names at most 50 approvers and a comment (5,000 characters).
const ANSWER_BODY_BYTES = 16 * 1024;
const REQUEST_BODY_BYTES = 32 * 1024;

/** Approvals: the caller's list, answering a round, an item's rounds, asking for a round on a ticket, category settings. */
export function registerApprovalRoutes(api: ApiBuilder, { db, log, config }: AppDeps) {
  const email = Boolean(config.PARC_SMTP_URL);
  const clock = systemClock;
  const ctx = (user: AuthUser) => ({ db, log, user, email, clock });

  // Approvals take part in the items' life through the ITIL ports: a round when a request opens in a
  // category that needs one, and no solving before approval.
  registerItemOpenedHook('approvals', (tx, item) => svc.approveRequestsByCategory(tx, item, log));
  registerItemActionGuard('approvals', svc.guardSolve);

  api.route(
    {
      method: 'get',
      path: '/api/v1/approvals',
      tag: TAG,
      summary: "The caller's approvals",
      description: '`state=pending` (default): the rounds waiting for the caller’s answer, named in person or through a group; `state=answered`: those the caller answered. Newest first, at most 500.',
      access: ROLE_SETS.staffReaders,
      query: approvalListQuerySchema,
      responses: { 200: { description: 'Approvals', schema: myApprovalListSchema } },
    },
    async (c, { query, user }) => c.json({ items: await svc.myApprovals(db, user!, query.state) }),
  );

  api.route(
    {
      method: 'post',
      path: '/api/v1/approvals/:id/answer',
      tag: TAG,
      summary: 'Approve or refuse an approval round',
      description:
        'Only a named approver, or an active member of a named group, answers, once; a refusal needs a comment. 409 when the round is settled or superseded, or the caller already answered. The round settling moves the item on (a change to accepted or refused) in the same transaction.',
      access: ROLE_SETS.staffReaders,
      params: idParamSchema,
      body: answerApprovalBodySchema,
      maxBodyBytes: ANSWER_BODY_BYTES,
      responses: { 200: { description: 'The round after the answer', schema: approvalRoundSchema } },
    },
    async (c, { params, body, user }) => c.json(await svc.answerApproval(ctx(user!), params.id, body)),
  );

  const itemRoute = (kind: ApprovalItemKind, plural: string, access: 'user' | typeof ROLE_SETS.helpdeskStaff) =>
    api.route(
      {
        method: 'get',
        path: `/api/v1/${plural}/:id/approvals`,
        tag: TAG,
        summary: `A ${kind}'s approval rounds`,
        description: `The ${kind}'s approval status (its latest round's) and its rounds, newest first, with each approver's answer.${kind === 'ticket' ? ' Requesters see those of their own tickets (and those they observe).' : ''}`,
        access,
        params: idParamSchema,
        responses: { 200: { description: 'Approval status and rounds', schema: approvalSummarySchema } },
      },
      async (c, { params, user }) => {
        const item = await svc.assertItemKind(db, params.id, kind);
        if (kind === 'ticket') await assertCanSee(db, user!, item);
        return c.json(await svc.approvalSummary(db, params.id, user!));
      },
    );
  itemRoute('ticket', 'tickets', 'user');
  itemRoute('problem', 'problems', ROLE_SETS.helpdeskStaff);
  itemRoute('change', 'changes', ROLE_SETS.helpdeskStaff);

  api.route(
    {
      method: 'post',
      path: '/api/v1/tickets/:id/approvals',
      tag: TAG,
      summary: 'Ask for approval of a ticket',
      description: 'Opens a round (users or groups, any-of or all-of); a pending round is superseded. While the latest round is pending or refused the ticket cannot be solved. The approvers are notified.',
      access: ROLE_SETS.helpdeskStaff,
      params: idParamSchema,
      body: requestApprovalBodySchema,
      maxBodyBytes: REQUEST_BODY_BYTES,
      responses: { 201: { description: 'The ticket’s approvals with the new round', schema: approvalSummarySchema } },
    },
    async (c, { params, body, user }) => {
      await svc.assertItemKind(db, params.id, 'ticket');
      const now = clock.now();
      const roundId = await db.transaction().execute((tx) => svc.requestApproval(tx, { itemId: params.id, ...body, comment: body.comment ?? null, requestedBy: user!.id, now, email }));
      log.info({ ticketId: params.id, roundId, mode: body.mode, userId: user!.id }, 'approval requested');
      return c.json(await svc.approvalSummary(db, params.id, user!), 201);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/v1/ticket-categories/:id/approval',
      tag: TAG,
      summary: "A category's approval setting",
      description: 'Which approvers a request opened in this category needs before it can be solved (null: none).',
      access: ROLE_SETS.staffReaders,
      params: idParamSchema,
      responses: { 200: { description: 'The setting', schema: categoryApprovalSchema } },
    },
    async (c, { params }) => c.json(await svc.getCategoryApproval(db, params.id)),
  );

  api.route(
    {
      method: 'put',
      path: '/api/v1/ticket-categories/:id/approval',
      tag: TAG,
      summary: "Set a category's approval setting",
      description: 'Requests opened in the category from now on get an approval round with these approvers (the category itself, not its subcategories).',
      access: ROLE_SETS.admins,
      params: idParamSchema,
      body: categoryApprovalBodySchema,
      maxBodyBytes: REQUEST_BODY_BYTES,
      responses: { 200: { description: 'The setting', schema: categoryApprovalSchema } },
    },
    async (c, { params, body, user }) => c.json(await svc.putCategoryApproval(ctx(user!), params.id, body)),
  );

  api.route(
    {
      method: 'delete',
      path: '/api/v1/ticket-categories/:id/approval',
      tag: TAG,
      summary: "Remove a category's approval setting",
      description: 'Requests opened in it from now on need no approval; rounds already opened stay.',
      access: ROLE_SETS.admins,
      params: idParamSchema,
      responses: { 204: { description: 'Removed' } },
    },
    async (c, { params, user }) => {
      await svc.deleteCategoryApproval(ctx(user!), params.id);
      return c.body(null, 204);
    },
  );
}
