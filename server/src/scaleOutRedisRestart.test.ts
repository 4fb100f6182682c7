// Redis restarted under write load (issue 12): two instances on one PostgreSQL schema and a
// redis-server of this test's own (so the machine's shared Redis is untouched), a writer and a
// reader on each. Redis is killed with -9 mid-load, the writers go on, and Redis comes back empty on
// the same port. The instances reconnect, read what they missed from storage (sequence numbers),
// and every replica, a fresh client on each instance and the stored board end up with every note;
// edits, presence and facilitation events cross again. Skipped with the reason printed when
// PostgreSQL is unreachable or redis-server is not installed (a failure under CI).
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { createNote, listNotes } from '../../shared/src/board/notes.ts';
import type { ClientToServerEvents, CommandAck, ServerToClientEvents } from '../../shared/src/protocol.ts';
import type { SessionState } from '../../shared/src/facilitation/sessionState.ts';
import { startTestServer, waitFor, type TestServer } from './testing/testServer.ts';
import { connectClient, type TestClient } from './testing/testClient.ts';
import { describePostgres, TEST_DATABASE_URL, testSchema } from './testing/postgres.ts';
import { testLinkKey, testRedisPrefix } from './testing/redis.ts';
import { describePrivateRedis, PrivateRedis } from './testing/privateRedis.ts';
import { PostgresBoardStore } from './storage/PostgresBoardStore.ts';
import { loadDoc } from './rooms/loadDoc.ts';

const clients: TestClient[] = [];
const servers: TestServer[] = [];
const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
let redis: PrivateRedis | undefined;

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const c of clients) c.destroy();
  for (const s of servers) await s.close();
  await redis?.kill();
});

function client(server: TestServer, boardId: string, session: string, doc?: Y.Doc): TestClient {
  const c = connectClient(server.wsUrl, boardId, session, doc);
  clients.push(c);
  return c;
}

interface Writer {
  client: TestClient;
  own: string[];
  timer: NodeJS.Timeout;
}

function startWriter(c: TestClient, name: string): Writer {
  const w: Writer = { client: c, own: [], timer: setInterval(() => {
    if (!c.provider.synced) return;
    w.own.push(createNote(c.doc, { frame: 'swot.strengths', x: w.own.length, y: 0, color: 'green', author: name, text: `${name} ${w.own.length}` }));
  }, 8) };
  return w;
}

const ids = (doc: Y.Doc) => new Set(listNotes(doc).map((n) => n.id));
const missing = (doc: Y.Doc, expected: Iterable<string>) => {
  const have = ids(doc);
  return [...expected].filter((id) => !have.has(id));
};

/** board_catch_ups_total{reason="reconnect"} of an instance. */
async function reconnectCatchUps(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('board_catch_ups_total{reason="reconnect"}'));
  return line ? Number(line.split(' ').pop()) : 0;
}

describePostgres('Redis restarted under write load', () => describePrivateRedis('Redis restarted under write load', () => {
  it('the instances reconnect and catch up from storage; nothing is lost and everything crosses again', { timeout: 120_000 }, async () => {
    redis = await PrivateRedis.start();
    const shared = { databaseUrl: TEST_DATABASE_URL, databaseSchema: testSchema(), redisUrl: redis.url, redisPrefix: testRedisPrefix(), linkKey: testLinkKey() };
    const A = await startTestServer(shared);
    servers.push(A);
    const B = await startTestServer(shared);
    servers.push(B);
    const board = await A.createBoard('Redis restarts', 'confrontation');
    const ann = await A.join(board, 'participant', 'Ann');
    const bob = await B.join(board, 'participant', 'Bob');
    const fac = await A.join(board, 'facilitator', 'Fay');

    const readerA = client(A, board.id, ann.session);
    const readerB = client(B, board.id, bob.session);
    const writerA = startWriter(client(A, board.id, ann.session), 'a');
    const writerB = startWriter(client(B, board.id, bob.session), 'b');
    const both = () => [...writerA.own, ...writerB.own];
    await waitFor(
      () => [writerA, writerB].every((w) => w.own.length >= 40 && missing(readerA.doc, w.own.slice(0, 40)).length === 0 && missing(readerB.doc, w.own.slice(0, 40)).length === 0),
      'both readers received notes of both writers, across instances',
    );

    await redis.kill();
    // Writing goes on while Redis is away: each instance stores and relays to its own clients.
    const atKill = [writerA.own.length, writerB.own.length];
    await waitFor(() => writerA.own.length >= atKill[0] + 100 && writerB.own.length >= atKill[1] + 100, 'both writers wrote 100 more notes without Redis');
    // A board first opened while Redis is away: both instances must subscribe to it once Redis is back.
    const late = await A.createBoard('Opened during the outage');
    const lateA = client(A, late.id, (await A.join(late, 'participant', 'Ann')).session);
    const lateB = client(B, late.id, (await B.join(late, 'participant', 'Bob')).session);
    await Promise.all([lateA.synced(), lateB.synced()]);
    const reconnectsBefore = [await reconnectCatchUps(A), await reconnectCatchUps(B)];
    await redis.start();

    // Both instances noticed the connection back and read storage for what they missed.
    await waitFor(async () => (await reconnectCatchUps(A)) > reconnectsBefore[0] && (await reconnectCatchUps(B)) > reconnectsBefore[1], 'both instances caught up after Redis came back', 30_000);
    // The bus carries live edits again: notes written after the restart cross both ways.
    const atRestart = [writerA.own.length, writerB.own.length];
    await waitFor(
      () => writerA.own.length > atRestart[0] + 20 && writerB.own.length > atRestart[1] + 20,
      'both writers go on after the restart',
    );
    const afterRestartA = writerA.own.slice(atRestart[0], atRestart[0] + 20);
    const afterRestartB = writerB.own.slice(atRestart[1], atRestart[1] + 20);
    await waitFor(() => missing(readerB.doc, afterRestartA).length === 0 && missing(readerA.doc, afterRestartB).length === 0, 'edits made after the restart cross both ways', 30_000);
    clearInterval(writerA.timer);
    clearInterval(writerB.timer);
    const lateNote = createNote(lateA.doc, { frame: 'swot.threats', x: 0, y: 0, color: 'blue', author: 'Ann', text: 'on the late board' });
    await waitFor(() => ids(lateB.doc).has(lateNote), 'an edit on the board opened during the outage crosses from A to B');
    const lateReply = createNote(lateB.doc, { frame: 'swot.threats', x: 0, y: 0, color: 'blue', author: 'Bob', text: 'reply' });
    await waitFor(() => ids(lateA.doc).has(lateReply), 'and from B to A');

    // Every replica converges on every note either writer made (before, during and after the outage).
    const all = both();
    const replicas = [readerA, readerB, writerA.client, writerB.client];
    await waitFor(() => replicas.every((r) => missing(r.doc, all).length === 0), 'every replica holds every note', 30_000);
    for (const r of replicas) expect(ids(r.doc).size).toBe(all.length);
    const [freshA, freshB] = [client(A, board.id, ann.session), client(B, board.id, bob.session)];
    await Promise.all([freshA.synced(), freshB.synced()]);
    expect(missing(freshA.doc, all)).toEqual([]);
    expect(missing(freshB.doc, all)).toEqual([]);

    // The stored board holds every note too.
    const store = await PostgresBoardStore.open({ connectionString: TEST_DATABASE_URL, schema: shared.databaseSchema, poolSize: 1, onError: () => {} });
    try {
      const stored = loadDoc(await store.loadDocument(board.id)).doc;
      expect(missing(stored, all)).toEqual([]);
      expect(ids(stored).size).toBe(all.length);
      stored.destroy();
    } finally {
      await store.close();
    }

    // Presence crosses again.
    readerA.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
    await waitFor(() => {
      const s = readerB.provider.awareness.getStates().get(readerA.doc.clientID) as { cursor?: unknown } | undefined;
      return s?.cursor !== undefined;
    }, "Bob (on B) sees Ann's cursor from A after the restart");

    // Facilitation: a lock set on A while Redis is away again. Once it is back, B has it too (it read
    // the state again: the bus message of the change was lost), for a socket joining there, for its
    // write rules and for Bob's socket there; then a change crosses live again.
    const socketTo = (server: TestServer, session: string) => {
      const s = connectSocket(server.url, { path: '/socket.io', auth: { session }, transports: ['websocket'], reconnection: false });
      sockets.push(s);
      let latest: SessionState | undefined;
      s.on('session:state', (state) => {
        if (!latest || state.revision >= latest.revision) latest = state;
      });
      return { socket: s, state: () => latest };
    };
    const fay = socketTo(A, fac.session);
    const bobs = socketTo(B, bob.session);
    await waitFor(() => fay.state() !== undefined && bobs.state() !== undefined, 'both sockets have the session state');
    const command = (cmd: Parameters<ClientToServerEvents['session:command']>[0]) =>
      new Promise<CommandAck>((resolve) => fay.socket.emit('session:command', cmd, resolve));
    await redis.kill();
    expect(await command({ type: 'lock:canvas', canvasId: 'swot', locked: true })).toMatchObject({ ok: true });
    await redis.start();
    await waitFor(async () => {
      const joining = socketTo(B, bob.session);
      await waitFor(() => joining.state() !== undefined, 'a socket joining B has the session state');
      joining.socket.disconnect();
      return joining.state()!.locks.canvases.includes('swot');
    }, 'B holds the lock set on A while Redis was away', 30_000);
    await waitFor(() => bobs.state()?.locks.canvases.includes('swot') === true, "Bob's socket on B has the lock");
    createNote(readerB.doc, { canvas: 'swot', frame: 'swot.strengths', x: 20, y: 90, color: 'yellow', author: 'Bob', text: 'while locked' });
    await waitFor(() => readerB.refused.length > 0, 'B refuses a note on the canvas locked on A');
    expect(await command({ type: 'lock:canvas', canvasId: 'swot', locked: false })).toMatchObject({ ok: true });
    await waitFor(() => bobs.state()?.locks.canvases.includes('swot') === false, "the unlock on A reaches Bob's socket on B");
  });
}));
