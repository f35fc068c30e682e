/**
 * The URL machines reach this server at, baked into the bootstrap scripts. PARC_PUBLIC_URL wins;
 * without it, the request's own origin (Host header), upgraded to https when a TLS-terminating proxy
 * says so. Only a plain host[:port] is accepted from the request, so nothing odd can reach a script.
 */
export function publicUrl(configured: string | undefined, requestUrl: string, forwardedProto: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  const url = new URL(requestUrl);
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(url.host)) {
    throw new Error(`request host "${url.host}" is not a plain host name`);
  }
  const proto = forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https' ? 'https:' : url.protocol;
  return `${proto}//${url.host}`;
}
