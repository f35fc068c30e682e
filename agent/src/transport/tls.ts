import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { PeerCertificate } from 'node:tls';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

/** `AB:CD:…` → `ABCD…`, for comparing fingerprints however they were written. */
export function normalizeFingerprint(fp: string): string {
  return fp.replace(/[:\s]/g, '').toUpperCase();
}

/**
 * Hostname check as usual, then the pin. Node calls this only after the chain verified, so a pin adds to
 * CA verification and never replaces it (for a self-signed server, pass its certificate as the CA).
 */
export function makeCheckServerIdentity(pin: string | undefined) {
  return (host: string, cert: PeerCertificate): Error | undefined => {
    const err = tls.checkServerIdentity(host, cert);
    if (err || !pin) return err;
    const actual = cert.fingerprint256 ? normalizeFingerprint(cert.fingerprint256) : fingerprintOf(cert);
    if (actual !== normalizeFingerprint(pin)) {
      return Object.assign(new Error(`server certificate fingerprint ${actual} does not match the pinned ${pin}`), {
        code: 'ERR_PARC_PIN_MISMATCH',
      });
    }
    return undefined;
  };
}

function fingerprintOf(cert: PeerCertificate): string {
  return cert.raw ? normalizeFingerprint(new X509Certificate(cert.raw).fingerprint256) : '';
}

export interface TlsOptions {
  ca?: string;
  pin?: string;
  /** An http(s) proxy URL to tunnel through with CONNECT. */
  proxy?: URL;
  timeoutMs: number;
}

/**
 * The https.Agent for talking to the server: optional CA file, optional pin, optional CONNECT proxy.
 * TLS sessions are not cached because Node skips checkServerIdentity on a resumed session.
 */
export async function createHttpsAgent(opts: TlsOptions): Promise<https.Agent> {
  const ca = opts.ca ? await readFile(opts.ca, 'utf8') : undefined;
  const agentOpts: https.AgentOptions = {
    ...(ca ? { ca } : {}),
    checkServerIdentity: makeCheckServerIdentity(opts.pin),
    maxCachedSessions: 0,
    keepAlive: false,
  };
  return opts.proxy ? new TunnelAgent(agentOpts, opts.proxy, opts.timeoutMs) : new https.Agent(agentOpts);
}

/** HTTPS through an HTTP proxy: CONNECT, then TLS (with our checks) over the tunnel. */
class TunnelAgent extends https.Agent {
  constructor(
    options: https.AgentOptions,
    private readonly proxy: URL,
    private readonly timeoutMs: number,
  ) {
    super(options);
  }

  override createConnection(
    options: tls.ConnectionOptions & { host?: string; port?: number },
    callback: (err: Error | null, socket?: Duplex) => void,
  ): undefined {
    const target = `${options.host}:${options.port ?? 443}`;
    const headers: Record<string, string> = { host: target };
    if (this.proxy.username) {
      const cred = `${decodeURIComponent(this.proxy.username)}:${decodeURIComponent(this.proxy.password)}`;
      headers['proxy-authorization'] = `Basic ${Buffer.from(cred).toString('base64')}`;
    }
    const req = http.request({
      host: this.proxy.hostname,
      port: Number(this.proxy.port) || 80,
      method: 'CONNECT',
      path: target,
      headers,
      timeout: this.timeoutMs,
    });
    req.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        callback(new Error(`proxy refused CONNECT to ${target}: HTTP ${res.statusCode}`));
        return;
      }
      const secure = tls.connect({ ...options, socket, servername: options.servername ?? options.host });
      // The raw tunnel would otherwise outlive the TLS session and keep the process alive.
      secure.once('close', () => socket.destroy());
      callback(null, secure);
    });
    req.once('timeout', () => req.destroy(new Error(`proxy ${this.proxy.host} timed out`)));
    req.once('error', (e) => callback(e));
    req.end();
    return undefined;
  }
}
