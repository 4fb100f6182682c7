// One loaded board: its Y.Doc, presence (awareness) and the connections editing it.
//
// Invariants (issue 2, "Nothing lost"; issue 6, hostile input):
// - The doc is fully loaded from storage before any client gets a sync message (Room.load).
// - An update is checked (checkUpdate.ts) and committed to storage before it is applied to the doc,
//   and applying it is what relays it. So the doc only ever holds stored content, everything relayed
//   is durable, and nothing that could break a later encode of the board is ever stored.
// - Messages are handled one at a time in arrival order (TaskQueue), synchronously while storage
//   answers synchronously, yielding to other boards after a time slice.
// - A failure to encode the board is the server's problem (1011, logged), never the client's (4400).
// - Every update is checked against the write rules (writeCheck.ts, issue 7) before it is stored; a
//   refused one is not stored, applied or relayed, and its sender gets a Refused message.
// - The server's own writes (the participant list, the migration of a board from before canvases)
//   are stored before they are applied too; their transaction origin is SERVER_ORIGIN.
// - Several instances (issue 12, REDIS_URL): what this room stores it publishes on the bus with its
//   sequence number after applying it; what another instance stored arrives over the bus and is
//   applied (and so relayed), never stored again. `lastSeq` is the highest number up to which every
//   update is in the doc; a gap in the numbers that does not fill within GAP_WAIT_MS, a new
//   connection and a reconnect of the bus read storage (catchUp), so the room never serves a board
//   older than what any instance acknowledged. Compaction folds in only up to `lastSeq`.
// - Group commit (issue 12): while an append is in flight (PostgreSQL answers asynchronously),
//   clients' updates that arrive are checked as before, against a doc that holds every update before
//   them, so that doc also holds them before they are stored: each is applied with its relay held,
//   and the next append takes them all, one statement. Until it is stored nothing of such an update
//   leaves the room: its relay, publication and Stored acknowledgement wait for the append, and so
//   does every other task that reads the doc (sync answers, server writes, compaction, catch-up,
//   reads for requests); only presence goes on. A failed append of applied updates breaks the room:
//   every connection is closed (1011, they reconnect) and the manager unloads it (onBroken), so the
//   doc that held them is never served. An update alone in its append is applied after it is stored,
//   as without group commit: its failure closes only its sender.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as random from 'lib0/random';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import type { Logger } from 'pino';
import { CloseCode, MessageType } from '../../../shared/src/protocol.ts';
import { ROOT } from '../../../shared/src/board/schema.ts';
import { migrateBoard } from '../../../shared/src/board/migrate.ts';
import { isAllowed, SERVER_ACTOR } from '../auth/permissions.ts';
import type { AuthenticatedSession } from '../boards/BoardService.ts';
import type { DocumentLog } from '../storage/BoardStore.ts';
import type { Metrics } from '../observability/Metrics.ts';
import type { RoomClient } from './RoomClient.ts';
import { TaskQueue } from './TaskQueue.ts';
import { encodeRefused, encodeStored, encodeSyncStep1, encodeSyncStep2, encodeSyncStep2FromUpdate, encodeUpdate } from './messages.ts';
import { Presence } from './Presence.ts';
import { checkUpdate, type UpdateLimits } from './checkUpdate.ts';
import { StoredState } from './StoredState.ts';
import { loadDoc } from './loadDoc.ts';
import { checkWrites, type WriteRefusal } from './writeCheck.ts';
import { mapSetUpdate } from './mapSetUpdate.ts';
import type { BoardBus, BusMessage } from '../bus/BoardBus.ts';
import type { SessionState } from '../../../shared/src/facilitation/sessionState.ts';

/** The boards' facilitation states (facilitation/BoardSessions.ts), as a room uses them. */
export interface RoomSessions {
  acquire(boardId: string): Promise<unknown>;
  release(boardId: string): void;
  peek(boardId: string): SessionState | undefined;
}

/** WebSocket 1011 (internal error): not the client's fault, it reconnects. */
const INTERNAL_ERROR_CLOSE_CODE = 1011;

/** The state vector of an empty doc: what a new client sends in its sync step 1. */
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** Transaction origin of the server's own writes: relayed to every connection. */
const SERVER_ORIGIN = Object.freeze({ server: true });

/** Transaction origin of updates other instances stored (bus, catch-up): relayed to every connection. */
const REMOTE_ORIGIN = Object.freeze({ remote: true });

/** A client's update in a group commit: checked, waiting for its append; applied once another joins. */
interface GroupEntry {
  client: RoomClient;
  update: Uint8Array;
  started: bigint;
  applied: boolean;
  /** What applying it would have relayed, held until it is stored. */
  relays: Uint8Array[];
}

/**
 * How long a gap in the sequence numbers may stay open before the room reads storage. Redis relays
 * each instance's messages in order, but two instances' messages can cross: most gaps fill by
 * themselves within a few milliseconds.
 */
const GAP_WAIT_MS = 200;

interface RoomOptions {
  store: DocumentLog;
  /**
   * A participant's private document (issue 10, "Private brainstorm") instead of a board: no
   * migration and no participant list; updates are checked as `private:write` (notes only).
   */
  privateDoc?: boolean;
  log: Logger;
  metrics: Metrics;
  /** Stored bytes past which the board refuses growth (closes the writer with 4409). */
  maxBoardBytes: number;
  /** Compact the update log into a snapshot once it holds more updates than this. */
  compactEveryUpdates: number;
  /** At most one Stored acknowledgement round per this many ms. */
  storedAckIntervalMs?: number;
  updateLimits?: UpdateLimits;
  /** What other instances holding the board stored, and their presence (LocalBoardBus: none). */
  bus: BoardBus;
  /**
   * false turns the write rules off. Only for bench/writeRules, which measures what they cost;
   * nothing in the server's configuration can set it.
   */
  writeRules?: boolean;
  /** false: every update waits for its own append (bench/storage compares); nothing else sets it. */
  groupCommit?: boolean;
  /** Called when the last connection left (after queueing the compaction). */
  onEmpty: (room: Room) => void;
  /** Called when an append of updates already in the doc failed: the room must be unloaded at once. */
  onBroken?: (room: Room) => void;
  /**
   * The facilitation states (locks, phases) the write rules consult (issue 10). A room holds its
   * board's from its load until it is destroyed.
   */
  sessions?: RoomSessions;
}

export class Room {
  private readonly presence: Presence;
  private readonly clients = new Set<RoomClient>();
  private readonly queue: TaskQueue;
  private readonly stored: StoredState;
  private storedBytes: number;
  /** Every update up to this sequence number is in the doc (what compaction may fold in). */
  private lastSeq: number;
  /** Sequence numbers above lastSeq + 1 already in the doc (shared bus only): a gap below them. */
  private readonly ahead = new Set<number>();
  private gapTimer: NodeJS.Timeout | undefined;
  private catchUpQueued = false;
  private updatesSinceSnapshot: number;
  private ackTimer: NodeJS.Timeout | undefined;
  private lastAckAt = 0;
  /** The answer to an empty state vector (every new client), until the doc changes. */
  private fullSync: Uint8Array | undefined;
  private destroyed = false;
  /** The group of updates whose append is in flight (group commit); undefined when none is. */
  private appending: GroupEntry[] | undefined;
  /** Updates applied while an append is in flight: the next append's. */
  private nextGroup: GroupEntry[] = [];
  /** Settles when no append is in flight (stored or broken); undefined when none is. */
  private allStored: Promise<void> | undefined;
  private settleAllStored: (() => void) | undefined;
  /** Where the doc's update handler puts what it would relay, while an unstored update is applied. */
  private holding: GroupEntry | undefined;
  /** An append of updates already in the doc failed: the doc is never served again (onBroken). */
  private broken = false;
  private compactionQueued = false;
  /** Taken out of the manager: no new connections; destroyed once its queue ran. */
  private retired = false;
  /**
   * Yjs client id of the server's own writes while this room is loaded. Not the doc's clientID:
   * Yjs gives a doc a new clientID (and prints so) when an applied update carries its own.
   */
  private readonly writerId: number;

  /** Loads the board: snapshot, then every later update (loadDoc.ts skips what is unsafe). */
  static async load(boardId: string, opts: RoomOptions): Promise<Room> {
    await opts.sessions?.acquire(boardId);
    try {
      return await Room.loadDocument(boardId, opts);
    } catch (err) {
      opts.sessions?.release(boardId);
      throw err;
    }
  }

  private static async loadDocument(boardId: string, opts: RoomOptions): Promise<Room> {
    const stored = await opts.store.loadDocument(boardId);
    const loaded = loadDoc(stored);
    const { doc, skipped } = loaded;
    let { state } = loaded;
    let { bytes, lastSeq } = stored;
    let updates = stored.updates.length;
    if (skipped.length > 0) opts.log.error({ boardId, skipped }, 'stored updates skipped on load: the board is repaired without them');
    // A board from before canvases gets its template's canvases written, once: the same values every
    // reader already shows (docs/data-model.md, "Compatibility"). Applied to the doc before anyone
    // can see it and stored before the room exists: a failure to store fails the load.
    const migration = opts.privateDoc ? undefined : migrationOf(doc);
    if (migration) {
      try {
        lastSeq = await opts.store.appendUpdates(boardId, [migration]);
      } catch (err) {
        doc.destroy();
        throw err;
      }
      bytes += migration.byteLength;
      updates++;
      state = Y.encodeStateAsUpdate(doc);
      opts.log.info({ boardId }, 'board migrated: canvases of its template written');
    }
    const room = new Room(boardId, doc, bytes, lastSeq, updates, opts);
    room.fullSync = encodeSyncStep2FromUpdate(state);
    // Another instance may have stored below the migration's number after the load read.
    if (migration && opts.bus.shared) room.queueCatchUp('join');
    // A board that needed repair is compacted at once, so the bad updates leave storage.
    if (room.updatesSinceSnapshot > opts.compactEveryUpdates || skipped.length > 0) room.enqueue(() => room.compact());
    return room;
  }

  private constructor(
    readonly boardId: string,
    readonly doc: Y.Doc,
    storedBytes: number,
    lastSeq: number,
    updatesSinceSnapshot: number,
    private readonly opts: RoomOptions,
  ) {
    this.storedBytes = storedBytes;
    this.lastSeq = lastSeq;
    this.updatesSinceSnapshot = updatesSinceSnapshot;
    this.queue = new TaskQueue((err) => opts.log.error({ err, boardId }, 'room task failed'));
    do this.writerId = random.uint32();
    while (this.writerId === doc.clientID);
    this.stored = new StoredState(doc);
    // Relay: applying an update to the doc (after it is stored) sends it to everyone but its author.
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.fullSync = undefined;
      if (this.holding) return void this.holding.relays.push(update);
      if (this.clients.size === 0) return;
      const message = encodeUpdate(update);
      for (const c of this.clients) if (c !== origin) c.send(message);
    });
    this.presence = new Presence(
      doc,
      (message) => {
        for (const c of this.clients) c.send(message);
      },
      { publish: (update) => opts.bus.publish(boardId, { kind: 'awareness', from: opts.bus.instanceId, update }) },
    );
  }

  /** What a client's update asks of permissions.ts. */
  private get writeAction(): 'board:write' | 'private:write' {
    return this.opts.privateDoc ? 'private:write' : 'board:write';
  }

  /**
   * Runs `task` in the room's queue, between two messages: no update of a client is handled while
   * it runs (also while it awaits), so what it reads stays what it changes (the reveal, issue 10).
   */
  exclusive<T>(task: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push(async () => {
        try {
          await this.allStored;
          if (this.broken) throw new Error('room is unloaded');
          resolve(await task());
        } catch (err) {
          reject(err);
        }
      });
    });
  }

  /**
   * Reads the doc as stored: now when no append is in flight (`read` runs synchronously, so the room
   * cannot change meanwhile), else in the queue once every update in the doc is stored.
   */
  readStored<T>(read: (doc: Y.Doc) => T): T | Promise<T> {
    if (!this.allStored && !this.destroyed) return read(this.doc);
    return this.exclusive(() => {
      if (this.destroyed) throw new Error('room is unloaded');
      return read(this.doc);
    });
  }

  /** Queues a task that reads or writes the doc: it runs once no update in the doc is unstored. */
  private enqueue(task: () => void | Promise<void>): void {
    this.queue.push(() => (this.broken ? undefined : this.afterStored(task)));
  }

  private afterStored(task: () => void | Promise<void>): void | Promise<void> {
    if (!this.allStored) return task();
    return this.allStored.then(() => (this.broken ? undefined : task()));
  }

  /**
   * A change the server makes itself, as one update: made on a copy (stored before it is applied,
   * like every update), checked as the server's, stored, then applied and relayed. Call it inside
   * `exclusive`. Copies the doc: for rare writes (a reveal), not for the hot path.
   */
  async changeAsServer(change: (doc: Y.Doc) => void): Promise<void> {
    if (this.destroyed) throw new Error('room is unloaded');
    const copy = new Y.Doc();
    let update: Uint8Array | undefined;
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
      // Set after the copy holds the board: Yjs picks a new clientID when an applied update already
      // carries the doc's own (earlier server writes), and the server's writes keep one id per load.
      copy.clientID = this.writerId;
      copy.on('update', (u: Uint8Array) => (update = update ? Y.mergeUpdates([update, u]) : u));
      copy.transact(() => change(copy), SERVER_ORIGIN);
    } finally {
      copy.destroy();
    }
    if (!update) return;
    // The reveal must not empty private documents when the board did not take their notes.
    const outcome = await this.writeAsServer(update);
    if (outcome !== 'written' && outcome !== 'unchanged') throw new ServerWriteError(outcome);
  }

  get connectionCount(): number {
    return this.clients.size;
  }

  /** No longer accepts connections (being unloaded or unloaded). */
  get isRetired(): boolean {
    return this.retired || this.destroyed;
  }

  retire(): void {
    this.retired = true;
  }

  /** Adds a connection and starts the sync: our state vector, then everyone's presence. */
  join(client: RoomClient): void {
    if (this.isRetired) throw new Error('room is unloaded');
    this.clients.add(client);
    client.onClosed(() => this.leave(client));
    client.send(encodeSyncStep1(this.doc));
    const states = this.presence.allStates();
    if (states) client.send(states);
    // Every client gets one Stored message soon after joining, even if it sends nothing new: a
    // client that reconnects after its last write was stored (but not acknowledged) learns it here.
    client.unacked = true;
    this.scheduleStoredAck();
    // With other instances: whatever they stored up to now is read before this client's messages
    // are handled, so a client that moved here from another instance finds everything it saw there.
    if (this.opts.bus.shared) this.queueCatchUp('join');
    // Whoever can write gets a name in the participant list, for their per-person entries. Viewers
    // write nothing, so an audience of viewers does not grow the board.
    if (!this.opts.privateDoc && isAllowed(client.session, 'board:write')) {
      const session = client.session;
      this.enqueue(() => this.registerParticipant(session));
    }
  }

  /** Queues one message of a client (the gateway has checked its size and the client's budget). */
  receive(client: RoomClient, message: Uint8Array): void {
    this.queue.push(() => {
      if (client.rejected || this.broken) return;
      try {
        return this.handleMessage(client, message);
      } catch (err) {
        client.reject(CloseCode.BadRequest, 'malformed message', { err: errorText(err) });
      }
    });
  }

  private handleMessage(client: RoomClient, message: Uint8Array): void | Promise<void> {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync: {
        const step = decoding.readVarUint(decoder);
        if (step === messageYjsSyncStep1) {
          const stateVector = decoding.readVarUint8Array(decoder);
          return this.afterStored(() => this.answerSyncStep1(client, stateVector));
        }
        // Updates are not held back: one that arrives while an append is in flight joins the next.
        if (step === messageYjsSyncStep2 || step === messageYjsUpdate) return this.handleUpdate(client, decoding.readVarUint8Array(decoder));
        return client.reject(CloseCode.BadRequest, 'unknown sync message', { step });
      }
      // Presence reads nothing of the doc's content: it goes on while an append is in flight.
      case MessageType.Awareness:
        if (!client.closed && isAllowed(client.session, 'presence:write')) {
          this.presence.receive(client, decoding.readVarUint8Array(decoder));
        }
        return;
      case MessageType.QueryAwareness: {
        const states = this.presence.allStates();
        if (states && !client.closed) client.send(states);
        return;
      }
      case MessageType.Auth:
        // Clients never send auth messages; harmless, ignored.
        return;
      default:
        client.reject(CloseCode.BadRequest, 'unknown message type', { type });
    }
  }

  private answerSyncStep1(client: RoomClient, stateVector: Uint8Array): void {
    if (client.closed) return;
    if (!client.syncRequests.take()) return client.reject(CloseCode.RateLimited, 'too many sync requests');
    // Decoded first: a malformed state vector is the client's fault (4400), an encode failure ours.
    try {
      Y.decodeStateVector(stateVector);
    } catch (err) {
      return client.reject(CloseCode.BadRequest, 'malformed message', { err: errorText(err) });
    }
    let reply: Uint8Array;
    try {
      const empty = stateVector.byteLength === 1 && stateVector[0] === 0;
      reply = empty ? (this.fullSync ??= encodeSyncStep2(this.doc, EMPTY_STATE_VECTOR)) : encodeSyncStep2(this.doc, stateVector);
    } catch (err) {
      this.opts.log.error({ err, boardId: this.boardId }, 'encoding the board failed');
      return client.close(INTERNAL_ERROR_CLOSE_CODE, 'internal error');
    }
    client.budget.charge(reply.byteLength);
    client.send(reply);
  }

  private handleUpdate(client: RoomClient, incoming: Uint8Array): void | Promise<void> {
    if (!isAllowed(client.session, this.writeAction)) {
      // Viewers: dropped (not applied, stored or relayed); the socket stays open (docs/api.md).
      client.log.debug('dropped an update from a viewer');
      return;
    }
    // Group commit: checked against a doc that holds every update before it (commit).
    if (this.appending) for (const e of this.appending) this.applyUnstored(e);
    const check = checkUpdate(this.doc, incoming, this.opts.updateLimits);
    if (check.kind === 'invalid') {
      return client.reject(check.tooLarge ? CloseCode.TooLarge : CloseCode.BadRequest, check.reason);
    }
    if (check.kind === 'none') {
      // Already stored (a re-send, an empty sync step 2): nothing to store, but tell the client so.
      client.unacked = true;
      this.scheduleStoredAck();
      return;
    }
    // The write rules (issue 7): everything the update touches must be the session's to change.
    if (this.opts.writeRules !== false) {
      const refusal = checkWrites(this.doc, check.decoded, client.session, this.opts.sessions?.peek(this.boardId), Date.now(), this.writeAction);
      if (refusal) return this.refuseWrite(client, refusal);
    }
    const update = check.update;
    if (this.storedBytes + update.byteLength > this.opts.maxBoardBytes) {
      return client.reject(CloseCode.BoardFull, 'board is full', { storedBytes: this.storedBytes });
    }
    // It refers to content the board lacks. The write rules do not let such an update through
    // (they cannot place it: refuseWrite); without them (the bench) it is stored and kept pending.
    if (check.incomplete) this.requestResync(client);
    return this.commit(client, update);
  }

  /**
   * Stores an update, then applies (and so relays) it; `client` null for the server's own. A
   * client's update that waits for an asynchronous store starts a group (group commit): the queue
   * goes on, and updates arriving meanwhile join the next append instead of waiting for this one.
   */
  private commit(client: RoomClient | null, update: Uint8Array): void | Promise<void> {
    const started = process.hrtime.bigint();
    if (this.appending) {
      if (!client) return this.afterStored(() => this.commit(null, update));
      const entry: GroupEntry = { client, update, started, applied: false, relays: [] };
      this.applyUnstored(entry);
      this.nextGroup.push(entry);
      return;
    }
    let committed: number | Promise<number>;
    try {
      committed = this.opts.store.appendUpdates(this.boardId, [update]);
    } catch (err) {
      return this.storageFailed(client, err);
    }
    if (typeof committed === 'number') {
      this.applyStored(client, update, committed, started);
      return this.compactIfDue();
    }
    if (!client || this.opts.groupCommit === false) {
      return committed.then(
        (seq) => (this.applyStored(client, update, seq, started), this.compactIfDue()),
        (err: unknown) => this.storageFailed(client, err),
      );
    }
    this.allStored = new Promise((resolve) => (this.settleAllStored = resolve));
    this.awaitGroup([{ client, update, started, applied: false, relays: [] }], committed);
  }

  /** Applies an update of a group to the doc (so later ones are checked against it), holding its relay. */
  private applyUnstored(entry: GroupEntry): void {
    if (entry.applied) return;
    entry.applied = true;
    this.storedBytes += entry.update.byteLength;
    this.holding = entry;
    try {
      Y.applyUpdate(this.doc, entry.update, entry.client);
    } catch (err) {
      // As in applyStored: checked, so it is stored all the same; the log says which board to look at.
      this.opts.log.error({ err, boardId: this.boardId }, 'a checked update failed to apply');
      entry.client.reject(CloseCode.BadRequest, 'update failed to apply');
    } finally {
      this.holding = undefined;
    }
  }

  private awaitGroup(group: GroupEntry[], committed: Promise<number>): void {
    this.appending = group;
    committed.then(
      (last) => this.groupStored(group, last),
      (err: unknown) => this.groupFailed(group, err),
    );
  }

  /**
   * A group is stored (its updates numbered `last - n + 1` to `last`): each is applied if it was not
   * yet, relayed, published and acknowledged, in order; then the updates applied meanwhile are
   * appended, all in one append.
   */
  private groupStored(group: GroupEntry[], last: number): void {
    this.appending = undefined;
    if (this.destroyed) {
      this.nextGroup = [];
      this.allStored = undefined;
      return this.settleAllStored?.();
    }
    group.forEach((entry, i) => this.releaseStored(entry, last - group.length + 1 + i));
    if (this.updatesSinceSnapshot > this.opts.compactEveryUpdates && !this.compactionQueued) {
      this.compactionQueued = true;
      this.enqueue(() => this.compact());
    }
    const next = this.nextGroup;
    if (next.length === 0) {
      this.allStored = undefined;
      return this.settleAllStored?.();
    }
    this.nextGroup = [];
    let committed: number | Promise<number>;
    try {
      committed = this.opts.store.appendUpdates(this.boardId, next.map((e) => e.update));
    } catch (err) {
      return this.groupFailed(next, err);
    }
    if (typeof committed === 'number') return this.groupStored(next, committed);
    this.awaitGroup(next, committed);
  }

  private releaseStored(entry: GroupEntry, seq: number): void {
    const { client, update } = entry;
    if (!entry.applied) return this.applyStored(client, update, seq, entry.started);
    this.opts.metrics.persistSeconds.observe(Number(process.hrtime.bigint() - entry.started) / 1e9);
    this.opts.metrics.persistedUpdates.inc();
    this.updatesSinceSnapshot++;
    for (const relay of entry.relays) {
      const message = encodeUpdate(relay);
      for (const c of this.clients) if (c !== client) c.send(message);
    }
    this.opts.bus.publish(this.boardId, { kind: 'update', from: this.opts.bus.instanceId, seq, update });
    this.noteApplied(seq);
    if (!client.closed) {
      client.unacked = true;
      this.scheduleStoredAck();
    }
  }

  /**
   * A group's append failed. Alone and not yet applied, it is an ordinary storage failure. Otherwise
   * the doc holds updates that are not stored: every connection is closed and the room unloaded.
   */
  private groupFailed(group: GroupEntry[], err: unknown): void {
    this.appending = undefined;
    if (!group[0].applied && this.nextGroup.length === 0) {
      this.allStored = undefined;
      this.settleAllStored?.();
      return this.storageFailed(group[0].client, err);
    }
    this.opts.log.error({ err, boardId: this.boardId }, 'storing updates failed: the board is unloaded, its connections reconnect');
    this.broken = true;
    this.nextGroup = [];
    this.retire();
    for (const c of Array.from(this.clients)) c.close(INTERNAL_ERROR_CLOSE_CODE, 'storage failure');
    this.allStored = undefined;
    this.settleAllStored?.();
    this.opts.onBroken?.(this);
  }

  /**
   * Asks a client, once per connection, for everything the board lacks (our sync step 1): its
   * answer brings along the content an update of it referred to.
   */
  private requestResync(client: RoomClient): void {
    if (client.resyncRequested) return;
    client.resyncRequested = true;
    client.send(encodeSyncStep1(this.doc));
  }

  /** Not stored, applied or relayed; the sender learns why (docs/api.md, "Write rules"). */
  private refuseWrite(client: RoomClient, refusal: WriteRefusal): void {
    if (refusal.kind === 'unplaceable') {
      // It depends on content the board lacks (another tab's, say): ask once per connection for
      // everything the board lacks; the answer brings that content along and is checked whole.
      client.log.debug({ reason: refusal.reason }, 'update not stored: it cannot be placed on the board');
      return this.requestResync(client);
    }
    const target = refusal.target.kind;
    this.opts.metrics.refusedUpdates.inc({ target });
    // One line per connection: a client that keeps sending forbidden updates does not flood the log.
    if (client.refusedUpdates++ === 0) client.log.warn({ target }, 'refused an update: it writes what this session may not');
    client.send(encodeRefused({ error: 'forbidden_write', target }));
  }

  /**
   * Writes `participants/<participantId> = { name, role }` for a session that connected, unless the
   * board has exactly that already (every reconnect of the same session).
   */
  private registerParticipant(session: AuthenticatedSession): void | Promise<void> {
    if (this.destroyed) return;
    const entry = { name: session.name, role: session.role };
    const current = this.doc.getMap(ROOT.participants).get(session.participantId) as Partial<typeof entry> | undefined;
    if (current?.name === entry.name && current.role === entry.role) return;
    const written = this.writeAsServer(mapSetUpdate(this.doc, ROOT.participants, session.participantId, entry, this.writerId));
    if (written instanceof Promise) return written.then(() => undefined);
  }

  /**
   * A write the server makes for a request (the import of a pyramid's accounts, issue 9): `make`
   * builds the update from the board as it is when the write's turn comes (after every message
   * received before), with the server's client id. Resolves with `make`'s result once the update is
   * stored and applied (so relayed to everyone connected); rejects with a ServerWriteError otherwise.
   * The board is compacted right after.
   */
  writeForRequest<T>(make: (doc: Y.Doc, client: number) => { update: Uint8Array; result: T }): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push(async () => {
        await this.allStored;
        if (this.destroyed || this.broken) return reject(new ServerWriteError('unloaded'));
        try {
          const { update, result } = make(this.doc, this.writerId);
          const outcome = await this.writeAsServer(update);
          if (outcome === 'written' || outcome === 'unchanged') resolve(result);
          else reject(new ServerWriteError(outcome));
          // An import replaces thousands of entries (1 MiB for 10,000 accounts): compacting at once
          // drops what it replaced from storage, so re-imports do not fill the board's byte cap.
          if (outcome === 'written') this.enqueue(() => this.compact());
        } catch (err) {
          reject(err);
        }
      });
    });
  }

  /**
   * Marks a participant removed by a facilitator (issue 10): their entry in the participant list
   * gets `removedAt`, so every facilitator device shows it; their notes and scores stay.
   */
  markRemoved(participantId: string, removedAt: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push(async () => {
        try {
          await this.allStored;
          if (this.destroyed || this.broken) return;
          const current = this.doc.getMap(ROOT.participants).get(participantId) as Record<string, unknown> | undefined;
          if (!current || current.removedAt !== undefined) return;
          await this.writeAsServer(mapSetUpdate(this.doc, ROOT.participants, participantId, { ...current, removedAt }, this.writerId));
        } catch (err) {
          reject(err);
        } finally {
          resolve();
        }
      });
    });
  }

  /** An update the server makes itself: checked like any other (as the server), stored, then applied. */
  private writeAsServer(incoming: Uint8Array): ServerWriteOutcome | Promise<ServerWriteOutcome> {
    const check = checkUpdate(this.doc, incoming, this.opts.updateLimits);
    if (check.kind === 'none') return 'unchanged';
    if (check.kind === 'invalid') {
      this.opts.log.error({ boardId: this.boardId, reason: check.reason }, 'the server made an update its own check refuses');
      return 'refused';
    }
    const refusal = checkWrites(this.doc, check.decoded, SERVER_ACTOR);
    if (refusal) {
      this.opts.log.error({ boardId: this.boardId, refusal }, 'the server refused its own write');
      return 'refused';
    }
    if (this.storedBytes + check.update.byteLength > this.opts.maxBoardBytes) {
      this.opts.log.warn({ boardId: this.boardId }, 'board is full: the server did not write to it');
      return 'full';
    }
    // commit logs a storage failure and stores nothing; a stored update adds its bytes (applyStored).
    // Not the doc's state vector: an update that only deletes (the reveal emptying a private
    // document) does not move it on.
    const before = this.storedBytes;
    const outcome = (): ServerWriteOutcome => (this.storedBytes > before ? 'written' : 'storage');
    const committed = this.commit(null, check.update);
    return committed ? committed.then(outcome) : outcome();
  }

  private storageFailed(client: RoomClient | null, err: unknown): void {
    // Not the client's fault (disk full, I/O error): nothing was stored or relayed; 1011 makes the
    // client reconnect later and send the update again.
    this.opts.log.error({ err, boardId: this.boardId }, 'storing an update failed');
    client?.close(INTERNAL_ERROR_CLOSE_CODE, 'storage failure');
  }

  /** Applies a stored update (relaying it to everyone but `client`; null: the server's own, to everyone). */
  private applyStored(client: RoomClient | null, update: Uint8Array, seq: number, started: bigint): void {
    this.opts.metrics.persistSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    this.opts.metrics.persistedUpdates.inc();
    this.storedBytes += update.byteLength;
    this.updatesSinceSnapshot++;
    try {
      Y.applyUpdate(this.doc, update, client ?? SERVER_ORIGIN);
      this.opts.bus.publish(this.boardId, { kind: 'update', from: this.opts.bus.instanceId, seq, update });
    } catch (err) {
      // Checked, stored and possibly partly applied (and relayed): a Yjs failure checkUpdate does not
      // know yet. Load replays it the same guarded way; the log says which board to look at.
      this.opts.log.error({ err, boardId: this.boardId, seq }, 'a checked update failed to apply');
      client?.reject(CloseCode.BadRequest, 'update failed to apply');
    }
    this.noteApplied(seq);
    if (client && !client.closed) {
      client.unacked = true;
      this.scheduleStoredAck();
    }
  }

  private compactIfDue(): void | Promise<void> {
    if (this.updatesSinceSnapshot > this.opts.compactEveryUpdates) return this.compact();
  }

  /** A message of another instance (the bus): handled in turn with this room's own messages. */
  receiveRemote(message: BusMessage): void {
    this.enqueue(() => {
      if (this.destroyed) return;
      if (message.kind === 'session') return;
      if (message.kind === 'awareness') return this.presence.receiveRemote(message.update);
      const { seq, update } = message;
      if (seq <= this.lastSeq || this.ahead.has(seq)) return;
      try {
        Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
      } catch (err) {
        // Checked by the instance that stored it; a catch-up reads it through loadDoc's guards.
        this.opts.log.error({ err, boardId: this.boardId, seq }, 'an update from another instance failed to apply');
        return this.queueCatchUp('gap');
      }
      this.opts.metrics.busUpdates.inc();
      this.storedBytes += update.byteLength;
      this.updatesSinceSnapshot++;
      this.noteApplied(seq);
    });
  }

  /** Moves lastSeq over `seq` and whatever was ahead of it; a gap left open is caught up after GAP_WAIT_MS. */
  private noteApplied(seq: number): void {
    // One writer (SQLite's numbers are global, with gaps per board): everything up to seq is here.
    if (!this.opts.bus.shared) return void (this.lastSeq = Math.max(this.lastSeq, seq));
    if (seq <= this.lastSeq) return;
    if (seq > this.lastSeq + 1) this.ahead.add(seq);
    else this.lastSeq = seq;
    this.advance();
  }

  private advance(): void {
    while (this.ahead.delete(this.lastSeq + 1)) this.lastSeq++;
    for (const s of this.ahead) if (s <= this.lastSeq) this.ahead.delete(s);
    if (this.ahead.size === 0 || this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      if (this.ahead.size > 0) this.queueCatchUp('gap');
    }, GAP_WAIT_MS);
    this.gapTimer.unref();
  }

  /** Queues a read of storage (at most one waiting at a time: it serves everyone who asked before it ran). */
  queueCatchUp(reason: 'gap' | 'join' | 'reconnect'): void {
    if (this.catchUpQueued || this.destroyed) return;
    this.catchUpQueued = true;
    this.enqueue(() => this.catchUp(reason));
  }

  /**
   * Reads the board from storage and applies what the doc lacks, as one update (relayed to every
   * connection). Everything up to the stored last number is then in the doc: numbers are handed out
   * and committed in order (PostgreSQL), so a read that sees N sees every update below N, and a
   * snapshot another instance compacted into holds all it deleted.
   */
  private async catchUp(reason: 'gap' | 'join' | 'reconnect'): Promise<void> {
    this.catchUpQueued = false;
    if (this.destroyed) return;
    this.opts.metrics.catchUps.inc({ reason });
    const stored = await this.opts.store.loadDocument(this.boardId);
    if (this.destroyed) return;
    if (stored.lastSeq > this.lastSeq || this.ahead.size > 0) {
      const loaded = loadDoc(stored);
      try {
        const missing = Y.encodeStateAsUpdate(loaded.doc, Y.encodeStateVector(this.doc));
        Y.applyUpdate(this.doc, missing, REMOTE_ORIGIN);
      } finally {
        loaded.doc.destroy();
      }
      this.storedBytes = stored.bytes;
      this.updatesSinceSnapshot = stored.updates.length;
    }
    this.lastSeq = Math.max(this.lastSeq, stored.lastSeq);
    this.advance();
  }

  private leave(client: RoomClient): void {
    if (!this.clients.delete(client)) return;
    this.presence.remove(client);
    if (this.clients.size === 0) {
      this.enqueue(() => this.compact());
      this.opts.onEmpty(this);
    }
  }

  /** Sends Stored to every connection with unacknowledged writes, at most once per interval. */
  private scheduleStoredAck(): void {
    if (this.ackTimer) return;
    const interval = this.opts.storedAckIntervalMs ?? 50;
    const wait = Math.max(0, this.lastAckAt + interval - Date.now());
    this.ackTimer = setTimeout(() => {
      this.ackTimer = undefined;
      this.lastAckAt = Date.now();
      if (this.destroyed || this.broken) return;
      // Only what is stored is acknowledged: with updates in the doc being stored, in the queue
      // after them (a task waiting there lets at most one more append start, so it comes soon).
      if (this.allStored) this.enqueue(() => this.sendStoredAcks());
      else this.sendStoredAcks();
    }, wait);
  }

  private sendStoredAcks(): void {
    if (this.destroyed) return;
    try {
      // The doc holds only stored content here, so its snapshot is what is stored.
      let message: Uint8Array | undefined;
      for (const c of this.clients) {
        if (!c.unacked) continue;
        message ??= encodeStored(this.stored.snapshot());
        c.unacked = false;
        c.send(message);
      }
    } catch (err) {
      this.opts.log.error({ err, boardId: this.boardId }, 'sending Stored failed');
    }
  }

  /** Replaces the update log by one snapshot of the doc, in one transaction. */
  async compact(): Promise<void> {
    this.compactionQueued = false;
    if (this.updatesSinceSnapshot === 0 || this.destroyed || this.broken) return;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    await this.opts.store.compact(this.boardId, snapshot, this.lastSeq);
    this.opts.log.debug({ boardId: this.boardId, updates: this.updatesSinceSnapshot, bytes: snapshot.byteLength }, 'compacted');
    this.storedBytes = snapshot.byteLength;
    this.updatesSinceSnapshot = 0;
  }

  /** Settles once every message received so far is handled (and so stored). */
  async drain(): Promise<void> {
    await this.queue.drain();
    while (this.allStored) {
      await this.allStored;
      await this.queue.drain();
    }
  }

  /**
   * Shutdown: closes every connection (1001), so nothing new comes in, then stores everything that
   * was received before (queued messages of a closed connection are still handled) and compacts.
   */
  async closeAll(code: number, reason: string): Promise<void> {
    for (const c of Array.from(this.clients)) c.close(code, reason);
    await this.drain();
    await this.compact();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.opts.sessions?.release(this.boardId);
    clearTimeout(this.ackTimer);
    clearTimeout(this.gapTimer);
    this.presence.destroy();
    this.stored.destroy();
    this.doc.destroy();
  }
}

type ServerWriteOutcome = 'written' | 'unchanged' | 'refused' | 'full' | 'storage';

/** A server write that was not stored: `reason` says why (the board is full, storage failed, ...). */
export class ServerWriteError extends Error {
  constructor(readonly reason: Exclude<ServerWriteOutcome, 'written' | 'unchanged'> | 'unloaded') {
    super(`the server's write was not stored: ${reason}`);
    this.name = 'ServerWriteError';
  }
}

/** The update that writes the canvases of a board from before canvases (applied to `doc`), or undefined. */
function migrationOf(doc: Y.Doc): Uint8Array | undefined {
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array) => (update = update ? Y.mergeUpdates([update, u]) : u);
  doc.on('update', capture);
  try {
    migrateBoard(doc, SERVER_ORIGIN);
  } finally {
    doc.off('update', capture);
  }
  return update;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
