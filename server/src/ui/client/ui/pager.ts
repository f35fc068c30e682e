import { h } from '../dom.js';
import { pageRange } from '../format.js';
import { t } from '../i18n/i18n.js';

/** Previous/next links for a list page, with "26–50 of 120" read as the navigation's label. */
export function pager(offset: number, count: number, total: number, limit: number, hrefAt: (offset: number) => string): HTMLElement {
  const range = pageRange(offset, count, total);
  const prev = offset > 0 ? h('a', { class: 'btn', href: hrefAt(Math.max(0, offset - limit)), rel: 'prev' }, t('common.pager.previous')) : null;
  const next = offset + count < total ? h('a', { class: 'btn', href: hrefAt(offset + limit), rel: 'next' }, t('common.pager.next')) : null;
  return h('nav', { class: 'pager', 'aria-label': t('common.pager.label', { range }) }, h('span', { class: 'pager-range' }, range), prev, next);
}
