import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createUser } from '../../src/platform/auth/users.service.js';
import { configSchema } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/log.js';
import { makeInventory } from '../helpers/inventory-factory.js';
import { resetDatabase, testDatabase } from '../helpers/test-db.js';

// Every secret of a full flow (passwords, session tokens, enrollment tokens, agent keys, webhook
// secrets) must be absent from the logs, and from every API answer but the one that creates it.

describe('secrets never reach the logs or later answers', () => {
  it('a login, enrollment, upload, agent ticket and webhook flow logs none of its secrets', async () => {
    const { db } = await testDatabase();
    await resetDatabase(db);
    const lines: string[] = [];
    const log = createLogger('trace', { write: (s: string) => void lines.push(s) });
    const app = createApp({ db, config: configSchema.parse({ PARC_DATA_DIR: 'memory://', PARC_LOGIN_MAX_FAILURES: '2' }), log });
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await app.request(path, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
    };

    const password = 'correct-horse-battery-staple';
    await createUser(db, { username: 'root', password, role: 'admin' });
    // Failed logins up to the throttle, with a password that is nearly right.
    for (let i = 0; i < 3; i++) await call('POST', '/api/v1/auth/login', { username: 'root', password: `${password}-typo` });
    await call('POST', '/api/v1/auth/login', { username: 'nobody', password });
    const { token: session } = await createUserAndLogin();
    async function createUserAndLogin() {
      await createUser(db, { username: 'ops', password, role: 'admin' });
      return (await call('POST', '/api/v1/auth/login', { username: 'ops', password })).json() as { token: string };
    }
    const auth = { authorization: `Bearer ${session}` };
    const enroll = (await call('POST', '/api/v1/enrollment-tokens', { description: 'flow' }, auth)).json() as { token: string };
    const agent = (await call('POST', '/api/v1/agent/enroll', { enrollmentToken: enroll.token, hostname: 'ws-log' })).json() as { agentId: string; agentKey: string };
    await call('POST', '/api/v1/agent/enroll', { enrollmentToken: `${enroll.token}x`, hostname: 'ws-bad' });
    const up = await call('POST', '/api/v1/agent/inventory', makeInventory({ agentId: agent.agentId, hostname: 'ws-log' }), { authorization: `Bearer ${agent.agentKey}` });
    expect(up.status).toBe(200);
    await call('POST', '/api/v1/agent/inventory', {}, { authorization: `Bearer ${agent.agentKey}x` });
    await call('POST', '/api/v1/agent/tickets', { title: 'Printer' }, { authorization: `Bearer ${agent.agentKey}` });
    const webhookSecret = 'whsec-0123456789abcdef-secret';
    const hook = await call('POST', '/api/v1/webhooks', { url: 'https://hooks.example.com/parc', secret: webhookSecret, events: ['ticket.created'] }, auth);
    expect(hook.status).toBe(201);
    await call('PATCH', '/api/v1/users/1', { password: 'another-password-123' }, auth);
    await call('POST', '/api/v1/auth/logout', undefined, auth);
    await call('GET', '/api/v1/me', undefined, auth);

    const logs = lines.join('');
    expect(logs).toContain('"msg":"request"');
    for (const secret of [password, 'another-password-123', session, enroll.token, agent.agentKey, webhookSecret]) {
      expect(logs, `a secret starting ${secret.slice(0, 12)} is in the logs`).not.toContain(secret);
    }

    // Later answers: the lists show prefixes and flags, never the secret or its hash.
    const admin2 = { authorization: `Bearer ${((await call('POST', '/api/v1/auth/login', { username: 'ops', password })).json() as { token: string }).token}` };
    const later = [
      await call('GET', '/api/v1/enrollment-tokens', undefined, admin2),
      await call('GET', '/api/v1/webhooks', undefined, admin2),
      await call('GET', '/api/v1/users', undefined, admin2),
      await call('GET', '/api/v1/devices', undefined, admin2),
      await call('GET', '/api/v1/devices/1', undefined, admin2),
    ];
    for (const r of later) {
      expect(r.status).toBe(200);
      for (const secret of [enroll.token, agent.agentKey, webhookSecret, password]) expect(r.text).not.toContain(secret);
      expect(r.text).not.toMatch(/password_hash|token_hash|key_hash|"[0-9a-f]{64}"/);
    }
  });
});
