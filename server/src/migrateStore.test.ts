// Moving boards from SQLite to PostgreSQL (issue 12, `npm run migrate-store`): boards written
// through a real server on a SQLite file, the real command run on them, then a server on PostgreSQL
// serving the same boards to real y-websocket and socket.io clients, with the old links and sessions.
// Skipped with the reason printed when PostgreSQL is unreachable (a failure under CI).
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { createNote, listNotes } from '../../shared/src/board/notes.ts';
import { setPrivateMode } from '../../shared/src/board/privateNotes.ts';
import { ROOT } from '../../shared/src/board/schema.ts';
import type { ClientToServerEvents, CommandAck, CreateBoardResponse, HiddenNotesResponse, ServerToClientEvents } from '../../shared/src/protocol.ts';
import type { SessionState } from '../../shared/src/facilitation/sessionState.ts';
import { startTestServer, tempDataDir, waitFor, type TestServer } from './testing/testServer.ts';
import { connectClient, type TestClient } from './testing/testClient.ts';
import { adminQuery, describePostgres, TEST_DATABASE_URL, testSchema } from './testing/postgres.ts';
import { SqliteBoardStore } from './storage/SqliteBoardStore.ts';
import { privateDocId } from './rooms/privateDocId.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const place = { canvas: 'swot', frame: 'swot.strengths', x: 40, y: 120, color: 'yellow' as const };

const servers: TestServer[] = [];
const clients: TestClient[] = [];
const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const c of clients) c.provider.destroy();
  for (const s of servers) await s.close();
});

function client(server: TestServer, boardId: string, session: string, params: Record<string, string> = {}): TestClient {
  const c = connectClient(server.wsUrl, boardId, session, new Y.Doc(), params);
  clients.push(c);
  return c;
}

/** The session state a socket.io client gets on joining. */
async function sessionState(server: TestServer, session: string, act?: (socket: Socket<ServerToClientEvents, ClientToServerEvents>) => Promise<void>): Promise<SessionState> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(server.url, { path: '/socket.io', auth: { session }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  let latest: SessionState | undefined;
  socket.on('session:state', (s) => {
    if (!latest || s.revision >= latest.revision) latest = s;
  });
  await waitFor(() => latest !== undefined, 'the session state');
  await act?.(socket);
  socket.disconnect();
  return latest!;
}

async function get<T>(server: TestServer, url: string, session: string): Promise<T> {
  const res = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${session}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

function migrate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '-s', 'migrate-store', '--', ...args], { cwd: REPO }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

/**
 * Appends a note to a stored document as a server does, without compacting it: what a server killed
 * (kill -9) between edits leaves in the log. Returns the document as stored then.
 */
async function appendUnfolded(dataDir: string, docId: string, text: string, isPrivate = false): Promise<Record<string, unknown>> {
  const store = SqliteBoardStore.open(dataDir);
  try {
    const log = isPrivate ? store.privateDocuments : store;
    const stored = await log.loadDocument(docId);
    const doc = new Y.Doc();
    for (const u of [stored.snapshot, ...stored.updates]) if (u) Y.applyUpdate(doc, u);
    const before = Y.encodeStateVector(doc);
    createNote(doc, { ...place, author: 'ghost', text });
    await log.appendUpdates(docId, [Y.encodeStateAsUpdate(doc, before)]);
    return content(doc);
  } finally {
    await store.close();
  }
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const texts = (doc: Y.Doc) => listNotes(doc).map((n) => n.text).sort();
/** Every root map of a board document as JSON (the roots are Y.Maps: shared/src/board/schema.ts). */
const content = (doc: Y.Doc) => Object.fromEntries(Object.values(ROOT).map((key) => [key, doc.getMap(key).toJSON()]));

/** What a facilitator and a participant see of a board: the document, the state, the links, the snapshots, the hidden notes. */
async function seen(server: TestServer, board: CreateBoardResponse, facilitator: string, participant: { session: string; participantId: string }) {
  const doc = client(server, board.id, facilitator);
  const own = client(server, board.id, participant.session, { private: participant.participantId });
  await Promise.all([doc.synced(), own.synced()]);
  return {
    document: content(doc.doc),
    notes: texts(doc.doc),
    privateNotes: texts(own.doc),
    state: await sessionState(server, facilitator),
    // The tokens in the links, without the origin (the port of a test server).
    links: (await get<{ links: { url: string }[] }>(server, `/api/boards/${board.id}/links`, facilitator)).links.map((l) => ({ ...l, url: l.url.replace(server.url.replace('127.0.0.1', 'localhost'), '') })),
    snapshots: await get(server, `/api/boards/${board.id}/snapshots`, facilitator),
    hidden: await get<HiddenNotesResponse>(server, `/api/boards/${board.id}/canvases/swot/private`, facilitator),
  };
}

describePostgres('moving boards from SQLite to PostgreSQL', () => {
  it('copies every board into an empty schema, leaves the SQLite file as it was, and a server on PostgreSQL serves the same boards, links and sessions', async () => {
    const dataDir = tempDataDir();
    const linkKey = crypto.randomBytes(32).toString('base64');
    const sqlite = await startTestServer({ dataDir, databaseUrl: undefined, linkKey, compactEveryUpdates: 5, wsMessagesPerSecond: 1000 });
    servers.push(sqlite);
    const workshop = await sqlite.createBoard('Acme strategy day', 'workshop');
    const swot = await sqlite.createBoard('Second board', 'swot');
    const fac = await sqlite.join(workshop, 'facilitator', 'Fiona');
    const ann = await sqlite.join(workshop, 'participant', 'Ann');

    // Notes (more than one compaction's worth), a private note, facilitation commands, a phase snapshot.
    const facDoc = client(sqlite, workshop.id, fac.session);
    const annOwn = client(sqlite, workshop.id, ann.session, { private: ann.participantId });
    await Promise.all([facDoc.synced(), annOwn.synced()]);
    for (let i = 0; i < 12; i++) createNote(facDoc.doc, { ...place, author: 'Fiona', text: `note ${i}` });
    setPrivateMode(facDoc.doc, 'swot', { on: true, attributed: true });
    createNote(annOwn.doc, { ...place, author: 'Ann', text: 'ann alone' });
    await sessionState(sqlite, fac.session, async (socket) => {
      const command = (cmd: Parameters<ClientToServerEvents['session:command']>[0]) =>
        new Promise<CommandAck>((resolve) => socket.emit('session:command', cmd, resolve));
      expect(await command({ type: 'phase:next' })).toMatchObject({ ok: true });
      expect(await command({ type: 'lock:canvas', canvasId: 'swot', locked: true })).toMatchObject({ ok: true });
    });
    await waitFor(async () => (await get<{ snapshots: unknown[] }>(sqlite, `/api/boards/${workshop.id}/snapshots`, fac.session)).snapshots.length > 0, 'the phase snapshot');
    const swotFac = await sqlite.join(swot, 'facilitator', 'Sam');
    const swotDoc = client(sqlite, swot.id, swotFac.session);
    await swotDoc.synced();
    createNote(swotDoc.doc, { ...place, author: 'Sam', text: 'on the second board' });
    await waitFor(() => texts(facDoc.doc).length === 12, 'the notes are in');
    const before = await seen(sqlite, workshop, fac.session, ann);
    expect(before.privateNotes).toEqual(['ann alone']);
    for (const c of clients.splice(0)) c.provider.destroy();
    await sqlite.close();
    servers.splice(servers.indexOf(sqlite), 1);
    // Edits after the last compaction, in both logs: their sequence numbers are renumbered.
    const document = await appendUnfolded(dataDir, workshop.id, 'after the snapshot 1');
    const stored = await appendUnfolded(dataDir, workshop.id, 'after the snapshot 2');
    await appendUnfolded(dataDir, privateDocId(workshop.id, ann.participantId), 'ann unfolded', true);
    const expected = {
      ...before,
      document: stored,
      notes: [...before.notes, 'after the snapshot 1', 'after the snapshot 2'].sort(),
      privateNotes: ['ann alone', 'ann unfolded'],
      hidden: { ...before.hidden, people: before.hidden.people.map((p) => ({ ...p, hidden: 2 })), total: 2 },
    };
    expect(before.hidden.total).toBe(1);
    expect(document).not.toEqual(stored);
    expect(Object.keys(stored.notes as object)).toHaveLength(14);
    const file = path.join(dataDir, 'boards.sqlite');
    const hash = sha256(file);

    const schema = testSchema();
    const run = await migrate('--from', dataDir, '--to', TEST_DATABASE_URL, '--schema', schema);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Done: 2 board(s) copied and verified.');
    expect(run.stdout).toMatch(/^phase_snapshots +1 +1$/m);
    expect(run.stdout).toMatch(/^board_updates +2 +2$/m);
    expect(run.stdout).toMatch(/^private_updates +1 +1$/m);
    // Once more: the target is not empty any more.
    const again = await migrate('--from', dataDir, '--to', TEST_DATABASE_URL, '--schema', schema);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`The target schema ${schema} already has 2 board(s)`);
    expect(sha256(file)).toBe(hash);
    // Per board, PostgreSQL's sequence numbers follow on without gaps.
    const seqs = await adminQuery<{ board_id: string; n: number; max: number; last: number }>(
      `SELECT u.board_id, count(*)::int AS n, max(u.seq)::int AS max, b.last_seq::int AS last FROM ${schema}.board_updates u JOIN ${schema}.boards b ON b.id = u.board_id GROUP BY u.board_id, b.last_seq`,
    );
    for (const s of seqs) expect([s.max, s.last]).toEqual([s.n, s.n]);

    const postgres = await startTestServer({ databaseUrl: TEST_DATABASE_URL, databaseSchema: schema, linkKey, wsMessagesPerSecond: 1000 });
    servers.push(postgres);
    // The sessions made on SQLite go on working, and see what they saw there.
    const after = await seen(postgres, workshop, fac.session, ann);
    expect(after).toEqual(expected);
    expect(after.state.locks.canvases).toEqual(['swot']);
    // The links still join, on both boards; the board takes new edits after the moved ones.
    const cy = await postgres.join(workshop, 'participant', 'Cy');
    const cyDoc = client(postgres, workshop.id, cy.session);
    await cyDoc.synced();
    expect(texts(cyDoc.doc)).toEqual(expected.notes);
    const viewer = client(postgres, swot.id, (await postgres.join(swot, 'viewer', 'Vi')).session);
    await viewer.synced();
    expect(texts(viewer.doc)).toEqual(['on the second board']);
    const writer = client(postgres, swot.id, swotFac.session);
    await writer.synced();
    createNote(writer.doc, { ...place, author: 'Sam', text: 'written on PostgreSQL' });
    await waitFor(() => texts(viewer.doc).includes('written on PostgreSQL'), 'a new edit after the moved ones');
  });

  it('refuses a missing store and a data dir a server is running on, and says so', async () => {
    const missing = await migrate('--from', tempDataDir(), '--to', TEST_DATABASE_URL, '--schema', testSchema());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No SQLite store at .*boards\.sqlite/);
    const running = await startTestServer({ databaseUrl: undefined });
    servers.push(running);
    const busy = await migrate('--from', running.dataDir, '--to', TEST_DATABASE_URL, '--schema', testSchema());
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('is in use by another server');
    expect(busy.stderr).toContain('Stop the server before moving its boards.');
    const usage = await migrate('--to', TEST_DATABASE_URL);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--from is required');
  });
});
