// Opening y-websocket clients the way every part of the bench does: the real WebsocketProvider
// with ws as its WebSocket, awareness off (only document edits travel) and BroadcastChannel off
// (clients in one process must not shortcut the server).
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { MessageType } from '../shared/src/protocol.ts';

export function openProvider(wsUrl: string, room: string, params: Record<string, string>, doc = new Y.Doc(), connect = true): WebsocketProvider {
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    connect: false,
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  // Our server's "stored" message (shared/src/protocol.ts MessageType.Stored): the stock client
  // would console.error on every one, which would bill our server for terminal output.
  provider.messageHandlers[MessageType.Stored] = () => {};
  provider.awareness.setLocalState(null);
  if (connect) provider.connect();
  return provider;
}

export function whenSynced(provider: WebsocketProvider, timeoutMs = 60_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not synced within ${timeoutMs} ms`)), timeoutMs);
    provider.on('sync', (s: boolean) => {
      if (s) {
        clearTimeout(timer);
        resolve();
      }
    });
    provider.on('closed', (e: { code: number; reason: string }) => {
      clearTimeout(timer);
      reject(new Error(`closed by server: ${e.code} ${e.reason}`));
    });
  });
}


/** Closes the connection and destroys the doc, which also stops the awareness timer it owns. */
export function closeProvider(provider: WebsocketProvider): void {
  provider.destroy();
  provider.doc.destroy();
}
