import type { AssetTotals } from '@parc/shared/api';
import { NONE_FILTER } from '@parc/shared/api/asset-search-enums';
import { TYPE_TAB_LABEL } from '../asset-labels.js';
import { h } from '../dom.js';
import { assetStateLabel, formatNumber } from '../format.js';
import { t } from '../i18n/i18n.js';
import { devicesHref } from '../routes.js';

interface Entry {
  label: string;
  count: number;
  href: string;
}

/** One compact card: a heading and its entries, each count a link to the asset list filtered on it. */
function totalsCard(id: string, heading: string, entries: readonly Entry[]): HTMLElement {
  return h(
    'section',
    { class: 'card asset-totals', 'aria-labelledby': `${id}-heading`, 'data-testid': id },
    h('h2', { id: `${id}-heading` }, heading),
    h(
      'ul',
      { class: 'asset-totals-list' },
      entries.map((e) => h('li', null, h('a', { href: e.href }, h('span', { class: 'asset-totals-label' }, e.label), h('span', { class: 'asset-totals-count' }, formatNumber(e.count))))),
    ),
  );
}

/** The register at a glance on the admin's home: assets by type, by state and by site (its whole subtree). */
export function assetTotalsCards(totals: AssetTotals): HTMLElement[] {
  const byType = totals.byType.filter((x) => x.count > 0).map((x) => ({ label: t(TYPE_TAB_LABEL[x.type]), count: x.count, href: devicesHref({ type: x.type }) }));
  const byState = totals.byState.filter((s) => s.count > 0).map((s) => ({ label: assetStateLabel(s.code, s.label), count: s.count, href: devicesHref({ state: s.code }) }));
  const byLocation = [
    ...totals.byLocation.map((l) => ({ label: l.name, count: l.count, href: devicesHref({ locationId: l.id }) })),
    ...(totals.noLocation > 0 ? [{ label: t('assets.totals.noLocation'), count: totals.noLocation, href: devicesHref({ locationId: NONE_FILTER }) }] : []),
  ];
  return [
    totalsCard('assets-by-type', t('assets.totals.byType'), byType),
    totalsCard('assets-by-state', t('assets.totals.byState'), byState),
    totalsCard('assets-by-location', t('assets.totals.byLocation'), byLocation),
  ];
}
