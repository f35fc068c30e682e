import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '@parc/shared';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

let t: TestContext;
let admin: Record<string, string>;
let clock: ManualClock;
const T0 = '2026-03-02T08:00:00.000Z';
const DAY = 86_400_000;
beforeEach(async () => {
  clock = manualClock(T0);
  t = await setupTestApp({}, { clock });
  admin = await t.as('admin');
});

const body = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
type Token = { id: number; token?: string; prefix: string; description: string | null; state: string; useCount: number; expiresAt: string | null; revokedAt: string | null; lastUsedAt: string | null };

async function newToken(b: Record<string, unknown> = {}) {
  const res = await t.json('POST', '/api/v1/enrollment-tokens', b, admin);
  expect(res.status).toBe(201);
  return body<Token & { token: string }>(res);
}
const enroll = (b: Record<string, unknown>) => t.json('POST', '/api/v1/agent/enroll', b);
const listTokens = async () => (await body<{ items: Token[] }>(await t.json('GET', '/api/v1/enrollment-tokens', undefined, admin))).items;

describe('enrollment tokens', () => {
  it('shows the token once and stores only its hash', async () => {
    const created = await newToken({ description: 'Paris office', expiresInDays: 30 });
    expect(created.token).toMatch(/^parc_enroll_[\w-]{20,}$/);
    expect(created).toMatchObject({ description: 'Paris office', state: 'active', useCount: 0, revokedAt: null });
    expect(created.token.startsWith(created.prefix)).toBe(true);
    expect(created.prefix.length).toBeLessThan(created.token.length - 16);
    expect(created.expiresAt).toBe(new Date(Date.parse(T0) + 30 * DAY).toISOString());

    const rows = await t.db.selectFrom('enrollment_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(created.token);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));

    const listed = await listTokens();
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('token');
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(listed[0]).toMatchObject({ id: created.id, prefix: created.prefix, state: 'active' });
  });

  it('accepts a create request without a body', async () => {
    const res = await t.app.request('/api/v1/enrollment-tokens', { method: 'POST', headers: admin });
    expect(res.status).toBe(201);
    expect(await body(res)).toMatchObject({ state: 'active', expiresAt: null });
  });

  it('validates the create body', async () => {
    for (const [b, field] of [[{ expiresInDays: 0 }, 'expiresInDays'], [{ expiresInDays: 'soon' }, 'expiresInDays'], [{ description: 'x'.repeat(300) }, 'description']] as const) {
      const res = await t.json('POST', '/api/v1/enrollment-tokens', b, admin);
      expect(res.status).toBe(400);
      expect(await body(res)).toMatchObject({ error: { field } });
    }
    expect(await listTokens()).toEqual([]);
  });

  it('lists newest first', async () => {
    const a = await newToken({ description: 'a' });
    const b = await newToken({ description: 'b' });
    expect((await listTokens()).map((x) => x.id)).toEqual([b.id, a.id]);
  });

  it('counts uses', async () => {
    const tok = await newToken();
    for (let i = 0; i < 3; i++) expect((await enroll({ enrollmentToken: tok.token, hostname: `ws-${i}` })).status).toBe(200);
    const [listed] = await listTokens();
    expect(listed).toMatchObject({ useCount: 3 });
    expect(listed!.lastUsedAt).toBe(T0);
    // A refused enrollment is not a use.
    await t.json('DELETE', `/api/v1/enrollment-tokens/${tok.id}`, undefined, admin);
    await enroll({ enrollmentToken: tok.token, hostname: 'ws-x' });
    expect((await listTokens())[0]).toMatchObject({ useCount: 3 });
  });

  it('a revoked token refuses enrollment; agents already enrolled keep working', async () => {
    const tok = await newToken();
    const first = await body<{ agentId: string; agentKey: string }>(await enroll({ enrollmentToken: tok.token, hostname: 'ws-1' }));
    const del = await t.json('DELETE', `/api/v1/enrollment-tokens/${tok.id}`, undefined, admin);
    expect(del.status).toBe(204);
    expect((await listTokens())[0]).toMatchObject({ state: 'revoked' });
    const res = await enroll({ enrollmentToken: tok.token, hostname: 'ws-2' });
    expect(res.status).toBe(401);
    expect(await body(res)).toMatchObject({ error: { code: 'invalid_enrollment_token' } });
    expect((await t.upload(first.agentKey, makeInventory({ agentId: first.agentId }))).status).toBe(200);
    // Revoking twice keeps the first date; an unknown id is a 404.
    const revokedAt = (await listTokens())[0]!.revokedAt;
    expect(revokedAt).toBe(T0);
    clock.advance(60_000);
    expect((await t.json('DELETE', `/api/v1/enrollment-tokens/${tok.id}`, undefined, admin)).status).toBe(204);
    expect((await listTokens())[0]!.revokedAt).toBe(revokedAt);
    expect((await t.json('DELETE', '/api/v1/enrollment-tokens/9999', undefined, admin)).status).toBe(404);
    expect((await t.json('DELETE', '/api/v1/enrollment-tokens/abc', undefined, admin)).status).toBe(400);
  });

  it('an expired token refuses enrollment', async () => {
    const tok = await newToken({ expiresInDays: 1 });
    clock.advance(DAY - 1);
    expect((await listTokens())[0]).toMatchObject({ state: 'active' });
    clock.advance(1);
    expect((await listTokens())[0]).toMatchObject({ state: 'expired' });
    const res = await enroll({ enrollmentToken: tok.token, hostname: 'ws-1' });
    expect(res.status).toBe(401);
    expect(await body(res)).toMatchObject({ error: { code: 'invalid_enrollment_token' } });
    expect(await t.db.selectFrom('agents').selectAll().execute()).toEqual([]);
  });

  it('an unknown token refuses enrollment, and a bad body is a 400', async () => {
    expect((await enroll({ enrollmentToken: 'parc_enroll_made_up', hostname: 'ws-1' })).status).toBe(401);
    const noHost = await enroll({ enrollmentToken: 'x' });
    expect(noHost.status).toBe(400);
    expect(await body(noHost)).toMatchObject({ error: { field: 'hostname' } });
  });
});

describe('agent enrollment', () => {
  it('returns an agent id and a key stored only as a hash', async () => {
    const tok = await newToken();
    const res = await enroll({ enrollmentToken: tok.token, hostname: 'ws-1', platform: 'linux', agentVersion: '0.1.0', serial: 'PF300001', macs: ['54:e1:ad:00:00:01'] });
    expect(res.status).toBe(200);
    const { agentId, agentKey } = await body<{ agentId: string; agentKey: string }>(res);
    expect(agentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(agentKey.length).toBeGreaterThanOrEqual(32);
    const rows = await t.db.selectFrom('agents').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: agentId, hostname: 'ws-1', platform: 'linux', agent_version: '0.1.0', enrollment_token_id: tok.id });
    expect(JSON.stringify(rows)).not.toContain(agentKey);
    expect(rows[0]!.key_hash).toBe(createHash('sha256').update(agentKey).digest('hex'));
    expect(rows[0]).toMatchObject({ enrolled_at: new Date(T0), device_id: null, last_contact_at: null });

    // Its first upload ties it to its device, at the time of the upload, with the version it reports.
    clock.advance(60_000);
    const { deviceId } = await body<{ deviceId: number }>(await t.upload(agentKey, { ...makeInventory({ agentId }), agentVersion: '0.2.0' }));
    const after = await t.db.selectFrom('agents').selectAll().executeTakeFirstOrThrow();
    expect(after).toMatchObject({ device_id: deviceId, last_contact_at: new Date(Date.parse(T0) + 60_000), agent_version: '0.2.0' });
  });

  it('enrolling again with the same agent id and its current key rotates the key: the old one is refused with reenroll_required', async () => {
    const tok = await newToken();
    const agentId = 'c0ffee00-0000-4000-8000-000000000001';
    const first = await body<{ agentId: string; agentKey: string }>(await enroll({ enrollmentToken: tok.token, hostname: 'ws-1', agentId }));
    expect(first.agentId).toBe(agentId);
    const inv = makeInventory({ agentId });
    const { deviceId } = await body<{ deviceId: number }>(await t.upload(first.agentKey, inv));

    const again = await t.json('POST', '/api/v1/agent/enroll', { enrollmentToken: tok.token, hostname: 'ws-1', agentId }, { authorization: `Bearer ${first.agentKey}` });
    expect(again.status).toBe(200);
    const second = await body<{ agentId: string; agentKey: string }>(again);
    expect(second.agentId).toBe(agentId);
    expect(second.agentKey).not.toBe(first.agentKey);
    expect(await t.db.selectFrom('agents').select('id').execute()).toHaveLength(1);

    const old = await t.upload(first.agentKey, inv);
    expect(old.status).toBe(401);
    expect(await body(old)).toMatchObject({ error: { code: 'reenroll_required' } });
    const fresh = await t.upload(second.agentKey, inv);
    expect(fresh.status).toBe(200);
    expect(await body(fresh)).toMatchObject({ deviceId, status: 'unchanged' });
  });

  it('an enrollment token is not an agent key, nor a user session', async () => {
    const tok = await newToken();
    const res = await t.upload(tok.token, makeInventory());
    expect(res.status).toBe(401);
    expect((await t.json('GET', '/api/v1/me', undefined, { authorization: `Bearer ${tok.token}` })).status).toBe(401);
  });
});
