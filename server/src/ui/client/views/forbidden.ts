import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { homeHref } from '../routes.js';
import { pageHeading } from '../ui/heading.js';
import type { ViewFn } from '../view.js';

/** A screen the person's role does not include: said plainly, with the way back to their home screen. */
export const forbiddenView: ViewFn = async ({ session }) => ({
  title: t('notFound.forbiddenTitle'),
  node: h(
    'section',
    { 'data-testid': 'forbidden' },
    pageHeading(t('notFound.forbiddenTitle')),
    h('p', null, t('notFound.forbiddenText')),
    h('p', null, h('a', { href: homeHref(session.user.role) }, t('notFound.toHome'))),
  ),
});
