import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CloseCode } from '../../../shared/src/protocol.ts';
import { createNote, listNotes } from '../../../shared/src/board/notes.ts';
import { startTestServer, waitFor, type TestServer } from '../testing/testServer.ts';
import { closedWith, connectClient, type TestClient } from '../testing/testClient.ts';

const note = { frame: 'swot.strengths', x: 10, y: 80, color: 'yellow' as const, author: 'Ann' };
const clients: TestClient[] = [];
const raw: WebSocket[] = [];
const servers: TestServer[] = [];

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const ws of raw) ws.terminate();
  for (const s of servers) await s.close();
});

async function serverWithBoard(overrides: Parameters<typeof startTestServer>[0]) {
  const t = await startTestServer(overrides);
  servers.push(t);
  const board = await t.createBoard();
  const { session } = await t.join(board, 'participant');
  return { t, boardId: board.id, session };
}

/** A bare socket with chosen headers; `accepted` resolves on the first message (the server's sync step 1). */
function rawSocket(url: string, headers: Record<string, string>) {
  const ws = new WebSocket(url, { headers });
  raw.push(ws);
  ws.on('error', () => {});
  return {
    ws,
    accepted: new Promise<void>((resolve) => ws.once('message', () => resolve())),
    closed: new Promise<number>((resolve) => ws.on('close', (code) => resolve(code))),
  };
}

describe('open connections per client address (WS_CONNECTIONS_PER_IP)', () => {
  let t: TestServer;
  let boardId: string;
  let session: string;
  beforeAll(async () => {
    ({ t, boardId, session } = await serverWithBoard({ wsConnectionsPerIp: 2 }));
  });

  it('refuses the connection above the cap with 4429, keeps the others syncing and accepts again once one closes', async () => {
    const a = connectClient(t.wsUrl, boardId, session);
    const b = connectClient(t.wsUrl, boardId, session);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);

    const c = connectClient(t.wsUrl, boardId, session);
    clients.push(c);
    expect(await closedWith(c)).toBe(CloseCode.RateLimited);
    // Without TRUST_PROXY a forwarded-for header does not get anyone past the cap.
    const spoofed = rawSocket(`${t.wsUrl}/${boardId}?session=${session}`, { 'x-forwarded-for': '203.0.113.9' });
    expect(await spoofed.closed).toBe(CloseCode.RateLimited);

    createNote(a.doc, { ...note, text: 'still syncing' });
    await waitFor(() => listNotes(b.doc).some((n) => n.text === 'still syncing'), 'b sees a note made on a');
    expect(a.closeCodes).toEqual([]);
    expect(b.closeCodes).toEqual([]);

    // 44xx is terminal for the provider, so c retries the way the browser's error screen does
    // (connect again); once a has left, it gets in.
    a.destroy();
    await waitFor(() => {
      if (!c.provider.shouldConnect) c.provider.connect();
      return c.provider.synced;
    }, 'c gets in once a has left');
    createNote(c.doc, { ...note, text: 'from c' });
    await waitFor(() => listNotes(b.doc).some((n) => n.text === 'from c'), 'b sees a note made on c');
  });
});

describe('open connections per client address behind a trusted proxy', () => {
  it('counts the forwarded client address, not the proxy', async () => {
    const { t, boardId, session } = await serverWithBoard({ wsConnectionsPerIp: 1, trustProxy: true });
    const url = `${t.wsUrl}/${boardId}?session=${session}`;
    const first = rawSocket(url, { 'x-forwarded-for': '203.0.113.1, 10.0.0.1' });
    await first.accepted;
    const other = rawSocket(url, { 'x-forwarded-for': '203.0.113.2' });
    await other.accepted;
    const again = rawSocket(url, { 'x-forwarded-for': '203.0.113.1' });
    expect(await again.closed).toBe(CloseCode.RateLimited);
    expect(first.ws.readyState).toBe(WebSocket.OPEN);
    expect(other.ws.readyState).toBe(WebSocket.OPEN);
  });
});
