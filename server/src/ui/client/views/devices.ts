import type { DeviceStatus } from '@parc/shared/api';
import { api } from '../api.js';
import { h } from '../dom.js';
import { atOffset, DEVICE_SORTS, deviceApiQuery } from '../filters.js';
import { formatDateTime, formatRelative, modelLabel, osLabel } from '../format.js';
import { deviceHref, devicesHref } from '../routes.js';
import type { DevicePage } from '../types.js';
import { deviceStatusBadge } from '../ui/badges.js';
import { field, input, select } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { pager } from '../ui/pager.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';

/** Every device status (the type makes it exhaustive), in the order the filter offers them. */
const STATUS_FILTER: Record<DeviceStatus, string> = {
  active: 'Active',
  stale: 'Stale (not seen lately)',
  'in-stock': 'In stock',
  'in-repair': 'In repair',
  retired: 'Retired',
  lost: 'Lost',
};
const STATUS_OPTIONS = [['', 'Any status'], ...Object.entries(STATUS_FILTER)] as const;

/** The inventory: one search box over everything an agent reports, plus OS and status filters. */
export const devicesView: ViewFn = async ({ route, navigate }) => {
  const q = route.query;
  const page = await api.get<DevicePage>('/api/v1/devices', deviceApiQuery(q));
  const now = new Date();

  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Search devices' },
    field('Search', input({ name: 'search', type: 'search', value: q.search ?? '', placeholder: 'Hostname, serial, user, IP, MAC or software' }), { class: 'grow' }),
    field('Operating system', input({ name: 'os', value: q.os ?? '', placeholder: 'e.g. Windows' })),
    field('Status', select('status', STATUS_OPTIONS, q.status ?? '')),
    field('Sort by', select('sort', DEVICE_SORTS, q.sort ?? 'hostname')),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Search'), h('a', { class: 'btn btn-quiet', href: devicesHref() }, 'Reset')),
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
    deviceStatusBadge(d.status),
    d.location ?? '—',
    h('time', { datetime: d.lastSeenAt, title: formatDateTime(d.lastSeenAt) }, formatRelative(d.lastSeenAt, now)),
  ]);
  return {
    title: 'Devices',
    node: h(
      'section',
      null,
      pageHeading('Devices'),
      form,
      table(`Devices: ${page.total} found`, ['Hostname', 'Model', 'OS', 'Last user', 'IP', 'Status', 'Location', 'Last seen'], rows, { hideCaption: true, empty: 'No device matches this search.' }),
      pager(page.offset, page.items.length, page.total, page.limit, (offset) => devicesHref(atOffset(q, offset))),
    ),
  };
};
