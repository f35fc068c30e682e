import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { modelLabel, osLabel } from '../format.js';
import type { DevicePage, DeviceSummary } from '../types.js';
import { field, input } from '../ui/fields.js';
import { messageOf } from '../ui/notice.js';

/**
 * Picks devices for a ticket by searching the inventory (hostname, serial, user, IP, MAC, software).
 * Results and the chosen list are plain lists of buttons, so it works with a keyboard and a screen reader.
 */
export function devicePicker(initial: DeviceSummary[]): { node: HTMLElement; selectedIds: () => number[] } {
  const chosen = new Map(initial.map((d) => [d.id, d] as const));
  const search = input({ name: 'deviceSearch', type: 'search', placeholder: 'Hostname, serial, user, IP, MAC or software', autocomplete: 'off' });
  const results = h('ul', { class: 'pick-results', 'aria-live': 'polite' });
  const chosenList = h('ul', { class: 'pick-chosen' });
  const chosenId = uid('chosen');

  const label = (d: DeviceSummary) => h('span', null, h('strong', null, d.hostname), h('span', { class: 'muted' }, ` · ${modelLabel(d.manufacturer, d.model)} · ${osLabel(d.os)}${d.lastUser ? ` · ${d.lastUser}` : ''}`));

  const drawChosen = () => {
    replace(
      chosenList,
      chosen.size === 0
        ? h('li', { class: 'empty' }, 'No device linked yet.')
        : [...chosen.values()].map((d) =>
            h('li', null, label(d), ' ', h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'aria-label': `Remove ${d.hostname}`, on: { click: () => (chosen.delete(d.id), drawChosen(), search.focus()) } }, 'Remove')),
          ),
    );
  };

  const runSearch = async () => {
    const text = search.value.trim();
    if (!text) return replace(results);
    replace(results, h('li', { class: 'muted' }, 'Searching…'));
    try {
      const page = await api.get<DevicePage>('/api/v1/devices', { search: text, limit: 8 });
      replace(
        results,
        page.items.length === 0
          ? h('li', { class: 'empty' }, `No device matches “${text}”.`)
          : page.items.map((d) =>
              h(
                'li',
                null,
                label(d),
                ' ',
                chosen.has(d.id)
                  ? h('span', { class: 'muted' }, '(linked)')
                  : h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `Link ${d.hostname}`, on: { click: () => (chosen.set(d.id, d), drawChosen(), void runSearch()) } }, 'Link'),
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
    h('legend', null, 'Devices'),
    h('div', { class: 'row' }, field('Find a device', search, { class: 'grow' }), h('button', { type: 'button', class: 'btn', on: { click: () => void runSearch() } }, 'Search')),
    results,
    h('p', { id: chosenId, class: 'small strong' }, 'Linked to this ticket:'),
    h('div', { 'aria-labelledby': chosenId }, chosenList),
  );
  return { node, selectedIds: () => [...chosen.keys()] };
}
