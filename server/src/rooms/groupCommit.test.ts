// Group commit (issue 12) on a real PostgreSQL store: what arrives while a board's append is in
// flight is appended together, and nothing of an update leaves the room before it is stored. The
// store is real; its answers are held back (the append itself runs) so that the test decides when
// an append "is in flight". The sockets record what the room sends them.
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import pino from 'pino';
import { initBoard } from '../../../shared/src/board/meta.ts';
import { createNote, listNotes, noteText } from '../../../shared/src/board/notes.ts';
import { MessageType, type Role } from '../../../shared/src/protocol.ts';
import { PostgresBoardStore } from '../storage/PostgresBoardStore.ts';
import type { DocumentLog } from '../storage/BoardStore.ts';
import { LocalBoardBus } from '../bus/BoardBus.ts';
import { Metrics } from '../observability/Metrics.ts';
import { describePostgres, TEST_DATABASE_URL, testSchema } from '../testing/postgres.ts';
import { waitFor } from '../testing/testServer.ts';
import { ConnectionBudget } from './ConnectionBudget.ts';
import { Room } from './Room.ts';
import { RoomClient } from './RoomClient.ts';

const BOARD = { id: 'GGGGGGGGGGGGGGGG', title: 'Group commit', template: 'swot' as const, language: 'en' as const, createdAt: 1 };
const log = pino({ level: 'silent' });

/** A gate per append: the store commits at once, the room hears of it when the test opens the gate. */
class HeldStore implements DocumentLog {
  /** Sizes of the appends asked for, in order. */
  readonly appends: number[] = [];
  private readonly gates: Array<() => void> = [];
  /** Appends from this index on fail (nothing stored). */
  failFrom = Infinity;
  /** Off: appends answer as soon as they are stored (the participant list written on joins). */
  hold = false;

  constructor(readonly store: PostgresBoardStore) {}

  loadDocument(docId: string) {
    return this.store.loadDocument(docId);
  }

  compact(docId: string, snapshot: Uint8Array, uptoSeq: number) {
    return this.store.compact(docId, snapshot, uptoSeq);
  }

  appendUpdates(docId: string, updates: Uint8Array[]): Promise<number> {
    if (!this.hold) return this.store.appendUpdates(docId, updates);
    const index = this.appends.push(updates.length) - 1;
    const stored = index >= this.failFrom ? Promise.reject(new Error('the database went away')) : this.store.appendUpdates(docId, updates);
    stored.catch(() => {});
    return new Promise((resolve, reject) => {
      this.gates[index] = () => stored.then(resolve, reject);
    });
  }

  /** Lets the room hear the answer of append `index` (0-based). */
  open(index: number): void {
    this.gates[index]();
  }
}

interface Peer {
  client: RoomClient;
  doc: Y.Doc;
  /** Frames the room sent this connection. */
  frames: Uint8Array[];
  closes: number[];
}

let store: PostgresBoardStore;
let held: HeldStore;
let room: Room;
let broken: Room[];
let nextId = 1;

async function peer(role: Role, name: string): Promise<Peer> {
  const frames: Uint8Array[] = [];
  const closes: number[] = [];
  const session = { sessionHash: name, boardId: BOARD.id, role, name, participantId: `p-${name}`, expiresAt: Date.now() + 3_600_000, linkHash: '' };
  const client = new RoomClient(nextId++, session, {
    send: (m) => frames.push(m),
    close: (code) => closes.push(code),
  }, log, new ConnectionBudget(1e9, 1e9));
  client.onClosed(() => {});
  room.join(client);
  // The board as the room has it (stored), so this peer's edits fit onto it.
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  doc.on('update', (u: Uint8Array) => room.receive(client, frame(syncProtocol.messageYjsUpdate, u)));
  return { client, doc, frames, closes };
}

function frame(step: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** The Yjs updates (relays and sync step 2 answers) the room sent a peer, applied to a doc of their own. */
function received(p: Peer): Y.Doc {
  const doc = new Y.Doc();
  for (const f of p.frames) {
    const d = decoding.createDecoder(f);
    if (decoding.readVarUint(d) !== MessageType.Sync) continue;
    const step = decoding.readVarUint(d);
    if (step === syncProtocol.messageYjsUpdate || step === syncProtocol.messageYjsSyncStep2) Y.applyUpdate(doc, decoding.readVarUint8Array(d));
  }
  return doc;
}

const texts = (doc: Y.Doc) => listNotes(doc).map((n) => n.text).sort();
const stepCount = (p: Peer, step: number) => p.frames.filter((f) => f[0] === MessageType.Sync && f[1] === step).length;

describePostgres('group commit of a busy board', () => {
  beforeEach(async () => {
    store = await PostgresBoardStore.open({ connectionString: TEST_DATABASE_URL, schema: testSchema(), poolSize: 4, onError: () => {} });
    const doc = new Y.Doc();
    initBoard(doc, BOARD);
    await store.createBoard(BOARD, [], Y.encodeStateAsUpdate(doc));
    doc.destroy();
    held = new HeldStore(store);
    broken = [];
    room = await Room.load(BOARD.id, {
      store: held, log, metrics: new Metrics(), maxBoardBytes: 1 << 30, compactEveryUpdates: 1000, bus: new LocalBoardBus(), storedAckIntervalMs: 0,
      onEmpty: () => {}, onBroken: (r) => broken.push(r),
    });
  });

  afterEach(async () => {
    room.destroy();
    await store.close();
  });

  it('appends what arrives during an append in one statement, each update numbered, none relayed or answered before it is stored', async () => {
    const [ann, bob, cem] = [await peer('participant', 'ann'), await peer('participant', 'bob'), await peer('participant', 'cem')];
    const viewer = await peer('viewer', 'vic');
    await room.drain();
    held.hold = true;
    const before = (await store.loadDocument(BOARD.id)).lastSeq;

    const annNote = createNote(ann.doc, { frame: 'swot.strengths', x: 1, y: 1, color: 'yellow', author: 'ann', text: 'ann 1' });
    expect(held.appends).toEqual([1]);
    // While it is in flight: two other writers, and Ann again, on top of her own unstored note.
    createNote(bob.doc, { frame: 'swot.weaknesses', x: 1, y: 1, color: 'yellow', author: 'bob', text: 'bob 1' });
    createNote(cem.doc, { frame: 'swot.threats', x: 1, y: 1, color: 'yellow', author: 'cem', text: 'cem 1' });
    noteText(ann.doc, annNote)!.insert(5, ' more');
    // A new reader's request for the board waits too: its answer may hold only what is stored.
    const syncAnswersBefore = stepCount(viewer, syncProtocol.messageYjsSyncStep2);
    room.receive(viewer.client, frame(syncProtocol.messageYjsSyncStep1, new Uint8Array([0])));
    expect(held.appends).toEqual([1]);
    expect(texts(received(viewer))).toEqual([]);
    expect(stepCount(viewer, syncProtocol.messageYjsSyncStep2)).toBe(syncAnswersBefore);
    // The room may hand the rest of its queue to the next turn (TaskQueue's time slice): once the
    // doc holds all four, every one of them waits for the second append.
    await waitFor(() => texts(room.doc).join() === 'ann 1 more,bob 1,cem 1', 'the updates handled');

    held.open(0);
    await waitFor(() => held.appends.length === 2, 'the second append');
    expect(held.appends).toEqual([1, 3]);
    // Ann's first note is stored and relayed; the three that wait for the second append are not.
    await waitFor(() => texts(received(viewer)).length === 1, 'the first note relayed');
    expect(texts(received(viewer))).toEqual(['ann 1']);
    expect(stepCount(viewer, syncProtocol.messageYjsSyncStep2)).toBe(syncAnswersBefore);

    held.open(1);
    await room.drain();
    expect(texts(received(viewer))).toEqual(['ann 1 more', 'bob 1', 'cem 1']);
    expect(stepCount(viewer, syncProtocol.messageYjsSyncStep2)).toBe(syncAnswersBefore + 1);
    expect(texts(received(bob))).toEqual(['ann 1 more', 'cem 1']);
    // Four updates with four numbers in a row, and the board reloads the same.
    const stored = await store.loadDocument(BOARD.id);
    expect(stored.lastSeq).toBe(before + 4);
    expect(texts(await reload())).toEqual(['ann 1 more', 'bob 1', 'cem 1']);
    expect(broken).toEqual([]);
  });

  it('acknowledges (Stored) while the writes never stop: the acknowledgement waits for the append in flight, not for a quiet board', async () => {
    const [ann, bob, cem] = [await peer('participant', 'ann'), await peer('participant', 'bob'), await peer('participant', 'cem')];
    await room.drain();
    held.hold = true;
    const acks = (p: Peer) => p.frames.filter((f) => f[0] === MessageType.Stored).length;
    const [annAcks, bobAcks, cemAcks] = [acks(ann), acks(bob), acks(cem)];
    createNote(ann.doc, { frame: 'swot.strengths', x: 1, y: 1, color: 'yellow', author: 'ann', text: 'ann' });
    createNote(bob.doc, { frame: 'swot.weaknesses', x: 1, y: 1, color: 'yellow', author: 'bob', text: 'bob' });
    held.open(0);
    await waitFor(() => held.appends.length === 2, 'the second append');
    // Ann's note is stored, Bob's is in the doc and in flight: her acknowledgement (its timer set
    // when her note was stored, so it fires before this later one) waits for it.
    await new Promise((r) => setTimeout(r, 5));
    expect(acks(ann)).toBe(annAcks);
    // More writing meanwhile does not push the acknowledgement back.
    createNote(cem.doc, { frame: 'swot.threats', x: 1, y: 1, color: 'yellow', author: 'cem', text: 'cem' });
    held.open(1);
    await waitFor(() => acks(ann) > annAcks && acks(bob) > bobAcks, 'Ann and Bob acknowledged');
    expect(held.appends).toEqual([1, 1, 1]);
    expect(acks(cem)).toBe(cemAcks);
    held.open(2);
    await waitFor(() => acks(cem) > cemAcks, 'Cem acknowledged');
  });

  it('closes every connection (1011) and unloads the board when an append of updates already in its doc fails, relaying none of them', async () => {
    const [ann, bob] = [await peer('participant', 'ann'), await peer('participant', 'bob')];
    const viewer = await peer('viewer', 'vic');
    await room.drain();
    held.hold = true;
    held.failFrom = 1;
    createNote(ann.doc, { frame: 'swot.strengths', x: 1, y: 1, color: 'yellow', author: 'ann', text: 'stored' });
    createNote(bob.doc, { frame: 'swot.weaknesses', x: 1, y: 1, color: 'yellow', author: 'bob', text: 'lost' });
    await waitFor(() => texts(room.doc).length === 2, 'both handled');
    held.open(0);
    await waitFor(() => held.appends.length === 2, 'the second append');
    held.open(1);
    await waitFor(() => broken.length === 1, 'the room reports itself broken');
    expect(broken).toEqual([room]);
    expect(room.isRetired).toBe(true);
    for (const p of [ann, bob, viewer]) expect(p.closes).toEqual([1011]);
    expect(texts(received(viewer))).toEqual(['stored']);
    // Later messages of the closed connections are not handled: nothing more is stored.
    createNote(bob.doc, { frame: 'swot.threats', x: 1, y: 1, color: 'yellow', author: 'bob', text: 'after' });
    await room.drain();
    expect(held.appends).toHaveLength(2);
    expect(texts(await reload())).toEqual(['stored']);
  });

  it('closes only the sender when the append of an update alone fails: the board goes on', async () => {
    const [ann, bob] = [await peer('participant', 'ann'), await peer('participant', 'bob')];
    await room.drain();
    held.hold = true;
    held.failFrom = 0;
    createNote(ann.doc, { frame: 'swot.strengths', x: 1, y: 1, color: 'yellow', author: 'ann', text: 'lost' });
    held.open(0);
    await room.drain();
    expect(ann.closes).toEqual([1011]);
    expect(bob.closes).toEqual([]);
    expect(broken).toEqual([]);
    held.failFrom = Infinity;
    createNote(bob.doc, { frame: 'swot.weaknesses', x: 1, y: 1, color: 'yellow', author: 'bob', text: 'kept' });
    held.open(1);
    await room.drain();
    expect(texts(received(ann))).toEqual([]);
    expect(texts(await reload())).toEqual(['kept']);
  });
});

async function reload(): Promise<Y.Doc> {
  const stored = await store.loadDocument(BOARD.id);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}
