import type { ComplianceDrill } from '@parc/shared/api';
import { api } from '../api.js';
import { h } from '../dom.js';
import { formatDateTime, formatNumber, formatRelative } from '../format.js';
import { t } from '../i18n/i18n.js';
import { complianceBadge, deviceStateLabel, formatMoney, metricLabel, ownedLabel } from '../licence-format.js';
import { complianceHref, complianceProductHref, deviceHref, licenceEditHref, licencesHref, softwareProductHref } from '../routes.js';
import { takeFlash } from '../ui/flash.js';
import { kv } from '../ui/kv.js';
import { pageHeading } from '../ui/heading.js';
import { pager } from '../ui/pager.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';

const FILTERS = ['counted', 'beyond', 'reclaim', 'excluded'] as const;
type Only = (typeof FILTERS)[number];
const isOnly = (s: string | undefined): s is Only => (FILTERS as readonly (string | undefined)[]).includes(s);

function onlyLabel(f: Only, count: number): string {
  if (f === 'counted') return t('compliance.drill.only.counted', { count });
  if (f === 'beyond') return t('compliance.drill.only.beyond', { count });
  if (f === 'reclaim') return t('compliance.drill.only.reclaim', { count });
  return t('compliance.drill.only.excluded', { count });
}

/**
 * One product's compliance with the devices behind it: who last used each, when it was last seen, its
 * state, and which installations are beyond the owned seats or could be taken back.
 */
export const complianceProductView: ViewFn = async ({ route, session }) => {
  if (route.name !== 'compliance-product') throw new Error('not a compliance product route');
  const id = route.id;
  const only = isOnly(route.query.only) ? route.query.only : undefined;
  const offset = Number(route.query.offset) > 0 ? Number(route.query.offset) : 0;
  const drill = await api.get<ComplianceDrill>(`/api/v1/compliance/${id}`, { only, offset, limit: 100 });
  const item = drill.item;
  const now = new Date();

  const filterLinks = h(
    'nav',
    { class: 'subnav', 'aria-label': t('compliance.drill.filter') },
    h(
      'ul',
      null,
      h('li', null, h('a', { href: complianceProductHref(id), 'aria-current': only ? null : 'page' }, t('compliance.drill.all'))),
      FILTERS.map((f) => h('li', null, h('a', { href: complianceProductHref(id, { only: f }), 'aria-current': only === f ? 'page' : null }, onlyLabel(f, drill.counts[f])))),
    ),
  );

  const marks = (d: ComplianceDrill['devices']['items'][number]) =>
    h(
      'span',
      null,
      d.beyondOwned ? h('span', { class: 'badge compliance-over-deployed' }, t('compliance.drill.beyond')) : null,
      d.reclaimCandidate ? [' ', h('span', { class: 'badge compliance-under-used' }, t('compliance.drill.reclaim'))] : null,
      d.allocated ? [' ', h('span', { class: 'badge' }, t('compliance.drill.allocated'))] : null,
      !d.counted ? [' ', h('span', { class: 'muted' }, t('compliance.drill.notCounted'))] : null,
    );
  const rows = drill.devices.items.map((d) => [
    h('a', { href: deviceHref(d.deviceId), class: 'strong' }, d.hostname),
    d.lastUser ?? '—',
    h('time', { datetime: d.lastSeenAt, title: formatDateTime(d.lastSeenAt) }, formatRelative(d.lastSeenAt, now)),
    deviceStateLabel(d.state),
    d.versions.join(', ') || '—',
    marks(d),
  ]);

  const facts = kv([
    [t('compliance.column.status'), complianceBadge(item.status)],
    [t('compliance.drill.metric'), item.metric ? metricLabel(item.metric) : metricLabel('device')],
    [t('compliance.installed'), formatNumber(item.installed)],
    [t('compliance.owned'), ownedLabel(item.owned)],
    [t('compliance.column.shortfall'), formatNumber(item.shortfall)],
    [t('compliance.column.surplus'), item.surplus === null ? '—' : formatNumber(item.surplus)],
    [t('compliance.column.trueUp'), formatMoney(item.trueUpCost, item.currency)],
    [t('compliance.drill.licences'), h('a', { href: licencesHref({ productId: id }) }, t('compliance.drill.licenceCount', { valid: item.licences.valid, total: item.licences.total }))],
    [t('compliance.drill.leftOut'), t('compliance.drill.leftOutLine', { retired: item.excluded.retired, stale: item.excluded.stale })],
  ]);

  const add =
    session.can.manageLicences && item.shortfall > 0
      ? h('a', { class: 'btn btn-primary', href: licenceEditHref(null, { productId: id, quantity: item.shortfall }) }, t('compliance.drill.register', { count: item.shortfall }))
      : null;

  return {
    title: item.product,
    node: h(
      'section',
      null,
      h('p', null, h('a', { href: complianceHref() }, t('compliance.drill.back'))),
      pageHeading(item.product, add, h('a', { class: 'btn btn-quiet', href: softwareProductHref(id) }, t('compliance.drill.catalogue'))),
      takeFlash(),
      h('section', { class: 'card', 'aria-label': t('compliance.drill.summary') }, facts),
      filterLinks,
      h('p', { class: 'muted' }, t('compliance.drill.reclaimNote', { days: drill.reclaimDays })),
      table(t('compliance.drill.caption', { count: drill.devices.total }), [t('compliance.drill.device'), t('compliance.drill.lastUser'), t('compliance.drill.lastSeen'), t('compliance.drill.state'), t('compliance.drill.versions'), t('compliance.drill.marks')], rows, { empty: t('compliance.drill.empty') }),
      pager(drill.devices.offset, drill.devices.items.length, drill.devices.total, drill.devices.limit, (o) => complianceProductHref(id, { only, offset: o || undefined })),
    ),
  };
};
