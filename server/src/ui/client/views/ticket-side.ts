import { h, uid } from '../dom.js';
import { formatDateTime, formatMinutes, formatRelative, levelLabel, personName } from '../format.js';
import type { SlaTarget, TicketDetail } from '../types.js';
import { slaBadge } from '../ui/badges.js';
import { kv } from '../ui/kv.js';

/** People and SLA: who asked, who works it, and by when it must be owned and solved. */
export function ticketSide(t: TicketDetail, categoryName: string | null): HTMLElement {
  const peopleId = uid('people');
  const slaId = uid('sla');
  const assignees = [...t.assignees.users.map((u) => personName(u)), ...t.assignees.groups.map((g) => `Group ${g.name}`)];
  return h(
    'aside',
    { class: 'ticket-side' },
    h(
      'section',
      { class: 'card', 'aria-labelledby': peopleId },
      h('h2', { id: peopleId }, 'Details'),
      kv([
        ['Requester', personName(t.requester)],
        ['Assigned to', assignees.length ? assignees.join(', ') : 'Nobody yet'],
        ['Observers', t.observers.length ? t.observers.map((o) => personName(o)).join(', ') : null],
        ['Type', t.type === 'incident' ? 'Incident' : 'Request'],
        ['Category', categoryName],
        ['Urgency', levelLabel(t.urgency)],
        ['Impact', levelLabel(t.impact)],
        ['Location', t.location],
        ['Opened', formatDateTime(t.createdAt)],
        ['Due', t.dueAt ? formatDateTime(t.dueAt) : null],
      ]),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': slaId },
      h('h2', { id: slaId }, 'SLA'),
      t.sla.policy
        ? [
            h('p', { class: 'muted small' }, `Policy: ${t.sla.policy.name}`, t.sla.paused ? ' · clock paused while pending' : ''),
            target('Time to own', t.sla.timeToOwn ?? null),
            target('Time to resolve', t.sla.timeToResolve ?? null),
          ]
        : h('p', { class: 'empty' }, 'No SLA applies to this ticket.'),
    ),
  );
}

function target(label: string, s: SlaTarget | null): HTMLElement | null {
  if (!s) return null;
  // While the clock runs, the state (on track, at risk, breached); once achieved, met or breached.
  const state = s.outcome === 'running' ? s.state : s.outcome;
  return h(
    'div',
    { class: 'sla-target' },
    h('h3', null, label, ' ', slaBadge(state)),
    kv(
      [
        ['Due', h('span', null, formatDateTime(s.dueAt), h('small', { class: 'muted' }, ` (${formatRelative(s.dueAt, new Date())})`))],
        ['Achieved', s.achievedAt ? formatDateTime(s.achievedAt) : null],
        ['Used', `${formatMinutes(s.usedMinutes)} of ${formatMinutes(s.budgetMinutes)} business time`],
      ],
      'kv kv-compact',
    ),
  );
}
