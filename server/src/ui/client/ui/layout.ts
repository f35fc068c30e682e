import { h } from '../dom.js';
import { personName } from '../format.js';
import { adminHref, devicesHref, newTicketHref, statisticsHref, ticketsHref, tokensHref, type Route } from '../routes.js';
import type { Session } from '../session.js';

const ROLE_LABELS: Record<string, string> = { admin: 'Admin', technician: 'Technician', 'licence-manager': 'Licence manager', requester: 'Requester' };

/** Which nav entry a route belongs to, for aria-current. */
function section(route: Route): string {
  if (route.name === 'ticket-new') return 'new';
  if (route.name === 'tickets' || route.name === 'ticket') return 'tickets';
  if (route.name === 'devices' || route.name === 'device') return 'devices';
  if (route.name === 'tokens') return 'tokens';
  if (route.name === 'admin') return 'admin';
  if (route.name === 'statistics') return 'statistics';
  return '';
}

/**
 * The frame around every screen once logged in: skip link, brand, the sections this role may use, and
 * who is logged in with a way out. `main` is where screens render.
 */
export function layout(s: Session, route: Route, onLogout: () => void): { root: HTMLElement; main: HTMLElement } {
  const current = section(route);
  const link = (key: string, href: string, label: string) => h('li', null, h('a', { href, 'aria-current': current === key ? 'page' : null }, label));
  const main = h('main', { id: 'main', tabindex: -1 });
  const header = h(
    'header',
    { class: 'topbar' },
    h('a', { class: 'brand', href: ticketsHref() }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'P'), 'Parc'),
    h(
      'nav',
      { 'aria-label': 'Main' },
      h(
        'ul',
        null,
        link('tickets', ticketsHref(), s.can.workTickets ? 'Tickets' : 'My tickets'),
        link('new', newTicketHref(), 'New ticket'),
        s.can.seeDevices && link('devices', devicesHref(), 'Devices'),
        s.can.workTickets && link('statistics', statisticsHref(), 'Statistics'),
        s.can.administer && link('tokens', tokensHref(), 'Enrollment'),
        s.can.administer && link('admin', adminHref('users'), 'Admin'),
      ),
    ),
    h(
      'div',
      { class: 'whoami' },
      h('span', null, h('span', { class: 'visually-hidden' }, 'Logged in as '), h('strong', { 'data-testid': 'whoami' }, personName(s.user)), ' ', h('span', { class: 'role' }, ROLE_LABELS[s.user.role] ?? s.user.role)),
      h('button', { type: 'button', class: 'btn btn-quiet', on: { click: onLogout } }, 'Log out'),
    ),
  );
  const root = h('div', { class: 'shell' }, h('a', { class: 'skip-link', href: '#main', on: { click: skipToMain } }, 'Skip to content'), header, main);
  return { root, main };
}

/** The app's routes use the fragment, so the skip link moves focus itself instead of changing the hash. */
function skipToMain(e: Event): void {
  e.preventDefault();
  document.getElementById('main')?.focus();
}
