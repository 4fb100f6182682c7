// The address a request comes from, as the REST rate limits see it (fastify's request.ip with
// `trustProxy: true`): behind a reverse proxy we trust, the left-most X-Forwarded-For entry (the
// original client); otherwise the socket's peer. Used for limits on WebSocket upgrades, which do
// not pass through fastify.
import type { IncomingMessage } from 'node:http';

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const value = Array.isArray(header) ? header.join(',') : header;
    const first = value
      ?.split(',')
      .map((s) => s.trim())
      .find((s) => s.length > 0);
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
