// BoardStore on one SQLite file (better-sqlite3). WAL with synchronous=NORMAL: a committed
// transaction survives a crash of the process (kill -9); only a power loss may drop the last
// commits. better-sqlite3 is synchronous, so every method resolves after its commit.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Role } from '../../../shared/src/protocol.ts';
import type {
  BoardRecord, BoardStore, LinkRecord, PhaseSnapshotInfo, PhaseSnapshotRecord, PrivateDocumentLog, SessionRecord, StoredDocument, StoredSessionState,
} from './BoardStore.ts';
import { MIGRATIONS } from './migrations.ts';
import {
  asBuffer, boardRecord, linkRecord, phaseSnapshotInfo, sessionRecord, type BoardRow, type LinkRow, type PhaseSnapshotRow, type SessionRow,
} from './rows.ts';
import { WalCheckpointer } from './WalCheckpointer.ts';

export class SqliteBoardStore implements BoardStore {
  private readonly db: Database.Database;
  private readonly stmt;

  private checkpointer: WalCheckpointer | undefined;
  readonly privateDocuments: PrivateDocumentLog;

  /** Opens (or creates) `<dataDir>/boards.sqlite` and brings its schema up to date. */
  static open(dataDir: string): SqliteBoardStore {
    fs.mkdirSync(dataDir, { recursive: true });
    return new SqliteBoardStore(path.join(dataDir, 'boards.sqlite'));
  }

  /**
   * Like open, and moves WAL checkpoints to a worker thread (WalCheckpointer) so they never stall
   * the event loop. Falls back to SQLite's auto-checkpoint if the worker cannot start.
   */
  static async openWithCheckpointer(dataDir: string, onError: (message: string) => void): Promise<SqliteBoardStore> {
    const store = SqliteBoardStore.open(dataDir);
    try {
      store.checkpointer = await WalCheckpointer.start(store.file, 1000, onError);
      store.db.pragma('wal_autocheckpoint = 0');
    } catch (err) {
      onError(`checkpoint worker unavailable, using auto-checkpoint: ${String(err)}`);
    }
    return store;
  }

  constructor(private readonly file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    const db = this.db;
    this.stmt = {
      insertBoard: db.prepare('INSERT INTO boards (id, title, template, language, created_at) VALUES (?, ?, ?, ?, ?)'),
      insertLink: db.prepare(
        'INSERT INTO board_tokens (board_id, role, token_hash, sealed_token, expires_at, password_hash) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      getBoard: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
      linkForToken: db.prepare<[string, string], LinkRow>('SELECT * FROM board_tokens WHERE board_id = ? AND token_hash = ?'),
      links: db.prepare<[string], LinkRow>('SELECT * FROM board_tokens WHERE board_id = ? ORDER BY role'),
      linkOfRole: db.prepare<[string, string], LinkRow>('SELECT * FROM board_tokens WHERE board_id = ? AND role = ?'),
      deleteLink: db.prepare('DELETE FROM board_tokens WHERE board_id = ? AND role = ?'),
      setLinkOptions: db.prepare('UPDATE board_tokens SET expires_at = ?, password_hash = ? WHERE board_id = ? AND role = ?'),
      sessionsOfLink: db.prepare<[string, string], { session_hash: string }>(
        'SELECT session_hash FROM sessions WHERE board_id = ? AND link_hash = ?',
      ),
      sessionsOfParticipant: db.prepare<[string, string], { session_hash: string }>(
        'SELECT session_hash FROM sessions WHERE board_id = ? AND participant_id = ?',
      ),
      deleteSession: db.prepare('DELETE FROM sessions WHERE session_hash = ?'),
      moveSession: db.prepare('UPDATE sessions SET link_hash = ? WHERE session_hash = ?'),
      insertSession: db.prepare(
        'INSERT INTO sessions (session_hash, board_id, role, name, participant_id, expires_at, link_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      getSession: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE session_hash = ?'),
      renewSession: db.prepare('UPDATE sessions SET expires_at = ? WHERE session_hash = ?'),
      deleteExpired: db.prepare('DELETE FROM sessions WHERE expires_at < ?'),
      getSnapshot: db.prepare<[string], { snapshot: Buffer; seq: number }>(
        'SELECT snapshot, seq FROM board_snapshots WHERE board_id = ?',
      ),
      getUpdates: db.prepare<[string, number], { seq: number; update_data: Buffer }>(
        'SELECT seq, update_data FROM board_updates WHERE board_id = ? AND seq > ? ORDER BY seq',
      ),
      insertUpdate: db.prepare('INSERT INTO board_updates (board_id, update_data) VALUES (?, ?)'),
      // Never moves a snapshot back to an older seq: that would drop the updates compacted since.
      upsertSnapshot: db.prepare(
        `INSERT INTO board_snapshots (board_id, snapshot, seq) VALUES (?, ?, ?)
         ON CONFLICT(board_id) DO UPDATE SET snapshot = excluded.snapshot, seq = excluded.seq
         WHERE excluded.seq >= board_snapshots.seq`,
      ),
      deleteUpdatesUpTo: db.prepare('DELETE FROM board_updates WHERE board_id = ? AND seq <= ?'),
      getSessionState: db.prepare<[string], { state: string; version: number }>('SELECT state, version FROM session_states WHERE board_id = ?'),
      insertSessionState: db.prepare(
        'INSERT INTO session_states (board_id, state, updated_at, version) VALUES (?, ?, ?, 1) ON CONFLICT(board_id) DO NOTHING',
      ),
      updateSessionState: db.prepare(
        'UPDATE session_states SET state = ?, updated_at = ?, version = version + 1 WHERE board_id = ? AND version = ?',
      ),
      insertPhaseSnapshot: db.prepare(
        'INSERT INTO phase_snapshots (id, board_id, phase_id, phase_title, created_at, document) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      trimPhaseSnapshots: db.prepare(
        `DELETE FROM phase_snapshots WHERE board_id = ? AND id NOT IN
         (SELECT id FROM phase_snapshots WHERE board_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
      ),
      listPhaseSnapshots: db.prepare<[string], PhaseSnapshotRow>(
        `SELECT id, board_id, phase_id, phase_title, created_at, length(document) AS bytes FROM phase_snapshots
         WHERE board_id = ? ORDER BY created_at, rowid`,
      ),
      getPhaseSnapshot: db.prepare<[string, string], PhaseSnapshotRow & { document: Buffer }>(
        'SELECT *, length(document) AS bytes FROM phase_snapshots WHERE board_id = ? AND id = ?',
      ),
    };
    this.privateDocuments = this.privateLog();
  }

  /** The private documents' log: the same reads and writes as the boards', on their own tables. */
  private privateLog(): PrivateDocumentLog {
    const db = this.db;
    const getSnapshot = db.prepare<[string], { snapshot: Buffer; seq: number }>('SELECT snapshot, seq FROM private_snapshots WHERE doc_id = ?');
    const getUpdates = db.prepare<[string, number], { seq: number; update_data: Buffer }>(
      'SELECT seq, update_data FROM private_updates WHERE doc_id = ? AND seq > ? ORDER BY seq',
    );
    const insertUpdate = db.prepare('INSERT INTO private_updates (doc_id, board_id, update_data) VALUES (?, ?, ?)');
    const upsertSnapshot = db.prepare(
      `INSERT INTO private_snapshots (doc_id, board_id, snapshot, seq) VALUES (?, ?, ?, ?)
       ON CONFLICT(doc_id) DO UPDATE SET snapshot = excluded.snapshot, seq = excluded.seq
       WHERE excluded.seq >= private_snapshots.seq`,
    );
    const deleteUpdatesUpTo = db.prepare('DELETE FROM private_updates WHERE doc_id = ? AND seq <= ?');
    const documentsOf = db.prepare<[string, string], { doc_id: string }>(
      'SELECT doc_id FROM private_snapshots WHERE board_id = ? UNION SELECT doc_id FROM private_updates WHERE board_id = ? ORDER BY doc_id',
    );
    const boardOf = (docId: string) => docId.slice(0, Math.max(0, docId.indexOf('/')));
    return {
      documentsOf: async (boardId) => documentsOf.all(boardId, boardId).map((r) => r.doc_id),
      loadDocument: async (docId) => readDocument(db, docId, getSnapshot, getUpdates),
      appendUpdates: (docId, updates) =>
        db.transaction(() => {
          let seq = 0;
          for (const u of updates) seq = Number(insertUpdate.run(docId, boardOf(docId), asBuffer(u)).lastInsertRowid);
          return seq;
        })(),
      compact: async (docId, snapshot, uptoSeq) => {
        db.transaction(() => {
          if (upsertSnapshot.run(docId, boardOf(docId), asBuffer(snapshot), uptoSeq).changes === 0) return;
          deleteUpdatesUpTo.run(docId, uptoSeq);
        }).immediate();
        this.checkpointer?.nudge();
      },
    };
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = this.db.prepare<[], { version: number }>('SELECT version FROM schema_version').get();
    let version = row?.version ?? 0;
    if (version > MIGRATIONS.length) {
      throw new Error(`Database schema version ${version} is newer than this server (${MIGRATIONS.length}).`);
    }
    const run = this.db.transaction(() => {
      for (; version < MIGRATIONS.length; version++) this.db.exec(MIGRATIONS[version]);
      this.db.exec('DELETE FROM schema_version');
      this.db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(version);
    });
    run.immediate();
  }

  async createBoard(board: BoardRecord, links: LinkRecord[], initialSnapshot: Uint8Array): Promise<void> {
    this.db.transaction(() => {
      this.stmt.insertBoard.run(board.id, board.title, board.template, board.language, board.createdAt);
      for (const link of links) this.insertLink(link);
      this.stmt.upsertSnapshot.run(board.id, asBuffer(initialSnapshot), 0);
    }).immediate();
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const r = this.stmt.getBoard.get(id);
    return r && boardRecord(r);
  }

  async linkForToken(boardId: string, tokenHash: string): Promise<LinkRecord | undefined> {
    const r = this.stmt.linkForToken.get(boardId, tokenHash);
    return r && linkRecord(r);
  }

  async links(boardId: string): Promise<LinkRecord[]> {
    return this.stmt.links.all(boardId).map(linkRecord);
  }

  async replaceLink(boardId: string, role: Role, next: LinkRecord | null, keepSessionHash?: string): Promise<string[]> {
    return this.db.transaction(() => {
      const old = this.stmt.linkOfRole.get(boardId, role);
      this.stmt.deleteLink.run(boardId, role);
      if (next) this.insertLink(next);
      if (!old) return [];
      const ended: string[] = [];
      for (const { session_hash } of this.stmt.sessionsOfLink.all(boardId, old.token_hash)) {
        if (session_hash === keepSessionHash && next) this.stmt.moveSession.run(next.tokenHash, session_hash);
        else {
          this.stmt.deleteSession.run(session_hash);
          ended.push(session_hash);
        }
      }
      return ended;
    }).immediate();
  }

  async setLinkOptions(boardId: string, role: Role, o: Pick<LinkRecord, 'expiresAt' | 'passwordHash'>): Promise<boolean> {
    return this.stmt.setLinkOptions.run(o.expiresAt, o.passwordHash, boardId, role).changes > 0;
  }

  async endParticipantSessions(boardId: string, participantId: string): Promise<string[]> {
    return this.db.transaction(() => {
      const hashes = this.stmt.sessionsOfParticipant.all(boardId, participantId).map((r) => r.session_hash);
      for (const h of hashes) this.stmt.deleteSession.run(h);
      return hashes;
    }).immediate();
  }

  private insertLink(l: LinkRecord): void {
    this.stmt.insertLink.run(l.boardId, l.role, l.tokenHash, l.sealedToken, l.expiresAt, l.passwordHash);
  }

  async createSession(s: SessionRecord): Promise<void> {
    this.stmt.insertSession.run(s.sessionHash, s.boardId, s.role, s.name, s.participantId, s.expiresAt, s.linkHash);
  }

  async getSession(sessionHash: string): Promise<SessionRecord | undefined> {
    const r = this.stmt.getSession.get(sessionHash);
    return r && sessionRecord(r);
  }

  async renewSession(sessionHash: string, expiresAt: number): Promise<boolean> {
    return this.stmt.renewSession.run(expiresAt, sessionHash).changes > 0;
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    return this.stmt.deleteExpired.run(now).changes;
  }

  async loadDocument(boardId: string): Promise<StoredDocument> {
    return readDocument(this.db, boardId, this.stmt.getSnapshot, this.stmt.getUpdates);
  }

  appendUpdates(boardId: string, updates: Uint8Array[]): number {
    // One statement commits on its own: skipping BEGIN/COMMIT saves a third of the hot path.
    if (updates.length === 1) return Number(this.stmt.insertUpdate.run(boardId, asBuffer(updates[0])).lastInsertRowid);
    return this.db.transaction(() => {
      let seq = 0;
      for (const u of updates) seq = Number(this.stmt.insertUpdate.run(boardId, asBuffer(u)).lastInsertRowid);
      return seq;
    })();
  }

  async compact(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.db.transaction(() => {
      if (this.stmt.upsertSnapshot.run(boardId, asBuffer(snapshot), uptoSeq).changes === 0) return;
      this.stmt.deleteUpdatesUpTo.run(boardId, uptoSeq);
    }).immediate();
    this.checkpointer?.nudge();
  }

  async getSessionState(boardId: string): Promise<StoredSessionState | undefined> {
    const row = this.stmt.getSessionState.get(boardId);
    return row ? { state: JSON.parse(row.state) as unknown, version: row.version } : undefined;
  }

  async saveSessionState(boardId: string, state: unknown, now: number, expectedVersion: number): Promise<boolean> {
    const json = JSON.stringify(state);
    const { changes } = expectedVersion === 0
      ? this.stmt.insertSessionState.run(boardId, json, now)
      : this.stmt.updateSessionState.run(json, now, boardId, expectedVersion);
    return changes > 0;
  }

  async addPhaseSnapshot(s: PhaseSnapshotRecord, keep: number): Promise<void> {
    this.db.transaction(() => {
      this.stmt.insertPhaseSnapshot.run(s.id, s.boardId, s.phaseId, s.phaseTitle, s.createdAt, asBuffer(s.document));
      this.stmt.trimPhaseSnapshots.run(s.boardId, s.boardId, keep);
    }).immediate();
  }

  async listPhaseSnapshots(boardId: string): Promise<PhaseSnapshotInfo[]> {
    return this.stmt.listPhaseSnapshots.all(boardId).map(phaseSnapshotInfo);
  }

  async getPhaseSnapshot(boardId: string, id: string): Promise<PhaseSnapshotRecord | undefined> {
    const r = this.stmt.getPhaseSnapshot.get(boardId, id);
    if (!r) return undefined;
    const { bytes: _bytes, ...info } = phaseSnapshotInfo(r);
    return { ...info, document: new Uint8Array(r.document.buffer, r.document.byteOffset, r.document.byteLength) };
  }

  async close(): Promise<void> {
    await this.checkpointer?.close();
    this.checkpointer = undefined;
    // Closing the last connection checkpoints the WAL into the database file and removes it.
    if (this.db.open) this.db.close();
  }
}

type SnapshotQuery = Database.Statement<[string], { snapshot: Buffer; seq: number }>;
type UpdatesQuery = Database.Statement<[string, number], { seq: number; update_data: Buffer }>;

/** The latest snapshot and the updates after it, in one read transaction (a compaction cannot slip in between). */
function readDocument(db: Database.Database, docId: string, getSnapshot: SnapshotQuery, getUpdates: UpdatesQuery): StoredDocument {
  return db.transaction(() => {
    const snap = getSnapshot.get(docId);
    const snapSeq = snap?.seq ?? 0;
    const rows = getUpdates.all(docId, snapSeq);
    let bytes = snap?.snapshot.byteLength ?? 0;
    const updates = rows.map((r) => {
      bytes += r.update_data.byteLength;
      return new Uint8Array(r.update_data.buffer, r.update_data.byteOffset, r.update_data.byteLength);
    });
    const snapshot = snap ? new Uint8Array(snap.snapshot.buffer, snap.snapshot.byteOffset, snap.snapshot.byteLength) : null;
    return { snapshot, updates, lastSeq: rows.length > 0 ? rows[rows.length - 1].seq : snapSeq, bytes };
  })();
}
