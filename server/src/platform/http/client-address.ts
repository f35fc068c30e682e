import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from './context.js';
import { ipInRanges, parseCidr, type Cidr } from './cidr.js';

/** How the peer address of a request is found; tests inject their own (app.request has no socket). */
export type PeerAddressResolver = (c: Context<AppEnv>) => string | undefined;

/** The peer address from the Node socket; undefined when not served by @hono/node-server. */
export const socketPeerAddress: PeerAddressResolver = (c) => {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
};

/**
 * The client's address: the socket peer, unless that peer is a trusted proxy, in which case the
 * right-most `X-Forwarded-For` entry that is not itself a trusted proxy (entries further left are
 * written by the client and prove nothing).
 */
export function clientAddressOf(peer: string | undefined, forwardedFor: string | undefined, trusted: readonly Cidr[]): string | undefined {
  if (!peer || !trusted.length || !ipInRanges(peer, trusted) || !forwardedFor) return peer;
  const hops = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!ipInRanges(hops[i], trusted)) return hops[i];
  }
  return hops[0] ?? peer;
}

/** Sets `clientAddress` on every request, for the features that count or record by address. */
export function clientAddressMiddleware(opts: { trustedProxies: readonly string[]; peer?: PeerAddressResolver }): MiddlewareHandler<AppEnv> {
  const trusted = opts.trustedProxies.map((t) => parseCidr(t)).filter((c): c is Cidr => c !== undefined);
  const peer = opts.peer ?? socketPeerAddress;
  return async (c, next) => {
    c.set('clientAddress', clientAddressOf(peer(c), c.req.header('x-forwarded-for'), trusted));
    await next();
  };
}
