import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { formatDateTime, personName } from '../format.js';
import { ticketsHref } from '../routes.js';
import type { Names } from '../timeline.js';
import type { Category, Group, TicketDetail, User } from '../types.js';
import { priorityBadge, slaBadge, statusBadge } from '../ui/badges.js';
import { pageHeading } from '../ui/heading.js';
import type { ViewFn } from '../view.js';
import { ticketActions } from './ticket-actions.js';
import { deviceContext } from './ticket-devices.js';
import { ticketSide } from './ticket-side.js';
import { timeline } from './ticket-timeline.js';

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

  const render = (t: TicketDetail, message?: string) => {
    const names = namesFor(t, users, groups);
    const categoryName = categories.find((c) => c.id === t.categoryId)?.path ?? null;
    const descId = uid('desc');
    replace(
      root,
      h('p', { class: 'crumbs' }, h('a', { href: ticketsHref() }, staff ? 'Tickets' : 'My tickets'), ' / ', `#${t.id}`),
      pageHeading(h('span', null, h('span', { class: 'muted' }, `#${t.id} `), t.title), statusBadge(t.status), priorityBadge(t.priority), slaBadge(t.slaState)),
      h('p', { class: 'muted' }, `${t.type === 'incident' ? 'Incident' : 'Request'} opened by ${personName(t.requester)} on ${formatDateTime(t.createdAt)}`),
      status,
      ticketActions({ ticket: t, staff: technicians, groups, done: render }),
      h(
        'div',
        { class: 'ticket-top' },
        h(
          'section',
          { class: 'card description', 'aria-labelledby': descId },
          h('h2', { id: descId }, 'Description'),
          h('p', { class: 'prewrap' }, t.description),
          t.pendingReason && t.status === 'pending' && h('p', { class: 'notice' }, h('strong', null, 'Pending: '), t.pendingReason),
          t.solution && h('div', { class: 'notice notice-ok' }, h('strong', null, 'Solution: '), h('span', { class: 'prewrap' }, t.solution)),
        ),
        deviceContext(t, session.can.seeDevices),
      ),
      h('div', { class: 'ticket-body' }, timeline(t, names, staff, render), ticketSide(t, categoryName)),
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
function namesFor(t: TicketDetail, users: User[], groups: Group[]): Names {
  const people = new Map<number, string>();
  for (const u of users) people.set(u.id, personName(u));
  for (const u of [...t.assignees.users, ...t.observers]) people.set(u.id, personName(u));
  if (t.requester.id !== null) people.set(t.requester.id, personName(t.requester));
  for (const e of t.timeline) if (e.actor) people.set(e.actor.id, personName(e.actor));
  const groupNames = new Map<number, string>([...groups.map((g) => [g.id, g.name] as const), ...t.assignees.groups.map((g) => [g.id, g.name] as const)]);
  const devices = new Map(t.devices.map((d) => [d.id, d.hostname] as const));
  return {
    user: (id) => people.get(id) ?? `user #${id}`,
    group: (id) => groupNames.get(id) ?? `#${id}`,
    device: (id) => devices.get(id) ?? `#${id}`,
  };
}
