import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { formatDateTime, personName } from '../format.js';
import { t } from '../i18n/i18n.js';
import { ticketsHref } from '../routes.js';
import type { Names } from '../timeline.js';
import type { Category, Group, TicketDetail, User } from '../types.js';
import { priorityBadge, slaBadge, statusBadge } from '../ui/badges.js';
import { pageHeading } from '../ui/heading.js';
import type { ViewFn } from '../view.js';
import { itilActions } from './itil-actions.js';
import { deviceContext } from './ticket-devices.js';
import { ticketInterventions } from './ticket-interventions.js';
import { ticketSide } from './ticket-side.js';
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
    const names = namesFor(ticket, users, groups, categories);
    const categoryName = categories.find((c) => c.id === ticket.categoryId)?.path ?? null;
    const descId = uid('desc');
    replace(
      root,
      h('p', { class: 'crumbs' }, h('a', { href: ticketsHref() }, staff ? t('tickets.title.staff') : t('tickets.title.mine')), ' / ', `#${ticket.id}`),
      pageHeading(h('span', null, h('span', { class: 'muted' }, `#${ticket.id} `), ticket.title), statusBadge(ticket.status), priorityBadge(ticket.priority), slaBadge(ticket.slaState)),
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
        deviceContext(ticket, session.can.seeDevices, staff),
      ),
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

/** Names for the ids in timeline events, from everything the page already loaded. */
function namesFor(ticket: TicketDetail, users: User[], groups: Group[], categories: Category[]): Names {
  const people = new Map<number, string>();
  for (const u of users) people.set(u.id, personName(u));
  for (const u of [...ticket.assignees.users, ...ticket.observers]) people.set(u.id, personName(u));
  if (ticket.requester.id !== null) people.set(ticket.requester.id, personName(ticket.requester));
  for (const e of ticket.timeline) if (e.actor) people.set(e.actor.id, personName(e.actor));
  const groupNames = new Map<number, string>([...groups.map((g) => [g.id, g.name] as const), ...ticket.assignees.groups.map((g) => [g.id, g.name] as const)]);
  const devices = new Map(ticket.devices.map((d) => [d.id, d.hostname] as const));
  return {
    user: (id) => people.get(id) ?? t('ticket.unknownUser', { id }),
    group: (id) => groupNames.get(id) ?? `#${id}`,
    device: (id) => devices.get(id) ?? `#${id}`,
    category: (id) => categories.find((c) => c.id === id)?.path ?? t('ticket.unknownCategory', { id }),
  };
}
