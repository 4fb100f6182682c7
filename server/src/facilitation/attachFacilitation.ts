// socket.io endpoint for facilitation (timer, voting, phases come later: docs/roadmap.md). Today it
// authenticates with the same session as the board socket, joins the board's room and says who
// the client is. Handlers ask auth/permissions.ts, like the y-websocket rooms do.
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { ClientToServerEvents, ErrorCode, ServerToClientEvents } from '../../../shared/src/protocol.ts';
import type { AuthenticatedSession, BoardService } from '../boards/BoardService.ts';
import type { Metrics } from '../observability/Metrics.ts';
import { isAllowed } from '../auth/permissions.ts';
import { SessionExpiryTimer } from '../auth/SessionExpiryTimer.ts';
import { SOCKET_IO_PATH } from '../http/attachUpgradeRouter.ts';

interface SocketData {
  session: AuthenticatedSession;
}

type FacilitationServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type FacilitationSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

interface FacilitationOptions {
  boards: BoardService;
  log: Logger;
  metrics: Metrics;
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
  });

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
    const { boardId, role, name, sessionHash, expiresAt } = socket.data.session;
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
    socket.on('disconnect', () => {
      expiry.stop();
      opts.metrics.socketioConnections.dec();
    });
    void socket.join(boardRoom(boardId));
    socket.emit('session:info', { role, name, boardId });
    socket.on('ping', (ack) => {
      if (typeof ack === 'function') ack(Date.now());
    });
  });

  return io;
}
