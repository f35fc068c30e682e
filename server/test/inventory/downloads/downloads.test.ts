import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicUrl } from '../../../src/inventory/downloads/public-url.js';
import { setupTestApp } from '../../helpers/test-app.js';

let dist: string;
const linux = Buffer.from('#!/bin/sh\necho fake linux agent\n');
const windows = Buffer.from('MZ fake windows agent');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'parc-dist-'));
  await writeFile(path.join(dist, 'parc-agent-linux-x64'), linux);
  await writeFile(path.join(dist, 'parc-agent-win-x64.exe'), windows);
  await writeFile(path.join(dist, 'SHA256SUMS'), `${sha(linux)}  parc-agent-linux-x64\n${sha(windows)}  parc-agent-win-x64.exe\n`);
});
afterAll(() => rm(dist, { recursive: true, force: true }));

describe('GET /downloads/agent/:file', () => {
  it('streams a binary by target name, with its size, type and file name', async () => {
    const t = await setupTestApp({ PARC_AGENT_DIST_DIR: dist });
    const res = await t.json('GET', '/downloads/agent/linux-x64');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-length')).toBe(String(linux.length));
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="parc-agent-linux-x64"');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(linux);
  });

  it('serves the same file by its file name, .exe included', async () => {
    const t = await setupTestApp({ PARC_AGENT_DIST_DIR: dist });
    const res = await t.json('GET', '/downloads/agent/parc-agent-win-x64.exe');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="parc-agent-win-x64.exe"');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(windows);
  });

  it('serves SHA256SUMS as text', async () => {
    const t = await setupTestApp({ PARC_AGENT_DIST_DIR: dist });
    const res = await t.json('GET', '/downloads/agent/SHA256SUMS');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toContain(`${sha(linux)}  parc-agent-linux-x64`);
  });

  it('answers 404 naming the build command when a target was not built', async () => {
    const t = await setupTestApp({ PARC_AGENT_DIST_DIR: dist });
    const res = await t.json('GET', '/downloads/agent/darwin-arm64');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string; field: string } };
    expect(body.error.code).toBe('agent_not_built');
    expect(body.error.message).toContain('npm run build:agent');
    expect(body.error.message).toContain('parc-agent-darwin-arm64');
    // The server's folders are not disclosed to anonymous callers.
    expect(body.error.message).not.toContain(dist);
  });

  it('answers 404 for SHA256SUMS when nothing was built', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'parc-dist-empty-'));
    const t = await setupTestApp({ PARC_AGENT_DIST_DIR: empty });
    const res = await t.json('GET', '/downloads/agent/SHA256SUMS');
    expect(res.status).toBe(404);
    await rm(empty, { recursive: true });
  });

  it('rejects names that are not agent files (no path traversal) with 400 naming the field', async () => {
    const t = await setupTestApp({ PARC_AGENT_DIST_DIR: dist });
    for (const name of ['..%2F..%2Fetc%2Fpasswd', 'sea-config.json', 'parc-agent-linux-x86']) {
      const res = await t.json('GET', `/downloads/agent/${name}`);
      expect(res.status, name).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field).toMatch(/file/);
    }
  });
});

describe('bootstrap scripts', () => {
  it('/install.sh embeds PARC_PUBLIC_URL and the Linux and macOS installers', async () => {
    const t = await setupTestApp({ PARC_AGENT_DIST_DIR: dist, PARC_PUBLIC_URL: 'https://parc.example.com/' });
    const res = await t.json('GET', '/install.sh');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/x-shellscript');
    const script = await res.text();
    expect(script).toMatch(/^#!\/bin\/sh\n/);
    expect(script).toContain("server='https://parc.example.com'");
    expect(script).toContain('ExecStart=/usr/local/bin/parc-agent run');
    expect(script).toContain('<string>com.parc.agent</string>');
  });

  it('derives the URL from the request when PARC_PUBLIC_URL is unset, https behind a TLS proxy', async () => {
    const t = await setupTestApp({ PARC_AGENT_DIST_DIR: dist });
    const plain = await (await t.app.request('http://parc.lan:8080/install.sh')).text();
    expect(plain).toContain("server='http://parc.lan:8080'");
    const proxied = await (await t.app.request('http://parc.lan/install.ps1', { headers: { 'x-forwarded-proto': 'https' } })).text();
    expect(proxied).toContain("[string]$Server = 'https://parc.lan'");
    expect(proxied).toContain('Register-ScheduledTask');
    expect(proxied).toContain("$file = 'parc-agent-win-x64.exe'");
  });

  it('documents the routes in the OpenAPI document', async () => {
    const t = await setupTestApp();
    const doc = (await (await t.json('GET', '/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/downloads/agent/{file}', '/install.sh', '/install.ps1']));
  });
});

describe('publicUrl', () => {
  it('prefers the configured URL without its trailing slash', () => {
    expect(publicUrl('https://a.example/', 'http://b:1/x', undefined)).toBe('https://a.example');
  });
  it('refuses a host that is not a plain name', () => {
    expect(() => publicUrl(undefined, "http://a'b/x", undefined)).toThrow(/not a plain host/);
  });
  it('keeps IPv6 literals and ports', () => {
    expect(publicUrl(undefined, 'http://[::1]:8080/install.sh', undefined)).toBe('http://[::1]:8080');
  });
});
