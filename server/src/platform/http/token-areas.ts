import type { TokenArea } from '@parc/shared/api/token-scopes';

/**
 * Which area of the API (and so which token scope) each OpenAPI tag belongs to. `account` is the caller's
 * own account (GET /me, its language, logging out, listing and revoking its own tokens): every token
 * reaches it. A tag missing here reaches no token at all (fail closed); a test lists them all.
 */
export type RouteTokenArea = TokenArea | 'account';

export const TOKEN_AREA_BY_TAG: Readonly<Record<string, RouteTokenArea>> = {
  auth: 'account',
  tickets: 'helpdesk',
  problems: 'helpdesk',
  changes: 'helpdesk',
  approvals: 'helpdesk',
  'helpdesk admin': 'helpdesk',
  devices: 'inventory',
  assets: 'inventory',
  software: 'inventory',
  'Agent downloads': 'inventory',
  licences: 'licences',
  compliance: 'licences',
  users: 'users',
  enrollment: 'admin',
  settings: 'admin',
  audit: 'admin',
  'api tokens': 'admin',
  // Enrolled agents are part of the inventory technicians work with (they may list them; revoking stays admin).
  agents: 'inventory',
};
