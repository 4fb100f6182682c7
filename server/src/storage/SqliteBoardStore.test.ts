import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { SqliteBoardStore } from './SqliteBoardStore.ts';
import { MIGRATIONS } from './migrations.ts';
import type { LinkRecord, SessionRecord } from './BoardStore.ts';
import { ROLES, type Role } from '../../../shared/src/protocol.ts';
import { PARTICIPANT_ID_PATTERN } from '../../../shared/src/board/schema.ts';
import { tempDataDir, waitFor } from '../testing/testServer.ts';

const dirs: string[] = [];
function openStore(dir = tempDataDir()): { store: SqliteBoardStore; dir: string } {
  dirs.push(dir);
  return { store: SqliteBoardStore.open(dir), dir };
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const board = { id: 'AAAAAAAAAAAAAAAA', title: 'T', template: 'swot' as const, language: 'nl' as const, createdAt: 1 };
const hashes = { facilitator: 'f'.repeat(64), participant: 'p'.repeat(64), viewer: 'v'.repeat(64) };
const link = (role: Role, tokenHash = hashes[role]): LinkRecord => ({ boardId: board.id, role, tokenHash, sealedToken: `sealed-${role}`, expiresAt: null, passwordHash: null });
const links = ROLES.map((r) => link(r));
const bytes = (...b: number[]) => new Uint8Array(b);

describe('SqliteBoardStore', () => {
  it('creates a board with its tokens and first snapshot', async () => {
    const { store } = openStore();
    await store.createBoard(board, links, bytes(1, 2, 3));
    expect(await store.getBoard(board.id)).toEqual(board);
    expect(await store.linkForToken(board.id, 'p'.repeat(64))).toEqual(link('participant'));
    expect(await store.linkForToken(board.id, 'x'.repeat(64))).toBeUndefined();
    expect(await store.loadDocument(board.id)).toEqual({ snapshot: bytes(1, 2, 3), updates: [], lastSeq: 0, bytes: 3 });
    await store.close();
  });

  it('appends updates in order and compacts them into a snapshot in one step', async () => {
    const { store } = openStore();
    await store.createBoard(board, links, bytes(0));
    await store.appendUpdates(board.id, [bytes(1)]);
    const seq = await store.appendUpdates(board.id, [bytes(2), bytes(3, 3)]);
    let doc = await store.loadDocument(board.id);
    expect(doc.updates).toEqual([bytes(1), bytes(2), bytes(3, 3)]);
    expect(doc.lastSeq).toBe(seq);
    expect(doc.bytes).toBe(5);
    await store.compact(board.id, bytes(9, 9), seq - 1);
    doc = await store.loadDocument(board.id);
    expect(doc.snapshot).toEqual(bytes(9, 9));
    expect(doc.updates).toEqual([bytes(3, 3)]);
    expect(doc.lastSeq).toBe(seq);
    // A late compaction from an older state changes nothing.
    await store.compact(board.id, bytes(1), seq - 2);
    expect((await store.loadDocument(board.id)).snapshot).toEqual(bytes(9, 9));
    await store.close();
  });

  it('keeps sessions with an expiry and deletes expired ones', async () => {
    const { store } = openStore();
    await store.createBoard(board, links, bytes(0));
    await store.createSession({ sessionHash: 'a', boardId: board.id, role: 'viewer', name: 'Vic', participantId: 'pVic', expiresAt: 100, linkHash: hashes.viewer });
    await store.createSession({ sessionHash: 'b', boardId: board.id, role: 'facilitator', name: 'Fay', participantId: 'pFay', expiresAt: 300, linkHash: hashes.facilitator });
    expect(await store.renewSession('a', 200)).toBe(true);
    expect(await store.renewSession('nope', 200)).toBe(false);
    expect(await store.deleteExpiredSessions(250)).toBe(1);
    expect(await store.getSession('a')).toBeUndefined();
    expect(await store.getSession('b')).toMatchObject({ role: 'facilitator', name: 'Fay', participantId: 'pFay', expiresAt: 300, linkHash: hashes.facilitator });
    await store.close();
  });

  it('rotates a link in one step: the old token joins nobody, its sessions end, the asking session moves to the new link', async () => {
    const { store } = openStore();
    await store.createBoard(board, links, bytes(0));
    const session = (sessionHash: string, role: Role, participantId = sessionHash): SessionRecord =>
      ({ sessionHash, boardId: board.id, role, name: sessionHash, participantId, expiresAt: 1e15, linkHash: hashes[role] });
    for (const s of [session('p1', 'participant'), session('p2', 'participant'), session('f1', 'facilitator'), session('f2', 'facilitator')]) await store.createSession(s);
    expect(await store.replaceLink(board.id, 'participant', link('participant', 'n'.repeat(64)))).toEqual(['p1', 'p2']);
    expect(await store.linkForToken(board.id, hashes.participant)).toBeUndefined();
    expect(await store.linkForToken(board.id, 'n'.repeat(64))).toMatchObject({ role: 'participant' });
    expect(await store.getSession('p1')).toBeUndefined();
    expect(await store.replaceLink(board.id, 'facilitator', link('facilitator', 'g'.repeat(64)), 'f1')).toEqual(['f2']);
    expect(await store.getSession('f1')).toMatchObject({ linkHash: 'g'.repeat(64) });
    // Revoking: no link for the role any more.
    expect(await store.replaceLink(board.id, 'viewer', null)).toEqual([]);
    expect((await store.links(board.id)).map((l) => l.role)).toEqual(['facilitator', 'participant']);
    expect(await store.setLinkOptions(board.id, 'viewer', { expiresAt: 5, passwordHash: null })).toBe(false);
    expect(await store.setLinkOptions(board.id, 'participant', { expiresAt: 5, passwordHash: 'h' })).toBe(true);
    expect(await store.linkForToken(board.id, 'n'.repeat(64))).toMatchObject({ expiresAt: 5, passwordHash: 'h' });
    await store.close();
  });

  it('ends every session of one participant', async () => {
    const { store } = openStore();
    await store.createBoard(board, links, bytes(0));
    for (const [hash, pid] of [['a', 'ann'], ['b', 'ann'], ['c', 'bob']]) {
      await store.createSession({ sessionHash: hash, boardId: board.id, role: 'participant', name: pid, participantId: pid, expiresAt: 1e15, linkHash: hashes.participant });
    }
    expect((await store.endParticipantSessions(board.id, 'ann')).sort()).toEqual(['a', 'b']);
    expect(await store.getSession('a')).toBeUndefined();
    expect(await store.getSession('c')).toBeDefined();
    await store.close();
  });

  it('ties sessions stored before issue 10 to the link of their role', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const db = new Database(path.join(dir, 'boards.sqlite'));
    db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
    db.exec(MIGRATIONS[0]);
    db.exec(MIGRATIONS[1]);
    db.prepare('INSERT INTO schema_version (version) VALUES (2)').run();
    db.prepare("INSERT INTO boards VALUES ('AAAAAAAAAAAAAAAA', 'T', 'swot', 'nl', 1)").run();
    db.prepare("INSERT INTO board_tokens VALUES ('AAAAAAAAAAAAAAAA', 'participant', ?)").run(hashes.participant);
    db.prepare("INSERT INTO sessions (session_hash, board_id, role, name, expires_at, participant_id) VALUES ('s', 'AAAAAAAAAAAAAAAA', 'participant', 'Ann', 1e15, 'ann')").run();
    db.close();
    const store = SqliteBoardStore.open(dir);
    expect(await store.getSession('s')).toMatchObject({ linkHash: hashes.participant });
    // Its link has no sealed token: it can be rotated, not shown.
    expect(await store.linkForToken(board.id, hashes.participant)).toMatchObject({ sealedToken: null, expiresAt: null, passwordHash: null });
    expect(await store.replaceLink(board.id, 'participant', null)).toEqual(['s']);
    await store.close();
  });

  it('gives every session stored before participant ids existed an id of its own', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    // A database at schema version 1 (before issue 7) with two live sessions.
    const db = new Database(path.join(dir, 'boards.sqlite'));
    db.exec(MIGRATIONS[0]);
    db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version (version) VALUES (1);');
    db.prepare('INSERT INTO boards VALUES (?, ?, ?, ?, ?)').run(board.id, board.title, board.template, board.language, 1);
    for (const hash of ['old1', 'old2']) {
      db.prepare('INSERT INTO sessions VALUES (?, ?, ?, ?, ?)').run(hash, board.id, 'participant', 'Old', 10_000);
    }
    db.close();
    const store = SqliteBoardStore.open(dir);
    const ids = [(await store.getSession('old1'))?.participantId, (await store.getSession('old2'))?.participantId];
    for (const id of ids) expect(id).toMatch(PARTICIPANT_ID_PATTERN);
    expect(ids[0]).not.toBe(ids[1]);
    await store.close();
  });

  it('records its schema version, reopens without migrating again and refuses a newer schema', async () => {
    const { store, dir } = openStore();
    await store.close();
    const file = path.join(dir, 'boards.sqlite');
    const db = new Database(file);
    expect(db.prepare('SELECT version FROM schema_version').get()).toEqual({ version: MIGRATIONS.length });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.prepare('UPDATE schema_version SET version = ?').run(MIGRATIONS.length + 1);
    db.close();
    expect(() => SqliteBoardStore.open(dir)).toThrow(/newer/);
  });

  it('checkpoints the WAL into the database file from a worker thread', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const errors: string[] = [];
    const store = await SqliteBoardStore.openWithCheckpointer(dir, (m) => errors.push(m));
    await store.createBoard(board, links, bytes(0));
    const big = new Uint8Array(4096).fill(1);
    for (let i = 0; i < 500; i++) await store.appendUpdates(board.id, [big]);
    const dbFile = path.join(dir, 'boards.sqlite');
    // Auto-checkpoint is off on the writer: only the worker can move these pages into the file.
    await waitFor(() => fs.statSync(dbFile).size > 1_000_000, 'database file holds the checkpointed pages');
    expect((await store.loadDocument(board.id)).updates.length).toBe(500);
    await store.close();
    expect(errors).toEqual([]);
  });
});
