import type { Contract } from '@parc/shared/api';
import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { formatDate } from '../format.js';
import { t } from '../i18n/i18n.js';
import { contractHref } from '../routes.js';
import { loadFailed } from '../ui/notice.js';
import { table } from '../ui/table.js';
import { formatMoney } from './asset-money.js';

/** The device page's "Contracts" section: the maintenance contracts covering the asset, each a link. */
export function deviceContractsSection(deviceId: number): HTMLElement {
  const id = uid('sec');
  const body = h('div', null, h('p', { class: 'muted' }, t('assetFinance.loading')));
  const load = () =>
    api
      .get<{ items: Contract[] }>(`/api/v1/devices/${deviceId}/contracts`)
      .then(({ items }) =>
        replace(
          body,
          table(
            t('contracts.title'),
            [t('contracts.column.name'), t('contracts.column.supplier'), t('contracts.column.endsOn'), t('contracts.column.cost')],
            items.map((c) => [h('a', { href: contractHref(c.id) }, c.name), c.supplier ?? '—', formatDate(c.endsOn), formatMoney(c.cost, c.currency)]),
            { hideCaption: true, empty: t('contracts.device.none') },
          ),
        ),
      )
      .catch((err: unknown) => replace(body, loadFailed(err, () => void load())));
  void load();
  return h('section', { class: 'card device-contracts', 'aria-labelledby': id }, h('h2', { id }, t('contracts.title')), body);
}
