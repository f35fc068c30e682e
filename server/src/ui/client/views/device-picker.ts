import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { modelLabel, osLabel } from '../format.js';
import { t } from '../i18n/i18n.js';
import type { DevicePage, DeviceSummary } from '../types.js';
import { field, input } from '../ui/fields.js';
import { messageOf } from '../ui/notice.js';

/**
 * Picks devices for a ticket by searching the inventory (hostname, serial, user, IP, MAC, software).
 * Results and the chosen list are plain lists of buttons, so it works with a keyboard and a screen reader.
 */
export function devicePicker(initial: DeviceSummary[]): { node: HTMLElement; selectedIds: () => number[] } {
  const chosen = new Map(initial.map((d) => [d.id, d] as const));
  const search = input({ name: 'deviceSearch', type: 'search', placeholder: t('ticketNew.picker.placeholder'), autocomplete: 'off' });
  const results = h('ul', { class: 'pick-results', 'aria-live': 'polite' });
  const chosenList = h('ul', { class: 'pick-chosen' });
  const chosenId = uid('chosen');

  const label = (d: DeviceSummary) => h('span', null, h('strong', null, d.hostname), h('span', { class: 'muted' }, ` · ${modelLabel(d.manufacturer, d.model)} · ${osLabel(d.os)}${d.lastUser ? ` · ${d.lastUser}` : ''}`));

  const drawChosen = () => {
    replace(
      chosenList,
      chosen.size === 0
        ? h('li', { class: 'empty' }, t('ticketNew.picker.none'))
        : [...chosen.values()].map((d) =>
            h('li', null, label(d), ' ', h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'aria-label': t('ticketNew.picker.removeLabel', { name: d.hostname }), on: { click: () => (chosen.delete(d.id), drawChosen(), search.focus()) } }, t('ticketNew.picker.remove'))),
          ),
    );
  };

  const runSearch = async () => {
    const text = search.value.trim();
    if (!text) return replace(results);
    replace(results, h('li', { class: 'muted' }, t('ticketNew.picker.searching')));
    try {
      const page = await api.get<DevicePage>('/api/v1/devices', { search: text, limit: 8 });
      replace(
        results,
        page.items.length === 0
          ? h('li', { class: 'empty' }, t('ticketNew.picker.noMatch', { text }))
          : page.items.map((d) =>
              h(
                'li',
                null,
                label(d),
                ' ',
                chosen.has(d.id)
                  ? h('span', { class: 'muted' }, t('ticketNew.picker.linked'))
                  : h('button', { type: 'button', class: 'btn btn-small', 'aria-label': t('ticketNew.picker.linkLabel', { name: d.hostname }), on: { click: () => (chosen.set(d.id, d), drawChosen(), void runSearch()) } }, t('ticketNew.picker.link')),
              ),
            ),
      );
    } catch (err) {
      replace(results, h('li', { class: 'notice notice-error' }, messageOf(err)));
    }
  };

  // Enter in the search box searches instead of submitting the whole ticket form.
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void runSearch();
    }
  });
  drawChosen();
  const node = h(
    'fieldset',
    { class: 'device-picker' },
    h('legend', null, t('ticketNew.picker.legend')),
    h('div', { class: 'row' }, field(t('ticketNew.picker.find'), search, { class: 'grow' }), h('button', { type: 'button', class: 'btn', on: { click: () => void runSearch() } }, t('ticketNew.picker.search'))),
    results,
    h('p', { id: chosenId, class: 'small strong' }, t('ticketNew.picker.chosen')),
    h('div', { 'aria-labelledby': chosenId }, chosenList),
  );
  return { node, selectedIds: () => [...chosen.keys()] };
}
