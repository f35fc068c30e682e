import type { ProblemDetail, ProblemSummary } from '@parc/shared/api';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { ProblemAction } from '../itil/problem-kind.js';
import { openItem, prepareItem } from '../tickets/item-creation.js';
import { itemDetail, listItems } from '../tickets/item-detail.js';
import { patchItem } from '../tickets/item-edit.js';
import { linkTargets, writeLinks } from '../tickets/item-links.js';
import { actorOf, type TicketCtx } from '../tickets/ticket-context.js';
import { applyWorkflow, toWorkflowAction } from '../tickets/ticket-workflow.js';
import { insertProblemDetails, problemDetails, ticketCounts, updateProblemDetails, type ProblemText } from './problems.repository.js';
import type { CreateProblemBody, ListProblemsQuery, PatchProblemBody, ProblemActionBody } from './problems.schemas.js';

/**
 * Problems: the root cause behind several incidents. Everything they share with tickets (workflow
 * persistence, timeline, followups, tasks, devices, notifications, links) is the tickets feature's
 * kind-generic code called with kind `problem`; here are only the problem's own fields and actions.
 */

const KIND = 'problem' as const;

const text = (v: string | undefined) => (v === undefined || v === '' ? null : v);

/** Opens a problem, possibly from a set of tickets (linked to it at once). */
export async function createProblem(ctx: TicketCtx, body: CreateProblemBody): Promise<number> {
  const { db, user } = ctx;
  const { priority, deviceIds } = await prepareItem(db, user, body);
  // The tickets must be tickets: a problem gathers incidents and requests, not other problems.
  const tickets = await linkTargets(db, { id: 0, kind: KIND }, body.ticketIds, 'ticketIds');
  const notTickets = tickets.filter((t) => t.kind !== 'ticket');
  if (notTickets.length) throw new ValidationError(`ticketIds names tickets only, not ${notTickets.map((t) => `${t.kind} ${t.id}`).join(', ')}`, 'ticketIds');
  const now = ctx.clock.now();
  const id = await db.transaction().execute(async (tx) => {
    const id = await openItem(tx, KIND, { ...body, priority, deviceIds }, user.id, now, ctx.email);
    await insertProblemDetails(tx, id, {
      impact_analysis: text(body.impactAnalysis),
      root_cause: text(body.rootCause),
      workaround: text(body.workaround),
      permanent_fix: text(body.permanentFix),
    });
    await writeLinks(tx, { id, kind: KIND }, tickets, user.id, now);
    return id;
  });
  ctx.log.info({ problemId: id, tickets: tickets.length, devices: deviceIds.length }, 'problem created');
  return id;
}

export async function patchProblem(ctx: TicketCtx, id: number, body: PatchProblemBody) {
  const { impactAnalysis, rootCause, workaround, permanentFix, ...core } = body;
  const set: Partial<ProblemText> = {
    ...(impactAnalysis !== undefined ? { impact_analysis: impactAnalysis || null } : {}),
    ...(rootCause !== undefined ? { root_cause: rootCause || null } : {}),
    ...(workaround !== undefined ? { workaround: workaround || null } : {}),
    ...(permanentFix !== undefined ? { permanent_fix: permanentFix || null } : {}),
  };
  await patchItem(ctx, KIND, id, core, { set, write: async (tx, pid) => ({ ...(await updateProblemDetails(tx, pid, set)) }) });
}

function toAction(body: ProblemActionBody): ProblemAction {
  if (body.action === 'accept' || body.action === 'analyse') return { type: body.action };
  // The rest are the shared lifecycle actions, read as tickets read them: the body's type decides the action's.
  return toWorkflowAction(body) as ProblemAction;
}

export async function actOnProblem(ctx: TicketCtx, id: number, body: ProblemActionBody) {
  const now = ctx.clock.now();
  const status = await ctx.db
    .transaction()
    .execute((tx) => applyWorkflow(tx, id, { action: toAction(body), kind: KIND, actor: actorOf(ctx.user), actorUser: ctx.user, now, email: ctx.email }));
  ctx.log.info({ problemId: id, action: body.action, status, userId: ctx.user.id }, 'problem action');
}

export async function getProblemDetail(ctx: Pick<TicketCtx, 'db' | 'user'>, id: number, now: Date): Promise<ProblemDetail> {
  const { base, linksOf } = await itemDetail(ctx.db, ctx.user, KIND, id, now);
  const d = await problemDetails(ctx.db, id);
  if (!d) throw new NotFoundError(`problem ${id}`);
  const tickets = linksOf('ticket');
  return {
    ...base,
    status: base.status as ProblemDetail['status'],
    ticketCount: tickets.length,
    impactAnalysis: d.impact_analysis,
    rootCause: d.root_cause,
    workaround: d.workaround,
    permanentFix: d.permanent_fix,
    tickets,
    changes: linksOf('change'),
  };
}

export async function listProblems(ctx: Pick<TicketCtx, 'db'>, query: ListProblemsQuery, now: Date) {
  const { rows, total } = await listItems(ctx.db, KIND, query, now);
  const counts = await ticketCounts(ctx.db, rows.map((r) => r.base.id));
  const items: ProblemSummary[] = rows.map((r) => ({ ...r.base, status: r.base.status as ProblemSummary['status'], ticketCount: counts.get(r.base.id) ?? 0 }));
  return { items, total, limit: query.limit, offset: query.offset };
}
