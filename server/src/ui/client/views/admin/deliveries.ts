import type { Delivery, DeliveryPage, DeliveryStatus } from '@parc/shared/api';
import { DELIVERY_STATUSES } from '@parc/shared/api/enums';
import { api } from '../../api.js';
import { h } from '../../dom.js';
import { formatDateTime, formatNumber } from '../../format.js';
import { t, type PlainKey } from '../../i18n/i18n.js';
import { adminHref, ticketHref } from '../../routes.js';
import { buildQuery } from '../../query.js';
import { flash } from '../../ui/flash.js';
import { alertRegion, showError } from '../../ui/notice.js';
import { pager } from '../../ui/pager.js';
import { table } from '../../ui/table.js';
import type { AdminPageFn } from './admin.js';
import { EVENT_LABELS } from './webhooks.js';

const STATUS_LABELS: Record<DeliveryStatus, PlainKey> = {
  pending: 'adminDeliveries.status.pending',
  retrying: 'adminDeliveries.status.retrying',
  delivered: 'adminDeliveries.status.delivered',
  failed: 'adminDeliveries.status.failed',
};
const STATUS_CLASSES: Record<DeliveryStatus, string> = { pending: 'status-new', retrying: 'status-pending', delivered: 'status-solved', failed: 'sla-breached' };
const LIMIT = 50;

const href = (query: Record<string, string | number | undefined>) => `${adminHref('deliveries')}${buildQuery(query)}`;
const isStatus = (s: string | undefined): s is DeliveryStatus => (DELIVERY_STATUSES as readonly (string | undefined)[]).includes(s);

/**
 * Notification deliveries: every email and webhook call Parc queued, by status (tabs with counts), with
 * the attempts, the last error and when the next try is due; "retry now" for one retrying or given up.
 */
export const deliveriesPage: AdminPageFn = async ({ route, reload }) => {
  const status = isStatus(route.query.status) ? route.query.status : undefined;
  const offset = Math.max(0, Number(route.query.offset) || 0);
  const page = await api.get<DeliveryPage>('/api/v1/notification-deliveries', { status, limit: LIMIT, offset });
  const errors = alertRegion();

  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': t('adminDeliveries.filter') },
    h(
      'ul',
      null,
      h('li', null, h('a', { href: href({}), 'aria-current': status ? null : 'page' }, t('adminDeliveries.all'))),
      DELIVERY_STATUSES.map((s) => h('li', null, h('a', { href: href({ status: s }), 'aria-current': status === s ? 'page' : null }, t('adminDeliveries.tab', { status: t(STATUS_LABELS[s]), count: formatNumber(page.counts[s]) })))),
    ),
  );

  const retry = (d: Delivery, button: HTMLButtonElement) => {
    button.disabled = true;
    api
      .post<Delivery>(`/api/v1/notification-deliveries/${d.id}/retry`)
      .then(() => {
        flash(t('adminDeliveries.retried', { id: d.id }));
        reload();
      })
      .catch((err: unknown) => {
        showError(errors, err);
        button.disabled = false;
      });
  };

  const target = (d: Delivery) =>
    d.channel === 'email' ? t('adminDeliveries.toEmail', { to: d.target }) : t('adminDeliveries.toWebhook', { url: d.webhookUrl ?? t('adminDeliveries.deletedWebhook', { id: d.target }) });

  const rows = page.items.map((d) => {
    const button = d.status === 'delivered' ? null : h('button', { type: 'button', class: 'btn btn-small', 'aria-label': t('adminDeliveries.retryLabel', { id: d.id }) }, t('adminDeliveries.retry'));
    button?.addEventListener('click', () => retry(d, button));
    return [
      h('span', { class: 'num' }, `#${d.id}`),
      h('span', { class: ['badge', STATUS_CLASSES[d.status]] }, t(STATUS_LABELS[d.status])),
      h('span', null, t(EVENT_LABELS[d.event]), d.ticketId !== null ? [' · ', h('a', { href: ticketHref(d.ticketId) }, `#${d.ticketId}`)] : null),
      h('span', { class: 'wrap-anywhere' }, target(d)),
      formatNumber(d.attempts),
      d.lastError ? h('span', { class: 'small wrap-anywhere' }, d.lastError) : '—',
      d.status === 'delivered' ? formatDateTime(d.deliveredAt) : d.status === 'failed' ? t('adminDeliveries.gaveUp', { when: formatDateTime(d.failedAt) }) : t('adminDeliveries.next', { when: formatDateTime(d.nextAttemptAt) }),
      button ?? '',
    ];
  });
  const columns = [
    '#',
    t('adminDeliveries.column.status'),
    t('adminDeliveries.column.event'),
    t('adminDeliveries.column.to'),
    t('adminDeliveries.column.attempts'),
    t('adminDeliveries.column.lastError'),
    t('adminDeliveries.column.when'),
    t('adminDeliveries.column.action'),
  ];
  return {
    title: t('adminDeliveries.title'),
    intro: t('adminDeliveries.intro'),
    body: [
      tabs,
      errors,
      table(t('adminDeliveries.caption'), columns, rows, { hideCaption: true, empty: t('adminDeliveries.empty') }),
      page.total > 0 && pager(page.offset, page.items.length, page.total, page.limit, (next) => href({ status, offset: next || undefined })),
    ],
  };
};
