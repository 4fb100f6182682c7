import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { SqliteBoardStore } from './SqliteBoardStore.ts';
import { MIGRATIONS } from './migrations.ts';
import { boardStoreContract } from './BoardStore.contract.ts';
import type { LinkRecord } from './BoardStore.ts';
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

boardStoreContract('SqliteBoardStore', {
  migrations: MIGRATIONS.length,
  place() {
    const dir = tempDataDir();
    dirs.push(dir);
    const file = path.join(dir, 'boards.sqlite');
    const withDb = <T>(fn: (db: Database.Database) => T): T => {
      const db = new Database(file);
      try {
        return fn(db);
      } finally {
        db.close();
      }
    };
    return {
      open: async () => SqliteBoardStore.open(dir),
      schemaVersion: async () => withDb((db) => db.prepare<[], { version: number }>('SELECT version FROM schema_version').get()?.version ?? 0),
      setSchemaVersion: async (version) => void withDb((db) => db.prepare('UPDATE schema_version SET version = ?').run(version)),
    };
  },
});

describe('SqliteBoardStore', () => {
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

  it('keeps the database in WAL mode', async () => {
    const { store, dir } = openStore();
    await store.close();
    const db = new Database(path.join(dir, 'boards.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
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
