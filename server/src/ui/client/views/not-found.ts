import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { ticketsHref } from '../routes.js';
import { pageHeading } from '../ui/heading.js';
import type { ViewFn } from '../view.js';

export const notFoundView: ViewFn = async () => ({
  title: t('notFound.title'),
  node: h('section', null, pageHeading(t('notFound.heading')), h('p', null, h('a', { href: ticketsHref() }, t('notFound.toTickets')))),
});
