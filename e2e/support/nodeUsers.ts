// More people on a board without a browser each: real BoardConnections (the client's own class,
// with the real y-websocket provider) in the test process, joined through the REST API like a
// browser would. They publish presence like a browser does, so the page lists them as people.
import { expect, type APIRequestContext } from '@playwright/test';
import WebSocket from 'ws';
import type { SessionResponse } from '../../shared/src/protocol.ts';
import { BoardConnection } from '../../client/src/lib/sync/BoardConnection.ts';

// Each y-websocket provider in Node adds a process 'exit' listener; forty people are not a leak.
process.setMaxListeners(Math.max(process.getMaxListeners(), 100));

/** Joins `link` as `name` from Node and resolves once the connection is live. */
export async function joinFromNode(request: APIRequestContext, link: string, name: string): Promise<BoardConnection> {
  const url = new URL(link);
  const boardId = url.pathname.split('/').pop()!;
  const res = await request.post(`/api/boards/${boardId}/sessions`, { data: { token: url.hash.slice(1), name } });
  expect(res.status(), await res.text()).toBe(200);
  const session = (await res.json()) as SessionResponse;
  const conn = new BoardConnection({
    boardId,
    session: session.session,
    user: { name: session.name, role: session.role },
    serverUrl: url.origin.replace(/^http/, 'ws') + '/yjs',
    persist: false,
    WebSocketPolyfill: WebSocket,
  });
  await new Promise<void>((resolve) => {
    const stop = conn.state.subscribe((s) => {
      if (s.connection === 'live') queueMicrotask(() => (stop(), resolve()));
    });
  });
  return conn;
}
