// The one contract every BoardStore keeps (issue 12): SqliteBoardStore.test.ts and
// PostgresBoardStore.test.ts run it on their store. A store is opened on a "place" (a data dir, a
// PostgreSQL schema); opening the same place again is a restart, or a second server on the same data.
import { afterEach, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../shared/src/protocol.ts';
import type { BoardStore, LinkRecord, SessionRecord } from './BoardStore.ts';

export interface StorePlace {
  open(): Promise<BoardStore>;
  /** The schema version stored there, and a way to pretend a newer server wrote it. */
  schemaVersion(): Promise<number>;
  setSchemaVersion(version: number): Promise<void>;
}

export interface ContractHarness {
  /** A new, empty place; the harness removes it after the test file. */
  place(): StorePlace;
  /** How many migrations the store's list has. */
  migrations: number;
}

const board = { id: 'AAAAAAAAAAAAAAAA', title: 'T', template: 'swot' as const, language: 'nl' as const, createdAt: 1_764_547_200_000 };
const other = { ...board, id: 'BBBBBBBBBBBBBBBB', title: 'Other' };
const hashes = { facilitator: 'f'.repeat(64), participant: 'p'.repeat(64), viewer: 'v'.repeat(64) };
const link = (role: Role, tokenHash = hashes[role], boardId = board.id): LinkRecord =>
  ({ boardId, role, tokenHash, sealedToken: `sealed-${role}`, expiresAt: null, passwordHash: null });
const links = ROLES.map((r) => link(r));
const bytes = (...b: number[]) => new Uint8Array(b);
const session = (sessionHash: string, role: Role, participantId = sessionHash): SessionRecord =>
  ({ sessionHash, boardId: board.id, role, name: sessionHash, participantId, expiresAt: 1e15, linkHash: hashes[role] });
/** appendUpdates may throw or reject: either way, as a promise. */
const append = (store: BoardStore, boardId: string, updates: Uint8Array[]) => Promise.resolve().then(() => store.appendUpdates(boardId, updates));

export function boardStoreContract(name: string, harness: ContractHarness): void {
  describe(`${name} (BoardStore contract)`, () => {
    const open: BoardStore[] = [];
    /** Opens a store on `place` that is closed after the test (closing twice is fine). */
    const openOn = async (place: StorePlace) => {
      const store = await place.open();
      open.push(store);
      return store;
    };
    const fresh = async () => openOn(harness.place());
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    it('migrates an empty place to the latest schema, reopens without migrating again and refuses a newer schema', async () => {
      const place = harness.place();
      const store = await openOn(place);
      expect(await place.schemaVersion()).toBe(harness.migrations);
      await store.createBoard(board, links, bytes(1));
      await store.close();
      const again = await openOn(place);
      expect(await again.getBoard(board.id)).toEqual(board);
      expect(await place.schemaVersion()).toBe(harness.migrations);
      await again.close();
      await place.setSchemaVersion(harness.migrations + 1);
      await expect(place.open()).rejects.toThrow(/newer than this server/);
    });

    it('creates a board with its links and first snapshot', async () => {
      const store = await fresh();
      await store.createBoard(board, links, bytes(1, 2, 3));
      expect(await store.getBoard(board.id)).toEqual(board);
      expect(await store.getBoard(other.id)).toBeUndefined();
      expect(await store.linkForToken(board.id, hashes.participant)).toEqual(link('participant'));
      expect(await store.linkForToken(board.id, 'x'.repeat(64))).toBeUndefined();
      // A token is only good on its own board.
      expect(await store.linkForToken(other.id, hashes.participant)).toBeUndefined();
      expect((await store.links(board.id)).map((l) => l.role)).toEqual(['facilitator', 'participant', 'viewer']);
      expect(await store.loadDocument(board.id)).toEqual({ snapshot: bytes(1, 2, 3), updates: [], lastSeq: 0, bytes: 3 });
      expect(await store.loadDocument(other.id)).toEqual({ snapshot: null, updates: [], lastSeq: 0, bytes: 0 });
    });

    it('creates a board all or nothing: a second board with a taken id leaves no link behind', async () => {
      const store = await fresh();
      await store.createBoard(board, links, bytes(1));
      await expect(store.createBoard({ ...board, title: 'Copy' }, [link('viewer', 'w'.repeat(64))], bytes(2))).rejects.toThrow();
      expect(await store.getBoard(board.id)).toEqual(board);
      expect(await store.linkForToken(board.id, 'w'.repeat(64))).toBeUndefined();
      expect((await store.loadDocument(board.id)).snapshot).toEqual(bytes(1));
    });

    it('appends updates in order with increasing sequence numbers, per board', async () => {
      const store = await fresh();
      await store.createBoard(board, links, bytes(0));
      await store.createBoard(other, [], bytes(0));
      const first = await store.appendUpdates(board.id, [bytes(1)]);
      await store.appendUpdates(other.id, [bytes(7)]);
      const seq = await store.appendUpdates(board.id, [bytes(2), bytes(3, 3)]);
      expect(first).toBeGreaterThan(0);
      expect(seq).toBeGreaterThan(first);
      const doc = await store.loadDocument(board.id);
      expect(doc).toEqual({ snapshot: bytes(0), updates: [bytes(1), bytes(2), bytes(3, 3)], lastSeq: seq, bytes: 5 });
      expect((await store.loadDocument(other.id)).updates).toEqual([bytes(7)]);
    });

    it('numbers the updates of one append one after another, ending at the number it returns (group commit)', async () => {
      const store = await fresh();
      await store.createBoard(board, links, bytes(0));
      await store.createBoard(other, [], bytes(0));
      await store.appendUpdates(board.id, [bytes(1)]);
      const [last] = await Promise.all([append(store, board.id, [bytes(2), bytes(3), bytes(4)]), append(store, other.id, [bytes(7), bytes(8)])]);
      // Compacting up to last - 2 keeps exactly the group's last two: no other number in between.
      await store.compact(board.id, bytes(9), last - 2);
      expect(await store.loadDocument(board.id)).toEqual({ snapshot: bytes(9), updates: [bytes(3), bytes(4)], lastSeq: last, bytes: 3 });
    });

    it('stores nothing for a board that does not exist', async () => {
      const store = await fresh();
      await expect(append(store, board.id, [bytes(1)])).rejects.toThrow();
      await expect(store.createSession(session('s', 'viewer'))).rejects.toThrow();
      expect(await store.loadDocument(board.id)).toEqual({ snapshot: null, updates: [], lastSeq: 0, bytes: 0 });
    });

    it('compacts into a snapshot leaving no gap: the updates after it follow, and a stale compaction changes nothing', async () => {
      const store = await fresh();
      await store.createBoard(board, links, bytes(0));
      const seqs: number[] = [];
      for (let i = 1; i <= 5; i++) seqs.push(await store.appendUpdates(board.id, [bytes(i)]));
      await store.compact(board.id, bytes(9, 9), seqs[2]);
      let doc = await store.loadDocument(board.id);
      expect(doc).toEqual({ snapshot: bytes(9, 9), updates: [bytes(4), bytes(5)], lastSeq: seqs[4], bytes: 4 });
      const sixth = await store.appendUpdates(board.id, [bytes(6)]);
      expect(sixth).toBeGreaterThan(seqs[4]);
      // A compaction made from an older state (a slower writer) neither moves the snapshot back nor deletes.
      await store.compact(board.id, bytes(1), seqs[1]);
      doc = await store.loadDocument(board.id);
      expect(doc).toEqual({ snapshot: bytes(9, 9), updates: [bytes(4), bytes(5), bytes(6)], lastSeq: sixth, bytes: 5 });
      // Compacting everything: the snapshot's seq is the last one.
      await store.compact(board.id, bytes(8, 8, 8), sixth);
      expect(await store.loadDocument(board.id)).toEqual({ snapshot: bytes(8, 8, 8), updates: [], lastSeq: sixth, bytes: 3 });
      expect(await store.appendUpdates(board.id, [bytes(7)])).toBeGreaterThan(sixth);
    });

    it('keeps every one of many concurrent appends, from one store and from a second one on the same data', async () => {
      const place = harness.place();
      const a = await openOn(place);
      await a.createBoard(board, links, bytes(0));
      const b = await openOn(place);
      const sent = Array.from({ length: 60 }, (_, i) => bytes(i));
      const seqs = await Promise.all(sent.map((u, i) => append(i % 2 ? b : a, board.id, [u])));
      expect(new Set(seqs).size).toBe(sent.length);
      const bySeq = sent.map((u, i) => ({ u, seq: seqs[i] })).sort((x, y) => x.seq - y.seq).map((x) => x.u);
      for (const store of [a, b]) {
        const doc = await store.loadDocument(board.id);
        expect(doc.updates).toEqual(bySeq);
        expect(doc.lastSeq).toBe(Math.max(...seqs));
      }
    });

    it('deletes no update stored after the compacted seq while appends run alongside', async () => {
      const place = harness.place();
      const a = await openOn(place);
      const b = await openOn(place);
      await a.createBoard(board, links, bytes(0));
      const before = await Promise.all([1, 2, 3].map((i) => append(a, board.id, [bytes(i)])));
      const upto = Math.max(...before);
      const during = Array.from({ length: 30 }, (_, i) => bytes(100 + i));
      const [seqs] = await Promise.all([
        Promise.all(during.map((u) => append(b, board.id, [u]))),
        a.compact(board.id, bytes(9), upto),
      ]);
      const doc = await a.loadDocument(board.id);
      expect(doc.snapshot).toEqual(bytes(9));
      const expected = during.map((u, i) => ({ u, seq: seqs[i] })).sort((x, y) => x.seq - y.seq).map((x) => x.u);
      expect(doc.updates).toEqual(expected);
    });

    it('shows a reopened store everything that was stored: board, links, sessions, document', async () => {
      const place = harness.place();
      const store = await openOn(place);
      await store.createBoard(board, links, bytes(0));
      await store.createSession(session('s1', 'participant'));
      const seq = await store.appendUpdates(board.id, [bytes(1), bytes(2)]);
      await store.compact(board.id, bytes(5), seq - 1);
      const last = await store.appendUpdates(board.id, [bytes(3)]);
      await store.close();
      const reopened = await openOn(place);
      expect(await reopened.getBoard(board.id)).toEqual(board);
      expect(await reopened.links(board.id)).toEqual([link('facilitator'), link('participant'), link('viewer')]);
      expect(await reopened.getSession('s1')).toEqual(session('s1', 'participant'));
      expect(await reopened.loadDocument(board.id)).toEqual({ snapshot: bytes(5), updates: [bytes(2), bytes(3)], lastSeq: last, bytes: 3 });
      expect(await reopened.appendUpdates(board.id, [bytes(4)])).toBeGreaterThan(last);
    });

    it('keeps sessions with an expiry, renews them and deletes expired ones', async () => {
      const store = await fresh();
      await store.createBoard(board, links, bytes(0));
      await store.createSession({ sessionHash: 'a', boardId: board.id, role: 'viewer', name: 'Vic', participantId: 'pVic', expiresAt: 100, linkHash: hashes.viewer });
      await store.createSession({ sessionHash: 'b', boardId: board.id, role: 'facilitator', name: 'Fay', participantId: 'pFay', expiresAt: 300, linkHash: hashes.facilitator });
      await expect(store.createSession({ ...session('a', 'viewer') })).rejects.toThrow();
      expect(await store.renewSession('a', 200)).toBe(true);
      expect(await store.renewSession('nope', 200)).toBe(false);
      expect(await store.getSession('a')).toMatchObject({ expiresAt: 200 });
      expect(await store.deleteExpiredSessions(250)).toBe(1);
      expect(await store.deleteExpiredSessions(250)).toBe(0);
      expect(await store.getSession('a')).toBeUndefined();
      expect(await store.getSession('b')).toEqual({ sessionHash: 'b', boardId: board.id, role: 'facilitator', name: 'Fay', participantId: 'pFay', expiresAt: 300, linkHash: hashes.facilitator });
    });

    it('rotates a link in one step: the old token joins nobody, its sessions end, the asking session moves to the new link', async () => {
      const store = await fresh();
      await store.createBoard(board, links, bytes(0));
      for (const s of [session('p1', 'participant'), session('p2', 'participant'), session('f1', 'facilitator'), session('f2', 'facilitator')]) await store.createSession(s);
      expect((await store.replaceLink(board.id, 'participant', link('participant', 'n'.repeat(64)))).sort()).toEqual(['p1', 'p2']);
      expect(await store.linkForToken(board.id, hashes.participant)).toBeUndefined();
      expect(await store.linkForToken(board.id, 'n'.repeat(64))).toEqual(link('participant', 'n'.repeat(64)));
      expect(await store.getSession('p1')).toBeUndefined();
      expect(await store.replaceLink(board.id, 'facilitator', link('facilitator', 'g'.repeat(64)), 'f1')).toEqual(['f2']);
      expect(await store.getSession('f1')).toMatchObject({ linkHash: 'g'.repeat(64) });
      // Revoking: no link for the role any more, and nothing to end a second time.
      expect(await store.replaceLink(board.id, 'viewer', null)).toEqual([]);
      expect(await store.replaceLink(board.id, 'viewer', null)).toEqual([]);
      expect((await store.links(board.id)).map((l) => l.role)).toEqual(['facilitator', 'participant']);
      expect(await store.setLinkOptions(board.id, 'viewer', { expiresAt: 5, passwordHash: null })).toBe(false);
      expect(await store.setLinkOptions(board.id, 'participant', { expiresAt: 5, passwordHash: 'h' })).toBe(true);
      expect(await store.linkForToken(board.id, 'n'.repeat(64))).toMatchObject({ expiresAt: 5, passwordHash: 'h' });
      // Revoking ends the asking session too: there is no link to move it to.
      expect(await store.replaceLink(board.id, 'facilitator', null, 'f1')).toEqual(['f1']);
    });

    it('ends every session of one participant on one board', async () => {
      const store = await fresh();
      await store.createBoard(board, links, bytes(0));
      await store.createBoard(other, [], bytes(0));
      for (const [hash, pid] of [['a', 'ann'], ['b', 'ann'], ['c', 'bob']]) await store.createSession(session(hash, 'participant', pid));
      await store.createSession({ ...session('d', 'participant', 'ann'), boardId: other.id });
      expect((await store.endParticipantSessions(board.id, 'ann')).sort()).toEqual(['a', 'b']);
      expect(await store.endParticipantSessions(board.id, 'ann')).toEqual([]);
      expect(await store.getSession('a')).toBeUndefined();
      expect(await store.getSession('c')).toBeDefined();
      expect(await store.getSession('d')).toBeDefined();
    });

    it('keeps a board\'s facilitation state and its newest phase snapshots', async () => {
      const store = await fresh();
      await store.createBoard(board, links, bytes(0));
      await store.createBoard(other, [], bytes(0));
      expect(await store.getSessionState(board.id)).toBeUndefined();
      expect(await store.saveSessionState(board.id, { agenda: [{ id: 'a', title: 'Intro' }], timer: null }, 5, 0)).toBe(true);
      expect(await store.saveSessionState(board.id, { agenda: [], timer: { endsAt: 9 } }, 6, 1)).toBe(true);
      expect(await store.getSessionState(board.id)).toEqual({ state: { agenda: [], timer: { endsAt: 9 } }, version: 2 });
      expect(await store.getSessionState(other.id)).toBeUndefined();
      // Made in the same millisecond: kept and listed in the order they were added.
      for (let i = 0; i < 4; i++) {
        await store.addPhaseSnapshot({ id: `s${i}`, boardId: board.id, phaseId: i === 3 ? null : `p${i}`, phaseTitle: `Phase ${i}`, createdAt: 100, document: bytes(i, i) }, 3);
      }
      const list = await store.listPhaseSnapshots(board.id);
      expect(list.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
      expect(list[2]).toEqual({ id: 's3', boardId: board.id, phaseId: null, phaseTitle: 'Phase 3', createdAt: 100, bytes: 2 });
      expect(await store.getPhaseSnapshot(board.id, 's2')).toEqual({ id: 's2', boardId: board.id, phaseId: 'p2', phaseTitle: 'Phase 2', createdAt: 100, document: bytes(2, 2) });
      expect(await store.getPhaseSnapshot(board.id, 's0')).toBeUndefined();
      expect(await store.getPhaseSnapshot(other.id, 's2')).toBeUndefined();
      expect(await store.listPhaseSnapshots(other.id)).toEqual([]);
    });

    it('stores a session state only over the version it was made from: of many writers at once, one wins each version', async () => {
      const place = harness.place();
      const a = await openOn(place);
      const b = await openOn(place);
      await a.createBoard(board, links, bytes(0));
      // A first state: only one of two writers that both saw none stores it.
      const firsts = await Promise.all([a, b].map((s, i) => s.saveSessionState(board.id, { by: i }, 1, 0)));
      expect(firsts.filter(Boolean)).toHaveLength(1);
      const winner = firsts.indexOf(true);
      expect(await b.getSessionState(board.id)).toEqual({ state: { by: winner }, version: 1 });
      // A stale version stores nothing and leaves the state as it was.
      expect(await a.saveSessionState(board.id, { by: 'stale' }, 2, 0)).toBe(false);
      expect(await a.saveSessionState(board.id, { by: 'future' }, 2, 5)).toBe(false);
      expect(await a.getSessionState(board.id)).toEqual({ state: { by: winner }, version: 1 });
      // Writers that read and retry until they win: every one's change is in the end state.
      const counters = Array.from({ length: 12 }, (_, i) => i);
      await Promise.all(counters.map(async (i) => {
        const store = i % 2 ? a : b;
        for (;;) {
          const { state, version } = (await store.getSessionState(board.id))!;
          const seen = (state as { seen?: number[] }).seen ?? [];
          if (await store.saveSessionState(board.id, { seen: [...seen, i] }, 3, version)) return;
        }
      }));
      const end = await a.getSessionState(board.id);
      expect(end?.version).toBe(1 + counters.length);
      expect([...(end?.state as { seen: number[] }).seen].sort((x, y) => x - y)).toEqual(counters);
      // A board that does not exist gets no state.
      await expect(a.saveSessionState('CCCCCCCCCCCCCCCC', {}, 4, 0)).rejects.toThrow();
    });

    it('keeps private documents in a log of their own: in order, compacted, listed per board, never in the board\'s', async () => {
      const store = await fresh();
      await store.createBoard(board, links, bytes(0));
      await store.createBoard(other, [], bytes(0));
      const log = store.privateDocuments;
      const ann = `${board.id}/ann`;
      expect(await log.loadDocument(ann)).toEqual({ snapshot: null, updates: [], lastSeq: 0, bytes: 0 });
      const first = await log.appendUpdates(ann, [bytes(1)]);
      const second = await log.appendUpdates(ann, [bytes(2), bytes(3, 3)]);
      expect(second).toBeGreaterThan(first);
      await log.appendUpdates(`${board.id}/bob`, [bytes(7)]);
      await log.appendUpdates(`${other.id}/ann`, [bytes(8)]);
      expect(await log.loadDocument(ann)).toEqual({ snapshot: null, updates: [bytes(1), bytes(2), bytes(3, 3)], lastSeq: second, bytes: 4 });
      await log.compact(ann, bytes(9), second - 1);
      expect(await log.loadDocument(ann)).toEqual({ snapshot: bytes(9), updates: [bytes(3, 3)], lastSeq: second, bytes: 3 });
      // A stale compaction changes nothing; later appends follow the snapshot.
      await log.compact(ann, bytes(1), first);
      const third = await log.appendUpdates(ann, [bytes(4)]);
      expect(await log.loadDocument(ann)).toEqual({ snapshot: bytes(9), updates: [bytes(3, 3), bytes(4)], lastSeq: third, bytes: 4 });
      expect(await log.documentsOf(board.id)).toEqual([`${board.id}/ann`, `${board.id}/bob`]);
      expect((await store.loadDocument(board.id)).updates).toEqual([]);
      // A private document needs its board.
      await expect(Promise.resolve().then(() => log.appendUpdates('CCCCCCCCCCCCCCCC/ann', [bytes(1)]))).rejects.toThrow();
    });

    it('closes cleanly, also twice', async () => {
      const store = await fresh();
      await store.createBoard(board, links, bytes(0));
      await store.close();
      await store.close();
    });
  });
}
