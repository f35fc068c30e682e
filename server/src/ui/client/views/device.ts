import { api } from '../api.js';
import { describeChange, verbLabel } from '../changes.js';
import { h, replace, uid, type Child } from '../dom.js';
import { componentColumns, componentValue, deviceMacs, fieldLabel, kindLabel, matchRuleLabel } from '../device-fields.js';
import { formatBytes, formatDate, formatDateTime, formatNumber, formatRelative, modelLabel, osLabel, pageRange, personName } from '../format.js';
import { t } from '../i18n/i18n.js';
import { devicesHref, newTicketHref, ticketHref } from '../routes.js';
import type { DeviceDetail, DeviceSoftwarePage, TicketPage } from '../types.js';
import { deviceStateBadge, priorityBadge, slaBadge, statusBadge } from '../ui/badges.js';
import { field, input } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { kv } from '../ui/kv.js';
import { serialText } from '../ui/serial-text.js';
import { loadFailed } from '../ui/notice.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';
import { deviceEditForm } from './device-edit.js';
import { assetSections, isInventoried } from './device-peripherals.js';
import { placementSection } from './device-placement.js';
import { deviceContractsSection } from './device-contracts.js';
import { deviceItilSections } from './device-itil.js';
import { deviceFinanceSection } from './device-finance.js';
import { deviceInterventionsSection } from './device-interventions.js';

/** Everything about one machine: identity, hardware, OS, components, software, history, tickets. */
export const deviceView: ViewFn = async ({ route, session }) => {
  if (route.name !== 'device') throw new Error('not a device route');
  const [first, tickets] = await Promise.all([
    api.get<DeviceDetail>(`/api/v1/devices/${route.id}`),
    api.get<TicketPage>(`/api/v1/devices/${route.id}/tickets`),
  ]);
  const root = h('article', { class: 'device' });
  const status = h('div', { class: 'status-line', role: 'status', tabindex: -1 });

  const render = (d: DeviceDetail, message?: string) => {
    replace(
      root,
      h('p', { class: 'crumbs' }, h('a', { href: devicesHref() }, t('devices.title')), ' / ', d.hostname),
      pageHeading(d.hostname, deviceStateBadge(d), h('a', { class: 'btn btn-primary', href: newTicketHref(d.id) }, t('device.openTicket'))),
      status,
      h(
        'div',
        { class: 'device-top' },
        section(t('device.overview'), [
          kv([
            [t('device.field.model'), modelLabel(d.manufacturer, d.model)],
            [t('device.field.serial'), serialText(d.serial, d.serialPlaceholder)],
            [t('device.field.osFull'), osLabel(d.os)],
            [t('device.field.lastUser'), d.lastUser ?? '—'],
            [t('device.field.ips'), d.ipv4.join(', ') || '—'],
            [t('device.field.macs'), deviceMacs(d.components.networks, d.macs).join(', ') || '—'],
            [t('device.field.lastSeen'), h('span', null, formatRelative(d.lastSeenAt, new Date()), h('small', { class: 'muted' }, ` (${formatDateTime(d.lastSeenAt)})`))],
            [t('device.field.firstSeen'), formatDateTime(d.firstSeenAt)],
            [
              t('device.field.agent'),
              d.agent ? t('device.agent.summary', { version: d.agent.version ?? t('device.agent.unknownVersion'), date: formatDateTime(d.agent.lastContactAt) }) : t('device.agent.none'),
            ],
            [t('device.field.matchedBy'), t('device.matchedBy', { rule: matchRuleLabel(d.match.rule), date: formatDateTime(d.match.at) })],
          ]),
        ]),
        session.can.editDevices
          ? deviceEditForm(d, (next) => render(next, t('device.saved')))
          : section(t('device.assetDetails'), [
              kv([
                [t('device.field.location'), d.location ?? '—'],
                [t('device.field.owner'), d.owner ?? '—'],
                [t('device.field.assetTag'), d.assetTag ?? '—'],
                [t('device.field.notes'), d.notes ?? '—'],
              ]),
            ]),
      ),
      assetSections(d, session.can.editDevices ? (next) => render(next, t('device.saved')) : undefined),
      placementSection(d, session.can.editDevices, (next, message) => render(next, message)),
      ticketsSection(tickets),
      deviceItilSections(d.id, session),
      h('div', { class: 'device-cols' }, deviceFinanceSection(d.id, session), deviceContractsSection(d.id)),
      deviceInterventionsSection(d.id, session, () => void api.get<DeviceDetail>(`/api/v1/devices/${d.id}`).then((next) => render(next, t('interventions.saved')))),
      isInventoried(d) && [
        h(
          'div',
          { class: 'device-cols' },
          section(t('device.hardware'), [kv(Object.entries(d.hardware).map(([k, v]) => [fieldLabel(k), k === 'serial' ? serialText(typeof v === 'string' ? v : null, d.serialPlaceholder) : valueText(k, v)] as const))]),
          section(t('device.os'), [kv(Object.entries(d.osDetail).map(([k, v]) => [fieldLabel(k), valueText(k, v)] as const))]),
        ),
        componentsSection(d.components),
        softwareSection(d.id, d.software.length),
      ],
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
 * Component and fact values as people read them: sizes from bytes, lists joined, yes/no, every date as a
 * date in the interface's language, and the agent's words ("wired") from the catalogues.
 */
function valueText(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'number' && /bytes$/i.test(key)) return formatBytes(v);
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (Array.isArray(v)) return v.length ? v.map((x) => valueText('', x)).join(', ') : '—';
  if (typeof v === 'object') return JSON.stringify(v);
  const text = String(v);
  return /date$/i.test(key) ? formatDate(text) : componentValue(key, text);
}

/** A serial as reported, or "not set" when firmware sent a placeholder (what it said is in the tooltip). */
function ticketsSection(tickets: TicketPage): HTMLElement {
  const rows = tickets.items.map((ticket) => [
    h('a', { href: ticketHref(ticket.id) }, `#${ticket.id} ${ticket.title}`),
    statusBadge(ticket.status),
    priorityBadge(ticket.priority),
    slaBadge(ticket.slaState),
    personName(ticket.requester),
    formatDateTime(ticket.createdAt),
  ]);
  const columns = [t('device.tickets.column.ticket'), t('tickets.column.status'), t('tickets.column.priority'), t('tickets.column.sla'), t('tickets.column.requester'), t('ticket.opened')];
  return section(t('device.tickets', { count: tickets.total }), [table(t('device.tickets.caption'), columns, rows, { hideCaption: true, empty: t('device.tickets.empty') })]);
}

function componentsSection(components: DeviceDetail['components']): HTMLElement {
  const kinds = Object.entries(components).filter(([, items]) => items.length > 0);
  const body = kinds.map(([kind, items]) => {
    const keys = componentColumns(items);
    return table(
      t('device.components.kind', { kind: kindLabel(kind), count: items.length }),
      keys.map(fieldLabel),
      items.map((i) => keys.map((k) => valueText(k, i[k]))),
    );
  });
  return section(t('device.components'), body.length ? body : [h('p', { class: 'empty' }, t('device.components.none'))]);
}

/** A page of the device's software at a time, searched on the server (machines may carry thousands). */
function softwareSection(deviceId: number, total: number): HTMLElement {
  const LIMIT = 50;
  const search = input({ name: 'softwareSearch', type: 'search', placeholder: t('device.software.filterPlaceholder'), autocomplete: 'off' });
  const count = h('p', { class: 'muted small', 'aria-live': 'polite' });
  const holder = h('div', { 'aria-busy': 'false' });
  let offset = 0;
  let asked = 0;
  const load = () => {
    const mine = ++asked;
    holder.setAttribute('aria-busy', 'true');
    replace(count, t('device.software.loading'));
    const term = search.value.trim();
    api
      .get<DeviceSoftwarePage>(`/api/v1/devices/${deviceId}/software`, { limit: LIMIT, offset, ...(term ? { search: term } : {}) })
      .then((page) => {
        if (mine !== asked) return; // a later search or page answered first
        holder.setAttribute('aria-busy', 'false');
        replace(count, t('device.software.count', { shown: page.total, total }));
        const columns = [
          t('device.software.column.name'),
          t('device.software.column.version'),
          t('device.software.column.publisher'),
          t('device.software.column.arch'),
          t('device.software.column.source'),
          t('device.software.column.installed'),
        ];
        const go = (to: number) => () => {
          offset = to;
          load();
        };
        replace(
          holder,
          table(
            t('device.software.caption'),
            columns,
            page.items.map((s) => [s.name, s.version, s.publisher ?? '—', s.arch, s.source, formatDate(s.installDate)]),
            { hideCaption: true, empty: t('device.software.empty') },
          ),
          h(
            'nav',
            { class: 'pager', 'aria-label': t('common.pager.label', { range: pageRange(page.offset, page.items.length, page.total) }) },
            h('span', { class: 'pager-range' }, pageRange(page.offset, page.items.length, page.total)),
            page.offset > 0 && h('button', { type: 'button', class: 'btn', on: { click: go(Math.max(0, page.offset - LIMIT)) } }, t('common.pager.previous')),
            page.offset + page.items.length < page.total && h('button', { type: 'button', class: 'btn', on: { click: go(page.offset + LIMIT) } }, t('common.pager.next')),
          ),
        );
      })
      .catch((err: unknown) => {
        if (mine !== asked) return;
        holder.setAttribute('aria-busy', 'false');
        replace(count, '');
        replace(holder, loadFailed(err, load));
      });
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      offset = 0;
      load();
    }, 250);
  });
  load();
  return section(t('device.software', { count: total }), [field(t('device.software.search'), search), count, holder]);
}

function changesSection(d: DeviceDetail): HTMLElement {
  const rows = d.changes.map((c) => {
    const x = describeChange(c);
    return [h('time', { datetime: c.at }, formatDateTime(c.at)), h('span', { class: ['verb', `verb-${x.verb}`] }, verbLabel(x.verb)), x.item, x.detail || '—', kindLabel(c.section)];
  });
  const columns = [
    t('device.changes.column.when'),
    t('device.changes.column.change'),
    t('device.changes.column.what'),
    t('device.changes.column.detail'),
    t('device.changes.column.section'),
  ];
  return section(t('device.changes'), [table(t('device.changes.caption'), columns, rows, { hideCaption: true, empty: t('device.changes.empty') })]);
}
