import { describe, expect, it } from 'vitest';
import { auditApiQuery, auditDetailText } from '../../src/ui/client/audit-logic.js';
import { adminHref, apiTokensHref, parseRoute } from '../../src/ui/client/routes.js';
import { scopesAllow, TOKEN_AREAS, TOKEN_AREAS_BY_ROLE } from '@parc/shared/api/token-scopes';

describe('audit and API token screens', () => {
  it('have routes: #/me/tokens, #/admin/audit with its filters, #/admin/api-tokens', () => {
    expect(parseRoute(apiTokensHref())).toMatchObject({ name: 'api-tokens' });
    expect(parseRoute(adminHref('audit', { action: 'auth.login', before: 12 }))).toMatchObject({ name: 'admin', section: 'audit', query: { action: 'auth.login', before: '12' } });
    expect(parseRoute('#/admin/api-tokens')).toMatchObject({ name: 'admin', section: 'api-tokens' });
  });

  it('the page filters become the API query, unknown keys dropped', () => {
    expect(auditApiQuery({ action: 'deleted', actor: 'tess', since: '2026-11-01', sort: 'x', before: '40' })).toEqual({ limit: 100, action: 'deleted', actor: 'tess', since: '2026-11-01', before: '40' });
  });

  it('details read as key: value pairs', () => {
    expect(auditDetailText({ from: 'technician', to: 'admin' })).toBe('from: technician; to: admin');
    expect(auditDetailText({ scopes: ['inventory:read'] })).toBe('scopes: ["inventory:read"]');
    expect(auditDetailText({})).toBe('');
  });
});

describe('token scopes (pure)', () => {
  it('read covers GET and HEAD only; write covers everything; areas do not leak into one another', () => {
    expect(scopesAllow(['inventory:read'], 'inventory', 'GET')).toBe(true);
    expect(scopesAllow(['inventory:read'], 'inventory', 'HEAD')).toBe(true);
    expect(scopesAllow(['inventory:read'], 'inventory', 'POST')).toBe(false);
    expect(scopesAllow(['inventory:write'], 'inventory', 'DELETE')).toBe(true);
    expect(scopesAllow(['inventory:write'], 'inventory', 'GET')).toBe(true);
    expect(scopesAllow(['inventory:write'], 'licences', 'GET')).toBe(false);
  });

  it('admins may hold every area; every other role a subset of them', () => {
    expect(TOKEN_AREAS_BY_ROLE.admin).toEqual(TOKEN_AREAS);
    for (const areas of Object.values(TOKEN_AREAS_BY_ROLE)) for (const a of areas) expect(TOKEN_AREAS).toContain(a);
    expect(TOKEN_AREAS_BY_ROLE.requester).toEqual(['helpdesk']);
  });
});
