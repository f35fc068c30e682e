import { h } from '../dom.js';
import { ticketsHref } from '../routes.js';
import { pageHeading } from '../ui/heading.js';
import type { ViewFn } from '../view.js';

export const notFoundView: ViewFn = async () => ({
  title: 'Not found',
  node: h('section', null, pageHeading('There is no such page'), h('p', null, h('a', { href: ticketsHref() }, 'Go to the tickets'))),
});
