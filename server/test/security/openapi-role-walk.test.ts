import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@parc/shared/roles';
import { TOKEN_AREAS_BY_ROLE } from '@parc/shared/api/token-scopes';
import type { DocumentedAccess } from '../../src/platform/http/api-builder.js';
import { MAX_ID } from '../../src/platform/http/params.js';
import { seedEverything } from '../helpers/seed-everything.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

// Every operation of the OpenAPI document, called with every credential Parc knows. What each one must
// get is derived from the access the route declares (`x-parc-access`, written by the ApiBuilder from the
// same value it enforces): never a 5xx; 401 without a valid credential of the right kind; 403 for a role
// outside the route's set; agent keys accepted on agent routes only.

/** `tokens`: what a personal API token needs, as the route's description documents it. */
interface Op { method: string; path: string; access: DocumentedAccess; tokens: 'any' | 'refused' | { area: string; write: boolean } | undefined }
type Expected = 'allowed' | 401 | 403;

/** A way of calling, and what it must get from an operation. */
interface Credential { name: string; headers: Record<string, string>; expected(op: Op): Expected }

const open = (a: DocumentedAccess) => a === 'public' || a === 'enrollment-token';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A logged-in user of `role` (a session token or, later, an API token of that role's full scope). */
const roleCredential = (name: string, headers: Record<string, string>, role: Role): Credential => ({
  name,
  headers,
  expected: ({ access }) => (access === 'agent-key' ? 401 : open(access) || access === 'user' || (Array.isArray(access) && access.includes(role)) ? 'allowed' : 403),
});
/** Something that proves nobody: no header, a forged, expired or revoked token, a disabled user's session. */
const nobody = (name: string, headers: Record<string, string>): Credential => ({ name, headers, expected: ({ access }) => (open(access) ? 'allowed' : 401) });
/** An enrolled agent's key: the agent routes, and what anyone may call. */
const agent = (headers: Record<string, string>): Credential => ({ name: 'agent key', headers, expected: ({ access }) => (access === 'agent-key' || open(access) ? 'allowed' : 401) });
/**
 * A personal API token of `role` with `scopes`: what the role may call (its owner's role is checked first),
 * then only the routes its scopes reach (`area:write` also reads); never what tokens are refused.
 */
const apiTokenCredential = (name: string, headers: Record<string, string>, role: Role, scopes: readonly string[]): Credential => ({
  name,
  headers,
  expected: (op) => {
    const r = roleCredential(name, headers, role).expected(op);
    if (r !== 'allowed' || open(op.access) || op.tokens === 'any') return r;
    if (op.tokens === 'refused' || op.tokens === undefined) return 403;
    const { area, write } = op.tokens;
    return scopes.includes(`${area}:write`) || (!write && scopes.includes(`${area}:read`)) ? r : 403;
  },
});

async function operations(t: TestContext): Promise<Op[]> {
  const doc = (await (await t.json('GET', '/api/openapi.json')).json()) as { paths: Record<string, Record<string, { 'x-parc-access'?: DocumentedAccess; description?: string }>> };
  const ops: Op[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (op['x-parc-access'] === undefined) throw new Error(`${method} ${path} does not document its access`);
      const m = /API tokens: (any scope|refused|scope (\S+):(read|write))\./.exec(op.description ?? '');
      const tokens: Op['tokens'] = !m ? undefined : m[1] === 'any scope' ? 'any' : m[1] === 'refused' ? 'refused' : { area: m[2]!, write: m[3] === 'write' };
      if (!open(op['x-parc-access']) && op['x-parc-access'] !== 'agent-key' && tokens === undefined) throw new Error(`${method} ${path} does not document what an API token needs`);
      ops.push({ method: method.toUpperCase(), path, access: op['x-parc-access'], tokens });
    }
  }
  // Ending the session would turn every later call with that token into a 401.
  const last = (o: Op) => (o.path === '/api/v1/auth/logout' ? 1 : 0);
  return ops.sort((a, b) => last(a) - last(b));
}

/** The path with an existing row's id (1: seeded first) in every parameter; writes allowed to run name a missing row so nothing is deleted mid-walk. */
function concrete(op: Op, runs: boolean): string {
  const id = runs && op.method === 'DELETE' ? String(MAX_ID) : '1';
  return op.path.replace(/\{file\}/g, 'parc-agent-linux-x64').replace(/\{[^}]+\}/g, id);
}

describe('every route of the OpenAPI document, with every credential', () => {
  let t: TestContext;
  let ops: Op[];
  const credentials: Credential[] = [];

  beforeAll(async () => {
    t = await setupTestApp();
    const { agentKey, admin } = await seedEverything(t);
    for (const role of ROLES) credentials.push(roleCredential(role, await t.as(role), role));
    credentials.push(nobody('no credentials', {}));
    credentials.push(nobody('forged bearer token', { authorization: 'Bearer parc_forged_0000000000000000' }));
    credentials.push(nobody('garbage authorization', { authorization: 'Basic Og==' }));
    const disabled = await t.as('technician', 'disabled-tech');
    const users = (await (await t.json('GET', '/api/v1/users', undefined, admin)).json()) as { items?: { id: number; username: string }[] } | { id: number; username: string }[];
    const list = Array.isArray(users) ? users : (users.items ?? []);
    const id = list.find((u) => u.username === 'disabled-tech')!.id;
    expect((await t.json('PATCH', `/api/v1/users/${id}`, { disabled: true }, admin)).status).toBe(200);
    credentials.push(nobody("a disabled user's session", disabled));
    credentials.push(agent({ authorization: `Bearer ${agentKey}` }));
    const adminScopes = TOKEN_AREAS_BY_ROLE.admin.map((a) => `${a}:write`);
    credentials.push(apiTokenCredential("an admin's API token", await t.apiToken('admin', adminScopes), 'admin', adminScopes));
    const readScopes = ['helpdesk:read', 'inventory:read'];
    credentials.push(apiTokenCredential("a technician's read-only API token", await t.apiToken('technician', readScopes), 'technician', readScopes));
    const revoked = await t.createApiToken('admin', undefined, 'revoking-admin');
    expect((await t.json('DELETE', `/api/v1/me/tokens/${revoked.id}`, undefined, await t.as('admin', 'revoking-admin'))).status).toBe(204);
    credentials.push(nobody('a revoked API token', revoked.headers));
    ops = await operations(t);
  }, 300_000);

  it('documents the access of every operation', () => {
    expect(ops.length).toBeGreaterThan(80);
    expect(ops.filter((o) => o.access === 'agent-key').map((o) => `${o.method} ${o.path}`).sort()).toEqual(['POST /api/v1/agent/inventory', 'POST /api/v1/agent/rekey', 'POST /api/v1/agent/tickets']);
    expect(ops.filter((o) => o.access === 'enrollment-token').map((o) => `${o.method} ${o.path}`)).toEqual(['POST /api/v1/agent/enroll']);
  });

  it('answers each credential as the route declares, never with a 5xx', async () => {
    const wrong: string[] = [];
    let calls = 0;
    for (const op of ops) {
      for (const cred of credentials) {
        const expected = cred.expected(op);
        const path = concrete(op, expected === 'allowed');
        const res = await t.json(op.method, path, WRITES.has(op.method) && op.method !== 'DELETE' ? {} : undefined, cred.headers);
        const text = await res.text();
        calls++;
        const roleRefusal = res.status === 403 && (text.includes('this needs one of the roles') || text.includes('this API token'));
        const ok =
          res.status < 500 &&
          (expected === 'allowed' ? res.status !== 401 && !roleRefusal : res.status === expected);
        if (!ok) wrong.push(`${op.method} ${path} as ${cred.name}: expected ${expected}, got ${res.status} ${text.slice(0, 160)}`);
      }
    }
    expect(calls).toBe(ops.length * credentials.length);
    expect(wrong).toEqual([]);
  }, 600_000);
});
