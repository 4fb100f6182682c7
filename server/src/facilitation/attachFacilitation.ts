// socket.io endpoint for facilitation (timer, voting, phases come later: docs/roadmap.md). Today it
// authenticates with the same session as the board socket, joins the board's room and says who
// the client is. Handlers ask auth/permissions.ts, like the y-websocket rooms do.
// Every engine.io connection counts in the per-address cap shared with /yjs from its first moment,
// before authentication, and every socket's events are rate-limited (issue 6, item 8).
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Logger } from 'pino';
import type { ClientToServerEvents, ErrorCode, ServerToClientEvents } from '../../../shared/src/protocol.ts';
import type { AuthenticatedSession, BoardService } from '../boards/BoardService.ts';
import type { Metrics } from '../observability/Metrics.ts';
import { isAllowed } from '../auth/permissions.ts';
import { SessionExpiryTimer } from '../auth/SessionExpiryTimer.ts';
import type { LiveSessions } from '../auth/LiveSessions.ts';
import { SOCKET_IO_PATH } from '../http/attachUpgradeRouter.ts';
import { clientAddress, type ProxyTrust } from '../http/clientAddress.ts';
import type { ConnectionCap } from '../http/ConnectionCap.ts';

interface SocketData {
  session: AuthenticatedSession;
}

type FacilitationServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type FacilitationSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

interface FacilitationOptions {
  boards: BoardService;
  log: Logger;
  metrics: Metrics;
  /** Open connections per client address, shared with /yjs. */
  perAddress: ConnectionCap;
  /** Which X-Forwarded-For hops are trusted proxies (as for the REST rate limits). */
  trustProxy: ProxyTrust | false;
  /** Events per second per socket (burst); above: an `error` event `rate_limited` and a disconnect. */
  eventsPerSecond: number;
  /** A facilitator ending the session (issue 10) disconnects its sockets at once, after an `error` event. */
  live: LiveSessions;
  /** The Redis adapter with several instances (bus/openBoardBus.ts); undefined: in memory. */
  adapter?: ServerOptions['adapter'];
}

/** What we use of an engine.io connection (the transport under a socket.io socket). */
interface EngineConnection {
  request: IncomingMessage;
  send(data: string): void;
  close(): void;
  once(event: 'close', listener: () => void): void;
}

/**
 * How long an engine.io connection may stay without joining a namespace, i.e. without passing
 * authentication. socket.io's default of 45 s let 4,060 idle sockets from one address pile up;
 * a real client sends its CONNECT packet right after the engine.io handshake.
 */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * socket.io protocol v5 CONNECT_ERROR (packet type 4) for the main namespace: the client emits
 * `connect_error` with this message, as for a refusal by the authentication middleware.
 */
function connectErrorPacket(code: ErrorCode): string {
  return `4${JSON.stringify({ message: code })}`;
}

/** The socket.io room of a board. */
function boardRoom(boardId: string): string {
  return `board:${boardId}`;
}

export function attachFacilitation(httpServer: HttpServer, opts: FacilitationOptions): FacilitationServer {
  const io: FacilitationServer = new Server(httpServer, {
    path: SOCKET_IO_PATH,
    // Facilitation events are tiny; this stops memory exhaustion through big payloads.
    maxHttpBufferSize: 64 * 1024,
    // Leave upgrades that are not ours (/yjs) to the server's own router.
    destroyUpgrade: false,
    serveClient: false,
    connectTimeout: CONNECT_TIMEOUT_MS,
    ...(opts.adapter ? { adapter: opts.adapter } : {}),
  });

  io.engine.on('connection', (conn: EngineConnection) => {
    const release = opts.perAddress.acquire(clientAddress(conn.request, opts.trustProxy));
    if (!release) {
      // The address is personal data: the log line says only that it happened.
      opts.log.warn({ transport: 'socket.io', limit: opts.perAddress.limit }, 'refused connection: too many connections from this address');
      conn.send(connectErrorPacket('address_connections'));
      conn.close();
      return;
    }
    conn.once('close', release);
  });

  const events = new RateLimiterMemory({ keyPrefix: 'socketio', points: opts.eventsPerSecond, duration: 1 });

  io.use(async (socket, next) => {
    try {
      const auth = await opts.boards.resolveSession((socket.handshake.auth as { session?: unknown } | undefined)?.session);
      if (!auth || !isAllowed(auth, 'board:read')) {
        opts.log.warn({ transport: 'socket.io' }, 'refused connection: invalid or expired session');
        return next(new Error('unauthorized' satisfies ErrorCode));
      }
      socket.data.session = auth;
      next();
    } catch (err) {
      opts.log.error({ err }, 'socket.io authentication failed');
      next(new Error('internal' satisfies ErrorCode));
    }
  });

  io.on('connection', (socket: FacilitationSocket) => {
    const { boardId, role, name, participantId, sessionHash, expiresAt } = socket.data.session;
    opts.metrics.socketioConnections.inc();
    // Like the board socket: the session is checked again when it would expire (docs/api.md).
    const expiry = new SessionExpiryTimer({
      sessionHash,
      expiresAt,
      lookup: (hash) => opts.boards.sessionExpiresAt(hash),
      onExpired: () => {
        opts.log.warn({ transport: 'socket.io', boardId }, 'closing connection: session expired');
        socket.emit('error', { error: 'unauthorized', message: 'The session expired; renew it and connect again.' });
        socket.disconnect(true);
      },
      onError: (err) => opts.log.error({ err }, 'could not re-read the session; trying again'),
    });
    const leaveLive = opts.live.add(sessionHash, (why) => {
      socket.emit('error', { error: why, message: why === 'removed' ? 'A facilitator removed you from this board.' : 'A facilitator revoked the link you joined with.' });
      socket.disconnect(true);
    });
    socket.on('disconnect', () => {
      leaveLive();
      expiry.stop();
      opts.metrics.socketioConnections.dec();
    });
    let flooded = false;
    socket.use((_event, next) => {
      events.consume(socket.id).then(
        () => next(),
        () => {
          if (flooded) return;
          flooded = true;
          opts.log.warn({ transport: 'socket.io', boardId }, 'closing connection: event rate limit exceeded');
          socket.emit('error', { error: 'rate_limited', message: 'Too many events; connect again in a moment.' });
          socket.disconnect(true);
        },
      );
    });
    void socket.join(boardRoom(boardId));
    socket.emit('session:info', { role, name, boardId, participantId });
    socket.on('ping', (ack) => {
      if (typeof ack === 'function') ack(Date.now());
    });
  });

  return io;
}
