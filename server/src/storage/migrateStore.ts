// Moves every board from the SQLite store (a DATA_DIR's boards.sqlite) into a PostgreSQL schema
// (issue 12): `npm run migrate-store -- --from ./data --to postgres://...` (migrateStoreCli.ts).
//
// The source is never written: the tool holds DATA_DIR's lock (no server may run on it meanwhile),
// copies boards.sqlite with SQLite's online backup into a temporary directory and reads that copy,
// brought up to the current schema by SqliteBoardStore as a server would. The target schema is
// created and migrated by PostgresBoardStore; the tool holds its server lock while it copies.
//
// Every board is copied with everything that hangs off it (links, sessions, snapshot and updates,
// facilitation state, phase snapshots, private documents) in one PostgreSQL transaction: a run that
// fails leaves the target as it was, and can simply be run again. Sequence
// numbers are per board in PostgreSQL without gaps (docs/data-model.md, "PostgreSQL"), while SQLite's
// are one counter for all boards: a board's snapshot gets seq 0 and the updates after it 1, 2, 3...,
// the same bytes in the same order. Then every board is read back through both stores and compared.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { BoardStore, DocumentLog, StoredDocument } from './BoardStore.ts';
import { DataDirLock } from './DataDirLock.ts';
import { PostgresBoardStore, postgresClientConfig } from './PostgresBoardStore.ts';
import { PostgresServerLock } from './PostgresServerLock.ts';
import { SqliteBoardStore } from './SqliteBoardStore.ts';
import type { LinkRow, SessionRow } from './rows.ts';

export interface MigrateOptions {
  /** The DATA_DIR holding boards.sqlite. */
  from: string;
  /** postgres://... of the target database. */
  to: string;
  /** Schema in the target (DATABASE_SCHEMA); undefined: the database's search_path (public). */
  schema?: string;
  /** Copy into a schema that already has boards; boards whose id is there already are skipped. */
  allowNonEmpty?: boolean;
  /** One line per step (the CLI prints them). */
  progress?: (line: string) => void;
}

/** Rows per table, in the source and in the target after copying. */
export type TableCounts = Record<(typeof TABLES)[number], number>;

export interface MigrateSummary {
  copied: string[];
  /** Already in a non-empty target (allowNonEmpty): left as they were. */
  skipped: string[];
  /** Rows of the copied boards in the source (updates: those after their snapshot, what a server reads). */
  source: TableCounts;
  /** Rows the target gained: checked equal to `source`. */
  added: TableCounts;
}

/** The tables the SQLite store has (schema_version aside), in the order a board's rows are copied. */
export const TABLES = [
  'boards', 'board_tokens', 'sessions', 'board_snapshots', 'board_updates', 'session_states', 'phase_snapshots', 'private_snapshots', 'private_updates',
] as const;

/** Updates per INSERT: keeps one statement's parameters well below PostgreSQL's limits. */
const BATCH = 500;

export async function migrateSqliteToPostgres(opts: MigrateOptions): Promise<MigrateSummary> {
  const say = opts.progress ?? (() => {});
  const file = path.join(path.resolve(opts.from), 'boards.sqlite');
  if (!fs.existsSync(file)) throw new Error(`No SQLite store at ${file}: --from takes the DATA_DIR the server used.`);
  let dirLock: DataDirLock;
  try {
    dirLock = DataDirLock.acquire(opts.from);
  } catch (err) {
    throw new Error(`${(err as Error).message} Stop the server before moving its boards.`);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-migrate-'));
  const closers: (() => Promise<unknown> | void)[] = [() => fs.rmSync(work, { recursive: true, force: true }), () => dirLock.release()];
  try {
    say(`reading ${file} (through a copy; the file itself is not written)`);
    const original = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await original.backup(path.join(work, 'boards.sqlite'));
    } finally {
      original.close();
    }
    const source = SqliteBoardStore.open(work);
    closers.unshift(() => source.close());
    const raw = new Database(path.join(work, 'boards.sqlite'), { readonly: true });
    closers.unshift(() => void raw.close());

    const pgOptions = { connectionString: opts.to, schema: opts.schema, poolSize: 2, onError: (m: string, err: unknown) => say(`${m}: ${String(err)}`) };
    const target = await PostgresBoardStore.open(pgOptions);
    closers.unshift(() => target.close());
    let serverLock: PostgresServerLock;
    try {
      serverLock = await PostgresServerLock.acquire(pgOptions);
    } catch (err) {
      throw new Error(`${(err as Error).message} Stop the servers on the target before moving boards into it.`);
    }
    closers.unshift(() => serverLock.release());
    const client = new pg.Client(postgresClientConfig(pgOptions));
    await client.connect();
    closers.unshift(() => client.end());

    const existing = new Set((await client.query<{ id: string }>('SELECT id FROM boards')).rows.map((r) => r.id));
    if (existing.size > 0 && !opts.allowNonEmpty) {
      throw new Error(
        `The target schema ${opts.schema ?? '(public)'} already has ${existing.size} board(s). Move into an empty schema, or pass --allow-non-empty to add the boards it does not have.`,
      );
    }
    const ids = raw.prepare<[], { id: string }>('SELECT id FROM boards ORDER BY created_at, id').all().map((r) => r.id);
    const before = await countPostgres(client);
    const summary: MigrateSummary = { copied: [], skipped: [], source: emptyCounts(), added: emptyCounts() };
    say(`copying ${ids.length} board(s) in one transaction`);
    await client.query('BEGIN');
    try {
      for (const [i, id] of ids.entries()) {
        if (existing.has(id)) summary.skipped.push(id);
        else await copyBoard(raw, source, client, id);
        if ((i + 1) % 100 === 0) say(`  ${i + 1} of ${ids.length}`);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
    summary.copied = ids.filter((id) => !existing.has(id));
    say('verifying: every copied board read back through both stores');
    for (const id of summary.copied) await verifyBoard(raw, source, target, id);
    summary.source = countSqlite(raw, summary.copied);
    const after = await countPostgres(client);
    for (const t of TABLES) summary.added[t] = after[t] - before[t];
    const off = TABLES.filter((t) => summary.added[t] !== summary.source[t]);
    if (off.length > 0) {
      const which = off.map((t) => `${t} (${summary.added[t]} of ${summary.source[t]})`).join(', ');
      throw new Error(`Verification failed: the rows added to ${which} differ from the source. Do not serve this copy: drop the target schema.`);
    }
    return summary;
  } finally {
    for (const close of closers) await close();
  }
}

/** One board and everything on it (in the caller's transaction). */
async function copyBoard(raw: Database.Database, source: SqliteBoardStore, c: pg.Client, id: string): Promise<void> {
  const board = raw.prepare<[string], Record<string, unknown>>('SELECT * FROM boards WHERE id = ?').get(id)!;
  const doc = await source.loadDocument(id);
  try {
    await c.query('INSERT INTO boards (id, title, template, language, created_at, last_seq) VALUES ($1, $2, $3, $4, $5, $6)', [
      board.id, board.title, board.template, board.language, board.created_at, doc.updates.length,
    ]);
    for (const l of raw.prepare<[string], LinkRow>('SELECT * FROM board_tokens WHERE board_id = ?').all(id)) {
      await c.query('INSERT INTO board_tokens (board_id, role, token_hash, sealed_token, expires_at, password_hash) VALUES ($1, $2, $3, $4, $5, $6)', [
        l.board_id, l.role, l.token_hash, l.sealed_token, l.expires_at, l.password_hash,
      ]);
    }
    for (const s of raw.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE board_id = ?').all(id)) {
      await c.query('INSERT INTO sessions (session_hash, board_id, role, name, participant_id, expires_at, link_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        s.session_hash, s.board_id, s.role, s.name, s.participant_id, s.expires_at, s.link_hash,
      ]);
    }
    await copyDocument(c, doc, 'board_snapshots', 'board_updates', ['board_id'], [id]);
    const state = raw.prepare<[string], { state: string; updated_at: number; version: number }>('SELECT * FROM session_states WHERE board_id = ?').get(id);
    if (state) {
      await c.query('INSERT INTO session_states (board_id, state, updated_at, version) VALUES ($1, $2::jsonb, $3, $4)', [id, state.state, state.updated_at, state.version]);
    }
    // In the order SQLite lists them: PostgreSQL's `position` numbers them in insert order.
    const phases = raw.prepare<[string], { id: string; phase_id: string | null; phase_title: string; created_at: number; document: Buffer }>(
      'SELECT * FROM phase_snapshots WHERE board_id = ? ORDER BY created_at, rowid',
    ).all(id);
    for (const p of phases) {
      await c.query('INSERT INTO phase_snapshots (id, board_id, phase_id, phase_title, created_at, document) VALUES ($1, $2, $3, $4, $5, $6)', [
        p.id, id, p.phase_id, p.phase_title, p.created_at, p.document,
      ]);
    }
    for (const docId of await source.privateDocuments.documentsOf(id)) {
      const priv = await source.privateDocuments.loadDocument(docId);
      await c.query('INSERT INTO private_heads (doc_id, board_id, last_seq) VALUES ($1, $2, $3)', [docId, id, priv.updates.length]);
      await copyDocument(c, priv, 'private_snapshots', 'private_updates', ['doc_id', 'board_id'], [docId, id]);
    }
  } catch (err) {
    throw new Error(`Copying board ${id} failed: ${(err as Error).message}`, { cause: err });
  }
}

/** A document as the server reads it: the snapshot at seq 0, the updates after it numbered 1, 2, 3... */
async function copyDocument(c: pg.Client, doc: StoredDocument, snapshots: string, updates: string, keys: string[], values: string[]): Promise<void> {
  const cols = keys.join(', ');
  const params = keys.map((_, i) => `$${i + 1}`).join(', ');
  if (doc.snapshot) await c.query(`INSERT INTO ${snapshots} (${cols}, snapshot, seq) VALUES (${params}, $${keys.length + 1}, 0)`, [...values, doc.snapshot]);
  for (let from = 0; from < doc.updates.length; from += BATCH) {
    const batch = doc.updates.slice(from, from + BATCH);
    await c.query(
      `INSERT INTO ${updates} (${cols}, seq, update_data)
       SELECT ${params}, $${keys.length + 1}::bigint + u.ord, u.data FROM unnest($${keys.length + 2}::bytea[]) WITH ORDINALITY AS u(data, ord)`,
      [...values, from, batch],
    );
  }
}

/** What a server on either store reads of the board must be the same. */
async function verifyBoard(raw: Database.Database, source: SqliteBoardStore, target: BoardStore, id: string): Promise<void> {
  const differs = (what: string) => new Error(
    `Verification failed: board ${id} has a different ${what} in PostgreSQL than in SQLite. Do not serve this copy: drop the target schema.`,
  );
  const same = async <T>(what: string, read: (store: BoardStore) => Promise<T>) => {
    if (!isDeepStrictEqual(await read(source), await read(target))) throw differs(what);
  };
  await same('record', (s) => s.getBoard(id));
  await same('set of links', (s) => s.links(id));
  await same('document', (s) => documentContent(s, id));
  await same('facilitation state', (s) => s.getSessionState(id));
  await same('list of phase snapshots', (s) => s.listPhaseSnapshots(id));
  for (const { id: snapshotId } of await source.listPhaseSnapshots(id)) await same(`phase snapshot ${snapshotId}`, (s) => s.getPhaseSnapshot(id, snapshotId));
  await same('list of private documents', (s) => s.privateDocuments.documentsOf(id));
  for (const docId of await source.privateDocuments.documentsOf(id)) await same(`private document ${docId}`, (s) => documentContent(s.privateDocuments, docId));
  const hashes = raw.prepare<[string], { session_hash: string }>('SELECT session_hash FROM sessions WHERE board_id = ?').all(id);
  for (const { session_hash } of hashes) await same('session', (s) => s.getSession(session_hash));
}

/** A document's bytes in order; the sequence numbers are renumbered, so they are left out. */
async function documentContent(log: DocumentLog, docId: string): Promise<Omit<StoredDocument, 'lastSeq'>> {
  const { lastSeq: _renumbered, ...content } = await log.loadDocument(docId);
  return { snapshot: content.snapshot && Buffer.from(content.snapshot), updates: content.updates.map((u) => Buffer.from(u)), bytes: content.bytes };
}

function emptyCounts(): TableCounts {
  return Object.fromEntries(TABLES.map((t) => [t, 0])) as TableCounts;
}

/** Rows of these boards per table; of the updates, those after their document's snapshot (any before it are folded in). */
function countSqlite(db: Database.Database, boardIds: string[]): TableCounts {
  const after = (snapshots: string, key: string) => ` AND seq > coalesce((SELECT seq FROM ${snapshots} s WHERE s.${key} = t.${key}), 0)`;
  const count = (table: (typeof TABLES)[number]) => {
    const live = table === 'board_updates' ? after('board_snapshots', 'board_id') : table === 'private_updates' ? after('private_snapshots', 'doc_id') : '';
    const sql = `SELECT count(*) AS n FROM ${table} t WHERE ${table === 'boards' ? 'id' : 'board_id'} IN (SELECT value FROM json_each(?))${live}`;
    return db.prepare<[string], { n: number }>(sql).get(JSON.stringify(boardIds))!.n;
  };
  return Object.fromEntries(TABLES.map((t) => [t, count(t)])) as TableCounts;
}

async function countPostgres(c: pg.Client): Promise<TableCounts> {
  const counts = emptyCounts();
  for (const t of TABLES) counts[t] = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
  return counts;
}
