// Issue 6, items 1-3: what an ordinary participant or viewer link can send must never brick a board
// or stall the server. Real server, real y-websocket clients for the honest users, raw sockets for
// the attacker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { CloseCode, MessageType } from '../../../shared/src/protocol.ts';
import { createNote, listNotes } from '../../../shared/src/board/notes.ts';
import { SqliteBoardStore } from '../storage/SqliteBoardStore.ts';
import { encodeUpdate } from '../rooms/messages.ts';
import { deepContentUpdate, descendingDeleteSet, hugeClockDeletes } from '../testing/hostileUpdates.ts';
import { startTestServer, waitFor, type TestServer } from '../testing/testServer.ts';
import { clientPool, type TestClient } from '../testing/testClient.ts';

const note = { frame: 'swot.strengths', x: 10, y: 80, color: 'yellow' as const, author: 'Ann' };

let t: TestServer;
const clients = clientPool(() => t.wsUrl);
const client = (boardId: string, session: string): TestClient => clients.connect(boardId, session);

/** A raw socket: the attacker. `frames` counts what the server sent it. */
async function attacker(boardId: string, session: string) {
  const ws = new WebSocket(`${t.wsUrl}/${boardId}?session=${encodeURIComponent(session)}`);
  ws.on('error', () => {});
  const received = { frames: 0 };
  ws.on('message', () => received.frames++);
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve) => ws.on('open', () => resolve()));
  return { ws, closed, received };
}

/** A board with one note on it, its participant session and the client that wrote the note. */
async function boardWithNote() {
  const board = await t.createBoard();
  const { session } = await t.join(board, 'participant');
  const { session: viewer } = await t.join(board, 'viewer');
  const writer = client(board.id, session);
  await writer.synced();
  createNote(writer.doc, { ...note, text: 'keep me' });
  await waitFor(() => writer.stored.some((s) => Y.snapshotContainsUpdate(s, Y.encodeStateAsUpdate(writer.doc))), 'note stored');
  return { board, session, viewer, writer };
}

/** A new viewer opens the board: it must sync (not be closed) and see the note. */
async function opensForAFreshViewer(boardId: string, viewer: string): Promise<void> {
  const fresh = client(boardId, viewer);
  await fresh.synced();
  expect(fresh.closeCodes).toEqual([]);
  expect(listNotes(fresh.doc).map((n) => n.text)).toContain('keep me');
}

beforeAll(async () => {
  t = await startTestServer({ wsMessagesPerSecond: 1000 });
});

afterAll(async () => {
  clients.destroyAll();
  await t.close();
});

describe('hostile updates', () => {
  it.each([
    ['ContentJSON nested 50,000 deep', [deepContentUpdate('json', 50_000)]],
    ['ContentFormat nested 50,000 deep', [deepContentUpdate('format', 50_000)]],
    ['delete sets whose clocks pass 2^53', hugeClockDeletes()],
  ])('refuses %s with 4400, and the board still opens for everyone, also after a restart', async (_name, updates) => {
    const { board, session, viewer } = await boardWithNote();
    const bad = await attacker(board.id, session);
    for (const u of updates) bad.ws.send(encodeUpdate(u));
    // The first of the two delete sets deletes content the board does not have: not stored (it cannot
    // be checked), the sender is asked for what the board lacks; the second is refused with 4400.
    expect(await bad.closed).toBe(CloseCode.BadRequest);
    await opensForAFreshViewer(board.id, viewer);
    await t.restart();
    await opensForAFreshViewer(board.id, viewer);
  });

  it('opens a board that was poisoned before updates were checked, without the poison', async () => {
    const { board, viewer, writer } = await boardWithNote();
    writer.destroy();
    // Idle boards unload after IDLE_UNLOAD_MS; a restart makes sure the next open loads from storage.
    await t.server.close();
    const store = SqliteBoardStore.open(t.dataDir);
    await store.appendUpdates(board.id, [deepContentUpdate('json', 50_000), ...hugeClockDeletes()]);
    await store.close();
    await t.restart();
    await opensForAFreshViewer(board.id, viewer);
  });

  it('stores a delete set sent in descending order sorted, deleting the same content', async () => {
    const { board, session } = await boardWithNote();
    const { setup, update, text } = descendingDeleteSet(2_000);
    const bad = await attacker(board.id, session);
    bad.ws.send(encodeUpdate(setup));
    bad.ws.send(encodeUpdate(update));
    const watcher = client(board.id, session);
    await waitFor(() => text(watcher.doc).length === 2_000, 'every other character deleted');
    // Read while the board is open (closing the last connection compacts the log into a snapshot).
    const store = SqliteBoardStore.open(t.dataDir);
    const stored = await store.loadDocument(board.id);
    await store.close();
    const deletes = stored.updates.map((u) => Y.decodeUpdate(u).ds).find((ds) => ds.clients.size > 0);
    const ranges = [...deletes!.clients.values()][0];
    expect(ranges.length).toBe(2_000);
    expect(ranges.every((r, i) => i === 0 || r.clock > ranges[i - 1].clock)).toBe(true);
  });

  it('refuses an update with more delete ranges than an edit can need with 4413', async () => {
    const { board, session, viewer } = await boardWithNote();
    const bad = await attacker(board.id, session);
    bad.ws.send(encodeUpdate(descendingDeleteSet(10_001).update));
    expect(await bad.closed).toBe(CloseCode.TooLarge);
    await opensForAFreshViewer(board.id, viewer);
  });

  it('answers a few sync requests per connection and refuses a flood of them with 4429', async () => {
    const { board, viewer } = await boardWithNote();
    const bad = await attacker(board.id, viewer);
    const step1 = syncStep1(new Uint8Array([0]));
    for (let i = 0; i < 400; i++) bad.ws.send(step1);
    expect(await bad.closed).toBe(CloseCode.RateLimited);
    // Our sync step 1, (no presence yet), then at most a handful of answers: never 400 copies of the board.
    expect(bad.received.frames).toBeLessThan(10);
    await opensForAFreshViewer(board.id, viewer);
  });
});

function syncStep1(stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, stateVector);
  return encoding.toUint8Array(e);
}
