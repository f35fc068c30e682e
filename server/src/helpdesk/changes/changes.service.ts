import type { ChangeDetail, ChangeSummary } from '@parc/shared/api';
import { approvalSummary, requestApproval } from '../approvals/approvals.service.js';
import type { Db } from '../../platform/db/database.js';
import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import type { ChangeAction } from '../itil/change-kind.js';
import { PROBLEM_KIND } from '../itil/problem-kind.js';
import { openItem, prepareItem } from '../tickets/item-creation.js';
import { iso, itemDetail, listItems } from '../tickets/item-detail.js';
import { patchItem } from '../tickets/item-edit.js';
import { linkTargets, writeLinks } from '../tickets/item-links.js';
import { actorOf, type TicketCtx } from '../tickets/ticket-context.js';
import { applyWorkflowStep, toWorkflowAction } from '../tickets/ticket-workflow.js';
import { changeDetails, changeDetailsOf, insertChangeDetails, linkedProblemIds, recordAppliedOnDevices, updateChangeDetails, type ChangeColumns } from './changes.repository.js';
import type { ChangeActionBody, CreateChangeBody, ListChangesQuery, PatchChangeBody } from './changes.schemas.js';

/**
 * Changes: planned modifications of systems, approved before they are carried out. The shared ITIL
 * machinery (workflow persistence, timeline, followups, tasks, devices, notifications, links) is the
 * tickets feature's kind-generic code called with kind `change`; here are the change's own fields and
 * what its workflow events do: open an approval round (the approvals module's), record the application in the devices'
 * histories, solve the problems it fixes when it closes.
 */

const KIND = 'change' as const;

const text = (v: string | null | undefined) => (v === undefined || v === null || v === '' ? null : v);

export async function createChange(ctx: TicketCtx, body: CreateChangeBody): Promise<number> {
  const { db, user } = ctx;
  const { priority, deviceIds } = await prepareItem(db, user, body);
  const links = [
    ...(await linkTargets(db, { id: 0, kind: KIND }, body.ticketIds, 'ticketIds')),
    ...(await linkTargets(db, { id: 0, kind: KIND }, body.problemIds, 'problemIds')),
  ];
  const now = ctx.clock.now();
  const id = await db.transaction().execute(async (tx) => {
    const id = await openItem(tx, KIND, { ...body, priority, deviceIds }, user.id, now, ctx.email);
    await insertChangeDetails(tx, id, {
      risk: body.risk,
      impact_analysis: text(body.impactAnalysis),
      rollout_plan: text(body.rolloutPlan),
      backup_plan: text(body.backupPlan),
      rollback_plan: text(body.rollbackPlan),
      planned_start: body.plannedStart ?? null,
      planned_end: body.plannedEnd ?? null,
    });
    await writeLinks(tx, { id, kind: KIND }, links, user.id, now);
    return id;
  });
  ctx.log.info({ changeId: id, devices: deviceIds.length, links: links.length }, 'change created');
  return id;
}

/** Amending a change; not while its approvers judge it, nor once it is carried out. */
export async function patchChange(ctx: TicketCtx, id: number, body: PatchChangeBody) {
  const { risk, impactAnalysis, rolloutPlan, backupPlan, rollbackPlan, plannedStart, plannedEnd, ...core } = body;
  const set: Partial<ChangeColumns> = {
    ...(risk !== undefined ? { risk } : {}),
    ...(impactAnalysis !== undefined ? { impact_analysis: text(impactAnalysis) } : {}),
    ...(rolloutPlan !== undefined ? { rollout_plan: text(rolloutPlan) } : {}),
    ...(backupPlan !== undefined ? { backup_plan: text(backupPlan) } : {}),
    ...(rollbackPlan !== undefined ? { rollback_plan: text(rollbackPlan) } : {}),
    ...(plannedStart !== undefined ? { planned_start: plannedStart } : {}),
    ...(plannedEnd !== undefined ? { planned_end: plannedEnd } : {}),
  };
  await patchItem(ctx, KIND, id, core, {
    set,
    guard: (row) => {
      if (row.status === 'approval') throw new ConflictError('the change is waiting for its approvers: it cannot be amended until they answer', 'status');
      if (['applied', 'review', 'closed'].includes(row.status)) throw new ConflictError(`the change is ${row.status}: it can no longer be amended`, 'status');
    },
    write: async (tx, cid) => {
      const before = await changeDetails(tx, cid);
      const after = { ...before, ...set };
      if (after.planned_start && after.planned_end && new Date(after.planned_end) <= new Date(after.planned_start)) {
        throw new ConflictError('plannedEnd must be after plannedStart', 'plannedEnd');
      }
      return { ...(await updateChangeDetails(tx, cid, set)) };
    },
  });
}

function toAction(body: ChangeActionBody): ChangeAction {
  switch (body.action) {
    case 'assign':
    case 'unassign':
    case 'take':
    case 'close':
      // The shared lifecycle actions, read as tickets read them.
      return toWorkflowAction(body) as ChangeAction;
    case 'submit-for-approval':
      return { type: body.action, userIds: body.approverUserIds, groupIds: body.approverGroupIds, mode: body.mode, comment: body.comment ?? null };
    case 're-evaluate':
      return { type: body.action, ...(body.reason ? { reason: body.reason } : {}) };
    case 'apply':
      return { type: 'apply', note: body.note ?? null };
    default:
      return { type: body.action };
  }
}

/**
 * One step of a change inside `tx`, and what its events do: an approval round, the devices' history
 * lines, the problems it fixes solved (by the system, saying which change solved them).
 */
async function stepChange(tx: Db, ctx: Pick<TicketCtx, 'email'>, id: number, action: ChangeAction, who: { userId: number | null; actor: Parameters<typeof applyWorkflowStep>[2]['actor']; user: TicketCtx['user'] | null }, now: Date) {
  const r = await applyWorkflowStep(tx, id, { action, kind: KIND, actor: who.actor, actorUser: who.user, now, email: ctx.email });
  for (const e of r.events) {
    if (e.type === 'approval-requested') {
      await requestApproval(tx, { itemId: id, approverUserIds: e.userIds, approverGroupIds: e.groupIds, mode: e.mode, requestedBy: who.userId, now, comment: e.comment, email: ctx.email });
    }
    if (e.type === 'applied') {
      await updateChangeDetails(tx, id, { applied_at: now });
      await recordAppliedOnDevices(tx, { id, title: r.row.title }, now);
    }
  }
  if (r.status === 'closed') {
    // The open problems it fixes are solved now (those already solved or closed by hand stay as they are).
    for (const problemId of await linkedProblemIds(tx, id, PROBLEM_KIND.open)) {
      await applyWorkflowStep(tx, problemId, {
        action: { type: 'solve', solution: `Solved by change #${id}: ${r.row.title}` },
        kind: 'problem',
        actor: { kind: 'system' },
        actorUser: null,
        now,
        email: ctx.email,
        extraEvents: [{ kind: 'solved-by-change', actorId: null, data: { changeId: id } }],
      });
    }
  }
  return r.status;
}

export async function actOnChange(ctx: TicketCtx, id: number, body: ChangeActionBody) {
  const now = ctx.clock.now();
  const status = await ctx.db.transaction().execute((tx) => stepChange(tx, ctx, id, toAction(body), { userId: ctx.user.id, actor: actorOf(ctx.user), user: ctx.user }, now));
  ctx.log.info({ changeId: id, action: body.action, status, userId: ctx.user.id }, 'change action');
}

/**
 * The approvals module's settle hook: inside the answering transaction, an approved change moves to
 * `accepted`, a refused one to `refused` (the timeline says so). Performed by the system: nobody moves a
 * change out of approval by hand.
 */
export function onApprovalSettled(deps: Pick<TicketCtx, 'email'>) {
  return async (tx: Db, itemId: number, outcome: 'approved' | 'refused', now: Date) => {
    await stepChange(tx, deps, itemId, { type: outcome === 'approved' ? 'approval-granted' : 'approval-refused' }, { userId: null, actor: { kind: 'system' }, user: null }, now);
  };
}

export async function getChangeDetail(ctx: Pick<TicketCtx, 'db' | 'user'>, id: number, now: Date): Promise<ChangeDetail> {
  const { base, linksOf } = await itemDetail(ctx.db, ctx.user, KIND, id, now);
  const d = await changeDetails(ctx.db, id);
  if (!d) throw new NotFoundError(`change ${id}`);
  return {
    ...base,
    status: base.status as ChangeDetail['status'],
    risk: d.risk,
    plannedStart: iso(d.planned_start),
    plannedEnd: iso(d.planned_end),
    impactAnalysis: d.impact_analysis,
    rolloutPlan: d.rollout_plan,
    backupPlan: d.backup_plan,
    rollbackPlan: d.rollback_plan,
    appliedAt: iso(d.applied_at),
    approvalStatus: (await approvalSummary(ctx.db, id)).status,
    tickets: linksOf('ticket'),
    problems: linksOf('problem'),
  };
}

export async function listChanges(ctx: Pick<TicketCtx, 'db'>, query: ListChangesQuery, now: Date) {
  const { rows, total } = await listItems(ctx.db, KIND, query, now);
  const details = await changeDetailsOf(ctx.db, rows.map((r) => r.base.id));
  const items: ChangeSummary[] = rows.map((r) => {
    const d = details.find((x) => x.ticket_id === r.base.id);
    return { ...r.base, status: r.base.status as ChangeSummary['status'], risk: d?.risk ?? 'medium', plannedStart: iso(d?.planned_start ?? null), plannedEnd: iso(d?.planned_end ?? null) };
  });
  return { items, total, limit: query.limit, offset: query.offset };
}
