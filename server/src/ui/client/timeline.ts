import { statusLabel } from './format.js';
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
  const parts = [...ids(b.userIds).map((id) => names.user(id)), ...ids(b.groupIds).map((id) => `group ${names.group(id)}`)];
  return parts.join(', ') || 'nobody';
}

export function describeEvent(e: TimelineEntry, names: Names): string {
  const d = e.data;
  switch (e.kind) {
    case 'created':
      return d.viaAgent ? 'Opened from the device (agent)' : 'Opened the ticket';
    case 'followup':
      return e.private ? 'Private followup' : 'Followup';
    case 'task':
      return e.private ? 'Private task' : 'Task';
    case 'task-updated':
      return 'Task updated';
    case 'status':
      return `Status: ${statusLabel(str(d.from))} → ${statusLabel(str(d.to))}`;
    case 'assignment':
      if (d.added) return `Assigned to ${who(d.added, names)}`;
      if (d.removed) return `Unassigned ${who(d.removed, names)}`;
      return 'Assignment changed';
    case 'rule': {
      const group = typeof d.groupId === 'number' ? names.group(d.groupId) : 'a group';
      return `Rule “${str(d.rule) || `#${str(d.ruleId)}`}” assigned it to group ${group}`;
    }
    case 'link':
      return `${d.action === 'removed' ? 'Unlinked' : 'Linked'} device ${typeof d.deviceId === 'number' ? names.device(d.deviceId) : ''}`.trim();
    case 'planned':
      return 'Planned';
    case 'pending':
      return 'Set pending';
    case 'solution':
      return 'Solution';
    case 'solution-accepted':
      return 'Solution accepted';
    case 'solution-refused':
      return 'Solution refused';
    case 'auto-closed':
      return `Closed automatically after ${str(d.afterDays)} days solved`;
    case 'reopened':
      return 'Reopened';
    case 'updated': {
      const changed = Object.keys((d.changes ?? {}) as object);
      return changed.length ? `Edited ${changed.join(', ')}` : 'Edited';
    }
    default:
      return e.kind;
  }
}

/** Reasons a rule fired ("category is Hardware"), when the server recorded them. */
export function ruleReasons(e: TimelineEntry): string[] {
  const r = e.data.reasons;
  return Array.isArray(r) ? r.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : [];
}
