// Loads each board once, hands connections to its Room and unloads rooms nobody uses.
import type * as Y from 'yjs';
import type { Logger } from 'pino';
import type { DocumentLog } from '../storage/BoardStore.ts';
import type { Metrics } from '../observability/Metrics.ts';
import { Room, type RoomSessions } from './Room.ts';
import type { RoomClient } from './RoomClient.ts';
import type { BoardBus, BusMessage } from '../bus/BoardBus.ts';

interface RoomManagerOptions {
  store: DocumentLog;
  /** Rooms of participants' private documents (issue 10), by `<boardId>/<participantId>` (privateDocId.ts). */
  privateDoc?: boolean;
  log: Logger;
  metrics: Metrics;
  maxBoardBytes: number;
  compactEveryUpdates: number;
  /** A room without connections leaves memory after this long. */
  idleUnloadMs: number;
  /** false only in bench/writeRules (RoomOptions.writeRules). */
  writeRules?: boolean;
  /** false only in bench/storage (RoomOptions.groupCommit). */
  groupCommit?: boolean;
  /** Other instances holding the same boards (issue 12); LocalBoardBus when there are none. */
  bus: BoardBus;
  /** Facilitation states for the write rules (RoomOptions.sessions); they hear the bus themselves. */
  sessions?: RoomSessions;
}

export class RoomManager {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  /** Rooms taken out but still finishing queued work (their compaction): a new load waits for it. */
  private readonly retiring = new Map<string, Promise<void>>();
  private closing = false;
  /** Bus subscriptions of loaded (and loading) boards. */
  private readonly unsubscribe = new Map<string, () => void>();

  constructor(private readonly opts: RoomManagerOptions) {
    // Messages published while the bus was away are lost: every loaded board reads storage.
    opts.bus.onReconnect(() => {
      for (const room of this.rooms.values()) room.queueCatchUp('reconnect');
    });
  }

  /** Loads the board if needed (fully, before anything is sent) and adds the client to it. */
  async join(boardId: string, client: RoomClient): Promise<Room | undefined> {
    for (;;) {
      const room = this.rooms.get(boardId) ?? (await this.load(boardId));
      if (client.closed) {
        if (room.connectionCount === 0) this.scheduleUnload(room);
        return undefined;
      }
      // Unloaded while this client waited for the load: load again.
      if (room.isRetired) continue;
      this.cancelUnload(boardId);
      room.join(client);
      return room;
    }
  }

  /**
   * Reads the live document of a board (loading it if needed, as for a connection): what everyone
   * connected sees, with every stored update. `read` runs synchronously, so the room cannot change
   * or unload meanwhile. A board nobody is connected to unloads again after the idle time.
   */
  async read<T>(boardId: string, read: (doc: Y.Doc) => T): Promise<T> {
    for (;;) {
      const room = this.rooms.get(boardId) ?? (await this.load(boardId));
      if (room.isRetired) continue;
      try {
        return await room.readStored(read);
      } finally {
        if (room.connectionCount === 0) this.scheduleUnload(room);
      }
    }
  }

  /** Marks a participant removed in the board's participant list (Room.markRemoved), loading the board if needed. */
  markRemoved(boardId: string, participantId: string, removedAt: number): Promise<void> {
    return this.withRoom(boardId, (room) => room.markRemoved(participantId, removedAt));
  }

  /**
   * A write the server makes into the live board for a request (Room.writeForRequest): stored, then
   * applied and relayed to everyone connected. A board nobody is connected to unloads again later.
   */
  write<T>(boardId: string, make: (doc: Y.Doc, client: number) => { update: Uint8Array; result: T }): Promise<T> {
    return this.withRoom(boardId, (room) => room.writeForRequest(make));
  }

  /** Runs `act` on the board's room, loading it if needed; a board nobody is connected to unloads again later. */
  private async withRoom<T>(boardId: string, act: (room: Room) => Promise<T>): Promise<T> {
    for (;;) {
      const room = this.rooms.get(boardId) ?? (await this.load(boardId));
      if (room.isRetired) continue;
      try {
        return await act(room);
      } finally {
        if (room.connectionCount === 0) this.scheduleUnload(room);
      }
    }
  }

  /**
   * Runs `task` on a document's room inside its queue (Room.exclusive), loading it if needed; a
   * room nobody is connected to unloads again after the idle time.
   */
  async exclusive<T>(docId: string, task: (room: Room) => T | Promise<T>): Promise<T> {
    for (;;) {
      const room = this.rooms.get(docId) ?? (await this.load(docId));
      if (room.isRetired) continue;
      try {
        return await room.exclusive(() => task(room));
      } finally {
        if (room.connectionCount === 0) this.scheduleUnload(room);
      }
    }
  }

  private load(boardId: string): Promise<Room> {
    if (this.closing) return Promise.reject(new Error('server is shutting down'));
    let p = this.loading.get(boardId);
    if (!p) {
      const started = Date.now();
      const previous = this.retiring.get(boardId) ?? Promise.resolve();
      // Subscribed before the load reads storage, so nothing stored after that read is missed;
      // what arrives meanwhile waits for the room (what the read already had is skipped by number).
      let room: Room | undefined;
      const early: BusMessage[] = [];
      const subscribed = () =>
        this.opts.bus.subscribe(boardId, (m) => {
          if (m.kind === 'session') return;
          if (room) room.receiveRemote(m);
          else early.push(m);
        }).then((unsubscribe) => {
          this.unsubscribe.get(boardId)?.();
          this.unsubscribe.set(boardId, unsubscribe);
        });
      p = previous.then(subscribed).then(() => Room.load(boardId, {
        store: this.opts.store,
        log: this.opts.log,
        metrics: this.opts.metrics,
        maxBoardBytes: this.opts.maxBoardBytes,
        compactEveryUpdates: this.opts.compactEveryUpdates,
        writeRules: this.opts.writeRules,
        groupCommit: this.opts.groupCommit,
        bus: this.opts.bus,
        sessions: this.opts.sessions,
        privateDoc: this.opts.privateDoc,
        onEmpty: (r) => this.scheduleUnload(r),
        onBroken: (r) => this.unload(r),
      })).then(
        (loaded) => {
          room = loaded;
          for (const m of early.splice(0)) loaded.receiveRemote(m);
          this.loading.delete(boardId);
          this.rooms.set(boardId, room);
          this.opts.metrics.loadedBoards.set(this.rooms.size);
          this.opts.log.debug({ boardId, ms: Date.now() - started }, 'board loaded');
          return loaded;
        },
        (err: unknown) => {
          this.loading.delete(boardId);
          this.stopListening(boardId);
          throw err;
        },
      );
      this.loading.set(boardId, p);
    }
    return p;
  }

  private scheduleUnload(room: Room): void {
    if (this.closing) return;
    this.cancelUnload(room.boardId);
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.boardId);
      if (room.connectionCount === 0) this.unload(room);
    }, this.opts.idleUnloadMs);
    timer.unref();
    this.unloadTimers.set(room.boardId, timer);
  }

  /** Takes the room out now (a new connection loads the board again) and destroys it once its queue ran. */
  private unload(room: Room): void {
    if (this.rooms.get(room.boardId) !== room) return;
    this.cancelUnload(room.boardId);
    this.rooms.delete(room.boardId);
    this.stopListening(room.boardId);
    room.retire();
    this.opts.metrics.loadedBoards.set(this.rooms.size);
    // After queued work (the compaction on last leave) has run.
    const done = room
      .drain()
      .then(() => {
        room.destroy();
        this.opts.log.debug({ boardId: room.boardId }, 'board unloaded');
      })
      .catch((err: unknown) => this.opts.log.error({ err, boardId: room.boardId }, 'unloading a board failed'))
      .finally(() => {
        if (this.retiring.get(room.boardId) === done) this.retiring.delete(room.boardId);
      });
    this.retiring.set(room.boardId, done);
  }

  private stopListening(boardId: string): void {
    this.unsubscribe.get(boardId)?.();
    this.unsubscribe.delete(boardId);
  }

  private cancelUnload(boardId: string): void {
    const t = this.unloadTimers.get(boardId);
    if (t) {
      clearTimeout(t);
      this.unloadTimers.delete(boardId);
    }
  }

  /** Stores everything received, closes every connection with `code` and unloads all rooms. */
  async closeAll(code: number, reason: string): Promise<void> {
    this.closing = true;
    for (const t of this.unloadTimers.values()) clearTimeout(t);
    this.unloadTimers.clear();
    await Promise.allSettled([...this.loading.values(), ...this.retiring.values()]);
    const rooms = Array.from(this.rooms.values());
    await Promise.all(
      rooms.map(async (room) => {
        try {
          await room.closeAll(code, reason);
        } catch (err) {
          this.opts.log.error({ err, boardId: room.boardId }, 'storing a board on shutdown failed');
        }
        room.destroy();
      }),
    );
    this.rooms.clear();
    for (const boardId of Array.from(this.unsubscribe.keys())) this.stopListening(boardId);
    this.opts.metrics.loadedBoards.set(0);
  }
}
