import { beforeEach, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/platform/auth/login-throttle.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

describe('LoginThrottle', () => {
  it('allows maxFailures failures in the window, then asks to wait until the oldest leaves it', () => {
    const th = new LoginThrottle(3, 60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(th.retryAfterSeconds('Bob', t0 + i * 1000)).toBe(0);
      th.recordFailure('bob', t0 + i * 1000);
    }
    expect(th.retryAfterSeconds('BOB', t0 + 3000)).toBe(57);
    expect(th.retryAfterSeconds('bob', t0 + 60_000)).toBe(0);
    expect(th.retryAfterSeconds('alice', t0 + 3000)).toBe(0);
  });

  it('a success clears the count', () => {
    const th = new LoginThrottle(2, 60_000);
    th.recordFailure('bob', 1);
    th.recordSuccess('Bob');
    th.recordFailure('bob', 2);
    expect(th.retryAfterSeconds('bob', 3)).toBe(0);
  });
});

describe('login throttling through the API', () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await setupTestApp({ PARC_LOGIN_MAX_FAILURES: '3' });
    await t.as('technician', 'tess');
  });

  it('answers 429 with Retry-After after repeated failures, even with the right password', async () => {
    const login = (password: string) => t.json('POST', '/api/v1/auth/login', { username: 'tess', password });
    for (let i = 0; i < 3; i++) expect((await login('wrong-password')).status).toBe(401);
    const refused = await login('tess-password');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'too_many_requests' } });
    // Other users are not affected.
    await t.as('technician', 'other');
  });
});
