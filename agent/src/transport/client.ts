import type https from 'node:https';
import axios from 'axios';
import type { AxiosProxyConfig } from 'axios';
import { AGENT_VERSION } from '../version.js';
import { proxyFor } from './proxy.js';
import { createHttpsAgent } from './tls.js';

export interface ClientOptions {
  server: string;
  ca?: string;
  pin?: string;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  json: unknown;
}

// Certificate problems do not heal by retrying a minute later, and retrying hides them.
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|PIN_MISMATCH|EPROTO/;

/** No HTTP answer at all: refused, DNS, timeout, TLS. */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
  get retryable(): boolean {
    return !TLS_CODES.test(this.code ?? '');
  }
}

export interface HttpClient {
  post(path: string, body: Buffer, headers: Record<string, string>): Promise<HttpResponse>;
}

export async function createClient(opts: ClientOptions): Promise<HttpClient> {
  const base = new URL(opts.server);
  const proxy = proxyFor(opts.server, opts.env ?? process.env);
  const isHttps = base.protocol === 'https:';
  const httpsAgent: https.Agent | undefined = isHttps
    ? await createHttpsAgent({ ca: opts.ca, pin: opts.pin, proxy, timeoutMs: opts.timeoutMs })
    : undefined;
  // Plain HTTP through a proxy is an absolute-URI request, which axios does itself; HTTPS goes through
  // our tunnel agent, so axios' own env-proxy handling is switched off either way.
  const axiosProxy: AxiosProxyConfig | false =
    !isHttps && proxy
      ? {
          protocol: proxy.protocol.replace(':', ''),
          host: proxy.hostname,
          port: Number(proxy.port) || 80,
          ...(proxy.username
            ? { auth: { username: decodeURIComponent(proxy.username), password: decodeURIComponent(proxy.password) } }
            : {}),
        }
      : false;

  return {
    async post(path, body, headers) {
      try {
        const res = await axios.request<string>({
          url: new URL(path, base.href.endsWith('/') ? base.href : base.href + '/').href,
          method: 'POST',
          data: body,
          headers: { 'User-Agent': `parc-agent/${AGENT_VERSION}`, Accept: 'application/json', ...headers },
          timeout: opts.timeoutMs,
          proxy: axiosProxy,
          httpsAgent,
          maxRedirects: 0,
          maxBodyLength: Infinity,
          maxContentLength: 4 * 1024 * 1024,
          responseType: 'text',
          transformResponse: (d: unknown) => d,
          validateStatus: () => true,
        });
        const hdrs: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(res.headers ?? {})) hdrs[k.toLowerCase()] = v == null ? undefined : String(v);
        return { status: res.status, headers: hdrs, json: parseJson(res.data) };
      } catch (e) {
        const err = e as { code?: string; message?: string; cause?: { code?: string } };
        const code = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' ? 'ETIMEDOUT' : (err.cause?.code ?? err.code);
        throw new NetworkError(`${opts.server} unreachable: ${err.message ?? String(e)}`, code);
      }
    },
  };
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || !text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
