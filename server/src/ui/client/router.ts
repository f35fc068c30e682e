import { whenUnauthorized } from './api.js';
import { h, replace } from './dom.js';
import { loginHref, parseRoute, safeNext, type Route } from './routes.js';
import { forgetSession, loadSession, logOut, session } from './session.js';
import { layout } from './ui/layout.js';
import { loadFailed } from './ui/notice.js';
import type { ViewContext, ViewFn } from './view.js';
import { deviceView } from './views/device.js';
import { devicesView } from './views/devices.js';
import { loginView } from './views/login.js';
import { newTicketView } from './views/ticket-new.js';
import { ticketView } from './views/ticket.js';
import { ticketsView } from './views/tickets.js';
import { tokensView } from './views/tokens.js';
import { adminView } from './views/admin/admin.js';
import { statisticsView } from './views/statistics.js';
import { notFoundView } from './views/not-found.js';

const VIEWS: Record<Exclude<Route['name'], 'login'>, ViewFn> = {
  tickets: ticketsView,
  ticket: ticketView,
  'ticket-new': newTicketView,
  devices: devicesView,
  device: deviceView,
  tokens: tokensView,
  admin: adminView,
  statistics: statisticsView,
  'not-found': notFoundView,
};

/**
 * Renders the screen named by the URL fragment, and again whenever it changes. Screens load their data
 * first; a newer navigation wins over a slower older one. After a new screen, focus goes to its heading
 * so keyboard and screen-reader users start at the top; when only a list's filters changed, focus stays
 * on the control that was used.
 */
export function startRouter(root: HTMLElement): void {
  let generation = 0;
  let lastRouteName = '';

  const navigate = (hash: string) => {
    if (location.hash === hash) void render();
    else location.hash = hash;
  };

  whenUnauthorized(() => {
    forgetSession();
    if (!location.hash.startsWith('#/login')) navigate(loginHref(location.hash));
  });

  async function render(): Promise<void> {
    const mine = ++generation;
    const route = parseRoute(location.hash);
    const focusedName = document.activeElement?.getAttribute('name');
    const sameScreen = route.name === lastRouteName;
    lastRouteName = route.name;

    let s = session();
    if (!s && route.name !== 'login') {
      try {
        s = await loadSession();
      } catch (err) {
        replace(root, loadFailed(err, () => void render()));
        return;
      }
      if (mine !== generation) return;
      if (!s) return navigate(loginHref(location.hash));
    }

    if (route.name === 'login') {
      if (session()) return navigate(safeNext(route.query.next));
      const view = loginView(route, (next) => navigate(safeNext(next)));
      document.title = `${view.title} · Parc`;
      replace(root, view.node);
      view.node.querySelector<HTMLElement>('input')?.focus();
      return;
    }

    const current = s!;
    const frame = layout(current, route, () => void logOut().finally(() => navigate(loginHref())));
    const ctx: ViewContext = { route, session: current, navigate, reload: () => void render() };
    // Keep the old screen while the new one loads, marked busy, so the page does not flash empty.
    root.setAttribute('aria-busy', 'true');
    try {
      const view = await VIEWS[route.name](ctx);
      if (mine !== generation) return;
      document.title = `${view.title} · Parc`;
      replace(frame.main, view.node);
    } catch (err) {
      if (mine !== generation) return;
      document.title = 'Error · Parc';
      replace(frame.main, h('h1', { tabindex: -1 }, 'This page could not be loaded'), loadFailed(err, () => void render()));
    }
    replace(root, frame.root);
    root.removeAttribute('aria-busy');
    const again = sameScreen && focusedName ? frame.main.querySelector<HTMLElement>(`[name="${CSS.escape(focusedName)}"]`) : null;
    (again ?? frame.main.querySelector<HTMLElement>('h1') ?? frame.main).focus();
  }

  window.addEventListener('hashchange', () => void render());
  void render();
}
