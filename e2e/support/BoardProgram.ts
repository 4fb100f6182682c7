// A program that edits a board the way docs/data-model.md invites other programs to: its own Y.Doc
// synced through the real y-websocket client with a session from a join link. Tests use it to set a
// board up (notes, a canvas) with the shared operations, so the browsers under test only do what
// the test is about. Its writes are a facilitator's and obey the same server rules.
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { expect, type APIRequestContext } from '@playwright/test';
import type { SessionResponse } from '../../shared/src/protocol.ts';

const STORED_MESSAGE = 100;

export class BoardProgram {
  private constructor(
    readonly doc: Y.Doc,
    readonly provider: WebsocketProvider,
    /** The server's id of this program's session: the key of its own `personal` entries (scores). */
    readonly participantId: string,
  ) {}

  /** Joins with a link (its token is the fragment) and resolves once the board is synced. */
  static async join(request: APIRequestContext, baseURL: string, link: string, name: string): Promise<BoardProgram> {
    const url = new URL(link);
    const boardId = url.pathname.split('/').pop()!;
    const res = await request.post(`/api/boards/${boardId}/sessions`, { data: { token: decodeURIComponent(url.hash.slice(1)), name } });
    expect(res.status(), await res.text()).toBe(200);
    const { session, participantId } = (await res.json()) as SessionResponse;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(baseURL.replace(/^http/, 'ws') + '/yjs', boardId, doc, {
      params: { session },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    // The server's own "stored" confirmations (docs/api.md, type 100) mean nothing to a program that
    // does not track saving; without a handler y-websocket logs every one.
    provider.messageHandlers[STORED_MESSAGE] = () => {};
    await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
    return new BoardProgram(doc, provider, participantId);
  }

  close(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
