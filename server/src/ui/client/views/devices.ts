import type { AssetFilterOptions, AssetTotals, DeviceSummary } from '@parc/shared/api';
import { ASSET_TYPES, NONE_FILTER } from '@parc/shared/api/asset-search-enums';
import { api } from '../api.js';
import { assetTypeLabel, TYPE_TAB_LABEL } from '../asset-labels.js';
import { h } from '../dom.js';
import { assetFilterQuery, atOffset, DEVICE_SORTS, deviceApiQuery, deviceCsvHref } from '../filters.js';
import { assetStateLabel, formatDateTime, formatNumber, formatRelative, modelLabel } from '../format.js';
import { t } from '../i18n/i18n.js';
import { assetImportHref, deviceHref, deviceNewHref, devicesHref } from '../routes.js';
import type { DevicePage } from '../types.js';
import { checkbox, field, input, select } from '../ui/fields.js';
import { pageHeading } from '../ui/heading.js';
import { pager } from '../ui/pager.js';
import { serialText } from '../ui/serial-text.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';


/** "Last seen" means something for what agents report, not for records people keep by hand. */
const lastSeenCell = (d: DeviceSummary, now: Date) =>
  d.source === 'manual' ? '—' : h('time', { datetime: d.lastSeenAt, title: formatDateTime(d.lastSeenAt) }, formatRelative(d.lastSeenAt, now));

/**
 * The asset list: one tab per type with its count, the register's filters (location with its
 * sub-locations, state, assigned person, warranty end, maintenance contract) next to the search, every
 * filter in the URL, and a CSV export of exactly what is shown.
 */
export const devicesView: ViewFn = async ({ route, navigate, session }) => {
  const q = route.query;
  const [page, totals, options] = await Promise.all([
    api.get<DevicePage>('/api/v1/devices', deviceApiQuery(q)),
    // Tab counts follow every filter but the type itself.
    api.get<AssetTotals>('/api/v1/assets/totals', assetFilterQuery(q, { withoutType: true })),
    api.get<AssetFilterOptions>('/api/v1/assets/filter-options'),
  ]);
  const now = new Date();

  const tabHref = (type?: string) => devicesHref({ ...q, type, offset: undefined });
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': t('assets.tabs'), 'data-testid': 'asset-tabs' },
    h(
      'ul',
      null,
      h('li', null, h('a', { href: tabHref(), 'aria-current': q.type ? null : 'page' }, t('assets.tab', { label: t('assets.tab.all'), count: formatNumber(totals.total) }))),
      ASSET_TYPES.map((type) =>
        h(
          'li',
          null,
          h('a', { href: tabHref(type), 'aria-current': q.type === type ? 'page' : null }, t('assets.tab', { label: t(TYPE_TAB_LABEL[type]), count: formatNumber(totals.byType.find((x) => x.type === type)?.count ?? 0) })),
        ),
      ),
    ),
  );

  const staleOptions = [['', t('devices.filter.status.any')], ['true', t('devices.filter.status.stale')]] as const;
  const sublocations = checkbox('sublocations', q.includeSublocations !== 'false');
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('devices.filter.label') },
    // The type is chosen by the tabs; searching keeps it.
    q.type ? h('input', { type: 'hidden', name: 'type', value: q.type }) : null,
    field(t('common.search'), input({ name: 'search', type: 'search', value: q.search ?? '', placeholder: t('devices.filter.searchPlaceholder') }), { class: 'grow' }),
    field(
      t('assets.filter.location'),
      select('locationId', [['', t('assets.filter.location.any')], [NONE_FILTER, t('assets.filter.location.none')], ...options.locations.map((l) => [String(l.id), l.path] as const)], q.locationId ?? ''),
    ),
    field(t('assets.filter.sublocations'), sublocations, { inline: true }),
    field(t('assets.filter.state'), select('state', [['', t('assets.filter.state.any')], ...options.states.map((s) => [s.code, assetStateLabel(s.code, s.label)] as const)], q.state ?? '')),
    field(t('assets.filter.user'), select('userId', [['', t('assets.filter.user.any')], [NONE_FILTER, t('assets.filter.user.none')], ...options.users.map((u) => [String(u.id), u.name] as const)], q.userId ?? '')),
    field(t('assets.filter.warrantyBefore'), input({ name: 'warrantyEndsBefore', type: 'date', value: q.warrantyEndsBefore ?? '' })),
    field(t('assets.filter.contract'), select('contractId', [['', t('assets.filter.contract.any')], ...options.contracts.map((c) => [String(c.id), c.number ? `${c.name} (${c.number})` : c.name] as const)], q.contractId ?? '')),
    field(t('devices.filter.os'), input({ name: 'os', value: q.os ?? '', placeholder: t('devices.filter.osPlaceholder') })),
    field(t('assets.filter.activity'), select('stale', staleOptions, q.stale ?? '')),
    field(t('devices.filter.sort'), select('sort', DEVICE_SORTS.map(([value, label]) => [value, t(label)] as const), q.sort ?? 'hostname')),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search')), h('a', { class: 'btn btn-quiet', href: devicesHref() }, t('common.reset'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim() !== '' && k !== 'sublocations') next[k] = v.trim();
    if (next.sort === 'hostname') delete next.sort;
    // Sub-locations are included unless unticked; only a real location makes the choice matter.
    if (next.locationId && next.locationId !== NONE_FILTER && !sublocations.checked) next.includeSublocations = 'false';
    navigate(devicesHref(next));
  });

  // Helpers "Register an asset" and "Import assets" add their buttons to this toolbar, before the export.
  const toolbar = h(
    'div',
    { class: 'toolbar', role: 'group', 'aria-label': t('assets.toolbar'), 'data-testid': 'asset-toolbar' },
    session.can.editDevices ? h('a', { class: 'btn btn-primary', href: deviceNewHref() }, t('assetRegister.new.button')) : null,
    session.can.editDevices ? h('a', { class: 'btn', href: assetImportHref() }, t('assetImport.open')) : null,
    h('a', { class: 'btn', href: deviceCsvHref(q), download: '', 'data-testid': 'asset-export' }, t('assets.exportCsv')),
  );

  const rows = page.items.map((d) => [
    assetTypeLabel(d.type),
    h('a', { href: deviceHref(d.id), class: 'strong' }, d.hostname),
    modelLabel(d.manufacturer, d.model),
    serialText(d.serial, d.serialPlaceholder),
    d.assetTag ?? '—',
    assetStateLabel(d.state, d.stateLabel),
    d.location ?? '—',
    d.user ? (d.user.displayName ?? d.user.username) : '—',
    lastSeenCell(d, now),
  ]);
  const columns = [
    t('assets.column.type'),
    t('assets.column.name'),
    t('device.field.model'),
    t('assets.column.serial'),
    t('assets.column.assetTag'),
    t('assets.column.state'),
    t('assets.column.location'),
    t('assets.column.user'),
    t('device.field.lastSeen'),
  ];
  return {
    title: t('devices.title'),
    node: h(
      'section',
      null,
      pageHeading(t('devices.title'), toolbar),
      tabs,
      form,
      table(t('assets.caption', { count: page.total }), columns, rows, { hideCaption: true, empty: t('assets.empty') }),
      pager(page.offset, page.items.length, page.total, page.limit, (offset) => devicesHref(atOffset(q, offset))),
    ),
  };
};
