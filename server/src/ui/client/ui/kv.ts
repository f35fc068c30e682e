import { h, type Child } from '../dom.js';

/** A definition list of label → value, skipping rows whose value is empty. */
export function kv(rows: readonly (readonly [label: string, value: Child])[], className = 'kv'): HTMLDListElement {
  const dl = h('dl', { class: className });
  for (const [label, value] of rows) {
    if (value === null || value === undefined || value === '' || value === false) continue;
    dl.append(h('div', null, h('dt', null, label), h('dd', null, value)));
  }
  return dl;
}
