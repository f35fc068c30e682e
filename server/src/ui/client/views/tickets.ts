import { SLA_STATES, TICKET_STATUSES } from '@parc/shared/api/enums';
import { api } from '../api.js';
import { h } from '../dom.js';
import { atOffset, TICKET_SORTS, ticketApiQuery, ticketCsvHref } from '../filters.js';
import { formatDateTime, formatDue, formatRelative, personName, priorityLabel, slaLabel, statusLabel } from '../format.js';
import { t } from '../i18n/i18n.js';
import { newProblemHref, newTicketHref, ticketHref, ticketsHref } from '../routes.js';
import type { Group, TicketPage } from '../types.js';
import { downloadCsv } from '../ui/busy.js';
import { priorityBadge, priorityLegend, slaBadge, statusBadge } from '../ui/badges.js';
import { checkbox, field, input, select } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { pager } from '../ui/pager.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';

const PRIORITIES = [6, 5, 4, 3, 2, 1] as const;
// Worst first: a technician filters for what needs attention.
const SLA_FILTER = [...SLA_STATES].reverse();

/** The ticket list: filters in the URL (bookmarkable), a page of results, CSV of the whole filtered list. */
export const ticketsView: ViewFn = async ({ route, session, navigate }) => {
  const q = route.query;
  const staff = session.can.workTickets;
  const [page, groups] = await Promise.all([
    api.get<TicketPage>('/api/v1/tickets', ticketApiQuery(q, session.user.id)),
    staff ? api.get<{ items: Group[] }>('/api/v1/groups').then((r) => r.items) : Promise.resolve([] as Group[]),
  ]);
  const now = new Date();

  const statusOptions = [['open', t('tickets.filter.status.open')], ['all', t('tickets.filter.status.all')], ...TICKET_STATUSES.map((s) => [s, statusLabel(s)] as const)] as const;
  const priorityOptions = [['', t('tickets.filter.priority.any')], ...PRIORITIES.map((p) => [String(p), priorityLabel(p)] as const)] as const;
  const slaOptions = [['', t('tickets.filter.sla.any')], ...SLA_FILTER.map((s) => [s, slaLabel(s)] as const)] as const;
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('tickets.filter.label') },
    field(t('common.search'), input({ name: 'q', type: 'search', value: q.q ?? '', placeholder: t('tickets.filter.searchPlaceholder') }), { class: 'grow' }),
    field(t('tickets.filter.status'), select('status', statusOptions, q.status || 'open')),
    field(t('tickets.filter.priority'), select('priority', priorityOptions, q.priority ?? '')),
    field(t('tickets.filter.sla'), select('slaState', slaOptions, q.slaState ?? '')),
    staff && groups.length > 0 && field(t('tickets.filter.group'), select('groupId', [['', t('tickets.filter.group.any')], ...groups.map((g) => [String(g.id), g.name] as const)], q.groupId ?? '')),
    staff && field(t('tickets.filter.mine'), checkbox('mine', q.mine === '1', { value: '1' }), { inline: true }),
    field(t('tickets.filter.sort'), select('sort', TICKET_SORTS.map(([value, label]) => [value, t(label)] as const), q.sort ?? '-id')),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.apply')), h('a', { class: 'btn btn-quiet', href: ticketsHref() }, t('common.reset'))),
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

  // Staff select incidents to gather them into a problem.
  const rows = page.items.map((ticket) => [
    ...(staff ? [checkbox('select', false, { value: ticket.id, 'aria-label': t('itil.tickets.select', { id: ticket.id, title: ticket.title }) })] : []),
    h('span', { class: 'num' }, `#${ticket.id}`),
    h('a', { href: ticketHref(ticket.id), class: 'strong' }, ticket.title),
    statusBadge(ticket.status),
    priorityBadge(ticket.priority),
    h(
      'span',
      { class: 'sla-cell' },
      slaBadge(ticket.slaState),
      ticket.resolveDueAt && ticket.slaState !== 'met' ? h('small', { title: formatDateTime(ticket.resolveDueAt) }, formatDue(ticket.resolveDueAt, now)) : null,
    ),
    personName(ticket.requester),
    ticket.deviceIds.length ? t('tickets.deviceCount', { count: ticket.deviceIds.length }) : '—',
    h('time', { datetime: ticket.updatedAt, title: formatDateTime(ticket.updatedAt) }, formatRelative(ticket.updatedAt, now)),
  ]);

  const title = staff ? t('tickets.title.staff') : t('tickets.title.mine');
  // Exported through fetch so the page can say it is working and count the rows (a large list takes a while).
  const exportStatus = h('div', { role: 'status' });
  const exportButton = h('button', { type: 'button', class: 'btn' }, t('tickets.exportCsv'));
  exportButton.addEventListener('click', () => void downloadCsv(ticketCsvHref(q, session.user.id), 'tickets.csv', exportButton, exportStatus));
  const selectionErrors = h('div', { class: 'alert-region', role: 'alert' });
  const fromSelection = staff ? h('button', { type: 'button', class: 'btn' }, t('itil.tickets.problemFromSelection')) : null;
  fromSelection?.addEventListener('click', () => {
    const ids = [...document.querySelectorAll<HTMLInputElement>('main input[name="select"]:checked')].map((el) => Number(el.value));
    if (ids.length === 0) return void (selectionErrors.textContent = t('itil.tickets.selectFirst'));
    navigate(newProblemHref(ids));
  });
  const columns = [...(staff ? [t('itil.tickets.selectColumn')] : []), '#', t('tickets.column.title'), t('tickets.column.status'), t('tickets.column.priority'), t('tickets.column.sla'), t('tickets.column.requester'), t('tickets.column.devices'), t('tickets.column.updated')];
  return {
    title,
    node: h(
      'section',
      null,
      pageHeading(title, fromSelection, exportButton, h('a', { class: 'btn btn-primary', href: newTicketHref() }, t('tickets.newTicket'))),
      selectionErrors,
      exportStatus,
      form,
      table(t('tickets.caption', { title, count: page.total }), columns, rows, { hideCaption: true, empty: t('tickets.empty') }),
      rows.length > 0 && priorityLegend(),
      pager(page.offset, page.items.length, page.total, page.limit, (offset) => ticketsHref(atOffset(q, offset))),
    ),
  };
};
