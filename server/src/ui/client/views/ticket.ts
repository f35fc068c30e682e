import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { formatDateTime, personName } from '../format.js';
import { t } from '../i18n/i18n.js';
import { newProblemHref, problemHref, ticketsHref } from '../routes.js';
import type { Category, Group, TicketDetail, User } from '../types.js';
import { priorityBadge, slaBadge, statusBadge } from '../ui/badges.js';
import { pageHeading } from '../ui/heading.js';
import type { ViewFn } from '../view.js';
import { itilActions } from './itil-actions.js';
import { deviceContext } from './itil-devices.js';
import { ticketInterventions } from './ticket-interventions.js';
import { ticketSide } from './ticket-side.js';
import { namesFor } from './itil-page.js';
import { timeline } from './itil-timeline.js';

/**
 * One ticket. The description and the linked devices with their recent changes come first, side by
 * side: what the requester says and what the machine did are read together. Actions, followups and
 * tasks update the page in place from the ticket the server returns.
 */
export const ticketView: ViewFn = async ({ route, session }) => {
  if (route.name !== 'ticket') throw new Error('not a ticket route');
  const staff = session.can.workTickets;
  const [first, categories, users, groups] = await Promise.all([
    api.get<TicketDetail>(`/api/v1/tickets/${route.id}`),
    api.get<{ items: Category[] }>('/api/v1/ticket-categories').then((r) => r.items),
    staff ? api.get<{ items: User[] }>('/api/v1/users').then((r) => r.items) : Promise.resolve([] as User[]),
    staff ? api.get<{ items: Group[] }>('/api/v1/groups').then((r) => r.items) : Promise.resolve([] as Group[]),
  ]);
  const technicians = users.filter((u) => !u.disabled && (u.role === 'admin' || u.role === 'technician'));
  const root = h('article', { class: 'ticket' });
  const status = h('div', { class: 'status-line', role: 'status', tabindex: -1 });

  const render = (ticket: TicketDetail, message?: string) => {
    const names = namesFor({ ...ticket, people: [...ticket.observers, ticket.requester] }, users, groups, categories);
    const categoryName = categories.find((c) => c.id === ticket.categoryId)?.path ?? null;
    const descId = uid('desc');
    replace(
      root,
      h('p', { class: 'crumbs' }, h('a', { href: ticketsHref() }, staff ? t('tickets.title.staff') : t('tickets.title.mine')), ' / ', `#${ticket.id}`),
      pageHeading(
        h('span', null, h('span', { class: 'muted' }, `#${ticket.id} `), ticket.title),
        statusBadge(ticket.status),
        priorityBadge(ticket.priority),
        slaBadge(ticket.slaState),
        staff && h('a', { class: 'btn', href: newProblemHref([ticket.id]) }, t('itil.ticket.newProblem')),
      ),
      h('p', { class: 'muted' }, t('ticket.openedBy', { type: ticket.type, name: personName(ticket.requester), date: formatDateTime(ticket.createdAt) })),
      status,
      itilActions({ kind: 'ticket', item: ticket, staff: technicians, groups, done: render }),
      h(
        'div',
        { class: 'ticket-top' },
        h(
          'section',
          { class: 'card description', 'aria-labelledby': descId },
          h('h2', { id: descId }, t('ticket.description')),
          h('p', { class: 'prewrap' }, ticket.description),
          ticket.pendingReason && ticket.status === 'pending' && h('p', { class: 'notice' }, h('strong', null, t('ticket.pendingLead')), ' ', ticket.pendingReason),
          ticket.solution && h('div', { class: 'notice notice-ok' }, h('strong', null, t('ticket.solutionLead')), ' ', h('span', { class: 'prewrap' }, ticket.solution)),
        ),
        deviceContext('ticket', ticket, session.can.seeDevices, staff),
      ),
      problemsOf(ticket, staff),
      ticketInterventions(ticket, staff),
      h('div', { class: 'ticket-body' }, timeline('ticket', ticket, names, staff, render), ticketSide(ticket, categoryName)),
    );
    if (message) {
      replace(status, message);
      status.focus();
    }
  };
  render(first);
  return { title: `#${first.id} ${first.title}`, node: root };
};

/**
 * The problems this ticket belongs to, each with its workaround: what the requester can do meanwhile is
 * the first thing they look for. Staff get a link to the problem; requesters never open problems.
 */
function problemsOf(ticket: TicketDetail, staff: boolean): HTMLElement | null {
  if (ticket.problems.length === 0) return null;
  const id = uid('problems');
  return h(
    'section',
    { class: 'card ticket-problems', 'aria-labelledby': id },
    h('h2', { id }, t('itil.ticket.problems', { count: ticket.problems.length })),
    ticket.problems.map((p) =>
      h(
        'article',
        { class: 'ticket-problem', 'data-problem-id': p.id },
        h('h3', null, staff ? h('a', { href: problemHref(p.id) }, `#${p.id} ${p.title}`) : p.title, ' ', statusBadge(p.status)),
        p.workaround
          ? h('div', { class: 'notice workaround' }, h('strong', null, t('itil.ticket.workaroundLead')), ' ', h('span', { class: 'prewrap' }, p.workaround))
          : h('p', { class: 'muted small' }, t('itil.ticket.noWorkaround')),
      ),
    ),
  );
}
