import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../server/test/helpers/test-app.js';
import { applyChurn, expectedInstallations, makeMachine } from './fleet.js';
import { simulate } from './simulate.js';

/** The simulator in-process against a real listening test server (PGlite): small fleet, short run. */

let t: TestContext;
let server: ServerType;
let url: string;
let token: string;
let apiToken: string;

beforeAll(async () => {
  // One ingest slot and a one-place queue: the run meets 429s and must honour them.
  t = await setupTestApp({ PARC_ENROLL_MAX_PER_ADDRESS: '100000', PARC_ENROLL_MAX_PER_TOKEN: '100000', PARC_INGEST_CONCURRENCY: '1', PARC_INGEST_QUEUE: '1', PARC_INGEST_QUEUE_WAIT_MS: '50' });
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = await t.as('admin');
  token = ((await (await t.json('POST', '/api/v1/enrollment-tokens', {}, admin)).json()) as { token: string }).token;
  apiToken = (await t.createApiToken('admin')).token;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('fleet generation', () => {
  it('is deterministic for a seed, with 300–900 packages, and churn changes what it says', () => {
    const a = makeMachine(7, 'x', 3);
    expect(makeMachine(7, 'x', 3)).toEqual(a);
    expect(makeMachine(8, 'x', 3)).not.toEqual(a);
    const n = expectedInstallations(a.inventory);
    expect(n).toBeGreaterThanOrEqual(300);
    expect(n).toBeLessThanOrEqual(901);
    const clone = makeMachine(7, 'x', 4, a);
    expect(clone.inventory.hardware?.uuid).toBe(a.inventory.hardware?.uuid);
    expect(clone.inventory.hardware?.serial).not.toBe(a.inventory.hardware?.serial);
    applyChurn(a, 'remove', 7, 1, 'x');
    expect(expectedInstallations(a.inventory)).toBeLessThan(n);
    applyChurn(a, 'rename', 7, 2, 'x');
    expect(a.inventory.hostname).toBe('x-win-00003-renamed');
  });
});

describe('simulate against a test server', () => {
  it('enrolls, sends, meets 429s, honours Retry-After, and verifies exactly N devices', async () => {
    const s = await simulate({ server: url, token, agents: 6, durationSeconds: 3, intervalSeconds: 1, minInventories: 2, concurrency: 6, seed: 3, tag: 'simok', apiToken });
    expect(s.verification).toMatchObject({ ok: true, devices: 6, checked: 6, problems: [] });
    expect(s.byKind.full?.requests).toBeGreaterThanOrEqual(6);
    expect((s.byKind['check-in']?.requests ?? 0) + (s.byKind.partial?.requests ?? 0)).toBeGreaterThan(0);
    expect(s.churn).toMatchObject({ clone: 1, rename: 1, 'hardware-swap': 1 });
    expect(s.tooManyRequests).toBeGreaterThan(0);
    expect(s.retryAfterHonoured).toBe(s.tooManyRequests);
    expect(s.requestsPerSecond).toBeGreaterThan(0);
  });

  it('fails the verification when a device is deleted behind its back, naming it', async () => {
    const s = await simulate({
      server: url, token, agents: 4, durationSeconds: 0.5, intervalSeconds: 10, concurrency: 4, seed: 4, tag: 'simdel', apiToken,
      beforeVerify: async () => {
        const victim = await t.db.selectFrom('devices').select('id').where('hostname', 'like', 'simdel-%').orderBy('id').executeTakeFirstOrThrow();
        await t.db.deleteFrom('devices').where('id', '=', victim.id).execute();
      },
    });
    expect(s.verification.ok).toBe(false);
    expect(s.verification.problems.join('\n')).toMatch(/holds 3 devices named simdel-…, expected exactly 4/);
  });

  it('fails the verification when a device lost its software behind its back', async () => {
    const s = await simulate({
      server: url, token, agents: 3, durationSeconds: 0.5, intervalSeconds: 10, concurrency: 3, seed: 5, tag: 'simsoft', apiToken,
      beforeVerify: async () => {
        const victim = await t.db.selectFrom('devices').select('id').where('hostname', 'like', 'simsoft-%').orderBy('id').executeTakeFirstOrThrow();
        await t.db.deleteFrom('software_installations').where('device_id', '=', victim.id).execute();
      },
    });
    expect(s.verification).toMatchObject({ ok: false, devices: 3 });
    expect(s.verification.problems).toEqual([expect.stringMatching(/: 0 installed packages, expected [3-9]\d\d$/)]);
  });
});
