// The fastify application: REST API, health, metrics and the built client. WebSocket upgrades
// (/yjs, /socket.io) are routed on the same node:http server by attachUpgradeRouter.
import Fastify, { LogController, type FastifyError } from 'fastify';
import type { Logger } from 'pino';
import type { BoardService } from '../boards/BoardService.ts';
import type { FacilitatorService } from '../boards/FacilitatorService.ts';
import type { BoardSessions } from '../facilitation/BoardSessions.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import { BoardError } from '../boards/BoardError.ts';
import type { Metrics } from '../observability/Metrics.ts';
import { stripQuery } from '../observability/createLogger.ts';
import { apiRoutes } from './apiRoutes.ts';
import { accountsRoute } from './accountsRoute.ts';
import { privateRoutes } from './privateRoutes.ts';
import type { PrivateBrainstorm } from '../boards/PrivateBrainstorm.ts';
import { clientRoutes } from './clientRoutes.ts';
import { sendError } from './sendError.ts';
import type { ProxyTrust } from './clientAddress.ts';
import type { RedisLimits } from './rateLimiter.ts';

interface HttpAppOptions {
  log: Logger;
  boards: BoardService;
  /** The facilitator's endpoints (issue 10). */
  facilitator: FacilitatorService;
  /** The boards' session states: the export and the plan read the revealed votes. */
  sessions: BoardSessions;
  /** Hidden-note counts and the reveal (issue 10, private brainstorm). */
  brainstorm: PrivateBrainstorm;
  /** Live board documents (the export reads them). */
  rooms: RoomManager;
  metrics: Metrics;
  clientDir: string;
  /** Which hops of X-Forwarded-For are trusted proxies (clientAddress.ts); false: none. */
  trustProxy: ProxyTrust | false;
  boardsPerMinute: number;
  sessionsPerMinute: number;
  /** REST limits counted across instances (REDIS_URL). */
  rateLimit?: RedisLimits;
  /** False while shutting down: /healthz answers 503 so a load balancer stops sending traffic. */
  isHealthy: () => boolean;
}

/** Request bodies are small JSON objects; anything bigger is refused before parsing (memory). */
const BODY_LIMIT_BYTES = 16 * 1024;

export async function createHttpApp(opts: HttpAppOptions) {
  const app = Fastify({
    loggerInstance: opts.log,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: opts.trustProxy,
    // Our own onResponse line replaces fastify's two lines per request (and strips query strings).
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
  });

  // One line per request, without query strings (they may carry a session).
  app.addHook('onResponse', async (req, reply) => {
    const line = { method: req.method, url: stripQuery(req.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (req.url.startsWith('/api')) req.log.info(line, 'request');
    else req.log.debug(line, 'request');
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    // Board URLs are capabilities-adjacent (the id is in the path): never leak them as Referer.
    reply.header('Referrer-Policy', 'no-referrer');
    return payload;
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof BoardError) return sendError(reply, err.code, err.message, err.extra);
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 'too_large', 'The request body is too large.');
    if (err.statusCode === 415) return sendError(reply, 'unsupported_media_type', 'Send the file with Content-Type: text/csv.');
    if (err.statusCode === 429) return sendError(reply, 'rate_limited', 'Too many requests; wait a minute and try again.');
    // @fastify/static refuses directories and paths outside its root with 403: nothing to see there.
    if (err.statusCode === 403 || err.statusCode === 404) return sendError(reply, 'not_found', 'Not found.');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendError(reply, 'bad_request', `Invalid request: ${err.message}`);
    }
    req.log.error({ err }, 'request failed');
    return sendError(reply, 'internal', 'Something went wrong on the server.');
  });

  app.get('/healthz', async (_req, reply) => {
    if (!opts.isHealthy()) return reply.code(503).send({ status: 'shutting_down' });
    return { status: 'ok' };
  });

  app.get('/metrics', async (_req, reply) => {
    reply.type(opts.metrics.registry.contentType);
    return opts.metrics.registry.metrics();
  });

  await app.register(apiRoutes, {
    boards: opts.boards,
    facilitator: opts.facilitator,
    sessions: opts.sessions,
    rooms: opts.rooms,
    boardsPerMinute: opts.boardsPerMinute,
    sessionsPerMinute: opts.sessionsPerMinute,
    rateLimit: opts.rateLimit,
  });
  await app.register(accountsRoute, { boards: opts.boards, rooms: opts.rooms });
  await app.register(privateRoutes, { brainstorm: opts.brainstorm });
  await app.register(clientRoutes, { clientDir: opts.clientDir });
  return app;
}
