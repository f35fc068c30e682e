import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '@parc/shared';
import { createClient } from '../src/transport/client.js';
import { uploadInventory } from '../src/transport/upload.js';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
})();

const ACCEPTED = { deviceId: 1, status: 'created', changes: { added: 1, removed: 0, changed: 0 }, warnings: [], matchedBy: 'new' };
const inv: Inventory = { schemaVersion: 1, agentId: 'a', collectedAt: '2026-11-28T10:00:00.000Z', hostname: 'h' };
const policy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 1000 };

describe.skipIf(!hasOpenssl)('HTTPS with CA file, fingerprint pin and CONNECT proxy', () => {
  let dir: string;
  let caFile: string;
  let fingerprint: string;
  let server: https.Server;
  let proxy: http.Server;
  let url: string;
  let proxyUrl: string;
  let tunnels = 0;
  let hits = 0;
  const open = new Set<{ destroy(): void }>();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'parc-agent-tls-'));
    caFile = path.join(dir, 'cert.pem');
    const keyFile = path.join(dir, 'key.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout', keyFile, '-out', caFile,
    ], { stdio: 'ignore' });
    const cert = await readFile(caFile, 'utf8');
    fingerprint = new X509Certificate(cert).fingerprint256;
    server = https.createServer({ cert, key: await readFile(keyFile, 'utf8') }, (req, res) => {
      hits++;
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(ACCEPTED));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://localhost:${(server.address() as AddressInfo).port}`;

    // Minimal CONNECT proxy: counts tunnels and pipes bytes, never sees inside TLS.
    proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req, socket) => {
      tunnels++;
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      const [host, port] = (req.url ?? '').split(':');
      const upstream: net.Socket = net.connect(Number(port), host === 'localhost' ? '127.0.0.1' : host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      open.add(upstream);
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of open) s.destroy();
    server.closeAllConnections();
    proxy.closeAllConnections();
    await new Promise((r) => server.close(r));
    await new Promise((r) => proxy.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  const upload = async (opts: { ca?: string; pin?: string; env?: NodeJS.ProcessEnv }) =>
    uploadInventory(await createClient({ server: url, timeoutMs: 2000, env: {}, ...opts }), 'k', inv, policy);

  it('rejects an unknown CA without retrying', async () => {
    const before = hits;
    const out = await upload({});
    expect(out).toMatchObject({ result: 'failed', attempts: 1 });
    expect(hits).toBe(before);
  });

  it('accepts with the CA file, and with the CA plus the right pin', async () => {
    expect((await upload({ ca: caFile })).result).toBe('accepted');
    expect((await upload({ ca: caFile, pin: fingerprint })).result).toBe('accepted');
  });

  it('refuses a wrong pin, without retrying', async () => {
    const out = await upload({ ca: caFile, pin: 'AB'.repeat(32) });
    expect(out).toMatchObject({ result: 'failed', attempts: 1 });
    expect(out.result === 'failed' && out.error).toMatch(/fingerprint/);
  });

  it('tunnels through HTTPS_PROXY and still checks the pin end to end', async () => {
    const env = { HTTPS_PROXY: proxyUrl };
    const t0 = tunnels;
    expect((await upload({ ca: caFile, pin: fingerprint, env })).result).toBe('accepted');
    expect(tunnels).toBe(t0 + 1);
    expect((await upload({ ca: caFile, pin: 'CD'.repeat(32), env })).result).toBe('failed');
    expect((await upload({ ca: caFile, pin: fingerprint, env: { ...env, NO_PROXY: 'localhost' } })).result).toBe('accepted');
    expect(tunnels).toBe(t0 + 2);
  });
});
