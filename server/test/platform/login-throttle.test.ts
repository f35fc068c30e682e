import { beforeEach, describe, expect, it } from 'vitest';
import { loginRetryAfterSeconds, throttleLimits, type RecentFailures } from '../../src/platform/auth/login-throttle.js';
import { manualClock } from '@parc/shared';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/platform/log.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

const limits = throttleLimits(3, 60_000); // pair 3, address 15, username 30, under attack 3 per pair
const t0 = new Date('2026-11-30T12:00:00Z');
const at = (secondsAgo: number) => new Date(t0.getTime() - secondsAgo * 1000);
const times = (n: number, from = 1) => Array.from({ length: n }, (_, i) => at(from + i));
const none: RecentFailures = { pair: [], address: [], username: [] };

describe('loginRetryAfterSeconds (pure policy)', () => {
  it('allows a pair its limit of failures, then waits until the oldest counted one leaves the window', () => {
    expect(loginRetryAfterSeconds({ ...none, pair: times(2) }, limits, t0)).toBe(0);
    // newest first: 1, 2, 3 s ago; the 3rd newest (3 s ago) frees the pair at 57 s from now.
    expect(loginRetryAfterSeconds({ ...none, pair: times(3) }, limits, t0)).toBe(57);
    expect(loginRetryAfterSeconds({ ...none, pair: [at(1), at(2), at(61)] }, limits, t0)).toBe(0);
  });

  it('limits an address across usernames (spraying)', () => {
    expect(loginRetryAfterSeconds({ ...none, address: times(14) }, limits, t0)).toBe(0);
    expect(loginRetryAfterSeconds({ ...none, address: times(15) }, limits, t0)).toBe(45);
  });

  it('a username under distributed attack stays open to an address that has not been failing it', () => {
    const ten = throttleLimits(10, 60_000); // pair 10, username 100, under attack 3 per pair
    const attacked = { ...none, username: times(100) };
    expect(loginRetryAfterSeconds(attacked, ten, t0)).toBe(0);
    expect(loginRetryAfterSeconds({ ...attacked, pair: times(2) }, ten, t0)).toBe(0);
    // An attacking address past the reduced allowance: until its own failures (12 s ago) or the attack (100 s ago: gone) age out.
    expect(loginRetryAfterSeconds({ ...attacked, username: times(100, 1).map((d, i) => (i === 99 ? at(30) : d)), pair: times(3, 10) }, ten, t0)).toBe(0);
    const recentAttack = { username: Array.from({ length: 100 }, (_, i) => at(1 + i / 10)), address: [], pair: times(3, 10) };
    expect(loginRetryAfterSeconds(recentAttack, ten, t0)).toBe(Math.min(60 - 11, 60 - 12));
  });

  it('ignores failures outside the window however many', () => {
    expect(loginRetryAfterSeconds({ pair: times(10, 60), address: times(50, 60), username: times(100, 60) }, limits, t0)).toBe(0);
  });
});

describe('login throttling through the API (kept in the database)', () => {
  let t: TestContext;
  const login = (username: string, password: string, address: string) => t.json('POST', '/api/v1/auth/login', { username, password }, { 'x-test-peer': address });
  beforeEach(async () => {
    t = await setupTestApp({ PARC_LOGIN_MAX_FAILURES: '3' });
    await t.as('admin');
    await t.as('technician', 'tess');
  });

  it('answers 429 with Retry-After after repeated failures from one address, even with the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await login('tess', 'wrong-password', '203.0.113.7')).status).toBe(401);
    const refused = await login('tess', 'tess-password', '203.0.113.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(await refused.json()).toMatchObject({ error: { code: 'too_many_requests' } });
    // Other users are not affected from that address (below its own limit).
    expect((await login('admin', 'admin-password', '203.0.113.7')).status).toBe(200);
  });

  it('attack: bad passwords for admin from one address no longer lock the admin out from another', async () => {
    for (let i = 0; i < 10; i++) await login('admin', `guess-${i}`, '198.51.100.66');
    expect((await login('admin', 'admin-password', '198.51.100.66')).status).toBe(429);
    const fromOffice = await login('admin', 'admin-password', '192.0.2.10');
    expect(fromOffice.status).toBe(200);
  });

  it('attack: distributed guessing of one username is cut to a few tries per address, the owner still gets in', { timeout: 120_000 }, async () => {
    // 30 failures (the per-username limit for 3) spread over 10 addresses, guessing side by side.
    for (let i = 0; i < 3; i++) await Promise.all(Array.from({ length: 10 }, (_, a) => login('tess', `guess-${a}-${i}`, `198.51.100.${a + 1}`)));
    const { n } = await t.db.selectFrom('login_failures').where('username', '=', 'tess').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(30);
    expect((await login('tess', 'tess-password', '198.51.100.1')).status).toBe(429);
    expect((await login('tess', 'tess-password', '192.0.2.20')).status).toBe(200);
  });

  it('attack: one address spraying many usernames is stopped at the per-address limit', { timeout: 120_000 }, async () => {
    for (let i = 0; i < 15; i++) expect((await login(`user${i}`, 'password1', '198.51.100.99')).status).toBe(401);
    expect((await login('tess', 'tess-password', '198.51.100.99')).status).toBe(429);
  });

  it('is shared between servers: a second app on the same database sees the failures', async () => {
    for (let i = 0; i < 3; i++) await login('tess', 'wrong', '203.0.113.8');
    const other = createApp({ db: t.db, config: t.config, log: createLogger('silent'), peerAddress: (c) => c.req.header('x-test-peer') });
    const res = await other.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-test-peer': '203.0.113.8' }, body: JSON.stringify({ username: 'TESS', password: 'tess-password' }) });
    expect(res.status).toBe(429);
  });

  it('a success forgives that address its own earlier failures', async () => {
    for (let i = 0; i < 2; i++) await login('tess', 'wrong', '203.0.113.9');
    expect((await login('tess', 'tess-password', '203.0.113.9')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await login('tess', 'wrong', '203.0.113.9')).status).toBe(401);
    expect((await login('tess', 'tess-password', '203.0.113.9')).status).toBe(200);
  });
});

describe('old failures', () => {
  it('are deleted as new ones come (at most once a minute), and no longer count', async () => {
    const clock = manualClock('2026-11-30T12:00:00Z');
    const t = await setupTestApp({ PARC_LOGIN_MAX_FAILURES: '3' }, { clock, peerAddress: (c) => c.req.header('x-test-peer') });
    const login = (password: string) => t.json('POST', '/api/v1/auth/login', { username: 'nobody', password }, { 'x-test-peer': '203.0.113.1' });
    for (let i = 0; i < 3; i++) await login('wrong');
    expect((await login('wrong')).status).toBe(429);
    clock.advance(16 * 60_000);
    expect((await login('wrong')).status).toBe(401);
    const rows = await t.db.selectFrom('login_failures').selectAll().execute();
    expect(rows.map((r) => [r.username, r.address])).toEqual([['nobody', '203.0.113.1']]);
  });
});
