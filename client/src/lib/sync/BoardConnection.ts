// One open board: the Y.Doc, its offline copy in IndexedDB, the live y-websocket connection, the
// per-user undo stack and the truthful save state. Plain TypeScript; Svelte reads `state`.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness';
import { writable, type Readable } from 'svelte/store';
import { CloseCode, MessageType, errorForCloseCode, type ErrorCode, type Role } from '$shared/protocol.ts';
import { notesMap } from '$shared/board/schema.ts';
import { SaveTracker } from './SaveTracker.ts';
import { peekSyncMessage, snapshotFromSync, SYNC_STEP1, SYNC_STEP2 } from './syncSnapshot.ts';
import { deriveConnectionState, deriveSaveState, type ConnectionFacts, type ConnectionState, type SaveState } from './connectionState.ts';
import { userColor } from '../presence/userColor.ts';

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
}

export interface ConnectionSnapshot {
  connection: ConnectionState;
  save: SaveState;
  /** The server closed with a 44xx code: the provider stopped and the UI must say why. */
  fatal: { code: number; error: ErrorCode } | null;
  /** The server refused for now (4503: its network has too many connections); the provider keeps retrying. Cleared once live. */
  retrying: { code: number; error: ErrorCode } | null;
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * Longest wait between attempts while the server refuses for the address (4503). y-websocket's
 * default of 2.5 s suits a server restart; here a whole crowded network would knock every 2.5 s.
 */
const ADDRESS_BUSY_MAX_BACKOFF_MS = 10_000;

export class BoardConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly awareness: Awareness;
  readonly persistence: IndexeddbPersistence | null;
  /** Transaction origin of every change this user makes; the undo manager tracks only it. */
  readonly origin: object = Object.freeze({ kind: 'local-user' });
  readonly undoManager: Y.UndoManager;
  readonly tracker = new SaveTracker();

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
  private readonly defaultMaxBackoffMs: number;
  private serverStateVector: Uint8Array | null = null;
  private lastServerSnapshot: Y.Snapshot | null = null;
  private localLoaded = false;
  private readonly store = writable<ConnectionSnapshot>(this.snapshot());
  readonly state: Readable<ConnectionSnapshot> = { subscribe: this.store.subscribe };
  private cleanups: Array<() => void> = [];

  constructor(opts: BoardConnectionOptions) {
    const serverUrl = opts.serverUrl ?? location.origin.replace(/^http/, 'ws') + '/yjs';

    this.persistence = opts.persist === false ? null : new IndexeddbPersistence(`board:${opts.boardId}`, this.doc);

    // Track local updates before the provider exists so nothing slips through.
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === this.provider || (this.persistence && origin === this.persistence)) return;
      this.tracker.add(update);
    };
    this.doc.on('update', onUpdate);
    this.cleanups.push(() => this.doc.off('update', onUpdate));
    this.cleanups.push(this.tracker.onChange(() => this.publish()));

    this.provider = new WebsocketProvider(serverUrl, opts.boardId, this.doc, {
      params: { session: opts.session },
      ...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill as typeof WebSocket } : {}),
    });
    this.awareness = this.provider.awareness;
    this.defaultMaxBackoffMs = this.provider.maxBackoffTime;
    this.sendOnlyOwnAwareness();
    // The server replaces name and role with those of the session before anyone sees them
    // (docs/api.md): others' states carry the server's truth, ours shows us what we will be shown as.
    this.awareness.setLocalStateField('user', {
      name: opts.user.name,
      role: opts.user.role,
      color: userColor(opts.user.name, this.doc.clientID),
    });

    // The server confirms storage with its own message type; unknown to y-websocket, so we add the handler.
    this.provider.messageHandlers[MessageType.Stored] = (_encoder, decoder) => {
      const snapshot = Y.decodeSnapshot(decoding.readVarUint8Array(decoder));
      this.lastServerSnapshot = snapshot;
      this.tracker.acknowledge(snapshot);
    };

    // The handshake also tells what the server has stored (see syncSnapshot.ts).
    const syncHandler = this.provider.messageHandlers[MessageType.Sync];
    this.provider.messageHandlers[MessageType.Sync] = (encoder, decoder, provider, emitSynced, messageType) => {
      const msg = peekSyncMessage(decoder);
      if (msg?.step === SYNC_STEP1) this.serverStateVector = msg.payload;
      else if (msg?.step === SYNC_STEP2 && this.serverStateVector) {
        try {
          this.lastServerSnapshot = snapshotFromSync(this.serverStateVector, msg.payload);
          this.tracker.acknowledge(this.lastServerSnapshot);
        } catch {
          // Undecodable: y-websocket's own handler will fail on it too; nothing to confirm.
        }
        this.serverStateVector = null;
      }
      syncHandler(encoder, decoder, provider, emitSynced, messageType);
    };

    // IndexedDB can be unavailable (storage disabled): then there is no device copy to wait for.
    (this.persistence as unknown as { _db?: Promise<unknown> } | null)?._db?.catch(() => {
      this.localLoaded = true;
      this.publish();
    });
    this.persistence?.on('synced', () => {
      // Content restored from this device may include edits the server never got (made offline
      // before a reload). It counts as unsaved until the server's snapshot contains it.
      if (this.doc.store.clients.size > 0) {
        this.tracker.add(Y.encodeStateAsUpdate(this.doc));
        if (this.lastServerSnapshot) this.tracker.acknowledge(this.lastServerSnapshot);
      }
      this.localLoaded = true;
      this.publish();
    });

    this.provider.on('status', ({ status }) => {
      this.facts.status = status;
      this.publish();
    });
    this.provider.on('sync', (synced: boolean) => {
      this.facts.synced = synced;
      if (synced) {
        this.facts.failedAttempts = 0;
        this.facts.everConnected = true;
        this.retrying = null;
        this.provider.maxBackoffTime = this.defaultMaxBackoffMs;
      }
      this.publish();
    });
    this.provider.on('connection-close', (event) => {
      this.facts.synced = false;
      this.facts.failedAttempts++;
      if (event?.code === CloseCode.AddressBusy) {
        // One object per episode, so the page says it once rather than at every attempt.
        this.retrying ??= { code: event.code, error: 'address_connections' };
        this.provider.maxBackoffTime = ADDRESS_BUSY_MAX_BACKOFF_MS;
      }
      this.publish();
    });
    this.provider.on('closed', ({ code, reason }) => {
      this.facts.stopped = true;
      this.fatal = { code, error: errorForCloseCode(code, reason) ?? 'bad_request' };
      this.publish();
    });

    this.undoManager = new Y.UndoManager(notesMap(this.doc), { trackedOrigins: new Set([this.origin]) });
    const onStack = () => this.publish();
    this.undoManager.on('stack-item-added', onStack);
    this.undoManager.on('stack-item-popped', onStack);
    this.undoManager.on('stack-cleared', onStack);

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

  /**
   * y-websocket re-broadcasts every awareness change it hears, other users' states included: with n
   * people moving cursors that is n times the upstream traffic, all of which the server drops as
   * echoes (docs/api.md, awareness ownership). Send our own state only.
   */
  private sendOnlyOwnAwareness(): void {
    const provider = this.provider as unknown as { _awarenessUpdateHandler: (...args: unknown[]) => void };
    this.awareness.off('update', provider._awarenessUpdateHandler);
    const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const self = this.doc.clientID;
      if (!added.includes(self) && !updated.includes(self) && !removed.includes(self)) return;
      const ws = this.provider.ws;
      if (!this.provider.wsconnected || !ws || ws.readyState !== 1 /* OPEN */) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.Awareness);
      encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(this.awareness, [self]));
      ws.send(encoding.toUint8Array(encoder));
    };
    this.awareness.on('update', onAwareness);
    this.cleanups.push(() => this.awareness.off('update', onAwareness));
  }

  /** A renewed session is used from the next (re)connection on. */
  setSession(session: string): void {
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
    return {
      connection,
      // Until the device copy is loaded we cannot know whether it holds unsent edits.
      save: deriveSaveState(this.tracker.saved && (this.localLoaded || !this.persistence), connection),
      fatal: this.fatal,
      retrying: this.retrying,
      canUndo: this.undoManager ? this.undoManager.canUndo() : false,
      canRedo: this.undoManager ? this.undoManager.canRedo() : false,
    };
  }

  private publish(): void {
    this.store.set(this.snapshot());
  }

  destroy(): void {
    for (const c of this.cleanups) c();
    this.cleanups = [];
    this.undoManager.destroy();
    this.provider.destroy();
    this.persistence?.destroy();
    this.doc.destroy();
  }
}
