// Test support: the real y-websocket WebsocketProvider in Node (ws as its WebSocket), with hooks to
// observe close codes and our Stored and Refused messages.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { MessageType, type CreateBoardResponse, type RefusedMessage, type Role, type SessionResponse } from '../../../shared/src/protocol.ts';
import { waitFor, type TestServer } from './testServer.ts';

// Every WebsocketProvider in Node adds a process 'exit' listener; test files open dozens.
process.setMaxListeners(Math.max(process.getMaxListeners(), 200));

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the server sent, in order. */
  closeCodes: number[];
  /** Close reasons the server sent, in the same order. */
  closeReasons: string[];
  /** Decoded Stored snapshots received, latest last. */
  stored: Y.Snapshot[];
  /** Refused messages received (updates the write rules refused), in order. */
  refused: RefusedMessage[];
  /** Number of websocket connections opened so far (to see whether it retries). */
  connects: number;
  /** Every frame the server sent this client, raw, in order (to search what reached it on the wire). */
  frames: Uint8Array[];
  synced(): Promise<void>;
  destroy(): void;
}

export function connectClient(
  wsUrl: string,
  boardId: string,
  session: string,
  doc = new Y.Doc(),
  params: Record<string, string> = {},
): TestClient {
  const frames: Uint8Array[] = [];
  // The real `ws` socket, listening to every frame before the provider sees it.
  class RecordingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener('message', (e) => {
        const data = e.data;
        if (data instanceof ArrayBuffer) frames.push(new Uint8Array(data.slice(0)));
        else if (Buffer.isBuffer(data)) frames.push(new Uint8Array(data));
        else if (typeof data === 'string') frames.push(new TextEncoder().encode(data));
      });
    }
  }
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    WebSocketPolyfill: RecordingWebSocket as unknown as typeof globalThis.WebSocket,
    params: { session, ...params },
    disableBc: true,
    maxBackoffTime: 300,
  });
  const client: TestClient = {
    doc,
    provider,
    closeCodes: [],
    closeReasons: [],
    stored: [],
    refused: [],
    connects: 0,
    frames,
    synced: () => waitFor(() => provider.synced, `client ${doc.clientID} synced`),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
  provider.on('connection-close', (event) => {
    if (event) {
      client.closeCodes.push(event.code);
      client.closeReasons.push(event.reason);
    }
  });
  provider.on('status', ({ status }) => {
    if (status === 'connected') client.connects++;
  });
  provider.messageHandlers[MessageType.Stored] = (_encoder, decoder) => {
    client.stored.push(Y.decodeSnapshot(decoding.readVarUint8Array(decoder)));
  };
  provider.messageHandlers[MessageType.Refused] = (_encoder, decoder) => {
    client.refused.push(JSON.parse(decoding.readVarString(decoder)) as RefusedMessage);
  };
  return client;
}

/** Waits until the server closed the client's socket and returns the code. */
export async function closedWith(client: TestClient): Promise<number> {
  await waitFor(() => client.closeCodes.length > 0, 'connection closed by the server');
  return client.closeCodes[0];
}

/** The real clients one test file opens, all destroyed at once in its afterAll. */
export function clientPool(wsUrl: () => string) {
  const all: TestClient[] = [];
  return {
    connect(boardId: string, session: string, doc?: Y.Doc, params?: Record<string, string>): TestClient {
      const c = connectClient(wsUrl(), boardId, session, doc, params);
      all.push(c);
      return c;
    },
    destroyAll(): void {
      for (const c of all.splice(0)) c.destroy();
    },
  };
}

/** Someone who joined a board, with a real client connected and synced. */
export interface Member {
  session: SessionResponse;
  c: TestClient;
}

/** Joins `board` as `role` through REST, then connects a client of `pool` and waits for its sync. */
export async function joinAndSync(t: TestServer, pool: ReturnType<typeof clientPool>, board: CreateBoardResponse, role: Role, name: string): Promise<Member> {
  const session = await t.join(board, role, name);
  const c = pool.connect(board.id, session.session);
  await c.synced();
  return { session, c };
}
