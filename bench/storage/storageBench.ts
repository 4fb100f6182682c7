// PostgreSQL against SQLite write latency (issue 12).
// 1. The stores alone, in this process: the same realistic Yjs updates (typing into notes, moving
//    them) appended one at a time and awaited, as a room does, in blocks alternating between the two
//    stores (ABAB) so machine noise hits both; then eight boards appending at once (one room each),
//    and loading a board's whole log.
// 2. Through the server: our server on SQLite and on PostgreSQL, both running at once, one writer (a
//    real WebsocketProvider) editing in a closed loop and one bare viewer socket timestamping the
//    relayed update. The server stores before it relays, so the delay includes the commit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type WebSocket from 'ws';
import pg from 'pg';
import { createNote, noteText } from '../../shared/src/board/notes.ts';
import { notesMap } from '../../shared/src/board/schema.ts';
import type { BoardStore } from '../../server/src/storage/BoardStore.ts';
import { SqliteBoardStore } from '../../server/src/storage/SqliteBoardStore.ts';
import { PostgresBoardStore, redactDatabaseUrl } from '../../server/src/storage/PostgresBoardStore.ts';
import { closeProvider, openProvider, whenSynced } from '../provider.ts';
import { openBareSocket, roomUrl } from '../bareSocket.ts';
import { OurServer } from '../servers/OurServer.ts';
import { benchPath } from '../childProcess.ts';
import { busyBoard, type BusyResult } from './busyBoard.ts';
import { ms, nowMicros, ratio, summarize, table, type Summary } from '../stats.ts';

export interface StorageOptions {
  /** postgres:// URL of a database the bench may create schemas in (BENCH_DATABASE_URL). */
  databaseUrl: string;
  /** Appends measured per store (BENCH_STORAGE_APPENDS). */
  appends: number;
  /** Edits measured per server (BENCH_STORAGE_EDITS). */
  edits: number;
  /** Writer counts of the busy-board part (BENCH_BUSY_WRITERS). */
  busyWriters: number[];
  /** Measured edits per writer count and server there (BENCH_BUSY_EDITS). */
  busyEdits: number;
}

type Backend = 'sqlite' | 'postgresql';

interface StoreResult {
  backend: Backend;
  append: Summary;
  /** Appends per second with eight boards appending at once. */
  parallelPerSecond: number;
  parallel: Summary;
  loadMs: number;
}

interface ServerResult {
  backend: Backend;
  delivery: Summary;
  busy: BusyResult[];
}

export type StorageResult =
  | { skipped: string }
  | { stores: StoreResult[]; servers: ServerResult[]; updateBytes: number; busyWithoutGroupCommit: BusyResult[] };

const BLOCK = 250;
const PARALLEL_BOARDS = 8;
const NOTE = { x: 16, y: 72, color: 'yellow' as const, author: 'Bench' };

export async function runStorage(opts: StorageOptions, log: (line: string) => void): Promise<StorageResult> {
  const unreachable = await probe(opts.databaseUrl);
  if (unreachable) return { skipped: unreachable };
  const schema = `wb_bench_${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'wb-bench-storage-'));
  try {
    const updates = realisticUpdates(opts.appends + BLOCK);
    const updateBytes = updates.reduce((n, u) => n + u.byteLength, 0) / updates.length;
    log(`  stores: ${opts.appends} appends each of ${updateBytes.toFixed(0)}-byte updates, blocks of ${BLOCK}, SQLite in ${tmpdir()}, PostgreSQL schema ${schema}`);
    const stores = await storeLatency(opts, dir, schema, updates);
    log(`  server: ${opts.edits} edits per server, one writer, one viewer`);
    const { servers, busyWithoutGroupCommit } = await serverLatency(opts, schema);
    return { stores, servers, updateBytes, busyWithoutGroupCommit };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await adminQuery(opts.databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_server CASCADE; DROP SCHEMA IF EXISTS ${schema}_single CASCADE`);
  }
}

export async function probe(url: string): Promise<string | undefined> {
  try {
    await adminQuery(url, 'SELECT 1');
    return undefined;
  } catch (err) {
    return `PostgreSQL at ${redactDatabaseUrl(url)} unreachable (${(err as Error).message}); set BENCH_DATABASE_URL`;
  }
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The updates a client sends while typing into notes and moving them (one Yjs update per keystroke or drop). */
function realisticUpdates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const ids = Array.from({ length: 20 }, (_, i) => createNote(doc, { ...NOTE, frame: 'swot.strengths', text: `Note ${i}` }));
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; updates.length < n; i++) {
    const id = ids[(i * 7) % ids.length];
    if (i % 4 === 3) notesMap(doc).get(id)!.set('x', 16 + (i % 400));
    else noteText(doc, id)!.insert(0, 'x');
  }
  doc.destroy();
  return updates;
}

async function storeLatency(opts: StorageOptions, dir: string, schema: string, updates: Uint8Array[]): Promise<StoreResult[]> {
  const sqlite = SqliteBoardStore.open(dir);
  const postgres = await PostgresBoardStore.open({ connectionString: opts.databaseUrl, schema, poolSize: 10, onError: () => {} });
  const targets: Array<{ backend: Backend; store: BoardStore; samples: number[] }> = [
    { backend: 'sqlite', store: sqlite, samples: [] },
    { backend: 'postgresql', store: postgres, samples: [] },
  ];
  try {
    const boardIds = Array.from({ length: PARALLEL_BOARDS }, (_, i) => `BENCH${String(i).padStart(11, '0')}`);
    for (const { store } of targets) {
      for (const id of boardIds) await store.createBoard({ id, title: 'Bench', template: 'swot', language: 'en', createdAt: Date.now() }, [], new Uint8Array([0, 0]));
    }
    const main = boardIds[0];
    // Warm-up: JIT, the pool's connections, the prepared statements.
    for (const t of targets) for (const u of updates.slice(0, BLOCK)) await t.store.appendUpdates(main, [u]);
    let next = BLOCK;
    for (let round = 0; next < updates.length; round++) {
      const block = updates.slice(next, next + BLOCK);
      next += BLOCK;
      for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
        for (const u of block) {
          const t0 = performance.now();
          await t.store.appendUpdates(main, [u]);
          t.samples.push(performance.now() - t0);
        }
      }
    }
    const results: StoreResult[] = [];
    for (const t of targets) {
      const parallel: number[] = [];
      const rounds = Math.ceil(opts.appends / PARALLEL_BOARDS / 2);
      const t0 = performance.now();
      for (let r = 0; r < rounds; r++) {
        await Promise.all(boardIds.slice(1).concat(main).map(async (id, i) => {
          const s = performance.now();
          await t.store.appendUpdates(id, [updates[(r * PARALLEL_BOARDS + i) % updates.length]]);
          parallel.push(performance.now() - s);
        }));
      }
      const parallelPerSecond = (rounds * PARALLEL_BOARDS) / ((performance.now() - t0) / 1000);
      const l0 = performance.now();
      const doc = await t.store.loadDocument(main);
      const loadMs = performance.now() - l0;
      if (doc.updates.length < opts.appends) throw new Error(`${t.backend}: ${doc.updates.length} updates loaded, ${opts.appends} appended`);
      results.push({ backend: t.backend, append: summarize(t.samples), parallelPerSecond, parallel: summarize(parallel), loadMs });
    }
    return results;
  } finally {
    await sqlite.close();
    await postgres.close();
  }
}

/** A real writer on one server and a bare viewer socket (it only timestamps relayed edits) on another, or the same. */
export interface EditPair {
  writer: ReturnType<typeof openProvider>;
  socket: WebSocket;
  arrivals: number[];
  id: string;
  made: number;
  delivery: number[];
}

interface ServerTarget extends EditPair {
  backend: Backend;
  server: OurServer;
}

async function serverLatency(opts: StorageOptions, schema: string): Promise<{ servers: ServerResult[]; busyWithoutGroupCommit: BusyResult[] }> {
  const targets: ServerTarget[] = [];
  // The busy board's peer: the same server on PostgreSQL with one append per update (before group commit).
  const single = new OurServer({
    main: benchPath('./storage/serverMain.ts'),
    env: { WS_MESSAGES_PER_SECOND: '1000000', DATABASE_URL: opts.databaseUrl, DATABASE_SCHEMA: `${schema}_single`, BENCH_GROUP_COMMIT: 'off' },
  });
  try {
    await single.start();
    for (const backend of ['sqlite', 'postgresql'] as const) {
      const env: Record<string, string> = { WS_MESSAGES_PER_SECOND: '1000000' };
      if (backend === 'postgresql') Object.assign(env, { DATABASE_URL: opts.databaseUrl, DATABASE_SCHEMA: `${schema}_server` });
      const server = new OurServer({ env });
      await server.start();
      targets.push(await openTarget(backend, server));
    }
    for (const t of targets) await editBlock(t, 50, false);
    for (let done = 0, round = 0; done < opts.edits; done += BLOCK, round++) {
      for (const t of round % 2 === 0 ? targets : [...targets].reverse()) await editBlock(t, Math.min(BLOCK, opts.edits - done), true);
    }
    const busy = new Map<ServerTarget, BusyResult[]>(targets.map((t) => [t, []]));
    const busyWithoutGroupCommit: BusyResult[] = [];
    for (const writers of opts.busyWriters) {
      for (const t of targets) busy.get(t)!.push(await busyBoard(t.server, writers, opts.busyEdits));
      busyWithoutGroupCommit.push(await busyBoard(single, writers, opts.busyEdits));
    }
    return { servers: targets.map((t) => ({ backend: t.backend, delivery: summarize(t.delivery), busy: busy.get(t)! })), busyWithoutGroupCommit };
  } finally {
    for (const t of targets) {
      t.socket.terminate();
      closeProvider(t.writer);
      await t.server.dispose();
    }
    await single.dispose();
  }
}

async function openTarget(backend: Backend, server: OurServer): Promise<ServerTarget> {
  return { backend, server, ...(await openEditPair('storage bench', server, server, { ...NOTE, frame: 'swot.strengths', text: 'Strength' })) };
}

/** A new board with a writer on `writerServer` whose note is synced and relayed to a viewer on `viewerServer`. */
export async function openEditPair(bench: string, writerServer: OurServer, viewerServer: OurServer, note: Parameters<typeof createNote>[1]): Promise<EditPair> {
  const board = await writerServer.createBoard('Bench');
  const writerSession = await writerServer.joinBoard(board.id, board.links.participant, 'Writer');
  const viewerSession = await viewerServer.joinBoard(board.id, board.links.viewer, 'Viewer');
  if (!writerSession || !viewerSession) throw new Error(`${bench}: could not join (rate limited?)`);
  const arrivals: number[] = [];
  // Sync (0), update (2): the relayed edits.
  const socket = await openBareSocket(roomUrl(viewerServer.wsUrl, board.id, { session: viewerSession.session }), {
    onFrame: (frame, at) => {
      if (frame[0] === 0 && frame[1] === 2) arrivals.push(at);
    },
  });
  const writer = openProvider(writerServer.wsUrl, board.id, { session: writerSession.session });
  await whenSynced(writer);
  const id = createNote(writer.doc, note);
  await waitUntil(() => arrivals.length > 0);
  return { writer, socket, arrivals, id, made: 0, delivery: [] };
}

/** `n` edits, each waited for at the viewer before the next (closed loop). */
export async function editBlock(t: EditPair, n: number, measure: boolean): Promise<void> {
  for (let i = 0; i < n; i++) {
    t.arrivals.length = 0;
    const t0 = nowMicros();
    notesMap(t.writer.doc).get(t.id)!.set('x', 16 + (t.made++ % 400));
    await waitUntil(() => t.arrivals.length > 0);
    if (measure) t.delivery.push((t.arrivals[0] - t0) / 1000);
  }
}

/** Resolves once `ready` holds, checking after every I/O turn. */
export function waitUntil(ready: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (ready()) resolve();
      else if (Date.now() > deadline) reject(new Error('storage bench: an edit did not reach the viewer'));
      else setImmediate(check);
    };
    check();
  });
}

export function formatStorage(r: StorageResult): string {
  if ('skipped' in r) return `  skipped: ${r.skipped}`;
  const stores = table(
    ['store', 'append p50', 'append p99', `${PARALLEL_BOARDS} boards at once: appends/s`, 'p99', 'load whole log'],
    r.stores.map((s) => [s.backend, ms(s.append.p50, 3), ms(s.append.p99, 3), s.parallelPerSecond.toFixed(0), ms(s.parallel.p99, 3), ms(s.loadMs, 1)]),
  );
  const servers = table(
    ['server on', 'edit to viewer p50', 'p99'],
    r.servers.map((s) => [s.backend, ms(s.delivery.p50), ms(s.delivery.p99)]),
  );
  const [sq, pgs] = r.stores;
  const [sqServer, pgServer] = r.servers;
  return [
    stores,
    `postgresql / sqlite: append p50 ${ratio(pgs.append.p50, sq.append.p50)}, p99 ${ratio(pgs.append.p99, sq.append.p99)}, ` +
      `parallel throughput ${ratio(pgs.parallelPerSecond, sq.parallelPerSecond)}`,
    '',
    servers,
    `postgresql / sqlite: edit to viewer p50 ${ratio(pgServer.delivery.p50, sqServer.delivery.p50)}, p99 ${ratio(pgServer.delivery.p99, sqServer.delivery.p99)}`,
    '',
    'one busy board: writers in closed loops (the next edit of each once the viewer has its last)',
    table(
      ['server on', 'writers', 'edits/s', 'edit to viewer p50', 'p99', 'server CPU/edit'],
      [
        ...r.servers.map((s) => ({ name: s.backend as string, busy: s.busy })),
        { name: 'postgresql, one append per update', busy: r.busyWithoutGroupCommit },
      ].flatMap((s) => s.busy.map((b) => [s.name, String(b.writers), b.perSecond.toFixed(0), ms(b.latency.p50), ms(b.latency.p99), ms(b.cpuPerEditMs, 3)])),
    ),
    ...pgServer.busy.map((b, i) => {
      const before = r.busyWithoutGroupCommit[i];
      return `${b.writers} writers, postgresql group commit / one append per update: edits/s ${ratio(b.perSecond, before.perSecond)}, ` +
        `p50 ${ratio(b.latency.p50, before.latency.p50)}, p99 ${ratio(b.latency.p99, before.latency.p99)}, server CPU/edit ${ratio(b.cpuPerEditMs, before.cpuPerEditMs)}`;
    }),
    ...sqServer.busy.map((b, i) =>
      `${b.writers} writers, postgresql / sqlite: edits/s ${ratio(pgServer.busy[i].perSecond, b.perSecond)}, p50 ${ratio(pgServer.busy[i].latency.p50, b.latency.p50)}, ` +
        `p99 ${ratio(pgServer.busy[i].latency.p99, b.latency.p99)}, server CPU/edit ${ratio(pgServer.busy[i].cpuPerEditMs, b.cpuPerEditMs)}`),
  ].join('\n');
}
