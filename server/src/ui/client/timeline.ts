import { approvalModeLabel, statusLabel } from './format.js';
import { t, type PlainKey } from './i18n/i18n.js';
import type { AssignmentReason } from '@parc/shared/api';
import type { TimelineEntry } from './types.js';

/**
 * One line of a ticket's timeline in words ("Status: New → Assigned", "Rule “Laptops” assigned group
 * Desk"). Events carry ids; `names` turns them into people, groups and devices the page knows. Pure.
 */
export interface Names {
  user(id: number): string;
  group(id: number): string;
  device(id: number): string;
  category(id: number): string;
}

const ids = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function who(block: unknown, names: Names): string {
  const b = (block ?? {}) as Record<string, unknown>;
  const parts = [...ids(b.userIds).map((id) => names.user(id)), ...ids(b.groupIds).map((id) => t('ticket.event.group', { name: names.group(id) }))];
  return parts.join(', ') || t('ticket.event.nobody');
}

/** Ticket fields an edit names; one the table does not know shows as the API names it. */
const FIELDS: Record<string, PlainKey> = {
  title: 'ticket.field.title',
  description: 'ticket.field.description',
  type: 'ticket.field.type',
  urgency: 'ticket.field.urgency',
  impact: 'ticket.field.impact',
  priority: 'ticket.field.priority',
  categoryId: 'ticket.field.category',
  location: 'ticket.field.location',
  dueAt: 'ticket.field.due',
  // A problem's or change's own columns, named as stored (helpdesk/tickets/item-edit.ts).
  category_id: 'ticket.field.category',
  impact_analysis: 'itil.field.impactAnalysis',
  root_cause: 'itil.field.rootCause',
  workaround: 'itil.field.workaround',
  permanent_fix: 'itil.field.permanentFix',
  rollout_plan: 'itil.field.rolloutPlan',
  backup_plan: 'itil.field.backupPlan',
  rollback_plan: 'itil.field.rollbackPlan',
  risk: 'itil.change.risk',
  planned_start: 'itil.change.plannedStart',
  planned_end: 'itil.change.plannedEnd',
};

/** Events told by a fixed label. */
const PLAIN: Record<string, PlainKey> = {
  'task-updated': 'ticket.event.taskUpdated',
  planned: 'ticket.event.planned',
  pending: 'ticket.event.pending',
  solution: 'ticket.event.solution',
  'solution-accepted': 'ticket.event.solutionAccepted',
  'solution-refused': 'ticket.event.solutionRefused',
  reopened: 'ticket.event.reopened',
  applied: 'itil.event.applied',
};

export function describeEvent(e: TimelineEntry, names: Names): string {
  const d = e.data;
  switch (e.kind) {
    case 'created':
      return d.viaAgent ? t('ticket.event.createdByAgent') : t('ticket.event.created');
    case 'followup':
      return e.private ? t('ticket.event.privateFollowup') : t('ticket.event.followup');
    case 'task':
      return e.private ? t('ticket.event.privateTask') : t('ticket.event.task');
    case 'status':
      return t('ticket.event.status', { from: statusLabel(str(d.from)), to: statusLabel(str(d.to)) });
    case 'assignment':
      if (d.added) return t('ticket.event.assigned', { who: who(d.added, names) });
      if (d.removed) return t('ticket.event.unassigned', { who: who(d.removed, names) });
      return t('ticket.event.assignmentChanged');
    case 'rule': {
      const group = typeof d.groupId === 'number' ? names.group(d.groupId) : t('ticket.event.aGroup');
      return t('ticket.event.rule', { rule: str(d.rule) || `#${str(d.ruleId)}`, group });
    }
    case 'link': {
      const name = typeof d.deviceId === 'number' ? names.device(d.deviceId) : '';
      return (d.action === 'removed' ? t('ticket.event.unlinked', { name }) : t('ticket.event.linked', { name })).trim();
    }
    case 'item-link': {
      const args = { kind: str(d.kind), id: Number(d.id) || 0 };
      return d.action === 'removed' ? t('itil.event.itemUnlinked', args) : t('itil.event.itemLinked', args);
    }
    case 'solved-by-change':
      return t('itil.event.solvedByChange', { id: Number(d.changeId) || 0 });
    case 'approval-requested':
      return t('itil.event.approvalRequested', { who: who(d, names), mode: approvalModeLabel(str(d.mode)) });
    case 'approval-answered':
      return d.answer === 'refused' ? t('itil.event.approvalAnswerRefused') : t('itil.event.approvalAnswerApproved');
    case 'approval-settled':
      return d.outcome === 'approved' ? t('itil.event.approvalApproved') : d.outcome === 'refused' ? t('itil.event.approvalRefused') : t('itil.event.approvalSettled');
    case 'auto-closed':
      return t('ticket.event.autoClosed', { days: Number(d.afterDays) || 0 });
    case 'updated': {
      const changed = Object.keys((d.changes ?? {}) as object).map((k) => (Object.hasOwn(FIELDS, k) ? t(FIELDS[k]!) : k));
      return changed.length ? t('ticket.event.editedFields', { fields: changed.join(', ') }) : t('ticket.event.edited');
    }
    default:
      return Object.hasOwn(PLAIN, e.kind) ? t(PLAIN[e.kind]!) : e.kind;
  }
}

/**
 * Entries written before reasons had codes carry English text ("category 3 is under category 2"): read
 * back into codes, so they are worded, and named, like new ones.
 */
const LEGACY: [RegExp, (m: RegExpExecArray) => AssignmentReason][] = [
  [/^category (\d+)$/, (m) => ({ code: 'category', categoryId: Number(m[1]) })],
  [/^category (\d+) is under category (\d+)$/, (m) => ({ code: 'subcategory', categoryId: Number(m[1]), ruleCategoryId: Number(m[2]) })],
  [/^device location "(.*)" is in "(.*)"$/, (m) => ({ code: 'sublocation', location: m[1]!, ruleLocation: m[2]! })],
  [/^device location "(.*)"$/, (m) => ({ code: 'location', location: m[1]! })],
  [/^catch-all rule$/, () => ({ code: 'catch-all' })],
];

function asReason(x: unknown): AssignmentReason | string {
  if (typeof x === 'string') {
    for (const [re, make] of LEGACY) {
      const m = re.exec(x);
      if (m) return make(m);
    }
    return x;
  }
  const r = (x ?? {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  switch (r.code) {
    case 'category':
      return { code: 'category', categoryId: num(r.categoryId) };
    case 'subcategory':
      return { code: 'subcategory', categoryId: num(r.categoryId), ruleCategoryId: num(r.ruleCategoryId) };
    case 'location':
      return { code: 'location', location: str(r.location) };
    case 'sublocation':
      return { code: 'sublocation', location: str(r.location), ruleLocation: str(r.ruleLocation) };
    case 'catch-all':
      return { code: 'catch-all' };
    default:
      return JSON.stringify(x);
  }
}

/** Reasons a rule fired ("category is Hardware > Printers"), when the server recorded them, with names for ids. */
export function ruleReasons(e: TimelineEntry, names: Names): string[] {
  const r = e.data.reasons;
  if (!Array.isArray(r)) return [];
  return r.map((x) => {
    const reason = asReason(x);
    if (typeof reason === 'string') return reason;
    switch (reason.code) {
      case 'category':
        return t('ticket.reason.category', { category: names.category(reason.categoryId) });
      case 'subcategory':
        return t('ticket.reason.subcategory', { category: names.category(reason.categoryId), parent: names.category(reason.ruleCategoryId) });
      case 'location':
        return t('ticket.reason.location', { location: reason.location });
      case 'sublocation':
        return t('ticket.reason.sublocation', { location: reason.location, parent: reason.ruleLocation });
      case 'catch-all':
        return t('ticket.reason.catchAll');
    }
  });
}
