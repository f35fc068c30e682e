import { h } from '../dom.js';
import { table } from './table.js';

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element built with DOM calls (the CSP forbids markup strings). */
export function svg(tag: string, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

/**
 * A chart as a card: heading, one-line summary, the picture and its legend (left out when there is no
 * data), and the same numbers as a table behind a disclosure, for screen readers and for copying.
 */
export function chartCard(opts: {
  id: string;
  heading: string;
  summary: string;
  picture: Node | null;
  legend: Node;
  showNumbers: string;
  caption: string;
  columns: string[];
  rows: string[][];
}): HTMLElement {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': `${opts.id}-heading` },
    h('h2', { id: `${opts.id}-heading` }, opts.heading),
    h('p', { class: 'small' }, opts.summary),
    opts.picture ? [opts.picture, opts.legend] : null,
    h('details', null, h('summary', null, opts.showNumbers), table(opts.caption, opts.columns, opts.rows)),
  );
}
