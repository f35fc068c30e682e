import { statusLabel } from './format.js';
import { t, type PlainKey } from './i18n/i18n.js';
import type { TimelineEntry } from './types.js';

/**
 * One line of a ticket's timeline in words ("Status: New → Assigned", "Rule “Laptops” assigned group
 * Desk"). Events carry ids; `names` turns them into people, groups and devices the page knows. Pure.
 */
export interface Names {
  user(id: number): string;
  group(id: number): string;
  device(id: number): string;
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

/** Reasons a rule fired ("category is Hardware"), when the server recorded them. */
export function ruleReasons(e: TimelineEntry): string[] {
  const r = e.data.reasons;
  return Array.isArray(r) ? r.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : [];
}
