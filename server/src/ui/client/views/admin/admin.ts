import { h, type Child } from '../../dom.js';
import { adminHref, tokensHref, type AdminSection } from '../../routes.js';
import { takeFlash } from '../../ui/flash.js';
import { pageHeading } from '../../ui/heading.js';
import type { ViewContext, ViewFn } from '../../view.js';
import { calendarsPage } from './calendars.js';
import { categoriesPage } from './categories.js';
import { groupsPage } from './groups.js';
import { helpdeskPage } from './helpdesk.js';
import { legacyPage } from './legacy.js';
import { rulesPage } from './rules.js';
import { slaPage } from './sla.js';
import { usersPage } from './users.js';
import { webhooksPage } from './webhooks.js';

/** One admin screen: its title, an optional line under it, and its content. */
export interface AdminPage {
  title: string;
  intro?: string;
  body: Child[];
}
export type AdminPageFn = (ctx: ViewContext) => Promise<AdminPage>;

const PAGES: Record<AdminSection, { label: string; page: AdminPageFn }> = {
  users: { label: 'Users', page: usersPage },
  groups: { label: 'Groups', page: groupsPage },
  categories: { label: 'Categories', page: categoriesPage },
  calendars: { label: 'Calendars', page: calendarsPage },
  sla: { label: 'SLA policies', page: slaPage },
  rules: { label: 'Assignment rules', page: rulesPage },
  helpdesk: { label: 'Helpdesk settings', page: helpdeskPage },
  webhooks: { label: 'Webhooks', page: webhooksPage },
  legacy: { label: 'Legacy agents', page: legacyPage },
};

/** Administration: a section list, then the chosen section. Admins only (the API refuses others too). */
export const adminView: ViewFn = async (ctx) => {
  if (!ctx.session.can.administer) throw new Error('Only admins can open the administration.');
  if (ctx.route.name !== 'admin') throw new Error('not an admin route');
  const current = ctx.route.section;
  const page = await PAGES[current].page(ctx);
  const link = (href: string, label: string, active: boolean) => h('li', null, h('a', { href, 'aria-current': active ? 'page' : null }, label));
  const nav = h(
    'nav',
    { class: 'subnav', 'aria-label': 'Administration' },
    h('ul', null, Object.entries(PAGES).map(([key, p]) => link(adminHref(key as AdminSection), p.label, key === current)), link(tokensHref(), 'Enrollment tokens', false)),
  );
  return {
    title: page.title,
    node: h('section', { class: 'admin' }, nav, pageHeading(page.title), page.intro ? h('p', { class: 'muted' }, page.intro) : null, takeFlash(), page.body),
  };
};
