import { deflateSync, inflateSync } from 'node:zlib';
import { sql } from 'kysely';
import type { TestContext } from '../../helpers/test-app.js';

export const basic = (token: string) => ({ authorization: `Basic ${Buffer.from(`migration:${token}`).toString('base64')}` });

/** A current enrollment token, created through the API like an admin would. */
export async function enrollmentToken(t: TestContext): Promise<string> {
  const res = await t.json('POST', '/api/v1/enrollment-tokens', { description: 'legacy agents' }, await t.as('admin'));
  return ((await res.json()) as { token: string }).token;
}

export interface LegacyPost {
  status: number;
  headers: Headers;
  /** The answer, inflated when the server compressed it. */
  text: string;
}

/** Posts like a peer agent: zlib body with the GLPI/OCS content type, or plain. */
export async function post(
  t: TestContext,
  path: string,
  body: string | Buffer,
  opts: { zlib?: boolean; contentType?: string; headers?: Record<string, string>; remote?: string } = {},
): Promise<LegacyPost> {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const data = opts.zlib ? deflateSync(bytes) : bytes;
  const contentType = opts.contentType ?? (opts.zlib ? (path === '/ocsinventory' ? 'application/x-compress' : 'application/x-compress-zlib') : 'application/xml');
  const env = opts.remote ? { incoming: { socket: { remoteAddress: opts.remote, remotePort: 40000, remoteFamily: opts.remote.includes(':') ? 'IPv6' : 'IPv4' } } } : undefined;
  const res = await t.app.request(path, { method: 'POST', headers: { 'content-type': contentType, ...opts.headers }, body: new Uint8Array(data) }, env);
  const raw = Buffer.from(await res.arrayBuffer());
  const text = raw[0] === 0x78 ? inflateSync(raw).toString('utf8') : raw.toString('utf8');
  return { status: res.status, headers: res.headers, text };
}

/** Row counts of everything an inventory writes: "nothing stored" means these do not move. */
export async function storedCounts(t: TestContext) {
  const r = await sql<{ devices: number; changes: number; installs: number; components: number }>`
    select (select count(*)::int from devices) as devices, (select count(*)::int from device_changes) as changes,
           (select count(*)::int from software_installations) as installs, (select count(*)::int from device_components) as components`.execute(t.db);
  return r.rows[0]!;
}
