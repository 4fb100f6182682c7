// Caps on open /yjs connections: per session (one person's tabs) and per client address (a host
// exhausting descriptors), and the address a cap counts behind a trusted proxy (issue 6, items 6-7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CloseCode, CloseReason } from '../../../shared/src/protocol.ts';
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

async function serverWithBoard(overrides: Parameters<typeof startTestServer>[0] = {}) {
  const t = await startTestServer(overrides);
  servers.push(t);
  const board = await t.createBoard();
  const { session } = await t.join(board, 'participant');
  return { t, board, boardId: board.id, session };
}

function client(t: TestServer, boardId: string, session: string): TestClient {
  const c = connectClient(t.wsUrl, boardId, session);
  clients.push(c);
  return c;
}

/** A bare socket with chosen headers; `accepted` resolves on the first message (the server's sync step 1). */
function rawSocket(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  raw.push(ws);
  ws.on('error', () => {});
  return {
    ws,
    accepted: new Promise<void>((resolve) => ws.once('message', () => resolve())),
    closed: new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))),
  };
}

describe('a classroom behind one address', () => {
  it('lets 100 people with their own sessions behind one address all sync with the default limits', async () => {
    const { t, board } = await serverWithBoard();
    const sessions = [];
    for (let i = 0; i < 100; i++) sessions.push((await t.join(board, 'participant', `Phone ${i}`)).session);
    const phones = sessions.map((s) => client(t, board.id, s));
    await Promise.all(phones.map((p) => p.synced()));
    createNote(phones[0].doc, { ...note, text: 'for the whole class' });
    await waitFor(() => phones.every((p) => listNotes(p.doc).some((n) => n.text === 'for the whole class')), 'every phone sees the note');
    expect(phones.flatMap((p) => p.closeCodes)).toEqual([]);
  });
});

describe('open connections per session (WS_CONNECTIONS_PER_SESSION)', () => {
  it('refuses the 17th connection of one session with 4429 and says why; other sessions from the same address still get in', async () => {
    const { t, board, boardId, session } = await serverWithBoard();
    const url = `${t.wsUrl}/${boardId}?session=${session}`;
    const tabs = Array.from({ length: 16 }, () => rawSocket(url));
    await Promise.all(tabs.map((s) => s.accepted));

    const extra = rawSocket(url);
    expect(await extra.closed).toEqual({ code: CloseCode.RateLimited, reason: CloseReason.SessionConnections });

    const other = client(t, boardId, (await t.join(board, 'participant', 'Other')).session);
    await other.synced();
    expect(tabs.every((s) => s.ws.readyState === WebSocket.OPEN)).toBe(true);

    // A closed tab frees its place for the same session.
    tabs[0].ws.close();
    await tabs[0].closed;
    await waitFor(async () => {
      const again = rawSocket(url);
      return Promise.race([again.accepted.then(() => true), again.closed.then(() => false)]);
    }, 'the session gets a place again once one of its connections closed');
  });
});

describe('open connections per client address (WS_CONNECTIONS_PER_IP)', () => {
  let t: TestServer;
  let boardId: string;
  let session: string;
  beforeAll(async () => {
    ({ t, boardId, session } = await serverWithBoard({ wsConnectionsPerIp: 2 }));
  });

  it('refuses the connection above the cap with a code the client retries, keeps the others syncing, and the refused client gets in by itself once one closes', async () => {
    const a = client(t, boardId, session);
    const b = client(t, boardId, session);
    await Promise.all([a.synced(), b.synced()]);

    const c = client(t, boardId, session);
    expect(await closedWith(c)).toBe(CloseCode.AddressBusy);
    // Outside 4400-4499: y-websocket keeps trying by itself.
    expect(c.provider.shouldConnect).toBe(true);
    // Without TRUST_PROXY a forwarded-for header does not get anyone past the cap.
    const spoofed = rawSocket(`${t.wsUrl}/${boardId}?session=${session}`, { 'x-forwarded-for': '203.0.113.9' });
    expect(await spoofed.closed).toEqual({ code: CloseCode.AddressBusy, reason: CloseReason.AddressConnections });

    createNote(a.doc, { ...note, text: 'still syncing' });
    await waitFor(() => listNotes(b.doc).some((n) => n.text === 'still syncing'), 'b sees a note made on a');
    expect(a.closeCodes).toEqual([]);
    expect(b.closeCodes).toEqual([]);

    a.destroy();
    await c.synced();
    createNote(c.doc, { ...note, text: 'from c' });
    await waitFor(() => listNotes(b.doc).some((n) => n.text === 'from c'), 'b sees a note made on c');
  });
});

describe('open connections per client address behind a trusted proxy', () => {
  it('with TRUST_PROXY=1 counts the right-most X-Forwarded-For entry (the one the proxy wrote), so a forged left-most entry gets nobody past the cap', async () => {
    const { t, boardId, session } = await serverWithBoard({ wsConnectionsPerIp: 1, trustProxy: 1 });
    const url = `${t.wsUrl}/${boardId}?session=${session}`;
    const first = rawSocket(url, { 'x-forwarded-for': '203.0.113.1, 198.51.100.1' });
    await first.accepted;
    const forged = rawSocket(url, { 'x-forwarded-for': '203.0.113.2, 198.51.100.1' });
    expect((await forged.closed).code).toBe(CloseCode.AddressBusy);
    const otherClient = rawSocket(url, { 'x-forwarded-for': '198.51.100.2' });
    await otherClient.accepted;
    expect(first.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('with a list of proxy addresses skips the trusted hops from the right and counts the first untrusted one', async () => {
    const { t, boardId, session } = await serverWithBoard({ wsConnectionsPerIp: 1, trustProxy: ['loopback', '10.0.0.0/8'] });
    const url = `${t.wsUrl}/${boardId}?session=${session}`;
    const first = rawSocket(url, { 'x-forwarded-for': '203.0.113.9, 198.51.100.3, 10.1.2.3' });
    await first.accepted;
    const forged = rawSocket(url, { 'x-forwarded-for': '203.0.113.10, 198.51.100.3, 10.9.9.9' });
    expect((await forged.closed).code).toBe(CloseCode.AddressBusy);
    const otherClient = rawSocket(url, { 'x-forwarded-for': '198.51.100.4, 10.0.0.5' });
    await otherClient.accepted;
  });
});
