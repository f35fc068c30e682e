import { h, type Child } from '../dom.js';
import { t } from '../i18n/i18n.js';

/**
 * A data table with a caption (announced by screen readers) inside a horizontally scrolling wrapper, so
 * wide lists stay usable on a phone.
 */
export function table(caption: string, headers: readonly string[], rows: readonly (readonly Child[])[], opts: { hideCaption?: boolean; empty?: string } = {}): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty' }, opts.empty ?? t('common.nothingToShow'));
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h(
      'table',
      null,
      h('caption', { class: opts.hideCaption ? 'visually-hidden' : undefined }, caption),
      h('thead', null, h('tr', null, headers.map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', null, rows.map((cells) => h('tr', null, cells.map((c) => h('td', null, c))))),
    ),
  );
}
