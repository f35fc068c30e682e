import { api } from '../api.js';
import { describeChange, verbLabel } from '../changes.js';
import { h, replace, uid, type Child } from '../dom.js';
import { filterSoftware } from '../filters.js';
import { formatBytes, formatDateTime, formatRelative, humanizeKey, modelLabel, osLabel, personName } from '../format.js';
import { devicesHref, newTicketHref, ticketHref } from '../routes.js';
import type { DeviceDetail, Page, Software, TicketSummary } from '../types.js';
import { deviceStatusBadge, priorityBadge, slaBadge, statusBadge } from '../ui/badges.js';
import { field, input } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { kv } from '../ui/kv.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';
import { deviceEditForm } from './device-edit.js';

/** Everything about one machine: identity, hardware, OS, components, software, history, tickets. */
export const deviceView: ViewFn = async ({ route, session }) => {
  if (route.name !== 'device') throw new Error('not a device route');
  const [first, tickets] = await Promise.all([
    api.get<DeviceDetail>(`/api/v1/devices/${route.id}`),
    api.get<Page<TicketSummary>>(`/api/v1/devices/${route.id}/tickets`),
  ]);
  const root = h('article', { class: 'device' });
  const status = h('div', { class: 'status-line', role: 'status', tabindex: -1 });

  const render = (d: DeviceDetail, message?: string) => {
    replace(
      root,
      h('p', { class: 'crumbs' }, h('a', { href: devicesHref() }, 'Devices'), ' / ', d.hostname),
      pageHeading(d.hostname, deviceStatusBadge(d.status), h('a', { class: 'btn btn-primary', href: newTicketHref(d.id) }, 'Open a ticket for this device')),
      status,
      h(
        'div',
        { class: 'device-top' },
        section('Overview', [
          kv([
            ['Model', modelLabel(d.manufacturer, d.model)],
            ['Serial', d.serial ?? '—'],
            ['Operating system', osLabel(d.os)],
            ['Last user', d.lastUser ?? '—'],
            ['IP addresses', d.ipv4.join(', ') || '—'],
            ['MAC addresses', d.macs.join(', ') || '—'],
            ['Last seen', h('span', null, formatRelative(d.lastSeenAt, new Date()), h('small', { class: 'muted' }, ` (${formatDateTime(d.lastSeenAt)})`))],
            ['First seen', formatDateTime(d.firstSeenAt)],
            ['Agent', d.agent ? `${d.agent.version ?? 'unknown version'}, last contact ${formatDateTime(d.agent.lastContactAt)}` : 'No Parc agent'],
            ['Matched by', `${d.match.rule}, ${formatDateTime(d.match.at)}`],
          ]),
        ]),
        session.can.editDevices
          ? deviceEditForm(d, (next) => render(next, 'Asset details saved.'))
          : section('Asset details', [kv([['Location', d.location ?? '—'], ['Owner', d.owner ?? '—'], ['Asset tag', d.assetTag ?? '—'], ['Notes', d.notes ?? '—']])]),
      ),
      ticketsSection(tickets),
      h(
        'div',
        { class: 'device-cols' },
        section('Hardware', [kv(Object.entries(d.hardware).map(([k, v]) => [humanizeKey(k), valueText(k, v)] as const))]),
        section('Operating system', [kv(Object.entries(d.osDetail).map(([k, v]) => [humanizeKey(k), valueText(k, v)] as const))]),
      ),
      componentsSection(d.components),
      softwareSection(d.software),
      changesSection(d),
    );
    if (message) {
      replace(status, message);
      status.focus();
    }
  };
  render(first);
  return { title: first.hostname, node: root };
};

function section(title: string, body: Child[], className = 'card'): HTMLElement {
  const id = uid('sec');
  return h('section', { class: className, 'aria-labelledby': id }, h('h2', { id }, title), body);
}

/**
 * Component and fact values as people read them: sizes from bytes, lists joined, yes/no, and dates that
 * the agent reported without a time (midnight UTC) without a misleading time.
 */
function valueText(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'number' && /bytes$/i.test(key)) return formatBytes(v);
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (Array.isArray(v)) return v.length ? v.map((x) => valueText('', x)).join(', ') : '—';
  if (typeof v === 'object') return JSON.stringify(v);
  const text = String(v);
  return /^\d{4}-\d{2}-\d{2}T00:00:00(\.0+)?Z$/.test(text) ? text.slice(0, 10) : text;
}

function ticketsSection(tickets: Page<TicketSummary>): HTMLElement {
  const rows = tickets.items.map((t) => [
    h('a', { href: ticketHref(t.id) }, `#${t.id} ${t.title}`),
    statusBadge(t.status),
    priorityBadge(t.priority),
    slaBadge(t.slaState),
    personName(t.requester),
    formatDateTime(t.createdAt),
  ]);
  return section(`Tickets (${tickets.total})`, [table('Tickets about this device', ['Ticket', 'Status', 'Priority', 'SLA', 'Requester', 'Opened'], rows, { hideCaption: true, empty: 'No ticket mentions this device.' })]);
}

function componentsSection(components: DeviceDetail['components']): HTMLElement {
  const kinds = Object.entries(components).filter(([, items]) => items.length > 0);
  const body = kinds.map(([kind, items]) => {
    const keys = [...new Set(items.flatMap((i) => Object.keys(i)))].slice(0, 8);
    return table(
      `${humanizeKey(kind)} (${items.length})`,
      keys.map(humanizeKey),
      items.map((i) => keys.map((k) => valueText(k, i[k]))),
    );
  });
  return section('Components', body.length ? body : [h('p', { class: 'empty' }, 'No component reported.')]);
}

function softwareSection(software: Software[]): HTMLElement {
  const filter = input({ name: 'softwareFilter', type: 'search', placeholder: 'Name, publisher or version', autocomplete: 'off' });
  const count = h('p', { class: 'muted small', 'aria-live': 'polite' });
  const holder = h('div');
  const draw = () => {
    const shown = filterSoftware(software, filter.value);
    replace(count, `${shown.length} of ${software.length} packages`);
    replace(
      holder,
      table(
        'Installed software',
        ['Name', 'Version', 'Publisher', 'Arch', 'Source', 'Installed'],
        shown.slice(0, 500).map((s) => [s.name, s.version, s.publisher ?? '—', s.arch, s.source, valueText('installDate', s.installDate)]),
        { hideCaption: true, empty: 'No package matches.' },
      ),
      shown.length > 500 ? h('p', { class: 'muted small' }, 'The first 500 are shown; narrow the filter to see others.') : null,
    );
  };
  filter.addEventListener('input', draw);
  draw();
  return section(`Installed software (${software.length})`, [field('Filter the software', filter), count, holder]);
}

function changesSection(d: DeviceDetail): HTMLElement {
  const rows = d.changes.map((c) => {
    const x = describeChange(c);
    return [h('time', { datetime: c.at }, formatDateTime(c.at)), h('span', { class: ['verb', `verb-${x.verb}`] }, verbLabel(x.verb)), x.item, x.detail || '—', c.section];
  });
  return section('Change history', [table('Change history, newest first', ['When', 'Change', 'What', 'Detail', 'Section'], rows, { hideCaption: true, empty: 'No change recorded yet.' })]);
}
