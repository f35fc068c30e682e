import { h, type Child } from '../../dom.js';
import { t, type PlainKey } from '../../i18n/i18n.js';
import { adminHref, tokensHref, type AdminSection } from '../../routes.js';
import { takeFlash } from '../../ui/flash.js';
import { pageHeading } from '../../ui/heading.js';
import type { ViewContext, ViewFn } from '../../view.js';
import { agentsPage } from './agents.js';
import { calendarsPage } from './calendars.js';
import { categoriesPage } from './categories.js';
import { conflictsPage } from './conflicts.js';
import { deliveriesPage } from './deliveries.js';
import { groupsPage } from './groups.js';
import { helpdeskPage } from './helpdesk.js';
import { legacyPage } from './legacy.js';
import { rulesPage } from './rules.js';
import { locationsPage } from './locations.js';
import { statesPage } from './states.js';
import { slaPage } from './sla.js';
import { usersPage } from './users.js';
import { webhooksPage } from './webhooks.js';
import { auditPage } from './audit.js';
import { apiTokensAdminPage } from './api-tokens.js';

/** One admin screen: its title, an optional line under it, and its content. */
export interface AdminPage {
  title: string;
  intro?: string;
  body: Child[];
}
export type AdminPageFn = (ctx: ViewContext) => Promise<AdminPage>;

const PAGES: Record<AdminSection, { label: PlainKey; page: AdminPageFn }> = {
  users: { label: 'admin.nav.users', page: usersPage },
  groups: { label: 'admin.nav.groups', page: groupsPage },
  categories: { label: 'admin.nav.categories', page: categoriesPage },
  calendars: { label: 'admin.nav.calendars', page: calendarsPage },
  sla: { label: 'admin.nav.sla', page: slaPage },
  rules: { label: 'admin.nav.rules', page: rulesPage },
  locations: { label: 'admin.nav.locations', page: locationsPage },
  states: { label: 'admin.nav.states', page: statesPage },
  helpdesk: { label: 'admin.nav.helpdesk', page: helpdeskPage },
  webhooks: { label: 'admin.nav.webhooks', page: webhooksPage },
  legacy: { label: 'admin.nav.legacy', page: legacyPage },
  conflicts: { label: 'admin.nav.conflicts', page: conflictsPage },
  agents: { label: 'admin.nav.agents', page: agentsPage },
  audit: { label: 'admin.nav.audit', page: auditPage },
  'api-tokens': { label: 'admin.nav.apiTokens', page: apiTokensAdminPage },
  deliveries: { label: 'admin.nav.deliveries', page: deliveriesPage },
};

/** Administration: a section list, then the chosen section. Admins only (the API refuses others too). */
export const adminView: ViewFn = async (ctx) => {
  if (!ctx.session.can.administer) throw new Error(t('admin.adminOnly'));
  if (ctx.route.name !== 'admin') throw new Error('not an admin route');
  const current = ctx.route.section;
  const page = await PAGES[current].page(ctx);
  const link = (href: string, label: string, active: boolean) => h('li', null, h('a', { href, 'aria-current': active ? 'page' : null }, label));
  const nav = h(
    'nav',
    { class: 'subnav', 'aria-label': t('admin.nav') },
    h('ul', null, Object.entries(PAGES).map(([key, p]) => link(adminHref(key as AdminSection), t(p.label), key === current)), link(tokensHref(), t('admin.nav.tokens'), false)),
  );
  return {
    title: page.title,
    node: h('section', { class: 'admin' }, nav, pageHeading(page.title), page.intro ? h('p', { class: 'muted' }, page.intro) : null, takeFlash(), page.body),
  };
};
