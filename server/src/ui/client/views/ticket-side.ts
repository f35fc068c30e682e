import { h, uid } from '../dom.js';
import { formatDateTime, formatDue, formatMinutes, levelLabel, personName } from '../format.js';
import type { TicketType } from '@parc/shared/api';
import { t, type PlainKey } from '../i18n/i18n.js';
import type { SlaTarget, TicketDetail } from '../types.js';
import { slaBadge } from '../ui/badges.js';
import { kv } from '../ui/kv.js';

/** Every ticket type (the type makes it exhaustive), with its label's catalogue key. */
const TYPE_LABELS: Record<TicketType, PlainKey> = { incident: 'ticket.type.incident', request: 'ticket.type.request' };

/** People and SLA: who asked, who works it, and by when it must be owned and solved. */
export function ticketSide(ticket: TicketDetail, categoryName: string | null): HTMLElement {
  const peopleId = uid('people');
  const slaId = uid('sla');
  const assignees = [...ticket.assignees.users.map((u) => personName(u)), ...ticket.assignees.groups.map((g) => t('ticket.groupName', { name: g.name }))];
  return h(
    'aside',
    { class: 'ticket-side' },
    h(
      'section',
      { class: 'card', 'aria-labelledby': peopleId },
      h('h2', { id: peopleId }, t('ticket.details')),
      kv([
        [t('ticket.requester'), personName(ticket.requester)],
        [t('ticket.assignedTo'), assignees.length ? assignees.join(', ') : t('ticket.nobodyYet')],
        [t('ticket.observers'), ticket.observers.length ? ticket.observers.map((o) => personName(o)).join(', ') : null],
        [t('ticket.type'), t(TYPE_LABELS[ticket.type])],
        [t('ticket.category'), categoryName],
        [t('ticket.urgency'), levelLabel(ticket.urgency)],
        [t('ticket.impact'), levelLabel(ticket.impact)],
        [t('ticket.location'), ticket.location],
        [t('ticket.opened'), formatDateTime(ticket.createdAt)],
        [t('ticket.due'), ticket.dueAt ? formatDateTime(ticket.dueAt) : null],
      ]),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': slaId },
      h('h2', { id: slaId }, t('ticket.sla')),
      ticket.sla.policy
        ? [
            h('p', { class: 'muted small' }, t('ticket.sla.policy', { name: ticket.sla.policy.name }), ticket.sla.paused ? ` · ${t('ticket.sla.paused')}` : ''),
            target(t('ticket.sla.timeToOwn'), ticket.sla.timeToOwn ?? null),
            target(t('ticket.sla.timeToResolve'), ticket.sla.timeToResolve ?? null),
          ]
        : h('p', { class: 'empty' }, t('ticket.sla.none')),
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
        [t('ticket.due'), h('span', null, formatDateTime(s.dueAt), s.outcome === 'running' ? h('small', { class: 'muted' }, ` (${formatDue(s.dueAt, new Date())})`) : null)],
        [t('ticket.sla.achieved'), s.achievedAt ? formatDateTime(s.achievedAt) : null],
        [t('ticket.sla.used'), t('ticket.sla.usedOf', { used: formatMinutes(s.usedMinutes), budget: formatMinutes(s.budgetMinutes) })],
      ],
      'kv kv-compact',
    ),
  );
}
