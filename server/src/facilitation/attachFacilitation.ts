// socket.io endpoint for facilitation (issue 10): authenticates with the same session as the board
// socket, joins the board's room, says who the client is and sends the board's session state (agenda,
// timer, locks) on join and after every change. Facilitators' `session:command` events are checked
// (auth/permissions.ts, then the zod schema in shared/) and applied by BoardSessions; an event the
// role may not send gets an `error` event and is never applied.
// Every engine.io connection counts in the per-address cap shared with /yjs from its first moment,
// before authentication, and every socket's events are rate-limited (issue 6, item 8).
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Logger } from 'pino';
import type { ClientToServerEvents, CommandAck, ErrorCode, ServerToClientEvents } from '../../../shared/src/protocol.ts';
import { SessionCommand } from '../../../shared/src/facilitation/sessionCommands.ts';
import { VoteCast } from '../../../shared/src/facilitation/dotVotes.ts';
import type { BoardSessions } from './BoardSessions.ts';
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
  sessions: BoardSessions;
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

/** The sockets of one participant on a board: their own votes go there only, and a lowered hand. */
function voterRoom(boardId: string, participantId: string): string {
  return `voter:${boardId}:${participantId}`;
}

const VOTE_REFUSALS = {
  over_budget: 'Every vote of your budget is given; take one back to vote elsewhere.',
  per_item: 'This note has as many of your votes as one note may get.',
  none_to_take: 'This note has none of your votes to take back.',
  no_voting: 'The current phase has no voting.',
  not_on_canvas: 'Votes go to notes on the canvas of the current phase.',
} as const;

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
    let closed = false;
    conn.once('close', () => (closed = true));
    void opts.perAddress.acquire(clientAddress(conn.request, opts.trustProxy)).then((release) => {
      if (closed) return release?.();
      if (!release) {
        // The address is personal data: the log line says only that it happened.
        opts.log.warn({ transport: 'socket.io', limit: opts.perAddress.limit }, 'refused connection: too many connections from this address');
        conn.send(connectErrorPacket('address_connections'));
        conn.close();
        return;
      }
      conn.once('close', release);
    });
  });

  // Every change goes to every socket of the board, the sender's too (one way to hear it). `local`:
  // each instance tells its own sockets once its write rules enforce the state (BoardSessions.watch),
  // never through the adapter, which would reach other instances' sockets before those instances do.
  opts.sessions.watch((boardId, state) => io.local.to(boardRoom(boardId)).emit('session:state', state));

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
    // The board's session state is held while the socket is open (a reload, a second device or a
    // restart gets it from storage).
    let held = false;
    let gone = false;
    socket.on('disconnect', () => {
      leaveLive();
      expiry.stop();
      opts.metrics.socketioConnections.dec();
      gone = true;
      if (held) opts.sessions.release(boardId);
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
    void socket.join([boardRoom(boardId), voterRoom(boardId, participantId)]);
    socket.emit('session:info', { role, name, boardId, participantId });
    // Votes and commands sent while it loads wait for it.
    const loaded = opts.sessions.acquire(boardId).then(
      () => {
        if (gone) return opts.sessions.release(boardId);
        held = true;
        const state = opts.sessions.peek(boardId);
        if (state) socket.emit('session:state', state);
        const mine = opts.sessions.myVotes(boardId, participantId);
        if (mine) socket.emit('vote:mine', mine);
      },
      (err: unknown) => {
        opts.log.error({ err, boardId }, 'loading the session state failed');
        socket.emit('error', { error: 'internal', message: 'The session state could not be loaded; connect again.' });
      },
    );
    const whenHeld = (answer: (result: CommandAck) => void, fn: () => void) =>
      void loaded.then(() => (held ? fn() : answer({ ok: false, error: 'internal', message: 'The session state could not be loaded; connect again.' })));
    socket.on('ping', (ack) => {
      if (typeof ack === 'function') ack(Date.now());
    });

    const answerWith = (ack: unknown) => (result: CommandAck) => {
      if (!result.ok) socket.emit('error', { error: result.error, message: result.message });
      if (typeof ack === 'function') (ack as (r: CommandAck) => void)(result);
    };

    socket.on('vote:cast', (raw: unknown, ack?: unknown) => {
      const answer = answerWith(ack);
      if (!isAllowed(socket.data.session, 'board:write')) {
        return answer({ ok: false, error: 'forbidden', message: 'Viewers do not vote.' });
      }
      const parsed = VoteCast.safeParse(raw);
      if (!parsed.success) return answer({ ok: false, error: 'bad_request', message: 'Invalid vote: { noteId, delta: 1 | -1 }.' });
      whenHeld(answer, () => opts.sessions.vote(boardId, participantId, parsed.data).then(
        (outcome) => {
          if (!outcome.ok) {
            const limit = outcome.reason === 'over_budget' || outcome.reason === 'per_item';
            return answer({ ok: false, error: limit ? 'vote_limit' : 'bad_request', message: VOTE_REFUSALS[outcome.reason] });
          }
          io.to(voterRoom(boardId, participantId)).emit('vote:mine', outcome.mine);
          answer({ ok: true, revision: opts.sessions.peek(boardId)?.revision ?? 0 });
        },
        (err: unknown) => {
          opts.log.error({ err, boardId }, 'storing a vote failed');
          answer({ ok: false, error: 'internal', message: 'The vote could not be stored; try again.' });
        },
      ));
    });

    let refusedCommands = 0;
    socket.on('session:command', (raw: unknown, ack?: unknown) => {
      const answer = answerWith(ack);
      if (!isAllowed(socket.data.session, 'facilitation:control')) {
        // One line per socket: a participant who keeps trying does not flood the log.
        if (refusedCommands++ === 0) opts.log.warn({ transport: 'socket.io', boardId, role }, 'refused a session command: not a facilitator');
        return answer({ ok: false, error: 'forbidden', message: 'Only a facilitator can change the session.' });
      }
      const parsed = SessionCommand.safeParse(raw);
      if (!parsed.success) {
        const detail = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'command'}: ${i.message}`).join('; ');
        return answer({ ok: false, error: 'bad_request', message: `Invalid command: ${detail}` });
      }
      const cmd = parsed.data;
      whenHeld(answer, () => {
        if (cmd.type === 'summon') {
          // Not state: everyone else on the board goes where the facilitator is.
          socket.to(boardRoom(boardId)).emit('session:summon', { canvasId: cmd.canvasId, clientId: cmd.clientId, by: name });
          return answer({ ok: true, revision: opts.sessions.peek(boardId)?.revision ?? 0 });
        }
        if (cmd.type === 'hand:lower') {
          // Not state either: each client lowers its own hand (an awareness field only it can write).
          // Rooms, so it reaches the participant's sockets on every instance (the Redis adapter).
          const { participantId: whose } = cmd;
          const to = whose === null ? socket.to(boardRoom(boardId)) : io.to(voterRoom(boardId, whose));
          to.emit('hand:lowered', { by: name, all: whose === null });
          return answer({ ok: true, revision: opts.sessions.peek(boardId)?.revision ?? 0 });
        }
        opts.sessions.apply(boardId, cmd).then(
          (result) => answer(result.ok ? { ok: true, revision: result.state.revision } : { ok: false, error: 'bad_request', message: result.reason }),
          (err: unknown) => {
            opts.log.error({ err, boardId }, 'applying a session command failed');
            answer({ ok: false, error: 'internal', message: 'The change could not be stored; try again.' });
          },
        );
      });
    });
  });

  return io;
}
