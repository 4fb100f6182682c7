// BoardConnection against the real server (in-process, temporary SQLite) and the real y-websocket
// WebsocketProvider, in Node (no IndexedDB there, so the offline copy is off).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { get } from 'svelte/store';
import { startTestServer, type TestServer } from '../../../../server/src/testing/testServer.ts';
import { createNote, listNotes, setNoteText } from '$shared/board/notes.ts';
import { metaMap, readMeta } from '$shared/board/schema.ts';
import { readCanvases, renameCanvas } from '$shared/board/canvases.ts';
import { readMyScores, setScore } from '$shared/canvases/confrontation/confrontationOperations.ts';
import type { Role } from '$shared/protocol.ts';
import { BoardConnection, type ConnectionSnapshot } from './BoardConnection.ts';

let server: TestServer;
const open: BoardConnection[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of open) c.destroy();
  await server.close();
});

async function connect(boardId: string, session: string, name: string, role: Role): Promise<BoardConnection> {
  const c = new BoardConnection({ boardId, session, user: { name, role }, serverUrl: server.wsUrl, persist: false, WebSocketPolyfill: WebSocket });
  open.push(c);
  return c;
}

async function join(role: Role, name: string, board?: Awaited<ReturnType<TestServer['createBoard']>>) {
  const b = board ?? (await server.createBoard('Test board', 'confrontation'));
  const s = await server.join(b, role, name);
  return { board: b, conn: await connect(b.id, s.session, name, role) };
}

/**
 * Resolves once `pred` holds: checked on every state change and, for what the state does not
 * report (a remote edit arriving in the doc), every 20 ms.
 */
function until(c: BoardConnection, pred: (s: ConnectionSnapshot) => boolean, what: string): Promise<ConnectionSnapshot> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const s = get(c.state);
      if (!pred(s)) return;
      clearTimeout(timer);
      clearInterval(poll);
      queueMicrotask(() => unsub());
      resolve(s);
    };
    const timer = setTimeout(() => {
      clearInterval(poll);
      unsub();
      reject(new Error(`timed out waiting for ${what}; last state ${JSON.stringify(get(c.state))}`));
    }, 20_000);
    const poll = setInterval(check, 20);
    const unsub = c.state.subscribe(() => check());
  });
}

const live = (c: BoardConnection) => until(c, (s) => s.connection === 'live', 'live');

describe('BoardConnection', () => {
  it('says saved only once the server confirmed storing a local change', async () => {
    const { conn } = await join('facilitator', 'Fiona');
    await live(conn);
    expect(get(conn.state).save).toBe('saved');
    createNote(conn.doc, { frame: 'swot.strengths', x: 10, y: 80, color: 'green', author: 'Fiona', text: 'Loyal customers' }, conn.origin);
    expect(get(conn.state).save).toBe('saving');
    await until(conn, (s) => s.save === 'saved', 'saved');
    expect(conn.tracker.pendingCount).toBe(0);
  });

  it('undoes only this user\'s changes, never another user\'s', async () => {
    const a = await join('facilitator', 'Ann');
    const bSession = await server.join(a.board, 'participant', 'Bob');
    const b = await connect(a.board.id, bSession.session, 'Bob', 'participant');
    await Promise.all([live(a.conn), live(b)]);
    const mine = createNote(a.conn.doc, { frame: 'swot.strengths', x: 0, y: 80, color: 'green', author: 'Ann' }, a.conn.origin);
    a.conn.undoManager.stopCapturing();
    const theirs = createNote(b.doc, { frame: 'swot.threats', x: 960, y: 720, color: 'pink', author: 'Bob', text: 'Bob wrote this' }, b.origin);
    await until(a.conn, () => listNotes(a.conn.doc).length === 2, 'both notes at Ann');
    // Bob edits Ann's note too; Ann's undo removes her note but leaves Bob's own note alone.
    await until(b, () => listNotes(b.doc).length === 2, 'both notes at Bob');
    setNoteText(b.doc, theirs, 'Bob edited', b.origin);
    await until(a.conn, () => listNotes(a.conn.doc).some((n) => n.text === 'Bob edited'), 'Bob\'s edit at Ann');
    expect(get(a.conn.state).canUndo).toBe(true);
    a.conn.undo();
    await until(b, () => listNotes(b.doc).length === 1, 'Ann\'s undo at Bob');
    expect(listNotes(b.doc).map((n) => [n.id, n.text])).toEqual([[theirs, 'Bob edited']]);
    expect(listNotes(a.conn.doc).some((n) => n.id === mine)).toBe(false);
  });

  it('undoes and redoes this user\'s own scores one at a time, never another participant\'s', async () => {
    const fac = await join('facilitator', 'Fiona');
    const annSession = await server.join(fac.board, 'participant', 'Ann');
    const bSession = await server.join(fac.board, 'participant', 'Bob');
    const ann = await connect(fac.board.id, annSession.session, 'Ann', 'participant');
    const b = await connect(fac.board.id, bSession.session, 'Bob', 'participant');
    await Promise.all([live(fac.conn), live(ann), live(b)]);
    const row = createNote(fac.conn.doc, { frame: 'swot.strengths', x: 0, y: 80, color: 'green', author: 'Fiona', text: 'Strong brand' }, fac.conn.origin);
    const column = createNote(fac.conn.doc, { frame: 'swot.opportunities', x: 960, y: 80, color: 'green', author: 'Fiona', text: 'B2B market' }, fac.conn.origin);
    await until(ann, () => listNotes(ann.doc).length === 2, 'notes at Ann');
    await until(b, () => listNotes(b.doc).length === 2, 'notes at Bob');
    const cell = { canvasId: 'confrontation', row, column };
    const annCell = { ...cell, participantId: annSession.participantId };
    const bobCell = { ...cell, participantId: bSession.participantId };
    const mine = (c: BoardConnection, id: string) => readMyScores(c.doc, 'confrontation', id).get(`${row}:${column}`);
    // Two taps at once: each is a step of its own.
    setScore(ann.doc, annCell, 1, ann.origin);
    setScore(ann.doc, annCell, 2, ann.origin);
    setScore(b.doc, bobCell, 0, b.origin);
    await until(ann, () => mine(ann, bSession.participantId) === 0, 'Bob\'s score at Ann');
    expect(get(ann.state).canUndo).toBe(true);
    ann.undo();
    expect(mine(ann, annSession.participantId)).toBe(1);
    ann.undo();
    expect(mine(ann, annSession.participantId)).toBeUndefined();
    ann.redo();
    ann.redo();
    await until(b, () => mine(b, annSession.participantId) === 2, 'Ann\'s redone score at Bob');
    expect(mine(b, bSession.participantId)).toBe(0);
    expect(get(ann.state).refused).toBeNull();
  });

  it('stays connected when several users publish presence', async () => {
    const a = await join('facilitator', 'Ann');
    const others = await Promise.all(['Bob', 'Cem'].map(async (n) => connect(a.board.id, (await server.join(a.board, 'participant', n)).session, n, 'participant')));
    const all = [a.conn, ...others];
    await Promise.all(all.map(live));
    for (const [i, c] of all.entries()) c.awareness.setLocalStateField('cursor', { x: i, y: i });
    // Everyone sees everyone: each awareness change travelled through the server and back.
    await Promise.all(all.map((c) => new Promise<void>((resolve) => {
      const check = () => {
        if (c.awareness.getStates().size === 3) {
          c.awareness.off('change', check);
          resolve();
        }
      };
      c.awareness.on('change', check);
      check();
    })));
    // A create after that round still goes through on every connection (none was closed).
    const id = createNote(others[1].doc, { frame: 'swot.threats', x: 960, y: 720, color: 'pink', author: 'Cem' }, others[1].origin);
    await Promise.all(all.map((c) => until(c, () => listNotes(c.doc).some((n) => n.id === id), 'note everywhere')));
    for (const c of all) expect(get(c.state).fatal).toBeNull();
  });

  it('throws its copy away after a forbidden write and shows the board as the server has it again', async () => {
    const fac = await join('facilitator', 'Fiona');
    const p = await join('participant', 'Pat', fac.board);
    await Promise.all([live(fac.conn), live(p.conn)]);
    const before = p.conn.doc;
    // From the console: empty the board's metadata and rename a canvas (a participant may do neither).
    p.conn.doc.transact(() => {
      metaMap(p.conn.doc).clear();
      renameCanvas(p.conn.doc, 'swot', 'Mine now');
    });
    expect(readMeta(p.conn.doc)).toEqual({});
    const replaced = await until(p.conn, (s) => s.generation === 1 && s.connection === 'live', 'a fresh copy, live');
    expect(replaced.refused?.error).toBe('forbidden_write');
    expect(p.conn.doc).not.toBe(before);
    expect(readMeta(p.conn.doc)).toMatchObject({ title: 'Test board', template: 'confrontation' });
    expect(readCanvases(p.conn.doc).map((c) => c.title)).toEqual(['SWOT analysis', 'Confrontation matrix']);
    expect(replaced.save).toBe('saved');
    expect(replaced.fatal).toBeNull();
    // The fresh copy writes again (a copy that kept the refused content would be stuck behind it).
    const id = createNote(p.conn.doc, { frame: 'swot.strengths', x: 0, y: 80, color: 'green', author: 'Pat', text: 'After' }, p.conn.origin);
    await until(fac.conn, () => listNotes(fac.conn.doc).some((n) => n.id === id), 'the new note at the facilitator');
    expect(readMeta(fac.conn.doc)).toMatchObject({ title: 'Test board' });
    expect(get(p.conn.state).generation).toBe(1);
  });

  it('reports a refused session as a fatal unauthorized error and stops', async () => {
    const b = await server.createBoard();
    const c = await connect(b.id, 'not-a-session', 'Eve', 'participant');
    const s = await until(c, (x) => x.fatal !== null, 'refusal');
    expect(s.fatal?.error).toBe('unauthorized');
    expect(s.connection).toBe('offline');
  });

  it('says a refusal for too many connections of its session is about the session, not about sending too much', async () => {
    const b = await server.createBoard();
    const { session } = await server.join(b, 'participant', 'Tabs');
    const tabs = await openRawSockets(`${server.wsUrl}/${b.id}?session=${session}`, 16);
    try {
      const c = await connect(b.id, session, 'Tabs', 'participant');
      const s = await until(c, (x) => x.fatal !== null, 'refusal');
      expect(s.fatal?.error).toBe('session_connections');
      // Once the other tabs are gone, trying again (what the board page does after a while) works;
      // until the server has seen them close, an attempt is refused again.
      for (const ws of tabs) ws.close();
      await until(c, (x) => {
        if (x.fatal) queueMicrotask(() => c.reconnect());
        return x.connection === 'live';
      }, 'live after trying again');
    } finally {
      for (const ws of tabs) ws.terminate();
    }
  });

  it('says the network has too many connections while it retries by itself, and gets in once there is room', async () => {
    const crowded = await startTestServer({ wsConnectionsPerIp: 1 });
    try {
      const b = await crowded.createBoard();
      const { session } = await crowded.join(b, 'participant', 'Late');
      const [blocker] = await openRawSockets(`${crowded.wsUrl}/${b.id}?session=${session}`, 1);
      const c = new BoardConnection({ boardId: b.id, session, user: { name: 'Late', role: 'participant' }, serverUrl: crowded.wsUrl, persist: false, WebSocketPolyfill: WebSocket });
      open.push(c);
      const s = await until(c, (x) => x.retrying !== null, 'refusal');
      expect(s.retrying?.error).toBe('address_connections');
      expect(s.fatal).toBeNull();
      blocker.close();
      const after = await live(c);
      expect(after.retrying).toBeNull();
    } finally {
      await crowded.close();
    }
  });
});

/** `n` bare sockets on a /yjs URL, each accepted (it received the server's first message). */
async function openRawSockets(url: string, n: number): Promise<WebSocket[]> {
  const sockets = Array.from({ length: n }, () => new WebSocket(url));
  await Promise.all(sockets.map((ws) => new Promise((resolve, reject) => {
    ws.once('message', resolve);
    ws.once('close', (code) => reject(new Error(`raw socket closed with ${code}`)));
  })));
  return sockets;
}
