import type { BuiltinAssetState } from '@parc/shared/api/enums';
import { api } from '../api.js';
import { h } from '../dom.js';
import { atOffset, DEVICE_SORTS, deviceApiQuery } from '../filters.js';
import { formatDateTime, formatRelative, modelLabel, osLabel } from '../format.js';
import { t, type PlainKey } from '../i18n/i18n.js';
import { assetImportHref, deviceHref, deviceNewHref, devicesHref } from '../routes.js';
import type { DevicePage } from '../types.js';
import { deviceStateBadge } from '../ui/badges.js';
import { field, input, select } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { pager } from '../ui/pager.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';

/** The built-in states and `stale`, in the order the filter offers them, with their label's key. */
const STATUS_FILTER: Record<BuiltinAssetState | 'stale', PlainKey> = {
  in_use: 'format.device.inUse',
  stale: 'devices.filter.status.stale',
  in_stock: 'format.device.inStock',
  in_repair: 'format.device.inRepair',
  lent: 'format.device.lent',
  retired: 'format.device.retired',
  lost: 'format.device.lost',
};

/** The inventory: one search box over everything an agent reports, plus OS and status filters. */
export const devicesView: ViewFn = async ({ route, navigate, session }) => {
  const q = route.query;
  const page = await api.get<DevicePage>('/api/v1/devices', deviceApiQuery(q));
  const now = new Date();

  const statusOptions = [
    ['', t('devices.filter.status.any')],
    ...(Object.keys(STATUS_FILTER) as (keyof typeof STATUS_FILTER)[]).map((s) => [s, t(STATUS_FILTER[s])] as const),
  ] as const;
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('devices.filter.label') },
    field(t('common.search'), input({ name: 'search', type: 'search', value: q.search ?? '', placeholder: t('devices.filter.searchPlaceholder') }), { class: 'grow' }),
    field(t('devices.filter.os'), input({ name: 'os', value: q.os ?? '', placeholder: t('devices.filter.osPlaceholder') })),
    field(t('devices.filter.status'), select('status', statusOptions, q.status ?? '')),
    field(t('devices.filter.sort'), select('sort', DEVICE_SORTS.map(([value, label]) => [value, t(label)] as const), q.sort ?? 'hostname')),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search')), h('a', { class: 'btn btn-quiet', href: devicesHref() }, t('common.reset'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim() !== '') next[k] = v.trim();
    if (next.sort === 'hostname') delete next.sort;
    navigate(devicesHref(next));
  });

  const rows = page.items.map((d) => [
    h('a', { href: deviceHref(d.id), class: 'strong' }, d.hostname),
    modelLabel(d.manufacturer, d.model),
    osLabel(d.os),
    d.lastUser ?? '—',
    d.ipv4.join(', ') || '—',
    deviceStateBadge(d),
    d.location ?? '—',
    h('time', { datetime: d.lastSeenAt, title: formatDateTime(d.lastSeenAt) }, formatRelative(d.lastSeenAt, now)),
  ]);
  const columns = [
    t('devices.column.hostname'),
    t('device.field.model'),
    t('device.field.os'),
    t('device.field.lastUser'),
    t('device.field.ip'),
    t('devices.column.status'),
    t('device.field.location'),
    t('device.field.lastSeen'),
  ];
  return {
    title: t('devices.title'),
    node: h(
      'section',
      null,
      pageHeading(
        t('devices.title'),
        session.can.editDevices && h('span', { class: 'row-actions' }, h('a', { class: 'btn btn-primary', href: deviceNewHref() }, t('assetRegister.new.button')), h('a', { class: 'btn', href: assetImportHref() }, t('assetImport.open'))),
      ),
      form,
      table(t('devices.caption', { count: page.total }), columns, rows, { hideCaption: true, empty: t('devices.empty') }),
      pager(page.offset, page.items.length, page.total, page.limit, (offset) => devicesHref(atOffset(q, offset))),
    ),
  };
};
