import type { Role } from '@parc/shared/roles';
import { h } from '../dom.js';
import { personName } from '../format.js';
import { t, type PlainKey } from '../i18n/i18n.js';
import type { Locale } from '../i18n/locale-choice.js';
import { adminHref, apiTokensHref, approvalsHref, changesHref, problemsHref, complianceHref, contractsHref, roleHomeHref, devicesHref, homeHref, licencesHref, newTicketHref, softwareHref, softwareRulesHref, statisticsHref, ticketsHref, tokensHref, type Route } from '../routes.js';
import type { Session } from '../session.js';
import { languageSwitch } from './language-switch.js';

const ROLE_LABELS: Record<Role, PlainKey> = {
  admin: 'shell.role.admin',
  technician: 'shell.role.technician',
  'licence-manager': 'shell.role.licenceManager',
  requester: 'shell.role.requester',
};
export const roleLabel = (role: string) => (Object.hasOwn(ROLE_LABELS, role) ? t(ROLE_LABELS[role as Role]) : role);

export interface LayoutHandlers {
  onLogout(): void;
  /** The person picked another language in the header. */
  onLanguage(next: Locale): void;
  /** A problem to show under the header (the language could not be saved). */
  notice?: string | null;
}

/** Which nav entry a route belongs to, for aria-current. */
function section(route: Route): string {
  if (route.name === 'home') return 'home';
  if (route.name === 'ticket-new') return 'new';
  if (route.name === 'tickets' || route.name === 'ticket') return 'tickets';
  if (route.name === 'devices' || route.name === 'device') return 'devices';
  if (route.name === 'problems' || route.name === 'problem' || route.name === 'problem-new') return 'problems';
  if (route.name === 'changes' || route.name === 'change' || route.name === 'change-new') return 'changes';
  if (route.name === 'approvals') return 'approvals';
  if (route.name === 'contracts' || route.name === 'contract') return 'contracts';
  if (route.name === 'tokens') return 'tokens';
  if (route.name === 'api-tokens') return 'api-tokens';
  if (route.name === 'admin') return 'admin';
  if (route.name === 'statistics') return 'statistics';
  if (route.name === 'compliance' || route.name === 'compliance-product') return 'compliance';
  if (route.name === 'licences' || route.name === 'licence-edit' || route.name === 'licence-import') return 'licences';
  if (route.name === 'software' || route.name === 'software-product') return 'software';
  if (route.name === 'software-rules') return 'software-rules';
  return '';
}

/**
 * The frame around every screen once logged in: skip link, brand, the sections this role may use, the
 * language switch, and who is logged in with a way out. `main` is where screens render.
 */
export function layout(s: Session, route: Route, handlers: LayoutHandlers): { root: HTMLElement; main: HTMLElement } {
  const current = section(route);
  const link = (key: string, href: string, label: string) => h('li', null, h('a', { href, 'aria-current': current === key ? 'page' : null }, label));
  const licenceLinks = () => [
    link('compliance', complianceHref(), t('shell.nav.compliance')),
    link('licences', licencesHref(), t('shell.nav.licences')),
    link('software', softwareHref(), t('shell.nav.software')),
    link('software-rules', softwareRulesHref(), t('shell.nav.softwareRules')),
  ];
  const main = h('main', { id: 'main', tabindex: -1 });
  const header = h(
    'header',
    { class: 'topbar' },
    h('a', { class: 'brand', href: homeHref(s.user.role) }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'P'), 'Parc'),
    h(
      'nav',
      { 'aria-label': t('shell.nav.label') },
      h(
        'ul',
        null,
        // A licence manager's day starts at compliance: their entries come first.
        // Home is each role's own page; a licence manager's is compliance, the first of their entries.
        s.user.role !== 'licence-manager' && link('home', roleHomeHref(), t('shell.nav.home')),
        s.user.role === 'licence-manager' && licenceLinks(),
        link('tickets', ticketsHref(), s.can.workTickets ? t('shell.nav.tickets') : t('shell.nav.myTickets')),
        link('new', newTicketHref(), t('shell.nav.newTicket')),
        s.can.workTickets && link('problems', problemsHref(), t('itil.nav.problems')),
        s.can.workTickets && link('changes', changesHref(), t('itil.nav.changes')),
        s.can.approve && link('approvals', approvalsHref(), t('itil.nav.approvals')),
        s.can.seeDevices && link('devices', devicesHref(), t('shell.nav.devices')),
        s.can.seeLicences && link('contracts', contractsHref(), t('contracts.nav')),
        s.can.workTickets && link('statistics', statisticsHref(), t('shell.nav.statistics')),
        s.user.role !== 'licence-manager' && s.can.seeLicences && licenceLinks(),
        s.can.administer && link('tokens', tokensHref(), t('shell.nav.enrollment')),
        s.can.administer && link('admin', adminHref('users'), t('shell.nav.admin')),
      ),
    ),
    h(
      'div',
      { class: 'whoami' },
      languageSwitch(handlers.onLanguage),
      h('span', null, h('span', { class: 'visually-hidden' }, t('shell.loggedInAs'), ' '), h('strong', { 'data-testid': 'whoami' }, personName(s.user)), ' ', h('span', { class: 'role' }, roleLabel(s.user.role))),
      h('a', { class: 'whoami-link', href: apiTokensHref(), 'aria-current': current === 'api-tokens' ? 'page' : null }, t('shell.apiTokens')),
      h('button', { type: 'button', class: 'btn btn-quiet', on: { click: handlers.onLogout } }, t('shell.logOut')),
    ),
  );
  const notice = handlers.notice ? h('p', { class: 'notice notice-error', role: 'alert' }, handlers.notice) : null;
  const root = h('div', { class: 'shell' }, h('a', { class: 'skip-link', href: '#main', on: { click: skipToMain } }, t('shell.skipToContent')), header, notice, main);
  return { root, main };
}

/** The app's routes use the fragment, so the skip link moves focus itself instead of changing the hash. */
function skipToMain(e: Event): void {
  e.preventDefault();
  document.getElementById('main')?.focus();
}
