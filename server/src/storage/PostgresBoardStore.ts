// BoardStore on PostgreSQL (issue 12), chosen by DATABASE_URL; SQLite stays the default. Same
// behaviour as SqliteBoardStore (the contract suite, BoardStore.contract.ts, runs on both). Every
// method resolves after its commit (synchronous_commit as the server is set up: on by default, so a
// resolved append survives a crash of the database server too).
//
// Sequence numbers are per board: the statement that inserts updates takes them from
// `boards.last_seq` under that row's lock, so a board's numbers have no gaps and commit in order.
// What several instances need from that (docs/data-model.md, "PostgreSQL"): an instance that has
// folded in every update up to N compacts with uptoSeq = N, and nothing another instance stored after
// N is deleted; a late instance catches up by reading `seq > N`.
import pg from 'pg';
import type { Role } from '../../../shared/src/protocol.ts';
import type {
  BoardRecord, BoardStore, LinkRecord, PhaseSnapshotInfo, PhaseSnapshotRecord, PrivateDocumentLog, SessionRecord, StoredDocument, StoredSessionState,
} from './BoardStore.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import {
  asBuffer, boardRecord, linkRecord, phaseSnapshotInfo, sessionRecord, type BoardRow, type LinkRow, type PhaseSnapshotRow, type SessionRow,
} from './rows.ts';
import { redactUrl } from '../observability/redactUrl.ts';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database (DATABASE_URL). */
  connectionString: string;
  /** Connections in the pool (DATABASE_POOL_SIZE). */
  poolSize: number;
  /** Schema of the tables, created if missing (DATABASE_SCHEMA); undefined: the database's search_path (public). */
  schema?: string;
  /** A failing connection while idle in the pool (the database restarted): logged, the pool reconnects. */
  onError: (message: string, err: unknown) => void;
  /** How long to wait for a connection; default 10 s. */
  connectTimeoutMs?: number;
}

/** Schema names the server accepts: plain identifiers, so they need no quoting anywhere. */
export const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

// BIGINT (epoch milliseconds, sequence numbers) as a JS number: every value stays far below 2^53.
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Connection settings for one client or a pool: the URL, the schema on the search_path, our types. */
export function postgresClientConfig(opts: Pick<PostgresStoreOptions, 'connectionString' | 'schema' | 'connectTimeoutMs'>): pg.ClientConfig {
  if (opts.schema !== undefined && !SCHEMA_PATTERN.test(opts.schema)) throw new Error(`Invalid PostgreSQL schema name: ${opts.schema}`);
  return {
    connectionString: opts.connectionString,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    // A database that stops answering (a network partition sends no reset) fails the query instead
    // of holding a board's writes forever; keep-alive notices a dead idle connection.
    query_timeout: 30_000,
    keepAlive: true,
    types,
    // Names the server's connections in pg_stat_activity (and lets a test end exactly those).
    application_name: `strategy-whiteboard ${opts.schema ?? 'public'}`,
    ...(opts.schema !== undefined ? { options: `-c search_path=${opts.schema}` } : {}),
  };
}

/** The URL without its password, for messages. */
export function redactDatabaseUrl(url: string): string {
  return redactUrl(url, 'DATABASE_URL');
}

// The hot statements are named, so each pooled connection parses and plans them once.
const APPEND_ONE = {
  name: 'wb_append_one',
  text: `WITH s AS (UPDATE boards SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
         INSERT INTO board_updates (board_id, seq, update_data) SELECT $1, s.last_seq, $2 FROM s
         RETURNING seq`,
};
const APPEND_MANY = {
  name: 'wb_append_many',
  text: `WITH s AS (UPDATE boards SET last_seq = last_seq + cardinality($2::bytea[]) WHERE id = $1 RETURNING last_seq)
         INSERT INTO board_updates (board_id, seq, update_data)
         SELECT $1, s.last_seq - cardinality($2::bytea[]) + u.ord, u.data
         FROM s, unnest($2::bytea[]) WITH ORDINALITY AS u(data, ord)
         RETURNING seq`,
};
// Snapshot and the updates after it in one statement: one read of the database, so a compaction
// cannot slip in between.
const LOAD = {
  name: 'wb_load',
  text: `WITH snap AS (SELECT seq, snapshot FROM board_snapshots WHERE board_id = $1)
         SELECT true AS is_snapshot, seq, snapshot AS data FROM snap
         UNION ALL
         SELECT false, seq, update_data FROM board_updates
         WHERE board_id = $1 AND seq > coalesce((SELECT seq FROM snap), 0)
         ORDER BY is_snapshot DESC, seq`,
};
// Never moves a snapshot back to an older seq (that would drop the updates compacted since); the
// updates are deleted only up to the seq the snapshot was actually written with.
const COMPACT = {
  name: 'wb_compact',
  text: `WITH snap AS (
           INSERT INTO board_snapshots (board_id, snapshot, seq) VALUES ($1, $2, $3)
           ON CONFLICT (board_id) DO UPDATE SET snapshot = excluded.snapshot, seq = excluded.seq
           WHERE excluded.seq >= board_snapshots.seq
           RETURNING seq)
         DELETE FROM board_updates WHERE board_id = $1 AND seq <= (SELECT seq FROM snap)`,
};

// The private documents' log (issue 10): the same three statements on private_heads, _snapshots and
// _updates, keyed by doc_id (`<boardId>/<participantId>`); the head row is made by the first append.
const PRIVATE_APPEND = {
  name: 'wb_private_append',
  text: `WITH s AS (
           INSERT INTO private_heads (doc_id, board_id, last_seq) VALUES ($1, $2, cardinality($3::bytea[]))
           ON CONFLICT (doc_id) DO UPDATE SET last_seq = private_heads.last_seq + cardinality($3::bytea[])
           RETURNING last_seq)
         INSERT INTO private_updates (doc_id, board_id, seq, update_data)
         SELECT $1, $2, s.last_seq - cardinality($3::bytea[]) + u.ord, u.data
         FROM s, unnest($3::bytea[]) WITH ORDINALITY AS u(data, ord)
         RETURNING seq`,
};
const PRIVATE_LOAD = {
  name: 'wb_private_load',
  text: LOAD.text.replaceAll('board_snapshots', 'private_snapshots').replaceAll('board_updates', 'private_updates').replaceAll('board_id', 'doc_id'),
};
const PRIVATE_COMPACT = {
  name: 'wb_private_compact',
  text: `WITH snap AS (
           INSERT INTO private_snapshots (doc_id, board_id, snapshot, seq) VALUES ($1, $4, $2, $3)
           ON CONFLICT (doc_id) DO UPDATE SET snapshot = excluded.snapshot, seq = excluded.seq
           WHERE excluded.seq >= private_snapshots.seq
           RETURNING seq)
         DELETE FROM private_updates WHERE doc_id = $1 AND seq <= (SELECT seq FROM snap)`,
};

export class PostgresBoardStore implements BoardStore {
  private closed: Promise<void> | undefined;
  readonly privateDocuments: PrivateDocumentLog;

  private constructor(private readonly pool: pg.Pool) {
    const boardOf = (docId: string) => docId.slice(0, Math.max(0, docId.indexOf('/')));
    this.privateDocuments = {
      documentsOf: async (boardId) =>
        (await pool.query<{ doc_id: string }>(
          'SELECT doc_id FROM private_heads WHERE board_id = $1 UNION SELECT doc_id FROM private_snapshots WHERE board_id = $1 ORDER BY doc_id',
          [boardId],
        )).rows.map((r) => r.doc_id),
      loadDocument: (docId) => this.load(PRIVATE_LOAD, docId),
      appendUpdates: async (docId, updates) => {
        if (updates.length === 0) return 0;
        const rows = (await pool.query<{ seq: number }>({ ...PRIVATE_APPEND, values: [docId, boardOf(docId), updates.map(asBuffer)] })).rows;
        return rows.reduce((max, r) => Math.max(max, r.seq), 0);
      },
      compact: async (docId, snapshot, uptoSeq) => {
        await pool.query({ ...PRIVATE_COMPACT, values: [docId, asBuffer(snapshot), uptoSeq, boardOf(docId)] });
      },
    };
  }

  /** Connects, creates the schema if needed and brings it up to date; throws a clear error when unreachable. */
  static async open(opts: PostgresStoreOptions): Promise<PostgresBoardStore> {
    const pool = new pg.Pool({ ...postgresClientConfig(opts), max: opts.poolSize, idleTimeoutMillis: 30_000 });
    pool.on('error', (err) => opts.onError('idle PostgreSQL connection failed', err));
    const store = new PostgresBoardStore(pool);
    try {
      await store.migrate(opts.schema);
    } catch (err) {
      await pool.end().catch(() => {});
      if (err instanceof SchemaTooNewError) throw err;
      throw new Error(`PostgreSQL at ${redactDatabaseUrl(opts.connectionString)}: ${(err as Error).message}`, { cause: err });
    }
    return store;
  }

  private async migrate(schema: string | undefined): Promise<void> {
    await this.transaction(async (c) => {
      // Several instances may start at once: one migrates, the others wait and find it done.
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`strategy-whiteboard migrate ${schema ?? ''}`]);
      if (schema !== undefined) await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await c.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const row = (await c.query<{ version: number }>('SELECT version FROM schema_version')).rows[0];
      let version = row?.version ?? 0;
      if (version > POSTGRES_MIGRATIONS.length) throw new SchemaTooNewError(version, POSTGRES_MIGRATIONS.length);
      if (row && version === POSTGRES_MIGRATIONS.length) return;
      for (; version < POSTGRES_MIGRATIONS.length; version++) await c.query(POSTGRES_MIGRATIONS[version]);
      await c.query('DELETE FROM schema_version');
      await c.query('INSERT INTO schema_version (version) VALUES ($1)', [version]);
    });
  }

  /** Runs `fn` in one transaction on one pooled connection; a connection that fails to roll back is dropped. */
  private async transaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await c.query('BEGIN');
      const result = await fn(c);
      await c.query('COMMIT');
      return result;
    } catch (err) {
      await c.query('ROLLBACK').catch((e: unknown) => (broken = e as Error));
      throw err;
    } finally {
      c.release(broken);
    }
  }

  async createBoard(board: BoardRecord, links: LinkRecord[], initialSnapshot: Uint8Array): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('INSERT INTO boards (id, title, template, language, created_at) VALUES ($1, $2, $3, $4, $5)', [
        board.id, board.title, board.template, board.language, board.createdAt,
      ]);
      for (const link of links) await insertLink(c, link);
      await c.query('INSERT INTO board_snapshots (board_id, snapshot, seq) VALUES ($1, $2, 0)', [board.id, asBuffer(initialSnapshot)]);
    });
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const r = (await this.pool.query<BoardRow>('SELECT id, title, template, language, created_at FROM boards WHERE id = $1', [id])).rows[0];
    return r && boardRecord(r);
  }

  async linkForToken(boardId: string, tokenHash: string): Promise<LinkRecord | undefined> {
    const r = (await this.pool.query<LinkRow>('SELECT * FROM board_tokens WHERE board_id = $1 AND token_hash = $2', [boardId, tokenHash])).rows[0];
    return r && linkRecord(r);
  }

  async links(boardId: string): Promise<LinkRecord[]> {
    return (await this.pool.query<LinkRow>('SELECT * FROM board_tokens WHERE board_id = $1 ORDER BY role', [boardId])).rows.map(linkRecord);
  }

  async replaceLink(boardId: string, role: Role, next: LinkRecord | null, keepSessionHash?: string): Promise<string[]> {
    return this.transaction(async (c) => {
      const old = (await c.query<{ token_hash: string }>(
        'DELETE FROM board_tokens WHERE board_id = $1 AND role = $2 RETURNING token_hash', [boardId, role],
      )).rows[0];
      if (next) await insertLink(c, next);
      if (!old) return [];
      if (next && keepSessionHash !== undefined) {
        await c.query('UPDATE sessions SET link_hash = $1 WHERE session_hash = $2 AND board_id = $3 AND link_hash = $4', [
          next.tokenHash, keepSessionHash, boardId, old.token_hash,
        ]);
      }
      const ended = await c.query<{ session_hash: string }>(
        'DELETE FROM sessions WHERE board_id = $1 AND link_hash = $2 RETURNING session_hash', [boardId, old.token_hash],
      );
      return ended.rows.map((r) => r.session_hash).sort();
    });
  }

  async setLinkOptions(boardId: string, role: Role, o: Pick<LinkRecord, 'expiresAt' | 'passwordHash'>): Promise<boolean> {
    const r = await this.pool.query('UPDATE board_tokens SET expires_at = $1, password_hash = $2 WHERE board_id = $3 AND role = $4', [
      o.expiresAt, o.passwordHash, boardId, role,
    ]);
    return (r.rowCount ?? 0) > 0;
  }

  async endParticipantSessions(boardId: string, participantId: string): Promise<string[]> {
    const r = await this.pool.query<{ session_hash: string }>(
      'DELETE FROM sessions WHERE board_id = $1 AND participant_id = $2 RETURNING session_hash', [boardId, participantId],
    );
    return r.rows.map((row) => row.session_hash).sort();
  }

  async createSession(s: SessionRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO sessions (session_hash, board_id, role, name, participant_id, expires_at, link_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [s.sessionHash, s.boardId, s.role, s.name, s.participantId, s.expiresAt, s.linkHash],
    );
  }

  async getSession(sessionHash: string): Promise<SessionRecord | undefined> {
    const r = (await this.pool.query<SessionRow>('SELECT * FROM sessions WHERE session_hash = $1', [sessionHash])).rows[0];
    return r && sessionRecord(r);
  }

  async renewSession(sessionHash: string, expiresAt: number): Promise<boolean> {
    const r = await this.pool.query('UPDATE sessions SET expires_at = $1 WHERE session_hash = $2', [expiresAt, sessionHash]);
    return (r.rowCount ?? 0) > 0;
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    return (await this.pool.query('DELETE FROM sessions WHERE expires_at < $1', [now])).rowCount ?? 0;
  }

  loadDocument(boardId: string): Promise<StoredDocument> {
    return this.load(LOAD, boardId);
  }

  private async load(query: { name: string; text: string }, id: string): Promise<StoredDocument> {
    const rows = (await this.pool.query<{ is_snapshot: boolean; seq: number; data: Buffer }>({ ...query, values: [id] })).rows;
    let snapshot: Uint8Array | null = null;
    let lastSeq = 0;
    let bytes = 0;
    const updates: Uint8Array[] = [];
    for (const r of rows) {
      const data = new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength);
      if (r.is_snapshot) snapshot = data;
      else updates.push(data);
      bytes += data.byteLength;
      lastSeq = r.seq;
    }
    return { snapshot, updates, lastSeq, bytes };
  }

  /** One statement (so one round trip and its own transaction): the seqs are taken and the rows inserted together. */
  async appendUpdates(boardId: string, updates: Uint8Array[]): Promise<number> {
    const query = updates.length === 1
      ? { ...APPEND_ONE, values: [boardId, asBuffer(updates[0])] }
      : { ...APPEND_MANY, values: [boardId, updates.map(asBuffer)] };
    const rows = (await this.pool.query<{ seq: number }>(query)).rows;
    if (updates.length > 0 && rows.length === 0) throw new Error(`no board ${boardId} to append to`);
    return rows.reduce((max, r) => Math.max(max, r.seq), 0);
  }

  async compact(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    await this.pool.query({ ...COMPACT, values: [boardId, asBuffer(snapshot), uptoSeq] });
  }

  async getSessionState(boardId: string): Promise<StoredSessionState | undefined> {
    const r = (await this.pool.query<StoredSessionState>('SELECT state, version FROM session_states WHERE board_id = $1', [boardId])).rows[0];
    return r && { state: r.state, version: r.version };
  }

  /**
   * One statement either way. Under READ COMMITTED a second writer's UPDATE waits for the first's
   * row lock, then finds the version moved on and changes nothing; a second INSERT does nothing.
   */
  async saveSessionState(boardId: string, state: unknown, now: number, expectedVersion: number): Promise<boolean> {
    const json = JSON.stringify(state);
    const r = expectedVersion === 0
      ? await this.pool.query(
        'INSERT INTO session_states (board_id, state, updated_at, version) VALUES ($1, $2::jsonb, $3, 1) ON CONFLICT (board_id) DO NOTHING',
        [boardId, json, now],
      )
      : await this.pool.query(
        'UPDATE session_states SET state = $2::jsonb, updated_at = $3, version = version + 1 WHERE board_id = $1 AND version = $4',
        [boardId, json, now, expectedVersion],
      );
    return (r.rowCount ?? 0) > 0;
  }

  async addPhaseSnapshot(s: PhaseSnapshotRecord, keep: number): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('INSERT INTO phase_snapshots (id, board_id, phase_id, phase_title, created_at, document) VALUES ($1, $2, $3, $4, $5, $6)', [
        s.id, s.boardId, s.phaseId, s.phaseTitle, s.createdAt, asBuffer(s.document),
      ]);
      await c.query(
        `DELETE FROM phase_snapshots WHERE board_id = $1 AND id NOT IN
         (SELECT id FROM phase_snapshots WHERE board_id = $1 ORDER BY created_at DESC, position DESC LIMIT $2)`,
        [s.boardId, keep],
      );
    });
  }

  async listPhaseSnapshots(boardId: string): Promise<PhaseSnapshotInfo[]> {
    const r = await this.pool.query<PhaseSnapshotRow>(
      `SELECT id, board_id, phase_id, phase_title, created_at, octet_length(document) AS bytes FROM phase_snapshots
       WHERE board_id = $1 ORDER BY created_at, position`,
      [boardId],
    );
    return r.rows.map(phaseSnapshotInfo);
  }

  async getPhaseSnapshot(boardId: string, id: string): Promise<PhaseSnapshotRecord | undefined> {
    const r = (await this.pool.query<PhaseSnapshotRow & { document: Buffer }>(
      'SELECT id, board_id, phase_id, phase_title, created_at, octet_length(document) AS bytes, document FROM phase_snapshots WHERE board_id = $1 AND id = $2',
      [boardId, id],
    )).rows[0];
    if (!r) return undefined;
    const { bytes: _bytes, ...info } = phaseSnapshotInfo(r);
    return { ...info, document: new Uint8Array(r.document.buffer, r.document.byteOffset, r.document.byteLength) };
  }

  /** Waits for the queries in flight, then closes every connection. Idempotent. */
  close(): Promise<void> {
    return (this.closed ??= this.pool.end());
  }
}

class SchemaTooNewError extends Error {
  constructor(version: number, known: number) {
    super(`Database schema version ${version} is newer than this server (${known}).`);
  }
}

function insertLink(c: pg.PoolClient, l: LinkRecord): Promise<unknown> {
  return c.query(
    'INSERT INTO board_tokens (board_id, role, token_hash, sealed_token, expires_at, password_hash) VALUES ($1, $2, $3, $4, $5, $6)',
    [l.boardId, l.role, l.tokenHash, l.sealedToken, l.expiresAt, l.passwordHash],
  );
}
