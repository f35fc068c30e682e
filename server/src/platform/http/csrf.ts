import { ForbiddenError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A write authenticated by the session cookie must come from a page of this server: browsers send the
 * cookie with requests another site (or another port of the same host) makes, but they also send
 * `Origin`, which such a page cannot forge. Bearer tokens are not sent by browsers on their own, so
 * they need no check. `allowedOrigins`: the request's own origin and PARC_PUBLIC_URL's.
 */
export function assertSameOrigin(method: string, headers: Headers, allowedOrigins: readonly string[]): void {
  if (SAFE_METHODS.has(method.toUpperCase())) return;
  const origin = headers.get('origin');
  if (origin !== null) {
    if (allowedOrigins.includes(origin)) return;
    throw new CsrfError(`a cookie-authenticated ${method} from ${origin} is refused: only pages of this server may write with the session cookie (scripts use a bearer token)`);
  }
  // No Origin (older browsers on same-origin requests): the Fetch Metadata header decides when present.
  const site = headers.get('sec-fetch-site');
  if (site === null || site === 'same-origin' || site === 'none') return;
  throw new CsrfError(`a cookie-authenticated ${method} from another site (${site}) is refused`);
}

export class CsrfError extends ForbiddenError {
  constructor(message: string) {
    super(message, 'csrf_refused');
  }
}

/** The origin (`scheme://host[:port]`) of a URL, or undefined when it is not one. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
