import { ApiError, whenUnauthorized } from './api.js';
import { mayOpen } from './route-access.js';
import { restoreDrafts, saveDrafts } from './ui/drafts-store.js';
import { h, replace } from './dom.js';
import { messageOf } from './ui/notice.js';
import { setLocale, t, useProfileLocale } from './i18n/i18n.js';
import type { Locale } from './i18n/locale-choice.js';
import { homeHref, isHomeHash, loginHref, parseRoute, safeNext, type Route } from './routes.js';
import { forgetSession, loadSession, logOut, saveLocale, session } from './session.js';
import { layout } from './ui/layout.js';
import { loadFailed } from './ui/notice.js';
import type { ViewContext, ViewFn } from './view.js';
import { deviceView } from './views/device.js';
import { devicesView } from './views/devices.js';
import { deviceNewView } from './views/device-new.js';
import { loginView } from './views/login.js';
import { newTicketView } from './views/ticket-new.js';
import { ticketView } from './views/ticket.js';
import { ticketsView } from './views/tickets.js';
import { tokensView } from './views/tokens.js';
import { apiTokensView } from './views/api-tokens.js';
import { homeView } from './views/home.js';
import { adminView } from './views/admin/admin.js';
import { statisticsView } from './views/statistics.js';
import { notFoundView } from './views/not-found.js';
import { forbiddenView } from './views/forbidden.js';
import { complianceView } from './views/compliance.js';
import { complianceProductView } from './views/compliance-product.js';
import { softwareView } from './views/software.js';
import { softwareProductView } from './views/software-product.js';
import { softwareRulesView } from './views/software-rules.js';
import { licencesView } from './views/licences.js';
import { licenceEditView } from './views/licence-edit.js';
import { licenceImportView } from './views/licence-import.js';
import { contractView, contractsView } from './views/contracts.js';
import { assetImportView } from './views/asset-import.js';
import { problemsView } from './views/problems.js';
import { problemView } from './views/problem.js';
import { newProblemView } from './views/problem-new.js';
import { changesView } from './views/changes.js';
import { changeView } from './views/change.js';
import { newChangeView } from './views/change-new.js';
import { approvalsView } from './views/approvals.js';

const VIEWS: Record<Exclude<Route['name'], 'login'>, ViewFn> = {
  home: homeView,
  tickets: ticketsView,
  ticket: ticketView,
  'ticket-new': newTicketView,
  problems: problemsView,
  problem: problemView,
  'problem-new': newProblemView,
  changes: changesView,
  change: changeView,
  'change-new': newChangeView,
  approvals: approvalsView,
  devices: devicesView,
  device: deviceView,
  'device-new': deviceNewView,
  'asset-import': assetImportView,
  tokens: tokensView,
  'api-tokens': apiTokensView,
  admin: adminView,
  statistics: statisticsView,
  compliance: complianceView,
  'compliance-product': complianceProductView,
  software: softwareView,
  'software-product': softwareProductView,
  'software-rules': softwareRulesView,
  licences: licencesView,
  'licence-edit': licenceEditView,
  'licence-import': licenceImportView,
  contracts: contractsView,
  contract: contractView,
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
  /** A problem with the language switch, shown under the header at the next render only. */
  let headerNotice: string | null = null;
  /** The profile whose language was last applied: a later choice in the header is not undone by a render. */
  let appliedFor: number | null = null;
  /** A language picked on the login screen: it stands for a profile that has none. */
  let pickedAtLogin: Locale | null = null;

  /** One language for the whole page: the profile's, else the browser's, else English. */
  const applyLocale = (profileLocale: string | null | undefined) => {
    document.documentElement.lang = useProfileLocale(profileLocale ?? pickedAtLogin);
  };
  applyLocale(null);

  const changeLanguage = async (next: Locale, loggedIn: boolean) => {
    setLocale(next);
    document.documentElement.lang = next;
    if (!loggedIn) pickedAtLogin = next;
    else {
      // Saved before the page is drawn again, so a reload straight after finds it in the profile.
      try {
        await saveLocale(next);
      } catch (err) {
        headerNotice = t('shell.languageNotSaved', { detail: messageOf(err) });
      }
    }
    await render();
  };

  const navigate = (hash: string) => {
    if (location.hash === hash) void render();
    else location.hash = hash;
  };

  whenUnauthorized(() => {
    // The session ended mid-task: keep what the page's forms hold, to put back after logging in.
    if (!location.hash.startsWith('#/login')) saveDrafts(location.hash, document.querySelector('main'));
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

    if (s && s.user.id !== appliedFor) {
      appliedFor = s.user.id;
      applyLocale(s.user.locale);
    }

    // The root is each role's home screen (compliance for licence managers), not always the tickets.
    if (s && isHomeHash(location.hash)) return navigate(homeHref(s.user.role));

    if (route.name === 'login') {
      const here = session();
      if (here) return navigate(safeNext(route.query.next, homeHref(here.user.role)));
      appliedFor = null;
      const view = loginView(route, (next) => navigate(safeNext(next, homeHref(session()?.user.role ?? ''))), (next) => void changeLanguage(next, false));
      document.title = `${view.title} · Parc`;
      replace(root, view.node);
      view.node.querySelector<HTMLElement>('input')?.focus();
      return;
    }

    const current = s!;
    const frame = layout(current, route, {
      onLogout: () => void logOut().finally(() => navigate(loginHref())),
      onLanguage: (next) => void changeLanguage(next, true),
      notice: headerNotice,
    });
    headerNotice = null;
    const ctx: ViewContext = { route, session: current, navigate, reload: () => void render() };
    // Keep the old screen while the new one loads, marked busy, so the page does not flash empty.
    root.setAttribute('aria-busy', 'true');
    try {
      // A screen outside the role, by its address or by the API refusing it: a page that says so.
      const view = await (mayOpen(route.name, current.can) ? VIEWS[route.name](ctx) : forbiddenView(ctx)).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 403) return forbiddenView(ctx);
        throw err;
      });
      if (mine !== generation) return;
      document.title = `${view.title} · Parc`;
      replace(frame.main, view.node);
      restoreDrafts(location.hash, frame.main);
    } catch (err) {
      if (mine !== generation) return;
      document.title = `${t('common.errorTitle')} · Parc`;
      replace(frame.main, h('h1', { tabindex: -1 }, t('common.pageNotLoaded')), loadFailed(err, () => void render()));
    }
    replace(root, frame.root);
    root.removeAttribute('aria-busy');
    const again = sameScreen && focusedName ? frame.main.querySelector<HTMLElement>(`[name="${CSS.escape(focusedName)}"]`) : null;
    (again ?? frame.main.querySelector<HTMLElement>('h1') ?? frame.main).focus();
  }

  window.addEventListener('hashchange', () => void render());
  void render();
}
