import { SLA_STATES, TICKET_STATUSES } from '@parc/shared/api/enums';
import { api } from '../api.js';
import { h } from '../dom.js';
import { atOffset, TICKET_SORTS, ticketApiQuery, ticketCsvHref } from '../filters.js';
import { formatDateTime, formatRelative, personName, plural, slaLabel, statusLabel } from '../format.js';
import { newTicketHref, ticketHref, ticketsHref } from '../routes.js';
import type { Group, TicketPage } from '../types.js';
import { priorityBadge, slaBadge, statusBadge } from '../ui/badges.js';
import { checkbox, field, input, select } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { pager } from '../ui/pager.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';

const STATUS_OPTIONS = [['open', 'Open (not solved)'], ['all', 'Any status'], ...TICKET_STATUSES.map((s) => [s, statusLabel(s)] as const)] as const;

const PRIORITY_OPTIONS = [['', 'Any priority'], ['6', 'Major'], ['5', 'Very high'], ['4', 'High'], ['3', 'Medium'], ['2', 'Low'], ['1', 'Very low']] as const;
// Worst first: a technician filters for what needs attention.
const SLA_OPTIONS = [['', 'Any SLA state'], ...[...SLA_STATES].reverse().map((s) => [s, slaLabel(s)] as const)] as const;

/** The ticket list: filters in the URL (bookmarkable), a page of results, CSV of the whole filtered list. */
export const ticketsView: ViewFn = async ({ route, session, navigate }) => {
  const q = route.query;
  const staff = session.can.workTickets;
  const [page, groups] = await Promise.all([
    api.get<TicketPage>('/api/v1/tickets', ticketApiQuery(q, session.user.id)),
    staff ? api.get<{ items: Group[] }>('/api/v1/groups').then((r) => r.items) : Promise.resolve([] as Group[]),
  ]);
  const now = new Date();

  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter tickets' },
    field('Search', input({ name: 'q', type: 'search', value: q.q ?? '', placeholder: 'Title, description or #number' }), { class: 'grow' }),
    field('Status', select('status', STATUS_OPTIONS, q.status || 'open')),
    field('Priority', select('priority', PRIORITY_OPTIONS, q.priority ?? '')),
    field('SLA', select('slaState', SLA_OPTIONS, q.slaState ?? '')),
    staff && groups.length > 0 && field('Group', select('groupId', [['', 'Any group'], ...groups.map((g) => [String(g.id), g.name] as const)], q.groupId ?? '')),
    staff && field('Assigned to me', checkbox('mine', q.mine === '1', { value: '1' }), { inline: true }),
    field('Sort by', select('sort', TICKET_SORTS, q.sort ?? '-id')),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Apply'), h('a', { class: 'btn btn-quiet', href: ticketsHref() }, 'Reset')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const next: Record<string, string> = {};
    for (const [k, v] of data) if (typeof v === 'string' && v.trim() !== '') next[k] = v.trim();
    // "open" is the default: leaving it out keeps the common URL short.
    if (next.status === 'open') delete next.status;
    if (next.sort === '-id') delete next.sort;
    navigate(ticketsHref(next));
  });

  const rows = page.items.map((t) => [
    h('span', { class: 'num' }, `#${t.id}`),
    h('a', { href: ticketHref(t.id), class: 'strong' }, t.title),
    statusBadge(t.status),
    priorityBadge(t.priority),
    h('span', { class: 'sla-cell' }, slaBadge(t.slaState), t.resolveDueAt && t.slaState !== 'met' ? h('small', { title: formatDateTime(t.resolveDueAt) }, `due ${formatRelative(t.resolveDueAt, now)}`) : null),
    personName(t.requester),
    t.deviceIds.length ? plural(t.deviceIds.length, 'device') : '—',
    h('time', { datetime: t.updatedAt, title: formatDateTime(t.updatedAt) }, formatRelative(t.updatedAt, now)),
  ]);

  const title = staff ? 'Tickets' : 'My tickets';
  return {
    title,
    node: h(
      'section',
      null,
      pageHeading(title, h('a', { class: 'btn', href: ticketCsvHref(q, session.user.id), download: 'tickets.csv' }, 'Export CSV'), h('a', { class: 'btn btn-primary', href: newTicketHref() }, 'New ticket')),
      form,
      table(`${title}: ${page.total} found`, ['#', 'Title', 'Status', 'Priority', 'SLA', 'Requester', 'Devices', 'Updated'], rows, { hideCaption: true, empty: 'No ticket matches these filters.' }),
      pager(page.offset, page.items.length, page.total, page.limit, (offset) => ticketsHref(atOffset(q, offset))),
    ),
  };
};
