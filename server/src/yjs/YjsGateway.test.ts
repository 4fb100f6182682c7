import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { CloseCode } from '../../../shared/src/protocol.ts';
import { createNote, listNotes, setNoteText } from '../../../shared/src/board/notes.ts';
import { readMeta } from '../../../shared/src/board/schema.ts';
import { SqliteBoardStore } from '../storage/SqliteBoardStore.ts';
import { encodeUpdate } from '../rooms/messages.ts';
import { startTestServer, waitFor, withServer, type TestServer } from '../testing/testServer.ts';
import { closedWith, connectClient, type TestClient } from '../testing/testClient.ts';

const note = { frame: 'swot.strengths', x: 10, y: 80, color: 'yellow' as const, author: 'Ann' };

let t: TestServer;
const clients: TestClient[] = [];
function client(boardId: string, session: string, doc?: Y.Doc): TestClient {
  const c = connectClient(t.wsUrl, boardId, session, doc);
  clients.push(c);
  return c;
}

async function boardWith(role: 'facilitator' | 'participant' | 'viewer' = 'participant') {
  const board = await t.createBoard();
  const s = await t.join(board, role);
  return { board, session: s.session };
}

/** Opens a raw socket (no y-websocket client) and resolves with the close code. */
function rawSocket(path: string): { ws: WebSocket; closed: Promise<number>; open: Promise<void> } {
  const ws = new WebSocket(`${t.wsUrl}${path}`);
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const open = new Promise<void>((resolve) => ws.on('open', () => resolve()));
  return { ws, closed, open };
}

beforeAll(async () => {
  t = await startTestServer({ compactEveryUpdates: 20, maxFrameBytes: 64 * 1024, wsMessagesPerSecond: 500 });
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await t.close();
});

describe('y-websocket rooms', () => {
  it('converges two clients editing the same board', async () => {
    const { board, session } = await boardWith();
    const a = client(board.id, session);
    const b = client(board.id, session);
    await Promise.all([a.synced(), b.synced()]);
    const id = createNote(a.doc, note);
    setNoteText(a.doc, id, 'Loyal customers');
    createNote(b.doc, { ...note, frame: 'swot.threats', text: 'New competitor' });
    await waitFor(() => listNotes(a.doc).length === 2 && listNotes(b.doc).length === 2, 'both notes on both clients');
    await waitFor(() => JSON.stringify(listNotes(a.doc)) === JSON.stringify(listNotes(b.doc)), 'equal boards');
    expect(listNotes(b.doc).map((n) => n.text).sort()).toEqual(['Loyal customers', 'New competitor']);
  });

  it('gives a late joiner the full board, including the meta map written at creation', async () => {
    const { board, session } = await boardWith();
    const a = client(board.id, session);
    await a.synced();
    for (let i = 0; i < 5; i++) createNote(a.doc, { ...note, text: `note ${i}` });
    await waitFor(() => a.stored.some((s) => Y.snapshotContainsUpdate(s, Y.encodeStateAsUpdate(a.doc))), 'stored');
    const late = client(board.id, session);
    await late.synced();
    expect(listNotes(late.doc).map((n) => n.text)).toEqual(listNotes(a.doc).map((n) => n.text));
    expect(readMeta(late.doc)).toMatchObject({ title: 'Test board', template: 'swot', language: 'en' });
  });

  it('acknowledges stored updates with a Stored message that covers them', async () => {
    const { board, session } = await boardWith();
    const a = client(board.id, session);
    await a.synced();
    const before = Y.encodeStateVector(a.doc);
    createNote(a.doc, { ...note, text: 'durable' });
    const mine = Y.encodeStateAsUpdate(a.doc, before);
    await waitFor(() => a.stored.some((s) => Y.snapshotContainsUpdate(s, mine)), 'a Stored snapshot containing the update');
  });

  it('does not store content it already has again, but still acknowledges it', async () => {
    const { board, session } = await boardWith();
    const a = client(board.id, session);
    await a.synced();
    for (let i = 0; i < 3; i++) createNote(a.doc, { ...note, text: `n${i}` });
    await waitFor(() => a.stored.some((s) => Y.snapshotContainsUpdate(s, Y.encodeStateAsUpdate(a.doc))), 'stored');
    const persisted = async () => {
      const text = await (await fetch(`${t.url}/metrics`)).text();
      return Number(/^board_persisted_updates_total (\d+)/m.exec(text)?.[1]);
    };
    const before = await persisted();
    const acks = a.stored.length;
    // What a provider does when IndexedDB replays the whole board into it while connected.
    a.provider.ws!.send(encodeUpdate(Y.encodeStateAsUpdate(a.doc)));
    await waitFor(() => a.stored.length > acks, 'acknowledged');
    expect(await persisted()).toBe(before);
  });

  it('keeps the board across a restart of the server', async () => {
    const { board, session } = await boardWith();
    const a = client(board.id, session);
    await a.synced();
    createNote(a.doc, { ...note, text: 'survives restart' });
    await waitFor(() => a.stored.some((s) => Y.snapshotContainsUpdate(s, Y.encodeStateAsUpdate(a.doc))), 'stored');
    await t.restart();
    const fresh = client(board.id, session);
    await fresh.synced();
    expect(listNotes(fresh.doc).map((n) => n.text)).toEqual(['survives restart']);
  });

  it('stores edits a client made offline when it connects to a board that is not loaded yet', async () => {
    const { board, session } = await boardWith();
    const offline = new Y.Doc();
    createNote(offline, { ...note, text: 'written offline' });
    await t.restart(); // nothing loaded: its first messages (sync step 1, presence) wait for the load
    const a = client(board.id, session, offline);
    const b = client(board.id, session);
    await waitFor(() => listNotes(b.doc).some((n) => n.text === 'written offline'), 'b gets the offline note');
    await waitFor(() => a.stored.some((s) => Y.snapshotContainsUpdate(s, Y.encodeStateAsUpdate(offline))), 'offline edit acknowledged');
    expect(readMeta(a.doc).title).toBe('Test board');
  });

  it('keeps content equal through compaction', async () => {
    const { board, session } = await boardWith();
    const a = client(board.id, session);
    await a.synced();
    // compactEveryUpdates is 20: these updates compact several times.
    for (let i = 0; i < 60; i++) {
      const id = createNote(a.doc, { ...note, x: i });
      setNoteText(a.doc, id, `n${i}`);
    }
    await waitFor(() => a.stored.some((s) => Y.snapshotContainsUpdate(s, Y.encodeStateAsUpdate(a.doc))), 'stored');
    // 120 updates were stored; compaction while connected keeps the log short (not only on leave).
    const store = SqliteBoardStore.open(t.dataDir);
    try {
      expect((await store.loadDocument(board.id)).updates.length).toBeLessThan(40);
    } finally {
      await store.close();
    }
    a.destroy(); // last connection leaves: compaction on leave too
    await t.restart();
    const fresh = client(board.id, session);
    await fresh.synced();
    expect(listNotes(fresh.doc)).toEqual(listNotes(a.doc));
  });

  it('drops every update a viewer sends, without closing it', async () => {
    const board = await t.createBoard();
    const editor = await t.join(board, 'participant');
    const viewer = await t.join(board, 'viewer');
    const e = client(board.id, editor.session);
    const v = client(board.id, viewer.session);
    await Promise.all([e.synced(), v.synced()]);
    createNote(v.doc, { ...note, text: 'from viewer' });
    // Presence is handled after the update on the same connection (one queue per room): once the editor
    // sees this marker, the viewer's update was handled, so had it been relayed or stored it would show.
    v.provider.awareness.setLocalStateField('marker', 1);
    await waitFor(() => (e.provider.awareness.getStates().get(v.doc.clientID) as { marker?: number } | undefined)?.marker === 1, 'editor sees the viewer marker');
    createNote(e.doc, { ...note, text: 'from editor' });
    // The viewer still receives the board live.
    await waitFor(() => listNotes(v.doc).some((n) => n.text === 'from editor'), 'viewer sees the editor note');
    await waitFor(() => e.stored.length > 0, 'editor update stored');
    expect(listNotes(e.doc).map((n) => n.text)).toEqual(['from editor']);
    expect(v.closeCodes).toEqual([]);
    await t.restart();
    const fresh = client(board.id, editor.session);
    await fresh.synced();
    expect(listNotes(fresh.doc).map((n) => n.text)).toEqual(['from editor']);
  });

  it('closes with 4401 for a missing or wrong session, and the provider stops retrying', async () => {
    const { board } = await boardWith();
    const wrong = client(board.id, 'not-a-session');
    expect(await closedWith(wrong)).toBe(CloseCode.Unauthorized);
    const missing = rawSocket(`/${board.id}`);
    expect(await missing.closed).toBe(CloseCode.Unauthorized);
    // Give a retrying client time to reconnect, then check it did not.
    await new Promise((r) => setTimeout(r, 800));
    expect(wrong.closeCodes).toEqual([CloseCode.Unauthorized]);
    expect(wrong.provider.shouldConnect).toBe(false);
  });

  it('closes with 4401 for a session of another board', async () => {
    const { session } = await boardWith();
    const { board: other } = await boardWith();
    expect(await closedWith(client(other.id, session))).toBe(CloseCode.Unauthorized);
  });

  it('closes with 4404 for an unknown board and 4400 for a malformed board id', async () => {
    const { session } = await boardWith();
    expect(await closedWith(client('AAAAAAAAAAAAAAAA', session))).toBe(CloseCode.NotFound);
    expect(await closedWith(client('bad id!', session))).toBe(CloseCode.BadRequest);
  });

  it('survives random binary frames: only that connection closes, others keep syncing', async () => {
    const { board, session } = await boardWith();
    const a = client(board.id, session);
    const b = client(board.id, session);
    await Promise.all([a.synced(), b.synced()]);
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const raw = rawSocket(`/${board.id}?session=${encodeURIComponent(session)}`);
      await raw.open;
      const frame = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)));
      // Half start like a sync message so they get past the type byte.
      if (i % 2 === 0) frame[0] = i % 4 === 0 ? 0 : 1;
      raw.ws.send(frame);
      raw.ws.send(Buffer.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]));
      codes.push(await raw.closed);
    }
    expect(codes.every((c) => c === CloseCode.BadRequest)).toBe(true);
    createNote(a.doc, { ...note, text: 'still alive' });
    await waitFor(() => listNotes(b.doc).some((n) => n.text === 'still alive'), 'b receives a note after the garbage');
  });

  it('survives mutated but well-framed updates from an editor, and the board still loads afterwards', async () => {
    const { board, session } = await boardWith();
    const a = client(board.id, session);
    await a.synced();
    createNote(a.doc, { ...note, text: 'before the fuzz' });
    const valid = Y.encodeStateAsUpdate(a.doc);
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 40; i++) {
      const mutated = Uint8Array.from(valid);
      for (let k = 0; k < 1 + (i % 4); k++) mutated[Math.floor(rand() * mutated.length)] = Math.floor(rand() * 256);
      const raw = rawSocket(`/${board.id}?session=${encodeURIComponent(session)}`);
      await raw.open;
      raw.ws.send(encodeUpdate(mutated));
      // Valid-looking ones are stored and relayed like any edit; the rest close with 4400.
      raw.ws.close();
      await raw.closed;
    }
    const b = client(board.id, session);
    await b.synced();
    createNote(a.doc, { ...note, text: 'after the fuzz' });
    await waitFor(() => listNotes(b.doc).some((n) => n.text === 'after the fuzz'), 'b syncs after the fuzz');
    await t.restart();
    const fresh = client(board.id, session);
    await fresh.synced();
    expect(listNotes(fresh.doc).some((n) => n.text === 'after the fuzz')).toBe(true);
  });

  it('closes with 4413 for a frame over the limit', async () => {
    const { board, session } = await boardWith();
    const raw = rawSocket(`/${board.id}?session=${encodeURIComponent(session)}`);
    await raw.open;
    raw.ws.send(encodeUpdate(new Uint8Array(100 * 1024)));
    expect(await raw.closed).toBe(CloseCode.TooLarge);
    // Past twice the limit, ws refuses to read the frame at all: 1009 (message too big).
    const huge = rawSocket(`/${board.id}?session=${encodeURIComponent(session)}`);
    await huge.open;
    huge.ws.send(new Uint8Array(2 * 64 * 1024 + 1));
    expect(await huge.closed).toBe(1009);
  });

  it('refuses WebSocket upgrades on other paths', async () => {
    const ws = new WebSocket(`${t.url.replace(/^http/, 'ws')}/elsewhere`);
    const status = await new Promise<number | string>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', (err) => resolve(err.message));
    });
    expect(status).toBe(404);
  });

  it('closes with 4403 when a connection claims many awareness client ids', async () => {
    const { board, session } = await boardWith();
    const raw = rawSocket(`/${board.id}?session=${encodeURIComponent(session)}`);
    await raw.open;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 20);
    for (let id = 1; id <= 20; id++) {
      encoding.writeVarUint(inner, 1_000_000 + id);
      encoding.writeVarUint(inner, 1);
      encoding.writeVarString(inner, '{}');
    }
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    raw.ws.send(encoding.toUint8Array(e));
    expect(await raw.closed).toBe(CloseCode.Forbidden);
  });

  it('lets stock clients of different sessions share presence (their echoes of others are ignored)', async () => {
    const board = await t.createBoard();
    const s1 = await t.join(board, 'participant', 'Ann');
    const s2 = await t.join(board, 'viewer', 'Vic');
    const a = client(board.id, s1.session);
    const v = client(board.id, s2.session);
    await Promise.all([a.synced(), v.synced()]);
    for (let i = 0; i < 5; i++) {
      a.provider.awareness.setLocalStateField('cursor', { x: i });
      v.provider.awareness.setLocalStateField('cursor', { x: -i });
    }
    await waitFor(() => (v.provider.awareness.getStates().get(a.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x === 4, 'v sees a');
    await waitFor(() => (a.provider.awareness.getStates().get(v.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x === -4, 'a sees v');
    expect(a.closeCodes).toEqual([]);
    expect(v.closeCodes).toEqual([]);
  });

  it('removes the presence of a client that leaves and shows it again when it comes back', async () => {
    const board = await t.createBoard();
    const s1 = await t.join(board, 'participant', 'Ann');
    const s2 = await t.join(board, 'participant', 'Bob');
    const a = client(board.id, s1.session);
    const b = client(board.id, s2.session);
    a.provider.awareness.setLocalStateField('user', { name: 'Ann' });
    await Promise.all([a.synced(), b.synced()]);
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 'b sees a');
    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'a gone for b');
    a.provider.connect();
    // Well before the 15 s awareness renewal that would otherwise bring it back.
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 'a back for b', 10_000);
    expect(b.closeCodes).toEqual([]);
  });

  it('closes with 4429 when a connection floods messages', () =>
    withServer({ wsMessagesPerSecond: 20 }, async (flood) => {
      const board = await flood.createBoard();
      const s = await flood.join(board, 'participant');
      const ws = new WebSocket(`${flood.wsUrl}/${board.id}?session=${encodeURIComponent(s.session)}`);
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      await new Promise((r) => ws.on('open', r));
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 3); // query awareness: harmless on its own
      for (let i = 0; i < 100; i++) ws.send(encoding.toUint8Array(e));
      expect(await closed).toBe(CloseCode.RateLimited);
    }));

  it('refuses growth past the board size cap with 4409 and stores nothing of it', () =>
    withServer({ maxBoardBytes: 4096 }, async (small) => {
      const board = await small.createBoard();
      const s = await small.join(board, 'participant');
      const a = connectClient(small.wsUrl, board.id, s.session);
      clients.push(a);
      await a.synced();
      createNote(a.doc, { ...note, text: 'small' });
      await waitFor(() => a.stored.length > 0, 'small note stored');
      createNote(a.doc, { ...note, text: 'x'.repeat(5000) });
      expect(await closedWith(a)).toBe(CloseCode.BoardFull);
      const fresh = connectClient(small.wsUrl, board.id, s.session, new Y.Doc());
      clients.push(fresh);
      await fresh.synced();
      expect(listNotes(fresh.doc).map((n) => n.text)).toEqual(['small']);
    }));

  it('unloads an idle board and loads it again for the next client', () =>
    withServer({ idleUnloadMs: 50 }, async (idle) => {
      const board = await idle.createBoard();
      const s = await idle.join(board, 'participant');
      const a = connectClient(idle.wsUrl, board.id, s.session);
      clients.push(a);
      await a.synced();
      createNote(a.doc, { ...note, text: 'kept' });
      await waitFor(() => a.stored.length > 0, 'stored');
      const loaded = async () => {
        const text = await (await fetch(`${idle.url}/metrics`)).text();
        return Number(/^board_loaded_boards (\d+)/m.exec(text)?.[1]);
      };
      expect(await loaded()).toBe(1);
      a.provider.disconnect();
      await waitFor(async () => (await loaded()) === 0, 'board unloaded');
      const b = connectClient(idle.wsUrl, board.id, s.session, new Y.Doc());
      clients.push(b);
      await b.synced();
      expect(listNotes(b.doc).map((n) => n.text)).toEqual(['kept']);
    }));
});
