// Wires storage, boards, rooms, HTTP, the y-websocket gateway and socket.io into one server on one
// port. main.ts calls it with the environment's config; tests call it in-process on port 0.
import type { AddressInfo } from 'node:net';
import type { DestinationStream, Logger } from 'pino';
import { CloseCode } from '../../shared/src/protocol.ts';
import type { Config } from './config.ts';
import { openBoardStore } from './storage/openBoardStore.ts';
import { openBoardBus, type OpenedBus } from './bus/openBoardBus.ts';
import { BoardService } from './boards/BoardService.ts';
import { FacilitatorService } from './boards/FacilitatorService.ts';
import { LinkVault } from './auth/LinkVault.ts';
import { LiveSessions } from './auth/LiveSessions.ts';
import { PasswordGuard } from './auth/PasswordGuard.ts';
import { RoomManager } from './rooms/RoomManager.ts';
import { PrivateBrainstorm } from './boards/PrivateBrainstorm.ts';
import { Metrics } from './observability/Metrics.ts';
import { createLogger } from './observability/createLogger.ts';
import { createHttpApp } from './http/createHttpApp.ts';
import { proxyTrust } from './http/clientAddress.ts';
import { connectionCap } from './http/ConnectionCap.ts';
import { attachUpgradeRouter } from './http/attachUpgradeRouter.ts';
import { YjsGateway } from './yjs/YjsGateway.ts';
import { attachFacilitation } from './facilitation/attachFacilitation.ts';
import { BoardSessions } from './facilitation/BoardSessions.ts';
import { takePhaseSnapshot } from './facilitation/takePhaseSnapshot.ts';
import { noteCanvasOf } from './facilitation/noteCanvasOf.ts';

export interface RunningServer {
  /** Base URL, e.g. http://localhost:3000 (the PUBLIC_URL when set). */
  url: string;
  /** The port actually bound (useful with port 0). */
  port: number;
  log: Logger;
  /** Stores everything, closes sockets with 1001, closes the database. Idempotent. */
  close(): Promise<void>;
}

const SESSION_CLEANUP_INTERVAL_MS = 60 * 60 * 1000;
/** Stored bytes of one participant's private document past which it refuses growth (4409). */
const PRIVATE_DOC_MAX_BYTES = 1024 * 1024;

export interface StartOptions {
  /** Where log lines go (default stdout); tests capture them to check that no secret is logged. */
  logDestination?: DestinationStream;
  /**
   * Turns the write rules off (every session may write anything, as before issue 7). Only
   * bench/writeRules sets it, to measure what the rules cost; no environment variable reaches it.
   */
  benchWithoutWriteRules?: boolean;
  /** Stores a board's updates one append each, as before group commit: only bench/storage sets it, to compare. */
  benchWithoutGroupCommit?: boolean;
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const log = createLogger(config.logLevel, opts.logDestination);
  const opened = await openBoardStore(config, log);
  const store = opened.store;
  let vault: LinkVault;
  let bus: OpenedBus;
  try {
    vault = LinkVault.open(config.dataDir, config.linkKey);
    bus = await openBoardBus(config, log);
  } catch (err) {
    await opened.close();
    throw err;
  }
  const metrics = new Metrics();
  let publicUrl = config.publicUrl ?? '';
  let closing = false;

  const boards = new BoardService(store, {
    publicUrl: () => publicUrl,
    sessionTtlMs: config.sessionTtlSeconds * 1000,
    vault,
    passwords: new PasswordGuard(bus.rateLimit),
  });
  // Open sockets per session, so a facilitator ending sessions closes them at once (issue 10).
  const live = new LiveSessions((hashes, why) => bus.bus.publishSessionsEnded(hashes, why));
  bus.bus.onSessionsEnded((hashes, why) => live.endHere(hashes, why));
  // Agenda, timer and locks per board (issue 10): the rooms' write rules and socket.io share it.
  const sessions: BoardSessions = new BoardSessions({
    store,
    log,
    noteCanvas: (boardId, noteId): Promise<string | undefined> => rooms.read(boardId, (doc) => noteCanvasOf(doc, noteId)),
    bus: bus.bus,
    // A private agenda phase opens (issue 10): its canvas turns private, as the facilitator's switch does.
    turnPrivate: (boardId, change) => brainstorm.turnPrivate(boardId, change),
  });
  const rooms: RoomManager = new RoomManager({
    store,
    log,
    metrics,
    maxBoardBytes: config.maxBoardBytes,
    compactEveryUpdates: config.compactEveryUpdates,
    idleUnloadMs: config.idleUnloadMs,
    writeRules: !opts.benchWithoutWriteRules,
    groupCommit: !opts.benchWithoutGroupCommit,
    bus: bus.bus,
    sessions,
  });
  sessions.listen(({ boardId, state, phaseChanged }) => {
    if (!phaseChanged || closing) return;
    takePhaseSnapshot(store, rooms, boardId, state, Date.now()).catch((err: unknown) => log.error({ err, boardId }, 'phase snapshot failed'));
  });
  // Participants' private documents (issue 10): their own rooms and log, notes only, a smaller cap
  // (thousands of notes) so hidden storage that no one else sees cannot fill the disk.
  const privateRooms = new RoomManager({
    store: store.privateDocuments,
    privateDoc: true,
    log,
    metrics,
    maxBoardBytes: Math.min(config.maxBoardBytes, PRIVATE_DOC_MAX_BYTES),
    compactEveryUpdates: config.compactEveryUpdates,
    idleUnloadMs: config.idleUnloadMs,
    writeRules: !opts.benchWithoutWriteRules,
    // Numbered per document without gaps (PostgreSQL), on channels `<boardId>/<participantId>`: an owner's
    // tabs on two instances see each other's notes, and compaction is as safe as for boards.
    bus: bus.bus,
  });
  const brainstorm = new PrivateBrainstorm({ boards, rooms, privateRooms, privateDocuments: store.privateDocuments });
  if (opts.benchWithoutWriteRules) log.warn('write rules are off (bench only): every session may change anything');
  // One trust function and one per-address count for REST, /yjs and socket.io, so all three agree
  // on who a client is and one host cannot go around the cap through the other endpoint.
  const trustProxy = proxyTrust(config.trustProxy);
  const perAddress = connectionCap(config.wsConnectionsPerIp, 'conn-address:', bus.rateLimit);
  const facilitator = new FacilitatorService({ boards, store, rooms, vault, live, sessions });
  const app = await createHttpApp({
    log,
    boards,
    facilitator,
    sessions,
    brainstorm,
    rooms,
    metrics,
    clientDir: config.clientDir,
    trustProxy,
    boardsPerMinute: config.rateLimitBoardsPerMinute,
    sessionsPerMinute: config.rateLimitSessionsPerMinute,
    rateLimit: bus.rateLimit,
    isHealthy: () => !closing,
  });
  const gateway = new YjsGateway({
    boards,
    rooms,
    privateRooms,
    log,
    metrics,
    maxFrameBytes: config.maxFrameBytes,
    messagesPerSecond: config.wsMessagesPerSecond,
    perAddress,
    perSession: connectionCap(config.wsConnectionsPerSession, 'conn-session:', bus.rateLimit),
    trustProxy,
    live,
  });
  const io = attachFacilitation(app.server, { boards, log, metrics, perAddress, trustProxy, eventsPerSecond: config.socketioEventsPerSecond, live, sessions, adapter: bus.socketIoAdapter });
  attachUpgradeRouter(app.server, gateway);

  await app.listen({ port: config.port, host: config.host });
  const port = (app.server.address() as AddressInfo).port;
  if (!publicUrl) publicUrl = `http://localhost:${port}`;
  log.info({ port, host: config.host, publicUrl, dataDir: config.dataDir }, 'server listening');

  const cleanup = setInterval(() => {
    boards.deleteExpiredSessions().catch((err: unknown) => log.error({ err }, 'session cleanup failed'));
  }, SESSION_CLEANUP_INTERVAL_MS);
  cleanup.unref();
  await boards.deleteExpiredSessions();

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      closing = true;
      gateway.stopAccepting();
      clearInterval(cleanup);
      log.info('shutting down: storing boards and closing connections');
      sessions.close();
      await Promise.all([
        rooms.closeAll(CloseCode.GoingAway, 'server shutting down'),
        privateRooms.closeAll(CloseCode.GoingAway, 'server shutting down'),
      ]);
      await gateway.close();
      // `local`: with the Redis adapter a plain disconnectSockets would close every instance's sockets.
      io.local.disconnectSockets(true);
      io.engine.close();
      await app.close();
      await bus.close();
      await opened.close();
      log.info('shut down');
    })());

  return { url: publicUrl, port, log, close };
}
