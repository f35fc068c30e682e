import { MAX_ID } from '@parc/shared/api/enums';
import { buildQuery, parseQuery, type QueryValue } from './query.js';

/**
 * The app's routes live in the URL fragment (`#/tickets/12`), so the server serves one page at `/` and
 * every screen is bookmarkable and works with back/forward. Pure: tested in server/test/ui.
 */
export type Route =
  | { name: 'login'; query: Record<string, string> }
  | { name: 'home'; query: Record<string, string> }
  | { name: 'tickets'; query: Record<string, string> }
  | { name: 'ticket-new'; query: Record<string, string> }
  | { name: 'ticket'; id: number; query: Record<string, string> }
  | { name: 'problems'; query: Record<string, string> }
  | { name: 'problem-new'; query: Record<string, string> }
  | { name: 'problem'; id: number; query: Record<string, string> }
  | { name: 'changes'; query: Record<string, string> }
  | { name: 'change-new'; query: Record<string, string> }
  | { name: 'change'; id: number; query: Record<string, string> }
  | { name: 'approvals'; query: Record<string, string> }
  | { name: 'devices'; query: Record<string, string> }
  | { name: 'device'; id: number; query: Record<string, string> }
  | { name: 'device-new'; query: Record<string, string> }
  | { name: 'asset-import'; query: Record<string, string> }
  | { name: 'tokens'; query: Record<string, string> }
  | { name: 'api-tokens'; query: Record<string, string> }
  | { name: 'admin'; section: AdminSection; query: Record<string, string> }
  | { name: 'statistics'; query: Record<string, string> }
  | { name: 'compliance'; query: Record<string, string> }
  | { name: 'compliance-product'; id: number; query: Record<string, string> }
  | { name: 'software'; query: Record<string, string> }
  | { name: 'software-product'; id: number; query: Record<string, string> }
  | { name: 'software-rules'; query: Record<string, string> }
  | { name: 'licences'; query: Record<string, string> }
  | { name: 'licence-edit'; id: number | null; query: Record<string, string> }
  | { name: 'licence-import'; query: Record<string, string> }
  | { name: 'contracts'; query: Record<string, string> }
  | { name: 'contract'; id: number; query: Record<string, string> }
  | { name: 'not-found'; path: string; query: Record<string, string> };

/** Administration screens, under `#/admin/<section>` (enrollment tokens keep their own route). */
export const ADMIN_SECTIONS = ['users', 'groups', 'categories', 'calendars', 'sla', 'rules', 'locations', 'states', 'helpdesk', 'webhooks', 'legacy', 'conflicts', 'agents', 'deliveries', 'audit', 'api-tokens'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];
const isAdminSection = (s: string | undefined): s is AdminSection => (ADMIN_SECTIONS as readonly (string | undefined)[]).includes(s);

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split(/\?(.*)/s, 2);
  const query = parseQuery(queryPart);
  const path = pathPart.replace(/\/+$/, '') || '/tickets';
  const idOf = (s: string | undefined) => {
    const n = s !== undefined && /^\d{1,10}$/.test(s) ? Number(s) : NaN;
    return n >= 1 && n <= MAX_ID ? n : null;
  };
  const parts = path.split('/').filter(Boolean);
  const [first, second] = parts;
  if (parts.length === 1 && first === 'login') return { name: 'login', query };
  if (parts.length === 1 && first === 'home') return { name: 'home', query };
  if (parts.length === 1 && first === 'tickets') return { name: 'tickets', query };
  if (parts.length === 1 && first === 'devices') return { name: 'devices', query };
  if (parts.length === 2 && first === 'tickets' && second === 'new') return { name: 'ticket-new', query };
  if (parts.length === 2 && first === 'devices' && second === 'new') return { name: 'device-new', query };
  if (parts.length === 2 && first === 'devices' && second === 'import') return { name: 'asset-import', query };
  if (parts.length === 1 && first === 'statistics') return { name: 'statistics', query };
  if (parts.length === 1 && first === 'admin') return { name: 'admin', section: 'users', query };
  if (parts.length === 2 && first === 'me' && second === 'tokens') return { name: 'api-tokens', query };
  if (parts.length === 2 && first === 'admin' && second === 'tokens') return { name: 'tokens', query };
  if (parts.length === 2 && first === 'admin' && isAdminSection(second)) return { name: 'admin', section: second, query };
  if (parts.length === 1 && first === 'compliance') return { name: 'compliance', query };
  if (parts.length === 1 && first === 'software') return { name: 'software', query };
  if (parts.length === 2 && first === 'software' && second === 'rules') return { name: 'software-rules', query };
  if (parts.length === 1 && first === 'licences') return { name: 'licences', query };
  if (parts.length === 2 && first === 'licences' && second === 'new') return { name: 'licence-edit', id: null, query };
  if (parts.length === 2 && first === 'licences' && second === 'import') return { name: 'licence-import', query };
  if (parts.length === 2 && (first === 'compliance' || first === 'software' || first === 'licences')) {
    const id = idOf(second);
    if (id !== null) {
      if (first === 'compliance') return { name: 'compliance-product', id, query };
      return first === 'software' ? { name: 'software-product', id, query } : { name: 'licence-edit', id, query };
    }
  }
  if (parts.length === 1 && first === 'contracts') return { name: 'contracts', query };
  if (parts.length === 2 && first === 'contracts' && idOf(second) !== null) return { name: 'contract', id: idOf(second)!, query };
  if (parts.length === 1 && first === 'problems') return { name: 'problems', query };
  if (parts.length === 1 && first === 'changes') return { name: 'changes', query };
  if (parts.length === 1 && first === 'approvals') return { name: 'approvals', query };
  if (parts.length === 2 && first === 'problems' && second === 'new') return { name: 'problem-new', query };
  if (parts.length === 2 && first === 'changes' && second === 'new') return { name: 'change-new', query };
  if (parts.length === 2 && (first === 'problems' || first === 'changes')) {
    const id = idOf(second);
    if (id !== null) return first === 'problems' ? { name: 'problem', id, query } : { name: 'change', id, query };
  }
  if (parts.length === 2 && (first === 'tickets' || first === 'devices')) {
    const id = idOf(second);
    if (id !== null) return first === 'tickets' ? { name: 'ticket', id, query } : { name: 'device', id, query };
  }
  return { name: 'not-found', path, query };
}

export const ticketsHref = (query: Readonly<Record<string, QueryValue>> = {}) => `#/tickets${buildQuery(query)}`;
export const ticketHref = (id: number) => `#/tickets/${id}`;
export const newTicketHref = (deviceId?: number) => `#/tickets/new${buildQuery({ deviceId })}`;
export const problemsHref = (query: Readonly<Record<string, QueryValue>> = {}) => `#/problems${buildQuery(query)}`;
export const problemHref = (id: number) => `#/problems/${id}`;
/** The new problem form, gathering these tickets (a selection in the ticket list, or one ticket's page). */
export const newProblemHref = (ticketIds: readonly number[] = []) => `#/problems/new${buildQuery({ ticketIds })}`;
export const changesHref = (query: Readonly<Record<string, QueryValue>> = {}) => `#/changes${buildQuery(query)}`;
export const changeHref = (id: number) => `#/changes/${id}`;
/** The new change form, fixing these problems (a problem's page offers it). */
export const newChangeHref = (problemIds: readonly number[] = []) => `#/changes/new${buildQuery({ problemIds })}`;
/** The approvals waiting for the signed-in person's answer. */
export const approvalsHref = (query: Readonly<Record<string, QueryValue>> = {}) => `#/approvals${buildQuery(query)}`;
export const devicesHref = (query: Readonly<Record<string, QueryValue>> = {}) => `#/devices${buildQuery(query)}`;
export const deviceHref = (id: number) => `#/devices/${id}`;
/** The "Register an asset" form. */
export const deviceNewHref = () => '#/devices/new';
export const contractsHref = (query: Readonly<Record<string, QueryValue>> = {}) => `#/contracts${buildQuery(query)}`;
export const contractHref = (id: number) => `#/contracts/${id}`;
export const tokensHref = () => '#/admin/tokens';
export const adminHref = (section: AdminSection, query: Readonly<Record<string, QueryValue>> = {}) => `#/admin/${section}${buildQuery(query)}`;
/** Your own personal API tokens. */
export const apiTokensHref = () => '#/me/tokens';
export const statisticsHref = (query: Readonly<Record<string, QueryValue>> = {}) => `#/statistics${buildQuery(query)}`;
export const complianceHref = (query: Readonly<Record<string, QueryValue>> = {}) => `#/compliance${buildQuery(query)}`;
export const complianceProductHref = (id: number, query: Readonly<Record<string, QueryValue>> = {}) => `#/compliance/${id}${buildQuery(query)}`;
export const softwareHref = (query: Readonly<Record<string, QueryValue>> = {}) => `#/software${buildQuery(query)}`;
export const softwareProductHref = (id: number, query: Readonly<Record<string, QueryValue>> = {}) => `#/software/${id}${buildQuery(query)}`;
export const softwareRulesHref = () => '#/software/rules';
export const licencesHref = (query: Readonly<Record<string, QueryValue>> = {}) => `#/licences${buildQuery(query)}`;
/** The licence form: a new one (optionally for a product, with a suggested quantity) or an existing one. */
export const licenceEditHref = (id: number | null, query: Readonly<Record<string, QueryValue>> = {}) => `#/licences/${id ?? 'new'}${buildQuery(query)}`;
export const licenceImportHref = () => '#/licences/import';
/** The asset CSV import wizard. */
export const assetImportHref = () => '#/devices/import';
/**
 * Login remembers where the person was going, so a bookmark survives an expired session. Already on the
 * login screen (a second 401 while it shows), the place it remembers stays: never a login inside a login.
 */
export const loginHref = (next?: string) => (next?.startsWith('#/login?') ? next : `#/login${buildQuery({ next: next && next !== '#/login' ? next : undefined })}`);

export const roleHomeHref = () => '#/home';

/**
 * The first screen of a role: licence managers start at compliance, everyone else at their home page
 * (`#/home`: the fleet for admins, the queue for technicians, their tickets for requesters). A bare `#/`
 * or no fragment at all is the home screen.
 */
export const homeHref = (role: string) => (role === 'licence-manager' ? complianceHref() : roleHomeHref());
export const isHomeHash = (hash: string) => /^#?\/*$/.test(hash);

/** Only an in-app fragment is a valid place to return to after login (never an external URL). */
export function safeNext(next: string | undefined, home = '#/home'): string {
  return next && /^#\/[^/]/.test(next) && !next.startsWith('#/login') ? next : home;
}
