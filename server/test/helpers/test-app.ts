import { gzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import type { Clock } from '@parc/shared';
import { createApp } from '../../src/app.js';
import { TOKEN_AREAS_BY_ROLE } from '@parc/shared/api/token-scopes';
import { createUser } from '../../src/platform/auth/users.service.js';
import { configSchema, type Config } from '../../src/platform/config.js';
import type { Db } from '../../src/platform/db/database.js';
import type { Role } from '../../src/platform/db/schema.js';
import type { AppEnv } from '../../src/platform/http/context.js';
import { socketPeerAddress, type PeerAddressResolver } from '../../src/platform/http/client-address.js';
import { createLogger } from '../../src/platform/log.js';
import { resetDatabase, testDatabase } from './test-db.js';

export interface TestContext {
  app: Hono<AppEnv>;
  db: Db;
  config: Config;
  /** Logs in (creating the user first when asked) and returns an Authorization header. */
  as(role: Role, username?: string): Promise<Record<string, string>>;
  json(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /**
   * A personal API token of a user of `role` (created like `as`), with these scopes (default: write on
   * every area the role may hold), as an Authorization header; `id` revokes it.
   */
  apiToken(role: Role, scopes?: readonly string[], username?: string): Promise<Record<string, string>>;
  /** Same, with the token's id (to revoke it) and the raw secret. */
  createApiToken(role: Role, scopes?: readonly string[], username?: string): Promise<{ headers: Record<string, string>; id: number; token: string }>;
  /** An enrolled agent's key and id, for uploads. */
  enrollAgent(hostname?: string, agentId?: string): Promise<{ agentId: string; agentKey: string }>;
  upload(agentKey: string, inventory: unknown, opts?: { gzip?: boolean }): Promise<Response>;
}

/**
 * app.request has no socket, so the client address comes from an `x-test-peer` header, else a socket a
 * test passes as Hono's env (absent: unknown), unless a test passes its own resolver.
 */
const testPeer: PeerAddressResolver = (c) => c.req.header('x-test-peer') ?? socketPeerAddress(c);

export async function setupTestApp(env: Record<string, string> = {}, opts: { clock?: Clock; peerAddress?: PeerAddressResolver } = {}): Promise<TestContext> {
  const { db } = await testDatabase();
  await resetDatabase(db);
  const config = configSchema.parse({ PARC_DATA_DIR: 'memory://', ...env });
  const app = createApp({ db, config, log: createLogger(process.env.PARC_TEST_LOG ?? 'silent'), peerAddress: opts.peerAddress ?? testPeer, ...(opts.clock ? { clock: opts.clock } : {}) });
  const tokens = new Map<string, string>();

  const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      }),
    );

  const as = async (role: Role, username: string = role) => {
    let token = tokens.get(username);
    if (!token) {
      await createUser(db, { username, password: `${username}-password`, role }).catch(() => undefined);
      const res = await json('POST', '/api/v1/auth/login', { username, password: `${username}-password` });
      if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
      token = ((await res.json()) as { token: string }).token;
      tokens.set(username, token);
    }
    return { authorization: `Bearer ${token}` };
  };

  const createApiToken = async (role: Role, scopes?: readonly string[], username: string = role) => {
    const session = await as(role, username);
    const wanted = scopes ?? TOKEN_AREAS_BY_ROLE[role].map((a) => `${a}:write`);
    const res = await json('POST', '/api/v1/me/tokens', { name: `test ${wanted.join(' ')}`, scopes: wanted }, session);
    if (res.status !== 201) throw new Error(`API token for ${username} failed: ${res.status} ${await res.text()}`);
    const { id, token } = (await res.json()) as { id: number; token: string };
    return { headers: { authorization: `Bearer ${token}` }, id, token };
  };
  const apiToken = async (role: Role, scopes?: readonly string[], username?: string) => (await createApiToken(role, scopes, username)).headers;

  const enrollAgent = async (hostname = 'ws-001', agentId?: string) => {
    const admin = await as('admin');
    const t = await json('POST', '/api/v1/enrollment-tokens', {}, admin);
    const { token } = (await t.json()) as { token: string };
    const res = await json('POST', '/api/v1/agent/enroll', { enrollmentToken: token, hostname, ...(agentId ? { agentId } : {}) });
    if (res.status !== 200) throw new Error(`enroll failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as { agentId: string; agentKey: string };
  };

  const upload = (agentKey: string, inventory: unknown, opts: { gzip?: boolean } = {}) => {
    const text = JSON.stringify(inventory);
    return Promise.resolve(
      app.request('/api/v1/agent/inventory', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${agentKey}`,
          'content-type': 'application/json',
          ...(opts.gzip ? { 'content-encoding': 'gzip' } : {}),
        },
        body: opts.gzip ? gzipSync(text) : text,
      }),
    );
  };

  return { app, db, config, as, json, apiToken, createApiToken, enrollAgent, upload };
}
