// The y-websocket endpoint `/yjs/<boardId>?session=...`: accepts the upgrade, authenticates, hands
// the connection to its board's Room and enforces per-connection limits. Failures close with a
// CloseCode (docs/api.md) because a browser cannot read the HTTP status of a refused upgrade.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import type { Logger } from 'pino';
import { BOARD_ID_PATTERN, CloseCode, CloseReason } from '../../../shared/src/protocol.ts';
import type { BoardService } from '../boards/BoardService.ts';
import { isAllowed } from '../auth/permissions.ts';
import type { Metrics } from '../observability/Metrics.ts';
import type { RoomManager } from '../rooms/RoomManager.ts';
import type { Room } from '../rooms/Room.ts';
import { RoomClient } from '../rooms/RoomClient.ts';
import { privateDocId } from '../rooms/privateDocId.ts';
import { ConnectionBudget } from '../rooms/ConnectionBudget.ts';
import { FrameSender } from './FrameSender.ts';
import { SessionExpiryTimer } from '../auth/SessionExpiryTimer.ts';
import type { LiveSessions } from '../auth/LiveSessions.ts';
import { clientAddress, type ProxyTrust } from '../http/clientAddress.ts';
import type { ConnectionCap } from '../http/ConnectionCap.ts';

export const YJS_PATH_PREFIX = '/yjs/';

interface YjsGatewayOptions {
  boards: BoardService;
  rooms: RoomManager;
  /** Participants' private documents (issue 10): `/yjs/<boardId>?session=...&private=<participantId>`. */
  privateRooms: RoomManager;
  log: Logger;
  metrics: Metrics;
  /** Frames above this close the connection with 4413 (memory exhaustion by one message). */
  maxFrameBytes: number;
  /**
   * Budget points per second per connection (a message costs 1 point plus 1 per 64 KiB it carries or
   * makes the server send); above: 4429 (one client flooding a room or making it encode the board).
   */
  messagesPerSecond: number;
  /** Open connections per client address, shared with socket.io; above: 4503 (one host exhausting memory and file descriptors). */
  perAddress: ConnectionCap;
  /** Open connections per session; above: 4429 (one person's tabs; the cap per address is far higher, for shared networks). */
  perSession: ConnectionCap;
  /** Which X-Forwarded-For hops are trusted proxies (as for the REST rate limits). */
  trustProxy: ProxyTrust | false;
  /** Interval of keepalive pings; a socket that did not answer the previous one is dropped. */
  pingIntervalMs?: number;
  /** Where the connection registers, so a facilitator ending its session closes it at once (4410). */
  live: LiveSessions;
}

/** 1013 Try Again Later: the client reconnects by itself (outside 4400-4499 on purpose). */
const SLOW_CONSUMER_CLOSE_CODE = 1013;

/** Messages a client may send before its board is loaded; they are queued, not dropped. */
const MAX_PENDING_MESSAGES = 256;

export class YjsGateway {
  private readonly wss: WebSocketServer;
  private readonly frames = new FrameSender();
  private readonly alive = new Map<WebSocket, boolean>();
  private readonly pingTimer: NodeJS.Timeout;
  private nextId = 1;
  private closing = false;
  /** Bytes queued for one socket beyond which it is considered too slow (see send below). */
  private readonly maxBufferedBytes: number;

  constructor(private readonly opts: YjsGatewayOptions) {
    // maxPayload at twice the limit so frames between the two can be read and refused with 4413;
    // beyond it `ws` closes with 1009 by itself. No compression: it costs CPU per message and
    // invites compression bombs.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 2 * opts.maxFrameBytes, perMessageDeflate: false });
    this.maxBufferedBytes = Math.max(16 * 1024 * 1024, 4 * opts.maxFrameBytes);
    this.pingTimer = setInterval(() => this.ping(), opts.pingIntervalMs ?? 30_000);
    this.pingTimer.unref();
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.onConnection(ws, req).catch((err: unknown) => {
        this.opts.log.error({ err }, 'y-websocket connection setup failed');
        ws.close(1011, 'internal error');
      });
    });
  }

  private async onConnection(ws: WebSocket, req: IncomingMessage): Promise<void> {
    const { log: rootLog, metrics, boards } = this.opts;
    const connId = this.nextId++;
    let log = rootLog.child({ conn: connId });
    metrics.wsConnections.inc();
    this.alive.set(ws, true);

    let client: RoomClient | undefined;
    let room: Room | undefined;
    let closed = false;
    const pending: Uint8Array[] = [];
    const budget = new ConnectionBudget(this.opts.messagesPerSecond);

    const closeWith = (code: number, reason: string, detail?: Record<string, unknown>) => {
      if (client) return client.reject(code, reason, detail);
      if (closed) return;
      closed = true;
      log.warn({ code, reason, ...detail }, 'closing connection');
      metrics.wsClosed.inc({ code });
      ws.close(code, reason);
    };

    ws.on('error', (err) => log.debug({ err: err.message }, 'socket error'));
    ws.on('pong', () => this.alive.set(ws, true));
    let releaseAddress: (() => void) | undefined;
    let releaseSession: (() => void) | undefined;
    let expiry: SessionExpiryTimer | undefined;
    let leaveLive: (() => void) | undefined;
    ws.on('close', () => {
      leaveLive?.();
      closed = true;
      this.alive.delete(ws);
      metrics.wsConnections.dec();
      releaseAddress?.();
      releaseSession?.();
      expiry?.stop();
      client?.markClosed();
    });
    // Listen from the first moment: messages sent while the board loads are queued, not lost.
    ws.on('message', (raw: RawData) => {
      try {
        if (closed || client?.closed) return;
        const data = toBytes(raw);
        if (data.byteLength > this.opts.maxFrameBytes) {
          closeWith(CloseCode.TooLarge, 'frame too large', { bytes: data.byteLength });
          return;
        }
        if (!budget.take(data.byteLength)) {
          closeWith(CloseCode.RateLimited, 'rate limit exceeded');
          return;
        }
        if (room && client) room.receive(client, data);
        else if (pending.length >= MAX_PENDING_MESSAGES) closeWith(CloseCode.RateLimited, 'too many messages before sync');
        else pending.push(data);
      } catch (err) {
        closeWith(CloseCode.BadRequest, 'malformed message', { err: String(err) });
      }
    });

    if (this.closing) {
      closed = true;
      ws.close(CloseCode.GoingAway, 'server shutting down');
      return;
    }
    // Counted before anything else is awaited (ConnectionCap checks this instance's count at once).
    releaseAddress = await this.opts.perAddress.acquire(clientAddress(req, this.opts.trustProxy));
    // Closed while the count was asked: the close handler ran before there was anything to release.
    if (closed) return releaseAddress?.();
    if (!releaseAddress) {
      // The address is not a secret, but it is personal data: the log line says only that it happened.
      return closeWith(CloseCode.AddressBusy, CloseReason.AddressConnections, { limit: this.opts.perAddress.limit });
    }

    const url = new URL(req.url ?? '/', 'http://localhost');
    const boardId = url.pathname.slice(YJS_PATH_PREFIX.length);
    if (!BOARD_ID_PATTERN.test(boardId)) return closeWith(CloseCode.BadRequest, 'bad board id');
    log = log.child({ boardId });
    const session = url.searchParams.get('session');
    if (!session) return closeWith(CloseCode.Unauthorized, 'missing session');
    // Session and board are checked before the room is loaded: strangers cannot make us load boards.
    const [board, auth] = await Promise.all([boards.getBoard(boardId), boards.resolveSession(session)]);
    if (!board) return closeWith(CloseCode.NotFound, 'unknown board');
    if (!auth || auth.boardId !== boardId || !isAllowed(auth, 'board:read')) {
      return closeWith(CloseCode.Unauthorized, 'invalid or expired session');
    }
    // A private document: its owner's sessions only (permissions.ts). The id is asked for, not
    // derived, so a client asking for someone else's learns it was refused (4403), not an empty doc.
    const privateOf = url.searchParams.get('private');
    if (privateOf !== null && !isAllowed(auth, 'private:open', { kind: 'private-doc', participantId: privateOf })) {
      return closeWith(CloseCode.Forbidden, CloseReason.NotYourPrivateNotes);
    }
    if (closed) return;
    releaseSession = await this.opts.perSession.acquire(auth.sessionHash);
    if (closed) return releaseSession?.();
    if (!releaseSession) {
      return closeWith(CloseCode.RateLimited, CloseReason.SessionConnections, { limit: this.opts.perSession.limit });
    }

    log = log.child({ role: auth.role });
    leaveLive = this.opts.live.add(auth.sessionHash, (why) =>
      closeWith(CloseCode.SessionEnded, why === 'removed' ? CloseReason.Removed : CloseReason.LinkRevoked),
    );
    expiry = new SessionExpiryTimer({
      sessionHash: auth.sessionHash,
      expiresAt: auth.expiresAt,
      lookup: (hash) => boards.sessionExpiresAt(hash),
      onExpired: () => closeWith(CloseCode.Unauthorized, 'session expired'),
      onError: (err) => log.error({ err }, 'could not re-read the session; trying again'),
    });
    client = new RoomClient(
      connId,
      auth,
      {
        send: (m) => {
          if (ws.readyState !== ws.OPEN) return;
          // A client that cannot keep up would make us buffer without bound. Dropping it is cheaper:
          // it reconnects (1013 is not terminal) and catches up with one sync step.
          if (ws.bufferedAmount > this.maxBufferedBytes) {
            metrics.wsClosed.inc({ code: SLOW_CONSUMER_CLOSE_CODE });
            log.warn({ buffered: ws.bufferedAmount }, 'closing a client that does not keep up');
            ws.close(SLOW_CONSUMER_CLOSE_CODE, 'client too slow');
            return;
          }
          this.frames.send(ws, m);
        },
        close: (code, reason) => {
          metrics.wsClosed.inc({ code });
          ws.close(code, reason);
        },
      },
      log,
      budget,
    );
    const joined = privateOf === null
      ? await this.opts.rooms.join(boardId, client)
      : await this.opts.privateRooms.join(privateDocId(boardId, privateOf), client);
    if (!joined) return;
    room = joined;
    log.debug('joined');
    for (const data of pending) room.receive(client, data);
    pending.length = 0;
  }

  /** Drops sockets that did not answer the previous ping (dead peers keep rooms loaded otherwise). */
  private ping(): void {
    for (const [ws, isAlive] of this.alive) {
      if (!isAlive) {
        ws.terminate();
        continue;
      }
      this.alive.set(ws, false);
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }

  /** From now on new connections are closed with 1001 (shutdown has begun). */
  stopAccepting(): void {
    this.closing = true;
  }

  /** Refuses new connections, closes the remaining ones with 1001 and waits (briefly) for them. */
  async close(graceMs = 2000): Promise<void> {
    this.closing = true;
    clearInterval(this.pingTimer);
    for (const ws of this.wss.clients) ws.close(CloseCode.GoingAway, 'server shutting down');
    const deadline = Date.now() + graceMs;
    while (this.wss.clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function toBytes(raw: RawData): Uint8Array {
  if (Array.isArray(raw)) return Buffer.concat(raw);
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  return raw;
}
