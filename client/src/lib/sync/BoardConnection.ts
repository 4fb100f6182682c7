// One open board: the Y.Doc, its offline copy in IndexedDB, the live y-websocket connection, the
// per-user undo stack and the truthful save state. Plain TypeScript; Svelte reads `state`.
//
// When the server refuses one of our updates (a Refused message: it changes something this
// session may not, docs/api.md "Write rules"), the local copy holds content the board does not have,
// and Yjs can never take it back: every later update of this Y.Doc would depend on it. So the whole
// replica (Y.Doc, IndexedDB copy, provider, undo stack) is thrown away and a fresh one loads the
// board from the server. `doc`, `provider`, `awareness` and `undoManager` then are new objects;
// `state.generation` counts the replacements, so views bound to the old doc know to bind again.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as idb from 'lib0/indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness';
import { writable, type Readable, type Writable } from 'svelte/store';
import { CloseCode, MessageType, errorForCloseCode, type ErrorCode, type RefusedMessage, type Role } from '$shared/protocol.ts';
import { notesMap, personalMap } from '$shared/board/schema.ts';
import { SaveTracker } from './SaveTracker.ts';
import { peekSyncMessage, snapshotFromSync, SYNC_STEP1, SYNC_STEP2 } from './syncSnapshot.ts';
import { deriveConnectionState, deriveSaveState, type ConnectionFacts, type ConnectionState, type SaveState } from './connectionState.ts';
import { ColorClaim } from '../presence/ColorClaim.ts';

export interface BoardConnectionOptions {
  boardId: string;
  session: string;
  user: { name: string; role: Role };
  /** WebSocket base URL; defaults to this origin's `/yjs`. */
  serverUrl?: string;
  /** Keep an offline copy in IndexedDB (default true; Node tests have no IndexedDB). */
  persist?: boolean;
  /** WebSocket implementation (Node tests pass the `ws` package). */
  WebSocketPolyfill?: unknown;
  /**
   * This participant's private document (issue 10, "Private brainstorm") instead of the board:
   * `?private=<participantId>`, its own IndexedDB copy, and no presence (the board's carries it).
   */
  privateOf?: string;
  /**
   * Called with a refused replica's document just before it is thrown away, and which of its items
   * this device made and the server does not have, so the page can keep what may live elsewhere
   * (notes made offline on a canvas that turned private meanwhile, issue 10).
   */
  onDiscard?: (doc: Y.Doc, unsaved: (id: Y.ID) => boolean) => void;
}

export interface ConnectionSnapshot {
  connection: ConnectionState;
  /** `navigator.onLine`: tells "no network on this device" from "server unreachable". */
  deviceOnline: boolean;
  save: SaveState;
  /** The server closed with a 44xx code: the provider stopped and the UI must say why. */
  fatal: { code: number; error: ErrorCode } | null;
  /** The server refused for now (4503: its network has too many connections); the provider keeps retrying. Cleared once live. */
  retrying: { code: number; error: ErrorCode } | null;
  /**
   * The last update the server refused (one object per refusal, so the page says it once). The
   * local copy is replaced by then or soon after: see `generation`.
   */
  refused: { error: Extract<ErrorCode, 'forbidden_write'>; target: string } | null;
  /** How often the local copy was thrown away after a refusal: `doc` and `provider` are new objects each time. */
  generation: number;
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * Longest wait between attempts while the server refuses for the address (4503). y-websocket's
 * default of 2.5 s suits a server restart; here a whole crowded network would knock every 2.5 s.
 */
const ADDRESS_BUSY_MAX_BACKOFF_MS = 10_000;

/** y-indexeddb's object store of updates (y-indexeddb.js). */
const IDB_UPDATES_STORE = 'updates';

/** One local copy of the board and everything bound to it. Replaced whole after a refusal. */
interface Replica {
  doc: Y.Doc;
  provider: WebsocketProvider;
  persistence: IndexeddbPersistence | null;
  undoManager: Y.UndoManager;
  tracker: SaveTracker;
  /** The IndexedDB copy has loaded (or there is none to wait for). */
  localLoaded: boolean;
  serverStateVector: Uint8Array | null;
  lastServerSnapshot: Y.Snapshot | null;
  /** A refusal arrived: its events are ignored while it is being thrown away. */
  discarded: boolean;
  cleanups: Array<() => void>;
}

export class BoardConnection {
  /** Transaction origin of every change this user makes; the undo manager tracks only it (notes and own scores). */
  readonly origin: object = Object.freeze({ kind: 'local-user' });

  private readonly facts: ConnectionFacts = {
    status: 'connecting',
    synced: false,
    online: typeof navigator === 'undefined' ? true : navigator.onLine,
    everConnected: false,
    failedAttempts: 0,
    stopped: false,
  };
  private fatal: ConnectionSnapshot['fatal'] = null;
  private retrying: ConnectionSnapshot['retrying'] = null;
  private refused: ConnectionSnapshot['refused'] = null;
  private generation = 0;
  private session: string;
  private readonly serverUrl: string;
  private defaultMaxBackoffMs = 0;
  private replica: Replica;
  private readonly store: Writable<ConnectionSnapshot>;
  readonly state: Readable<ConnectionSnapshot>;
  private cleanups: Array<() => void> = [];
  private destroyed = false;

  constructor(private readonly opts: BoardConnectionOptions) {
    this.serverUrl = opts.serverUrl ?? location.origin.replace(/^http/, 'ws') + '/yjs';
    this.session = opts.session;
    this.replica = this.createReplica();
    this.store = writable<ConnectionSnapshot>(this.snapshot());
    this.state = { subscribe: this.store.subscribe };

    if (typeof window !== 'undefined') {
      // The browser knows before the socket does; and a socket left open while offline would
      // swallow edits until y-websocket's 30 s watchdog notices.
      const onOnline = () => {
        this.facts.online = true;
        this.facts.failedAttempts = 0;
        if (!this.facts.stopped) this.provider.connect();
        this.publish();
      };
      const onOffline = () => {
        this.facts.online = false;
        this.provider.disconnect();
        this.publish();
      };
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      this.cleanups.push(() => {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      });
    }
  }

  get doc(): Y.Doc {
    return this.replica.doc;
  }

  get provider(): WebsocketProvider {
    return this.replica.provider;
  }

  get awareness(): Awareness {
    return this.replica.provider.awareness;
  }

  get persistence(): IndexeddbPersistence | null {
    return this.replica.persistence;
  }

  get undoManager(): Y.UndoManager {
    return this.replica.undoManager;
  }

  get tracker(): SaveTracker {
    return this.replica.tracker;
  }

  private createReplica(): Replica {
    const opts = this.opts;
    const doc = new Y.Doc();
    const copyName = opts.privateOf === undefined ? `board:${opts.boardId}` : `private:${opts.boardId}:${opts.privateOf}`;
    const persistence = opts.persist === false ? null : new IndexeddbPersistence(copyName, doc);
    const tracker = new SaveTracker();
    const cleanups: Array<() => void> = [];
    const provider = new WebsocketProvider(this.serverUrl, opts.boardId, doc, {
      params: { session: this.session, ...(opts.privateOf === undefined ? {} : { private: opts.privateOf }) },
      // Tabs of this browser sync through the server, not directly: content the server refused
      // must not come back from another tab, and the server only accepts what it can place.
      disableBc: true,
      ...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill as typeof WebSocket } : {}),
    });
    // Notes and this user's own per-person entries (scores, ratings): only this user writes keys
    // with their id, so undoing a score never reaches anyone else's.
    const personal = personalMap(doc);
    const undoManager = new Y.UndoManager([notesMap(doc), personal], { trackedOrigins: new Set([this.origin]) });
    // Each score is its own step: taps cycling a cell 0, +, ++ come back one tap at a time. (Observers
    // run before the undo manager looks at the transaction, so this one starts a step of its own.)
    const onScored = (_e: Y.YMapEvent<unknown>, tr: Y.Transaction) => {
      if (tr.origin === this.origin) undoManager.stopCapturing();
    };
    personal.observe(onScored);
    const r: Replica = {
      doc,
      provider,
      persistence,
      undoManager,
      tracker,
      localLoaded: false,
      serverStateVector: null,
      lastServerSnapshot: null,
      discarded: false,
      cleanups,
    };
    /** Events of a replica that is being thrown away change nothing. */
    const live = () => r === this.replica && !r.discarded;

    // Track local updates from the start so nothing slips through.
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === provider || (persistence && origin === persistence)) return;
      tracker.add(update);
    };
    doc.on('update', onUpdate);
    cleanups.push(() => doc.off('update', onUpdate), () => personal.unobserve(onScored));
    cleanups.push(tracker.onChange(() => live() && this.publish()));

    this.defaultMaxBackoffMs = provider.maxBackoffTime;
    this.sendOnlyOwnAwareness(r);
    if (opts.privateOf !== undefined) {
      // Cursors and names travel with the board; a private document's room needs none.
      provider.awareness.setLocalState(null);
    } else {
      // The server replaces name, role and participant id with those of the session before anyone
      // sees them (docs/api.md): others' states carry the server's truth, ours shows us what we will
      // be shown as. The colour is one nobody else present shows (issue 8).
      const colorClaim = new ColorClaim(provider.awareness, opts.user);
      cleanups.push(() => colorClaim.destroy());
    }

    // The server confirms storage with its own message type; unknown to y-websocket, so we add the handler.
    provider.messageHandlers[MessageType.Stored] = (_encoder, decoder) => {
      const snapshot = Y.decodeSnapshot(decoding.readVarUint8Array(decoder));
      r.lastServerSnapshot = snapshot;
      tracker.acknowledge(snapshot);
    };
    provider.messageHandlers[MessageType.Refused] = (_encoder, decoder) => {
      let message: Partial<RefusedMessage> = {};
      try {
        message = JSON.parse(decoding.readVarString(decoder)) as RefusedMessage;
      } catch {
        // A refusal all the same.
      }
      if (!live()) return;
      r.discarded = true;
      this.refused = { error: 'forbidden_write', target: String(message.target ?? '') };
      this.publish();
      // Out of y-websocket's message handler before its provider is torn down.
      setTimeout(() => void this.replace(r), 0);
    };

    // The handshake also tells what the server has stored (see syncSnapshot.ts).
    const syncHandler = provider.messageHandlers[MessageType.Sync];
    provider.messageHandlers[MessageType.Sync] = (encoder, decoder, p, emitSynced, messageType) => {
      const msg = peekSyncMessage(decoder);
      if (msg?.step === SYNC_STEP1) r.serverStateVector = msg.payload;
      else if (msg?.step === SYNC_STEP2 && r.serverStateVector) {
        try {
          r.lastServerSnapshot = snapshotFromSync(r.serverStateVector, msg.payload);
          tracker.acknowledge(r.lastServerSnapshot);
        } catch {
          // Undecodable: y-websocket's own handler will fail on it too; nothing to confirm.
        }
        r.serverStateVector = null;
      }
      syncHandler(encoder, decoder, p, emitSynced, messageType);
    };

    // IndexedDB can be unavailable (storage disabled): then there is no device copy to wait for.
    (persistence as unknown as { _db?: Promise<unknown> } | null)?._db?.catch(() => {
      r.localLoaded = true;
      if (live()) this.publish();
    });
    persistence?.on('synced', () => {
      // Content restored from this device may include edits the server never got (made offline
      // before a reload). It counts as unsaved until the server's snapshot contains it.
      if (doc.store.clients.size > 0) {
        tracker.add(Y.encodeStateAsUpdate(doc));
        if (r.lastServerSnapshot) tracker.acknowledge(r.lastServerSnapshot);
      }
      r.localLoaded = true;
      if (live()) this.publish();
    });

    provider.on('status', ({ status }) => {
      if (!live()) return;
      this.facts.status = status;
      this.publish();
    });
    provider.on('sync', (synced: boolean) => {
      if (!live()) return;
      this.facts.synced = synced;
      if (synced) {
        this.facts.failedAttempts = 0;
        this.facts.everConnected = true;
        this.retrying = null;
        provider.maxBackoffTime = this.defaultMaxBackoffMs;
      }
      this.publish();
    });
    provider.on('connection-close', (event) => {
      if (!live()) return;
      this.facts.synced = false;
      this.facts.failedAttempts++;
      if (event?.code === CloseCode.AddressBusy) {
        // One object per episode, so the page says it once rather than at every attempt.
        this.retrying ??= { code: event.code, error: 'address_connections' };
        provider.maxBackoffTime = ADDRESS_BUSY_MAX_BACKOFF_MS;
      }
      this.publish();
    });
    provider.on('closed', ({ code, reason }) => {
      if (!live()) return;
      this.facts.stopped = true;
      this.fatal = { code, error: errorForCloseCode(code, reason) ?? 'bad_request' };
      this.publish();
    });

    const onStack = () => live() && this.publish();
    undoManager.on('stack-item-added', onStack);
    undoManager.on('stack-item-popped', onStack);
    undoManager.on('stack-cleared', onStack);
    return r;
  }

  /**
   * Throws a refused replica away (provider, undo stack, IndexedDB copy, Y.Doc) and connects a fresh
   * one, which loads the board as the server has it. Its unsaved edits go with it: they were made
   * on top of content the board does not have.
   */
  private async replace(old: Replica): Promise<void> {
    // Not live from here on: destroying the old provider drops everyone else's presence, which the
    // page must not read as everybody leaving the board.
    this.facts.status = 'connecting';
    this.publish();
    this.dispose(old);
    try {
      const pending = old.tracker.pendingHolds();
      // A pending update restored from this device's copy is the whole doc: what the server has is not ours to keep.
      const stored = old.lastServerSnapshot?.sv;
      this.opts.onDiscard?.(old.doc, (id) => pending(id) && id.clock >= (stored?.get(id.client) ?? 0));
    } catch {
      // Keeping what can be kept is a courtesy: the replacement goes on regardless.
    }
    if (old.persistence) {
      await old.persistence.destroy();
      try {
        await clearDeviceCopy(old.persistence.name);
      } catch {
        // IndexedDB unavailable: there is no device copy to bring the refused content back.
      }
    }
    old.doc.destroy();
    if (this.destroyed) return;
    Object.assign(this.facts, { status: 'connecting', synced: false, failedAttempts: 0, stopped: false });
    this.fatal = null;
    this.retrying = null;
    this.replica = this.createReplica();
    this.generation++;
    this.publish();
  }

  /** Stops a replica's provider and listeners (its doc and IndexedDB copy are left to the caller). */
  private dispose(r: Replica): void {
    for (const c of r.cleanups) c();
    r.cleanups = [];
    r.undoManager.destroy();
    r.provider.destroy();
  }

  /**
   * y-websocket re-broadcasts every awareness change it hears, other users' states included: with n
   * people moving cursors that is n times the upstream traffic, all of which the server drops as
   * echoes (docs/api.md, awareness ownership). Send our own state only.
   */
  private sendOnlyOwnAwareness(r: Pick<Replica, 'doc' | 'provider' | 'cleanups'>): void {
    const { provider, doc } = r;
    const awareness = provider.awareness;
    const internal = provider as unknown as { _awarenessUpdateHandler: (...args: unknown[]) => void };
    awareness.off('update', internal._awarenessUpdateHandler);
    const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const self = doc.clientID;
      if (!added.includes(self) && !updated.includes(self) && !removed.includes(self)) return;
      const ws = provider.ws;
      if (!provider.wsconnected || !ws || ws.readyState !== 1 /* OPEN */) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.Awareness);
      encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [self]));
      ws.send(encoding.toUint8Array(encoder));
    };
    awareness.on('update', onAwareness);
    r.cleanups.push(() => awareness.off('update', onAwareness));
  }

  /** A renewed session is used from the next (re)connection on. */
  setSession(session: string): void {
    this.session = session;
    this.provider.params = { ...this.provider.params, session };
  }

  /** Tries again after the server refused (e.g. after renewing an expired session). */
  reconnect(): void {
    this.fatal = null;
    this.facts.stopped = false;
    this.facts.failedAttempts = 0;
    this.provider.connect();
    this.publish();
  }

  undo(): void {
    this.undoManager.undo();
  }

  redo(): void {
    this.undoManager.redo();
  }

  private snapshot(): ConnectionSnapshot {
    const connection = deriveConnectionState(this.facts);
    const r = this.replica;
    return {
      connection,
      deviceOnline: this.facts.online,
      // Until the device copy is loaded we cannot know whether it holds unsent edits.
      save: deriveSaveState(r.tracker.saved && (r.localLoaded || !r.persistence), connection),
      fatal: this.fatal,
      retrying: this.retrying,
      refused: this.refused,
      generation: this.generation,
      canUndo: r.undoManager.canUndo(),
      canRedo: r.undoManager.canRedo(),
    };
  }

  private publish(): void {
    // Handlers of the first replica can fire before the store exists (the constructor's own setup).
    this.store?.set(this.snapshot());
  }

  destroy(): void {
    this.destroyed = true;
    for (const c of this.cleanups) c();
    this.cleanups = [];
    // A replica being thrown away is disposed by replace(), which stops there once it sees `destroyed`.
    if (this.replica.discarded) return;
    this.dispose(this.replica);
    this.replica.persistence?.destroy();
    this.replica.doc.destroy();
  }
}

/**
 * Empties the IndexedDB copy of a board (y-indexeddb's update store) without deleting the database:
 * another tab of the board may hold it open, and a deletion would wait until that tab closes.
 */
async function clearDeviceCopy(name: string): Promise<void> {
  const db = await idb.openDB(name, (d) => idb.createStores(d, [[IDB_UPDATES_STORE, { autoIncrement: true }], ['custom']]));
  try {
    const [updates] = idb.transact(db, [IDB_UPDATES_STORE]);
    await idb.rtop(updates.clear());
  } finally {
    db.close();
  }
}
