import type { LicenceList } from '@parc/shared/api';
import { LICENCE_STATES } from '@parc/shared/api/licence-enums';
import { api } from '../api.js';
import { h } from '../dom.js';
import { atOffset } from '../filters.js';
import { formatNumber } from '../format.js';
import { t } from '../i18n/i18n.js';
import { formatCalendarDate, formatMoney, licenceStateLabel, metricLabel } from '../licence-format.js';
import { complianceProductHref, licenceEditHref, licenceImportHref, licencesHref } from '../routes.js';
import { field, input, select } from '../ui/fields.js';
import { takeFlash } from '../ui/flash.js';
import { pageHeading } from '../ui/heading.js';
import { pager } from '../ui/pager.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';

/** Every licence owned, searchable by product, vendor or reference, and filtered by state or product. */
export const licencesView: ViewFn = async ({ route, session, navigate }) => {
  const q = route.query;
  const state = (LICENCE_STATES as readonly string[]).includes(q.state ?? '') ? q.state : undefined;
  const list = await api.get<LicenceList>('/api/v1/licences', {
    search: q.search || undefined,
    state,
    productId: Number(q.productId) > 0 ? Number(q.productId) : undefined,
    offset: Number(q.offset) > 0 ? Number(q.offset) : undefined,
  });
  const manage = session.can.manageLicences;

  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('licences.filter') },
    field(t('common.search'), input({ name: 'search', type: 'search', value: q.search ?? '', placeholder: t('licences.searchPlaceholder') }), { class: 'grow' }),
    field(t('licences.field.state'), select('state', [['', t('licences.anyState')], ...LICENCE_STATES.map((s) => [s, licenceStateLabel(s)] as const)], state ?? '')),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.search')), h('a', { class: 'btn btn-quiet', href: licencesHref() }, t('common.reset'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim() !== '') next[k] = v.trim();
    navigate(licencesHref(next));
  });

  const rows = list.items.map((l) => [
    h('a', { href: licenceEditHref(l.id), class: 'strong' }, l.product.name),
    l.versionFrom || l.versionTo ? `${l.versionFrom ?? '…'} – ${l.versionTo ?? '…'}` : t('licences.allVersions'),
    metricLabel(l.metric),
    l.quantity === null ? t('compliance.unlimited') : formatNumber(l.quantity),
    `${formatCalendarDate(l.startsOn)} → ${formatCalendarDate(l.expiresOn)}`,
    licenceStateLabel(l.state),
    formatMoney(l.unitCost, l.currency),
    l.vendor ?? '—',
    l.reference ?? '—',
    h('a', { href: complianceProductHref(l.productId) }, t('licences.seeCompliance')),
  ]);
  const columns = [
    t('licences.field.product'),
    t('licences.versions'),
    t('licences.field.metric'),
    t('licences.field.quantity'),
    t('licences.validity'),
    t('licences.field.state'),
    t('licences.field.unitCost'),
    t('licences.field.vendor'),
    t('licences.field.reference'),
    t('compliance.title'),
  ];
  const actions = manage
    ? [h('a', { class: 'btn btn-primary', href: licenceEditHref(null) }, t('licences.new')), h('a', { class: 'btn', href: licenceImportHref() }, t('licences.import'))]
    : [];
  return {
    title: t('licences.title'),
    node: h(
      'section',
      null,
      pageHeading(t('licences.title'), ...actions),
      takeFlash(),
      form,
      table(t('licences.caption', { count: list.total }), columns, rows, { hideCaption: true, empty: t('licences.empty') }),
      pager(list.offset, list.items.length, list.total, list.limit, (offset) => licencesHref(atOffset(q, offset))),
    ),
  };
};
