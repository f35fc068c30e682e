import { h, uid, type Attrs } from '../dom.js';

/** Form fields that are always labelled, with an optional hint tied to the control by aria-describedby. */

export interface FieldOptions {
  hint?: string;
  /** Puts the label after the control (checkboxes). */
  inline?: boolean;
  class?: string;
}

export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, opts: FieldOptions = {}): HTMLElement {
  control.id ||= uid('f');
  const hintEl = opts.hint ? h('small', { id: uid('hint'), class: 'hint' }, opts.hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  const labelEl = h('label', { for: control.id }, label);
  if (opts.inline) return h('div', { class: ['field', 'field-inline', opts.class] }, control, labelEl, hintEl);
  return h('div', { class: ['field', opts.class] }, labelEl, control, hintEl);
}

export const input = (attrs: Attrs = {}) => h('input', { type: 'text', ...attrs });

export const textarea = (attrs: Attrs = {}) => h('textarea', { rows: 4, ...attrs });

export function select(name: string, options: readonly (readonly [value: string, label: string])[], selected = '', attrs: Attrs = {}): HTMLSelectElement {
  const el = h('select', { name, ...attrs });
  for (const [value, label] of options) el.append(h('option', { value, selected: value === selected }, label));
  return el;
}

/** A select's value as one of the values its options were built from (the API's enums are typed so). */
export function chosen<T extends string>(el: HTMLSelectElement, values: readonly T[]): T {
  const value = values.find((v) => v === el.value);
  if (value === undefined) throw new Error(`"${el.value}" is not a choice of ${el.name}.`);
  return value;
}

export const checkbox = (name: string, checked: boolean, attrs: Attrs = {}) => h('input', { type: 'checkbox', name, checked, ...attrs });

export const button = (label: string, attrs: Attrs = {}) => h('button', { type: 'button', class: 'btn', ...attrs }, label);
