import { beforeEach, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '@parc/shared';
import { createApp } from '../../../src/app.js';
import { cleanUpEnrollments } from '../../../src/inventory/enrollment/enrollment.jobs.js';
import { createLogger } from '../../../src/platform/log.js';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

// Agent identity and control, at the HTTP level: the attacks of issue 10 (taking an agent's id,
// unlimited enrollments) and what an admin can do about agents (list, revoke, re-key).

let t: TestContext;
let admin: Record<string, string>;
let clock: ManualClock;
const T0 = '2026-03-02T08:00:00.000Z';
const HOUR = 3_600_000;
const ENV = { PARC_ENROLL_MAX_PER_ADDRESS: '3', PARC_ENROLL_MAX_PER_TOKEN: '5', PARC_ENROLL_WINDOW_SECONDS: '60', PARC_AGENT_REKEY_HOURS: '24', PARC_UNUSED_ENROLLMENT_HOURS: '72' };

beforeEach(async () => {
  clock = manualClock(T0);
  t = await setupTestApp(ENV, { clock });
  admin = await t.as('admin');
});

type Enrolled = { agentId: string; agentKey: string };
type ApiAgent = { id: string; state: string; device: { id: number; hostname: string } | null; enrollmentToken: { id: number; prefix: string } | null; revokedAt: string | null; rekeyRequestedAt: string | null; lastContactAt: string | null };
const body = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;

async function newToken(): Promise<{ id: number; token: string; prefix: string }> {
  const res = await t.json('POST', '/api/v1/enrollment-tokens', { description: 'lab' }, admin);
  expect(res.status).toBe(201);
  return body(res);
}
const enroll = (b: Record<string, unknown>, headers: Record<string, string> = {}) => t.json('POST', '/api/v1/agent/enroll', b, { 'x-test-peer': '10.0.0.1', ...headers });
async function enrolled(token: string, b: Record<string, unknown> = {}, peer = '10.0.0.1'): Promise<Enrolled> {
  const res = await enroll({ enrollmentToken: token, hostname: 'ws-1', ...b }, { 'x-test-peer': peer });
  expect(res.status, await res.clone().text()).toBe(200);
  return body(res);
}
const agentsList = async (query = '', as = admin) => {
  const res = await t.json('GET', `/api/v1/agents${query}`, undefined, as);
  expect(res.status).toBe(200);
  return body<{ items: ApiAgent[]; total: number; limit: number; offset: number }>(res);
};
// The admin's own logins are audited too; these tests read the enrollment and agent entries.
const auditActions = async () => (await t.db.selectFrom('audit_log').select(['action', 'target_id', 'detail', 'actor_username', 'actor_agent_id']).where('action', 'not like', 'auth.%').orderBy('id').execute());
const rekey = (key: string) => t.json('POST', '/api/v1/agent/rekey', undefined, { authorization: `Bearer ${key}` });

describe('an agent id is not enough to take an agent', () => {
  it('attack: enrolling with another agent\'s id is refused (409) and the real agent keeps its key and device', async () => {
    const tok = await newToken();
    const real = await enrolled(tok.token, { hostname: 'ws-real' });
    const inv = makeInventory({ agentId: real.agentId });
    const { deviceId } = await body<{ deviceId: number }>(await t.upload(real.agentKey, inv));
    const keyBefore = (await t.db.selectFrom('agents').select('key_hash').executeTakeFirstOrThrow()).key_hash;

    // The attacker holds a valid enrollment token and learned the id (it is in every inventory).
    const attack = await enroll({ enrollmentToken: tok.token, hostname: 'evil', agentId: real.agentId }, { 'x-test-peer': '10.6.6.6' });
    expect(attack.status).toBe(409);
    expect(await body(attack)).toMatchObject({ error: { code: 'agent_id_taken', field: 'agentId' } });
    // A made-up key is no proof either.
    const forged = await enroll({ enrollmentToken: tok.token, hostname: 'evil', agentId: real.agentId }, { 'x-test-peer': '10.6.6.7', authorization: 'Bearer parc_agent_forged' });
    expect(forged.status).toBe(409);

    const row = await t.db.selectFrom('agents').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ key_hash: keyBefore, hostname: 'ws-real', device_id: deviceId });
    const again = await t.upload(real.agentKey, inv);
    expect(again.status).toBe(200);
    expect(await body(again)).toMatchObject({ deviceId, status: 'unchanged' });
    // A refused enrollment is not a use of the token.
    const [listed] = (await body<{ items: { useCount: number }[] }>(await t.json('GET', '/api/v1/enrollment-tokens', undefined, admin))).items;
    expect(listed!.useCount).toBe(1);
  });

  it('a revoked agent stays revoked: its id cannot enroll again, the machine may enroll as a new agent', async () => {
    const tok = await newToken();
    const a = await enrolled(tok.token);
    await t.upload(a.agentKey, makeInventory({ agentId: a.agentId }));
    expect((await t.json('POST', `/api/v1/agents/${a.agentId}/revoke`, undefined, admin)).status).toBe(200);

    for (const headers of [{ 'x-test-peer': '10.0.1.1' }, { 'x-test-peer': '10.0.1.2', authorization: `Bearer ${a.agentKey}` }] as Record<string, string>[]) {
      const res = await enroll({ enrollmentToken: tok.token, hostname: 'ws-1', agentId: a.agentId }, headers);
      expect(res.status).toBe(409);
      expect(await body(res)).toMatchObject({ error: { code: 'agent_revoked', field: 'agentId' } });
    }
    expect((await t.upload(a.agentKey, makeInventory({ agentId: a.agentId }))).status).toBe(401);
    const fresh = await enrolled(tok.token, {}, '10.0.1.3');
    expect(fresh.agentId).not.toBe(a.agentId);
    const states = Object.fromEntries((await agentsList()).items.map((x) => [x.id, x.state]));
    expect(states).toEqual({ [a.agentId]: 'revoked', [fresh.agentId]: 'never_contacted' });
  });

  it('a new agent id of the agent\'s own choosing is accepted once', async () => {
    const tok = await newToken();
    const id = 'c0ffee00-0000-4000-8000-00000000abcd';
    expect((await enrolled(tok.token, { agentId: id })).agentId).toBe(id);
    expect((await enroll({ enrollmentToken: tok.token, hostname: 'ws-2', agentId: id })).status).toBe(409);
  });
});

describe('revoking', () => {
  it('revoking one agent stops its key at once and is audited; others keep working', async () => {
    const tok = await newToken();
    const a = await enrolled(tok.token, { hostname: 'ws-a' });
    const b = await enrolled(tok.token, { hostname: 'ws-b' }, '10.0.0.2');
    const res = await t.json('POST', `/api/v1/agents/${a.agentId}/revoke`, undefined, admin);
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ id: a.agentId, state: 'revoked', revokedAt: T0 });
    const up = await t.upload(a.agentKey, makeInventory({ agentId: a.agentId }));
    expect(up.status).toBe(401);
    expect(await body(up)).toMatchObject({ error: { code: 'reenroll_required' } });
    expect((await t.upload(b.agentKey, makeInventory({ agentId: b.agentId, seed: 2 }))).status).toBe(200);
    // Revoking again keeps the first date and records nothing more; an unknown id is a 404.
    clock.advance(60_000);
    expect(await body(await t.json('POST', `/api/v1/agents/${a.agentId}/revoke`, undefined, admin))).toMatchObject({ revokedAt: T0 });
    expect((await t.json('POST', '/api/v1/agents/nope/revoke', undefined, admin)).status).toBe(404);
    const revoked = (await auditActions()).filter((e) => e.action === 'agent.revoked');
    expect(revoked).toEqual([expect.objectContaining({ target_id: a.agentId, actor_username: 'admin' })]);
  });

  it('attack: revoking an enrollment token left its agents working; with revokeAgents they stop', async () => {
    const tok = await newToken();
    const other = await newToken();
    const a = await enrolled(tok.token, { hostname: 'ws-a' });
    const b = await enrolled(tok.token, { hostname: 'ws-b' }, '10.0.0.2');
    const c = await enrolled(other.token, { hostname: 'ws-c' }, '10.0.0.3');
    const tokens = (await body<{ items: { id: number; activeAgents: number }[] }>(await t.json('GET', '/api/v1/enrollment-tokens', undefined, admin))).items;
    expect(Object.fromEntries(tokens.map((x) => [x.id, x.activeAgents]))).toEqual({ [tok.id]: 2, [other.id]: 1 });

    expect((await t.json('DELETE', `/api/v1/enrollment-tokens/${tok.id}?revokeAgents=true`, undefined, admin)).status).toBe(204);
    for (const x of [a, b]) {
      const res = await t.upload(x.agentKey, makeInventory({ agentId: x.agentId }));
      expect(res.status).toBe(401);
      expect(await body(res)).toMatchObject({ error: { code: 'reenroll_required' } });
    }
    expect((await t.upload(c.agentKey, makeInventory({ agentId: c.agentId, seed: 3 }))).status).toBe(200);
    expect((await agentsList(`?tokenId=${tok.id}&state=revoked`)).total).toBe(2);
    const entry = (await auditActions()).find((e) => e.action === 'enrollment_token.revoked');
    expect(entry).toMatchObject({ target_id: String(tok.id), detail: { revokedAgents: 2 } });
    expect((await t.json('DELETE', `/api/v1/enrollment-tokens/${tok.id}?revokeAgents=maybe`, undefined, admin)).status).toBe(400);
  });
});

describe('re-keying', () => {
  async function withDevice() {
    const tok = await newToken();
    const a = await enrolled(tok.token);
    const inv = makeInventory({ agentId: a.agentId });
    const { deviceId } = await body<{ deviceId: number }>(await t.upload(a.agentKey, inv));
    return { tok, a, inv, deviceId };
  }

  it('the agent rotates its key by itself: rekey_required, then /agent/rekey, and the old key stops at the first use of the new one', async () => {
    const { a, inv, deviceId } = await withDevice();
    const req = await t.json('POST', `/api/v1/agents/${a.agentId}/rekey`, undefined, admin);
    expect(req.status).toBe(200);
    expect(await body(req)).toMatchObject({ state: 'rekey_pending', rekeyRequestedAt: T0 });

    const refused = await t.upload(a.agentKey, inv);
    expect(refused.status).toBe(401);
    expect(await body(refused)).toMatchObject({ error: { code: 'rekey_required' } });

    // The first answer is lost on the way: asking again with the old key still works, and replaces it.
    const lost = await body<Enrolled>(await rekey(a.agentKey));
    const got = await rekey(a.agentKey);
    expect(got.status).toBe(200);
    const fresh = await body<Enrolled>(got);
    expect(fresh.agentId).toBe(a.agentId);
    expect(fresh.agentKey).not.toBe(a.agentKey);
    expect((await t.upload(lost.agentKey, inv)).status).toBe(401);

    const up = await t.upload(fresh.agentKey, inv);
    expect(up.status).toBe(200);
    expect(await body(up)).toMatchObject({ deviceId, status: 'unchanged' });
    const old = await t.upload(a.agentKey, inv);
    expect(old.status).toBe(401);
    expect(await body(old)).toMatchObject({ error: { code: 'reenroll_required' } });
    expect((await rekey(a.agentKey)).status).toBe(401);
    expect((await agentsList()).items[0]).toMatchObject({ id: a.agentId, state: 'active', rekeyRequestedAt: null, device: { id: deviceId } });
    const rekeyed = (await auditActions()).filter((e) => e.action === 'agent.rekeyed');
    expect(rekeyed).toEqual([
      expect.objectContaining({ target_id: a.agentId, actor_username: 'admin', detail: { step: 'requested' } }),
      expect.objectContaining({ target_id: a.agentId, actor_agent_id: a.agentId, detail: { step: 'completed', via: 'rotation' } }),
    ]);
  });

  it('while a re-key is open, the machine may enroll again under its id (once, for PARC_AGENT_REKEY_HOURS), keeping its device', async () => {
    const { tok, a, inv, deviceId } = await withDevice();
    await t.json('POST', `/api/v1/agents/${a.agentId}/rekey`, undefined, admin);
    const again = await enrolled(tok.token, { agentId: a.agentId });
    expect(again.agentId).toBe(a.agentId);
    expect(await body(await t.upload(again.agentKey, inv))).toMatchObject({ deviceId, status: 'unchanged' });
    expect((await t.upload(a.agentKey, inv)).status).toBe(401);
    // Used: the id is protected again.
    expect((await enroll({ enrollmentToken: tok.token, hostname: 'ws-1', agentId: a.agentId })).status).toBe(409);

    // A request left open past its time no longer opens the id to enrollment.
    await t.json('POST', `/api/v1/agents/${a.agentId}/rekey`, undefined, admin);
    clock.advance(24 * HOUR + 1);
    expect((await enroll({ enrollmentToken: tok.token, hostname: 'ws-1', agentId: a.agentId })).status).toBe(409);
  });

  it('a revoked agent cannot be re-keyed, an unknown one is a 404', async () => {
    const { a } = await withDevice();
    await t.json('POST', `/api/v1/agents/${a.agentId}/revoke`, undefined, admin);
    const res = await t.json('POST', `/api/v1/agents/${a.agentId}/rekey`, undefined, admin);
    expect(res.status).toBe(409);
    expect(await body(res)).toMatchObject({ error: { code: 'agent_revoked' } });
    expect((await t.json('POST', '/api/v1/agents/nope/rekey', undefined, admin)).status).toBe(404);
    expect((await rekey(a.agentKey)).status).toBe(401);
  });
});

describe('enrollment limits', () => {
  it('attack: unlimited enrollments; now at most N per address in a window (429, Retry-After, the limit named)', async () => {
    const tok = await newToken();
    for (let i = 0; i < 3; i++) await enrolled(tok.token, { hostname: `ws-${i}` }, '10.9.9.9');
    clock.advance(15_000);
    const res = await enroll({ enrollmentToken: tok.token, hostname: 'ws-x' }, { 'x-test-peer': '10.9.9.9' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('45');
    expect(await body(res)).toMatchObject({ error: { code: 'too_many_requests', details: { limit: 'enrollments_per_address', max: 3, windowSeconds: 60 } } });
    // Bad tokens count too: guessing from one address is limited before the token is checked.
    expect((await enroll({ enrollmentToken: 'parc_enroll_guess', hostname: 'x' }, { 'x-test-peer': '10.9.9.9' })).status).toBe(429);
    // Another address is not affected; the next window lets this one in again.
    await enrolled(tok.token, { hostname: 'ws-y' }, '10.9.9.10');
    clock.advance(45_000);
    await enrolled(tok.token, { hostname: 'ws-z' }, '10.9.9.9');
    expect(await t.db.selectFrom('agents').select('id').execute()).toHaveLength(5);
  });

  it('at most N per token in a window, whatever the addresses', async () => {
    const tok = await newToken();
    for (let i = 0; i < 5; i++) await enrolled(tok.token, { hostname: `ws-${i}` }, `10.1.0.${i}`);
    const res = await enroll({ enrollmentToken: tok.token, hostname: 'ws-6' }, { 'x-test-peer': '10.1.0.99' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await body(res)).toMatchObject({ error: { details: { limit: 'enrollments_per_token', max: 5 } } });
    // Another token is not affected.
    const other = await newToken();
    await enrolled(other.token, {}, '10.1.0.98');
  });

  it('the counts are shared between server processes (they live in the database)', async () => {
    const tok = await newToken();
    const second = createApp({ db: t.db, config: t.config, log: createLogger('silent'), clock, peerAddress: (c) => c.req.header('x-test-peer') });
    await enrolled(tok.token, { hostname: 'a' }, '10.2.0.1');
    await enrolled(tok.token, { hostname: 'b' }, '10.2.0.1');
    const viaSecond = (host: string) =>
      second.request('/api/v1/agent/enroll', { method: 'POST', headers: { 'content-type': 'application/json', 'x-test-peer': '10.2.0.1' }, body: JSON.stringify({ enrollmentToken: tok.token, hostname: host }) });
    expect((await viaSecond('c')).status).toBe(200);
    expect((await viaSecond('d')).status).toBe(429);
  });
});

describe('unused enrollments expire', () => {
  it('attack: enrollments were never cleaned up; those that never sent an inventory are deleted after PARC_UNUSED_ENROLLMENT_HOURS', async () => {
    const tok = await newToken();
    const unused = await enrolled(tok.token, { hostname: 'ws-unused' }, '10.3.0.1');
    const used = await enrolled(tok.token, { hostname: 'ws-used' }, '10.3.0.2');
    const revoked = await enrolled(tok.token, { hostname: 'ws-revoked' }, '10.3.0.3');
    await t.upload(used.agentKey, makeInventory({ agentId: used.agentId }));
    await t.json('POST', `/api/v1/agents/${revoked.agentId}/revoke`, undefined, admin);

    clock.advance(72 * HOUR);
    expect(await cleanUpEnrollments(t.db, t.config, clock.now())).toMatchObject({ deletedAgents: 0 });
    clock.advance(1);
    expect(await cleanUpEnrollments(t.db, t.config, clock.now())).toMatchObject({ deletedAgents: 1 });
    const left = (await agentsList()).items.map((a) => a.id).sort();
    expect(left).toEqual([used.agentId, revoked.agentId].sort());
    const res = await t.upload(unused.agentKey, makeInventory({ agentId: unused.agentId, seed: 9 }));
    expect(res.status).toBe(401);
    expect(await body(res)).toMatchObject({ error: { code: 'reenroll_required' } });
    // Ended rate-limit windows go too.
    expect(await t.db.selectFrom('enrollment_rate_windows').selectAll().execute()).toEqual([]);
  });
});

describe('the agent list', () => {
  it('shows device, token and state; filters by state, token and search; pages', async () => {
    const tok = await newToken();
    const a = await enrolled(tok.token, { hostname: 'alpha-01', platform: 'linux', agentVersion: '0.1.0' }, '10.4.0.1');
    const b = await enrolled(tok.token, { hostname: 'beta-02' }, '10.4.0.2');
    const c = await enrolled(tok.token, { hostname: 'gamma-03' }, '10.4.0.3');
    clock.advance(60_000);
    const { deviceId } = await body<{ deviceId: number }>(await t.upload(a.agentKey, makeInventory({ agentId: a.agentId, hostname: 'alpha-01.corp.example' })));
    await t.json('POST', `/api/v1/agents/${b.agentId}/rekey`, undefined, admin);
    await t.json('POST', `/api/v1/agents/${c.agentId}/revoke`, undefined, admin);

    const all = await agentsList();
    expect(all.total).toBe(3);
    expect(all.items[0]).toMatchObject({
      id: a.agentId,
      hostname: 'alpha-01',
      platform: 'linux',
      state: 'active',
      device: { id: deviceId, hostname: 'alpha-01.corp.example' },
      enrollmentToken: { id: tok.id, prefix: tok.prefix },
      lastContactAt: new Date(Date.parse(T0) + 60_000).toISOString(),
    });
    for (const [state, id] of [['active', a.agentId], ['rekey_pending', b.agentId], ['revoked', c.agentId]] as const) {
      expect((await agentsList(`?state=${state}`)).items.map((x) => x.id)).toEqual([id]);
    }
    expect((await agentsList('?state=never_contacted')).total).toBe(0);
    expect((await agentsList('?search=BETA')).items.map((x) => x.id)).toEqual([b.agentId]);
    expect((await agentsList('?search=corp.example')).items.map((x) => x.id)).toEqual([a.agentId]);
    expect((await agentsList('?search=%25')).total).toBe(0);
    const page = await agentsList('?limit=2&offset=2');
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page.items).toHaveLength(1);
    // Technicians read the list; only admins change agents.
    const tech = await t.as('technician');
    expect((await agentsList('', tech)).total).toBe(3);
    expect((await t.json('POST', `/api/v1/agents/${a.agentId}/revoke`, undefined, tech)).status).toBe(403);
    for (const q of ['?state=gone', '?limit=0', '?tokenId=abc', '?tokenId=2147483648']) {
      const res = await t.json('GET', `/api/v1/agents${q}`, undefined, admin);
      expect(res.status).toBe(400);
      expect(await body(res)).toMatchObject({ error: { code: 'validation_failed' } });
    }
  });

  it('records token creation and every enrollment in the audit log, without secrets', async () => {
    const tok = await newToken();
    const a = await enrolled(tok.token, { hostname: 'ws-audit' }, '10.5.0.1');
    const entries = await auditActions();
    expect(entries.map((e) => e.action)).toEqual(['enrollment_token.created', 'agent.enrolled']);
    expect(entries[1]).toMatchObject({ target_id: a.agentId, actor_agent_id: a.agentId, detail: { enrollmentTokenId: tok.id, tokenPrefix: tok.prefix } });
    const stored = JSON.stringify(await t.db.selectFrom('audit_log').selectAll().execute());
    expect(stored).not.toContain(tok.token);
    expect(stored).not.toContain(a.agentKey);
    expect((await t.db.selectFrom('audit_log').select('address').where('action', '=', 'agent.enrolled').executeTakeFirstOrThrow()).address).toBe('10.5.0.1');
  });
});
