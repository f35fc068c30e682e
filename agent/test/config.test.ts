import { describe, expect, it } from 'vitest';
import { configSchema } from '../src/config.js';
import { bypassProxy, proxyFor } from '../src/transport/proxy.js';

describe('configSchema', () => {
  it('fills defaults and normalises server and pin', () => {
    const c = configSchema.parse({ server: 'https://parc.test/', pin: 'ab:'.repeat(31) + 'ab' });
    expect(c.server).toBe('https://parc.test');
    expect(c.pin).toBe('AB'.repeat(32));
    expect(c.schedule).toBe('0 * * * *');
    expect(c.jitterMaxSeconds).toBe(300);
    expect(c.fullEvery).toBe(7);
    expect(c.collectorTimeoutMs).toBe(15_000);
    expect(c.retry.attempts).toBe(5);
  });
  it('rejects bad values and unknown keys', () => {
    expect(configSchema.safeParse({ server: 'ftp://x' }).success).toBe(false);
    expect(configSchema.safeParse({ server: 'https://u:p@x' }).success).toBe(false);
    expect(configSchema.safeParse({ server: 'https://x', pin: 'abc' }).success).toBe(false);
    expect(configSchema.safeParse({ server: 'https://x', schedule: 'every hour' }).success).toBe(false);
    expect(configSchema.safeParse({ server: 'https://x', fullEvry: 3 }).success).toBe(false);
    expect(configSchema.safeParse({ server: 'https://x', retry: { attempts: 0 } }).success).toBe(false);
  });
});

describe('proxyFor', () => {
  it('picks the proxy by scheme and honours NO_PROXY', () => {
    const env = { HTTPS_PROXY: 'http://proxy:3128', HTTP_PROXY: 'proxy2:8080', NO_PROXY: 'localhost,.corp,10.0.0.1:8443' };
    expect(proxyFor('https://parc.example.org', env)?.href).toBe('http://proxy:3128/');
    expect(proxyFor('http://parc.example.org', env)?.host).toBe('proxy2:8080');
    expect(proxyFor('https://localhost:3000', env)).toBeUndefined();
    expect(proxyFor('https://parc.corp', env)).toBeUndefined();
    expect(proxyFor('https://a.parc.corp', env)).toBeUndefined();
    expect(proxyFor('https://10.0.0.1:8443', env)).toBeUndefined();
    expect(proxyFor('https://10.0.0.1', env)).toBeDefined();
    expect(proxyFor('https://x', {})).toBeUndefined();
    expect(bypassProxy(new URL('https://anything'), '*')).toBe(true);
  });
});
