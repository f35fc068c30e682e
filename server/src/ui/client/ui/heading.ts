import { h, type Child } from '../dom.js';

/** A screen's h1, focusable by script (the router moves focus to it after navigation). */
export const pageHeading = (text: Child, ...after: Child[]) =>
  h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, text), after.length ? h('div', { class: 'page-head-extra' }, after) : null);
