// Several instances serving the same boards (issue 12): two real servers on two ports sharing one
// PostgreSQL schema and one Redis, real y-websocket clients on each. Skipped with the reason printed
// when Redis or PostgreSQL is unreachable (a failure under CI).
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Redis } from 'ioredis';
import { createNote, listNotes } from '../../shared/src/board/notes.ts';
import { startTestServer, waitFor, type TestServer } from './testing/testServer.ts';
import { closedWith, connectClient, type TestClient } from './testing/testClient.ts';
import { CloseCode } from '../../shared/src/protocol.ts';
import { ROOT } from '../../shared/src/board/schema.ts';
import { io as connectSocket, type Socket } from 'socket.io-client';
import type { CommandAck, ClientToServerEvents, ServerToClientEvents } from '../../shared/src/protocol.ts';
import type { SessionState } from '../../shared/src/facilitation/sessionState.ts';
import { adminQuery, TEST_DATABASE_URL, testSchema } from './testing/postgres.ts';
import { describeScaleOut, TEST_REDIS_URL, testLinkKey, testRedisPrefix } from './testing/redis.ts';
import { PostgresBoardStore } from './storage/PostgresBoardStore.ts';
import type { Config } from './config.ts';
import { SlowLink } from './testing/slowLink.ts';

const clients: TestClient[] = [];
const servers: TestServer[] = [];

function client(server: TestServer, boardId: string, session: string, doc?: Y.Doc): TestClient {
  const c = connectClient(server.wsUrl, boardId, session, doc);
  clients.push(c);
  return c;
}

const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
const links: SlowLink[] = [];

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const c of clients) c.provider.destroy();
  for (const s of servers) await s.close();
  for (const l of links) await l.close();
});

/** Two instances on one schema and one Redis; `onlyB` for the second one alone. */
async function twoInstances(overrides: Partial<Config> = {}, onlyB: Partial<Config> = {}): Promise<[TestServer, TestServer, string]> {
  const schema = testSchema();
  const shared = { databaseUrl: TEST_DATABASE_URL, databaseSchema: schema, redisUrl: TEST_REDIS_URL, redisPrefix: testRedisPrefix(), linkKey: testLinkKey(), ...overrides };
  const a = await startTestServer(shared);
  servers.push(a);
  const b = await startTestServer({ ...shared, ...onlyB });
  servers.push(b);
  return [a, b, schema];
}

/**
 * Stores a note on the board as an instance does, without publishing it: what an instance killed
 * between its commit and its publish, or a message Redis dropped, leaves behind.
 */
async function storeUnpublished(schema: string, boardId: string, like: Y.Doc, text: string): Promise<void> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(like));
  const before = Y.encodeStateVector(doc);
  createNote(doc, { frame: 'swot.threats', x: 0, y: 0, color: 'blue', author: 'ghost', text });
  const store = await PostgresBoardStore.open({ connectionString: TEST_DATABASE_URL, schema, poolSize: 1, onError: () => {} });
  try {
    await store.appendUpdates(boardId, [Y.encodeStateAsUpdate(doc, before)]);
  } finally {
    await store.close();
    doc.destroy();
  }
}

/** How many stored updates (log rows) carry this text: 1 when an edit was stored once. */
async function storedCopies(schema: string, text: string): Promise<number> {
  const [{ n }] = await adminQuery<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${schema}.board_updates WHERE position(convert_to($1, 'UTF8') in update_data) > 0`,
    [text],
  );
  return n;
}

function texts(doc: Y.Doc): string[] {
  return listNotes(doc).map((n) => n.text).sort();
}

describeScaleOut('two instances on one PostgreSQL and one Redis', () => {
  it('relay edits and presence both ways, store each edit once, and a client moving to the other instance finds everything', async () => {
    const [A, B, schema] = await twoInstances();
    const board = await A.createBoard('Two instances');
    // Sessions are in the shared database: a link joined on A works on B.
    const ann = await A.join(board, 'participant', 'Ann');
    const bob = await B.join(board, 'participant', 'Bob');
    const onA = client(A, board.id, ann.session);
    const onB = client(B, board.id, bob.session);
    await Promise.all([onA.synced(), onB.synced()]);

    createNote(onA.doc, { frame: 'swot.strengths', x: 0, y: 0, color: 'yellow', author: 'Ann', text: 'written on A' });
    await waitFor(() => texts(onB.doc).includes('written on A'), 'the client on B sees the edit made on A');
    createNote(onB.doc, { frame: 'swot.weaknesses', x: 0, y: 0, color: 'yellow', author: 'Bob', text: 'written on B' });
    await waitFor(() => texts(onA.doc).includes('written on B'), 'the client on A sees the edit made on B');
    // Each edit is in the log once: the instance that relayed it did not store it again.
    expect(await storedCopies(schema, 'written on A')).toBe(1);
    expect(await storedCopies(schema, 'written on B')).toBe(1);

    // Presence crosses, with the name the server took from the session.
    onA.provider.awareness.setLocalStateField('cursor', { x: 5, y: 6 });
    await waitFor(() => {
      const state = onB.provider.awareness.getStates().get(onA.doc.clientID) as { user?: { name?: string }; cursor?: unknown } | undefined;
      return state?.user?.name === 'Ann' && state.cursor !== undefined;
    }, "the client on B sees Ann's cursor from A");

    // Ann's connection to A drops; she writes offline, then her client lands on B.
    onA.provider.destroy();
    createNote(onA.doc, { frame: 'swot.threats', x: 0, y: 0, color: 'yellow', author: 'Ann', text: 'written offline' });
    createNote(onB.doc, { frame: 'swot.opportunities', x: 0, y: 0, color: 'yellow', author: 'Bob', text: 'written while Ann was away' });
    const moved = client(B, board.id, ann.session, onA.doc);
    await moved.synced();
    await waitFor(() => texts(onB.doc).includes('written offline'), "Bob sees Ann's offline note");
    await waitFor(() => texts(moved.doc).includes('written while Ann was away'), "Ann's client on B gets what Bob wrote meanwhile");
    expect(texts(moved.doc)).toEqual(texts(onB.doc));
    // (A compacted the log when Ann left it; B has not: the offline note is in the log, once.)
    expect(await storedCopies(schema, 'written offline')).toBe(1);

    // A late joiner on A, where nobody is connected any more, gets the whole board from storage.
    const late = client(A, board.id, (await A.join(board, 'participant', 'Cy')).session);
    await late.synced();
    expect(texts(late.doc)).toEqual(['written offline', 'written on A', 'written on B', 'written while Ann was away']);
  });

  it('catch up from storage when an update was stored but never published: on the next gap, a new connection and a Redis reconnect', async () => {
    const [A, B, schema] = await twoInstances();
    const board = await A.createBoard('Missed messages');
    const { session } = await A.join(board, 'participant', 'Ann');
    const onA = client(A, board.id, session);
    const onB = client(B, board.id, session);
    await Promise.all([onA.synced(), onB.synced()]);

    // A gap: the next update published after the lost one makes B read storage.
    await storeUnpublished(schema, board.id, onA.doc, 'lost 1');
    createNote(onA.doc, { frame: 'swot.strengths', x: 0, y: 0, color: 'yellow', author: 'Ann', text: 'after the gap' });
    await waitFor(() => texts(onB.doc).includes('after the gap'), 'B relays the update after the gap');
    await waitFor(() => texts(onB.doc).includes('lost 1'), 'B caught up the update it never heard of');

    // Nothing published after it: a client connecting to B still gets it (B reads storage first).
    await storeUnpublished(schema, board.id, onA.doc, 'lost 2');
    const joining = client(B, board.id, session);
    await joining.synced();
    await waitFor(() => texts(joining.doc).includes('lost 2'), 'a client joining B gets the unpublished update');

    // Redis drops the subscriber connections (a Redis restart does the same): on reconnect every
    // loaded board reads storage, so what was published meanwhile is not missed.
    await storeUnpublished(schema, board.id, onA.doc, 'lost 3');
    const admin = new Redis(TEST_REDIS_URL);
    try {
      await admin.client('KILL', 'TYPE', 'pubsub');
    } finally {
      admin.disconnect();
    }
    await waitFor(() => texts(onA.doc).includes('lost 3') && texts(onB.doc).includes('lost 3'), 'both instances caught up after the reconnect');
    // ...and the bus works again.
    createNote(onB.doc, { frame: 'swot.strengths', x: 0, y: 0, color: 'yellow', author: 'Ann', text: 'after the reconnect' });
    await waitFor(() => texts(onA.doc).includes('after the reconnect'), 'A hears B again');
  });

  it('count the REST rate limits across instances: going round the proxy to the other instance gains nothing', async () => {
    const [A, B] = await twoInstances({ rateLimitBoardsPerMinute: 2 });
    await A.createBoard('one');
    await B.createBoard('two');
    const third = await fetch(`${A.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'three', template: 'swot' }),
    });
    expect(third.status).toBe(429);
  });

  it('count the connection caps per address and per session across instances: the cap holds in sum', async () => {
    const [A, B] = await twoInstances({ wsConnectionsPerIp: 3, wsConnectionsPerSession: 2 });
    const board = await A.createBoard('Caps across instances');
    const ann = await A.join(board, 'participant', 'Ann');
    const bob = await B.join(board, 'participant', 'Bob');
    // Per session: Ann's two tabs, one on each instance; a third is refused on either.
    const annOnA = client(A, board.id, ann.session);
    const annOnB = client(B, board.id, ann.session);
    await Promise.all([annOnA.synced(), annOnB.synced()]);
    const third = client(A, board.id, ann.session);
    expect(await closedWith(third)).toBe(CloseCode.RateLimited);
    third.provider.destroy();
    // Per address (all of these come from 127.0.0.1): Bob's tab on B is the third; a fourth is refused on A.
    const bobOnB = client(B, board.id, bob.session);
    await bobOnB.synced();
    const fourth = client(A, board.id, bob.session);
    expect(await closedWith(fourth)).toBe(CloseCode.AddressBusy);
    // A connection closing on B frees its place for A: the refused client (it retries by itself) gets in.
    annOnB.provider.destroy();
    await fourth.synced();
    expect(annOnA.closeCodes).toEqual([]);
    expect(bobOnB.closeCodes).toEqual([]);
  });

  it("close a removed participant's sockets on the other instance at once, and mark them removed there", async () => {
    const [A, B] = await twoInstances();
    const board = await A.createBoard('Removal across instances');
    const fac = await A.join(board, 'facilitator', 'Fay');
    const ann = await B.join(board, 'participant', 'Ann');
    const facOnA = client(A, board.id, fac.session);
    const annOnB = client(B, board.id, ann.session);
    await Promise.all([facOnA.synced(), annOnB.synced()]);
    const participants = facOnA.doc.getMap<Record<string, unknown>>(ROOT.participants);
    await waitFor(() => participants.has(ann.participantId), 'Ann (on B) is in the participant list on A');

    const res = await fetch(`${A.url}/api/boards/${board.id}/participants/${ann.participantId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${fac.session}` },
    });
    expect(res.status).toBe(200);
    expect(await closedWith(annOnB)).toBe(CloseCode.SessionEnded);
    await waitFor(() => typeof participants.get(ann.participantId)?.removedAt === 'number', 'A marks Ann removed');
  });

  it("carry facilitation across instances: a lowered hand and a lock set on A reach the sockets on B and B enforces the lock; A shutting down leaves B's sockets alone", async () => {
    // B reaches PostgreSQL over a link that can be made slow: B reads a state A stored late, and its
    // sockets must not hear of the state before B holds it (they did, through the socket.io adapter).
    const slow = await SlowLink.start(TEST_DATABASE_URL);
    links.push(slow);
    const [A, B] = await twoInstances({}, { databaseUrl: slow.url(TEST_DATABASE_URL) });
    const board = await A.createBoard('Locks across instances', 'confrontation');
    const fac = await A.join(board, 'facilitator', 'Fay');
    const ann = await B.join(board, 'participant', 'Ann');
    const facSocket = connectSocket(A.url, { path: '/socket.io', auth: { session: fac.session }, transports: ['websocket'], reconnection: false });
    const annSocket = connectSocket(B.url, { path: '/socket.io', auth: { session: ann.session }, transports: ['websocket'], reconnection: false });
    sockets.push(facSocket, annSocket);
    let annState: SessionState | undefined;
    annSocket.on('session:state', (state) => {
      if (!annState || state.revision >= annState.revision) annState = state;
    });
    await waitFor(() => annState !== undefined, 'Ann (on B) has the session state');
    // Lowering Ann's raised hand on A reaches her socket on B (her participant's room, through the adapter).
    const lowered: unknown[] = [];
    annSocket.on('hand:lowered', (l) => lowered.push(l));
    const lower = await new Promise<CommandAck>((resolve) => facSocket.emit('session:command', { type: 'hand:lower', participantId: ann.participantId }, resolve));
    expect(lower).toMatchObject({ ok: true });
    await waitFor(() => lowered.length === 1, "the lowered hand reaches Ann's socket on B");
    expect(lowered[0]).toEqual({ by: 'Fay', all: false });
    const annBoard = client(B, board.id, ann.session);
    await annBoard.synced();

    const lock = (locked: boolean) =>
      new Promise<CommandAck>((resolve) => facSocket.emit('session:command', { type: 'lock:canvas', canvasId: 'swot', locked }, resolve));
    slow.delayMs = 500;
    expect(await lock(true)).toMatchObject({ ok: true });
    await waitFor(() => annState?.locks.canvases.includes('swot') === true, "the lock set on A reaches Ann's socket on B");
    // Written the moment Ann's client hears of the lock, while B's storage answers take 500 ms.
    createNote(annBoard.doc, { canvas: 'swot', frame: 'swot.strengths', x: 20, y: 90, color: 'yellow', author: 'Ann', text: 'while locked' });
    await waitFor(() => annBoard.refused.length > 0, 'B refuses a note on the canvas locked on A');
    slow.delayMs = 0;
    annBoard.provider.destroy();

    expect(await lock(false)).toMatchObject({ ok: true });
    await waitFor(() => annState?.locks.canvases.includes('swot') === false, 'the unlock reaches B');
    const again = client(B, board.id, ann.session);
    await again.synced();
    createNote(again.doc, { canvas: 'swot', frame: 'swot.strengths', x: 20, y: 90, color: 'yellow', author: 'Ann', text: 'after the unlock' });
    const facBoard = client(A, board.id, fac.session);
    await waitFor(() => texts(facBoard.doc).includes('after the unlock'), 'B takes the note once unlocked on A, and A has it');
    expect(texts(facBoard.doc)).not.toContain('while locked');

    // A shuts down: its own sockets go, B's stay (the adapter must not carry A's disconnect to B).
    await A.close();
    servers.splice(servers.indexOf(A), 1);
    const facOnB = connectSocket(B.url, { path: '/socket.io', auth: { session: fac.session }, transports: ['websocket'], reconnection: false });
    sockets.push(facOnB);
    const ack = await new Promise<CommandAck>((resolve) => facOnB.emit('session:command', { type: 'lock:board', locked: true }, resolve));
    expect(ack).toMatchObject({ ok: true });
    await waitFor(() => annState?.locks.board === true, "Ann's socket on B still gets the state after A shut down");
    expect(annSocket.connected).toBe(true);
  });
});
