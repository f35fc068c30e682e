/**
 * The proxy for a URL from HTTP_PROXY / HTTPS_PROXY / NO_PROXY (lower case wins, as curl does).
 * Decided here rather than left to axios so that HTTPS goes through a CONNECT tunnel we control, which
 * keeps the CA and fingerprint checks on the end-to-end TLS session.
 */
export function proxyFor(target: string, env: NodeJS.ProcessEnv): URL | undefined {
  const url = new URL(target);
  const raw =
    url.protocol === 'https:'
      ? (env.https_proxy ?? env.HTTPS_PROXY ?? env.all_proxy ?? env.ALL_PROXY)
      : (env.http_proxy ?? env.HTTP_PROXY ?? env.all_proxy ?? env.ALL_PROXY);
  if (!raw || bypassProxy(url, env.no_proxy ?? env.NO_PROXY ?? '')) return undefined;
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
}

/** NO_PROXY: comma/space list of hosts, domain suffixes (`.corp`, `corp`), `host:port`, or `*`. */
export function bypassProxy(url: URL, noProxy: string): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const m = /^(.*?)(?::(\d+))?$/.exec(entry.toLowerCase().replace(/^\[|\]$/g, ''));
      const [, name = '', p] = m ?? [];
      if (p && p !== port) return false;
      const suffix = name.replace(/^\*?\.?/, '');
      return host === suffix || host.endsWith(`.${suffix}`);
    });
}
