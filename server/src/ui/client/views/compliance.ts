import type { ComplianceSummary } from '@parc/shared/api';
import { api } from '../api.js';
import { h } from '../dom.js';
import { formatNumber } from '../format.js';
import { t } from '../i18n/i18n.js';
import { complianceBadge, formatCalendarDate, formatMoney, ownedLabel } from '../licence-format.js';
import { buildQuery } from '../query.js';
import { complianceHref, complianceProductHref, licenceEditHref } from '../routes.js';
import { field, input } from '../ui/fields.js';
import { downloadCsv } from '../ui/busy.js';
import { pageHeading } from '../ui/heading.js';
import { table } from '../ui/table.js';
import type { ViewFn } from '../view.js';
import { complianceChart } from './compliance-chart.js';

const isDate = (s: string | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

/**
 * The licence manager's home: every licensable or licensed product, installed against owned, the
 * over-deployed first (the API's order), what it costs to be compliant, and what was left out of the count.
 * `?at=YYYY-MM-DD` shows the position on a past date from the daily snapshots.
 */
export const complianceView: ViewFn = async ({ route, session, navigate }) => {
  const at = isDate(route.query.at) ? route.query.at : undefined;
  const exportStatus = h('div', { role: 'status' });
  const exportButton = h('button', { type: 'button', class: 'btn' }, t('compliance.exportCsv'));
  exportButton.addEventListener('click', () => void downloadCsv(`/api/v1/compliance.csv${buildQuery({ at })}`, 'compliance.csv', exportButton, exportStatus));
  const summary = await api.get<ComplianceSummary>('/api/v1/compliance', { at });
  const manage = session.can.manageLicences;

  const dateInput = input({ name: 'at', type: 'date', value: at ?? '', max: new Date().toISOString().slice(0, 10) });
  const form = h(
    'form',
    { class: 'filters', 'aria-label': t('compliance.dateForm') },
    field(t('compliance.positionOn'), dateInput, { hint: t('compliance.positionHint') }),
    h('div', { class: 'filter-buttons' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('compliance.show')), at ? h('a', { class: 'btn btn-quiet', href: complianceHref() }, t('compliance.today')) : null),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(complianceHref({ at: isDate(dateInput.value) ? dateInput.value : undefined }));
  });

  const left = summary.items.reduce((a, i) => ({ retired: a.retired + i.excluded.retired, stale: a.stale + i.excluded.stale }), { retired: 0, stale: 0 });
  const totals = summary.trueUpTotals.filter((x) => x.amount > 0);
  const overDeployed = summary.items.filter((i) => i.status === 'over-deployed').length;

  const facts = h(
    'section',
    { class: 'card', 'aria-labelledby': 'compliance-facts' },
    h('h2', { id: 'compliance-facts' }, t('compliance.position', { date: formatCalendarDate(summary.date) })),
    h('p', null, summary.source === 'snapshot' ? t('compliance.fromSnapshot') : t('compliance.live')),
    h('p', { 'data-testid': 'over-deployed-count' }, t('compliance.overDeployedCount', { count: overDeployed })),
    h(
      'p',
      { 'data-testid': 'true-up' },
      h('strong', null, t('compliance.trueUp')),
      ' ',
      totals.length ? totals.map((x) => formatMoney(x.amount, x.currency)).join(' + ') : formatMoney(0, summary.trueUpTotals[0]?.currency ?? null),
    ),
    h('p', { class: 'muted' }, t('compliance.leftOut', { retired: left.retired, stale: left.stale, days: summary.staleDays })),
    h('p', null, exportButton),
    exportStatus,
  );

  const withAction = manage && !at;
  const rows = summary.items.map((i) => [
    h('a', { href: complianceProductHref(i.productId), class: 'strong' }, i.product),
    i.publisher ?? '—',
    complianceBadge(i.status),
    formatNumber(i.installed),
    ownedLabel(i.owned),
    i.shortfall ? h('strong', null, formatNumber(i.shortfall)) : '0',
    i.surplus === null ? '—' : formatNumber(i.surplus),
    formatMoney(i.trueUpCost, i.currency),
    ...(withAction ? [i.shortfall > 0 ? h('a', { href: licenceEditHref(null, { productId: i.productId, quantity: i.shortfall }), class: 'btn btn-small' }, t('compliance.addLicences')) : null] : []),
  ]);
  const columns = [
    t('compliance.column.product'),
    t('compliance.column.publisher'),
    t('compliance.column.status'),
    t('compliance.installed'),
    t('compliance.owned'),
    t('compliance.column.shortfall'),
    t('compliance.column.surplus'),
    t('compliance.column.trueUp'),
    ...(withAction ? [t('compliance.column.action')] : []),
  ];
  return {
    title: t('compliance.title'),
    node: h(
      'section',
      null,
      pageHeading(t('compliance.title')),
      form,
      facts,
      summary.items.length ? complianceChart(summary.items) : null,
      table(t('compliance.caption', { count: summary.items.length }), columns, rows, { empty: t('compliance.empty') }),
    ),
  };
};
