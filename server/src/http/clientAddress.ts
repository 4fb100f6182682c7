// The address a request comes from, identically for the REST rate limits (fastify's request.ip,
// given the same trust function) and for the connection caps on WebSocket upgrades, which do not
// pass through fastify. Behind trusted proxies it is the right-most X-Forwarded-For entry that a
// trusted hop did not write: every proxy appends the address it saw, while everything left of
// that may be written by the client (issue 6, item 7). @fastify/proxy-addr is what fastify runs.
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * TRUST_PROXY: how many proxies stand in front of the server (0: none, use the socket's peer), or
 * the addresses / CIDR ranges of the trusted proxies (proxy-addr names `loopback`, `linklocal`
 * and `uniquelocal` included).
 */
export type TrustProxy = number | readonly string[];

/** proxy-addr's trust function: is the hop at `index` (0 = the socket's peer) a trusted proxy? */
export type ProxyTrust = (address: string, index: number) => boolean;

/**
 * The trust function for a TRUST_PROXY value, or false for none (fastify then ignores forwarded
 * headers entirely). Throws proxy-addr's error for an entry that is not an address or range.
 */
export function proxyTrust(spec: TrustProxy): ProxyTrust | false {
  if (typeof spec === 'number') {
    if (spec <= 0) return false;
    // Not fastify's own number handling: fastify 5 treats a number as "trust nothing".
    return (_address, index) => index < spec;
  }
  return spec.length === 0 ? false : proxyAddr.compile([...spec]);
}

export function clientAddress(req: IncomingMessage, trust: ProxyTrust | false): string {
  // Undefined once the socket is gone; all such requests share one key (they are closing anyway).
  if (req.socket.remoteAddress === undefined) return 'unknown';
  return trust ? proxyAddr(req, trust) : req.socket.remoteAddress;
}
