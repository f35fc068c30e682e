// No zod here: the web client imports this module at run time (`@parc/shared/api/token-scopes`).
import type { Role } from '../roles.js';

/**
 * What a personal API token may reach: an area of the API, read-only or read-write. Each route belongs to
 * one area (by its OpenAPI tag, see server/src/platform/http/token-areas.ts); a token calls a route only
 * when its scopes cover that area (`<area>:read` for GET, `<area>:write` for anything else, which also
 * reads) AND its owner's current role may call the route. A token never exceeds its owner.
 */
export const TOKEN_AREAS = ['helpdesk', 'inventory', 'licences', 'users', 'admin'] as const;
export type TokenArea = (typeof TOKEN_AREAS)[number];

export const API_TOKEN_SCOPES = TOKEN_AREAS.flatMap((a) => [`${a}:read`, `${a}:write`] as const);
export type ApiTokenScope = `${TokenArea}:${'read' | 'write'}`;

/** The areas a role has routes in: a token of that role may only be given these (others would reach nothing). */
export const TOKEN_AREAS_BY_ROLE: Record<Role, readonly TokenArea[]> = {
  admin: TOKEN_AREAS,
  technician: ['helpdesk', 'inventory', 'licences', 'users'],
  'licence-manager': ['helpdesk', 'inventory', 'licences'],
  requester: ['helpdesk'],
};

/** The longest a token may live, and how long it lives when its creator does not say. */
export const API_TOKEN_MAX_DAYS = 366;
export const API_TOKEN_DEFAULT_DAYS = 90;
/** Active tokens one person may hold at a time. */
export const API_TOKEN_MAX_ACTIVE = 50;

export const API_TOKEN_STATES = ['active', 'expired', 'revoked'] as const;
export type ApiTokenState = (typeof API_TOKEN_STATES)[number];

/** True when `scopes` let a token call a route of `area` with `method`. */
export function scopesAllow(scopes: readonly string[], area: TokenArea, method: string): boolean {
  const read = method === 'GET' || method === 'HEAD';
  return scopes.includes(`${area}:write`) || (read && scopes.includes(`${area}:read`));
}
