// Load time of a board with a long history, on our server: the history is appended through the
// server's own storage class (SqliteBoardStore, its BoardStore interface) while the server is
// stopped, then a new client's time from `new WebsocketProvider` to its 'sync' event is measured:
// cold (server just started, board not in memory, the full update log replayed), warm (board in
// memory, another client connected) and cold again after the server has compacted the log.
import * as Y from 'yjs';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OurServer } from '../servers/OurServer.ts';
import { SqliteBoardStore } from '../../server/src/storage/SqliteBoardStore.ts';
import { notesMap } from '../../shared/src/board/schema.ts';
import { closeProvider, openProvider, whenSynced } from '../provider.ts';
import { generateHistory } from './generateHistory.ts';
import { ms, summarize, table } from '../stats.ts';
import type { WebsocketProvider } from 'y-websocket';

export interface LoadOptions {
  history: number;
  /** Cold loads of the uncompacted log (each on a fresh copy of the database). */
  coldRepeats?: number;
  warmRepeats?: number;
}

export interface LoadResult {
  history: number;
  historyBytes: number;
  generateMs: number;
  appendMs: number;
  coldRaw: number[];
  warm: number[];
  coldCompacted: number[];
  notes: number;
  contentMatches: boolean;
  /** Size of the whole board as one update (what sync step 2 carries to a new client). */
  stateBytes: number;
  /** Time for a client to apply that update to an empty Y.Doc (in the bench process): the client's share of each load. */
  clientApplyMs: number;
}

function clientApply(state: Uint8Array): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    Y.applyUpdate(new Y.Doc(), state);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[1];
}

const DB_FILES = ['boards.sqlite', 'boards.sqlite-wal', 'boards.sqlite-shm'];

function copyDb(from: string, to: string): void {
  for (const f of DB_FILES) {
    if (existsSync(join(from, f))) copyFileSync(join(from, f), join(to, f));
    else rmSync(join(to, f), { force: true });
  }
}

/** ms from creating the provider to its first 'sync' event. */
async function timeToSync(server: OurServer, boardId: string, session: string): Promise<{ ms: number; provider: WebsocketProvider }> {
  const t0 = performance.now();
  const provider = openProvider(server.wsUrl, boardId, { session });
  await whenSynced(provider, 120_000);
  return { ms: performance.now() - t0, provider };
}

export async function runLoad(opts: LoadOptions, log: (line: string) => void): Promise<LoadResult> {
  const coldRepeats = opts.coldRepeats ?? 3;
  const warmRepeats = opts.warmRepeats ?? 5;
  const pristine = mkdtempSync(join(tmpdir(), 'wb-bench-history-'));
  // The bench only connects while measuring; idle unloading must not race the warm measurements.
  const server = new OurServer({ dataDir: mkdtempSync(join(tmpdir(), 'wb-bench-load-')), env: { IDLE_UNLOAD_MS: '600000' } });
  const { dataDir } = server;
  try {
    // 1. A board created through the API, and its state as the server made it.
    await server.start();
    const board = await server.createBoard('History board');
    const link = board.links.facilitator;
    const session = async () => {
      const s = await server.createSession(board.id, link, 'Loader');
      if (!s) throw new Error('session rate limited');
      return s;
    };
    const first = await timeToSync(server, board.id, await session());
    const baseState = Y.encodeStateAsUpdate(first.provider.doc);
    closeProvider(first.provider);
    await server.stop();

    // 2. The history, appended through the server's storage class in batches of 1,000 per transaction.
    let t = performance.now();
    const history = generateHistory(baseState, opts.history);
    const generateMs = performance.now() - t;
    log(`  generated ${history.updates.length} updates (${(history.bytes / 1024).toFixed(0)} KiB) in ${ms(generateMs, 0)}`);
    t = performance.now();
    const store = SqliteBoardStore.open(dataDir);
    for (let i = 0; i < history.updates.length; i += 1000) {
      await store.appendUpdates(board.id, history.updates.slice(i, i + 1000));
    }
    await store.close();
    const appendMs = performance.now() - t;
    log(`  appended them through SqliteBoardStore.appendUpdates in ${ms(appendMs, 0)}`);
    copyDb(dataDir, pristine);

    // 3. Cold loads of the raw log, each on a fresh copy (loading queues a compaction).
    const coldRaw: number[] = [];
    let contentMatches = true;
    let notes = 0;
    for (let i = 0; i < coldRepeats; i++) {
      copyDb(pristine, dataDir);
      await server.start();
      const s = await session();
      const r = await timeToSync(server, board.id, s);
      coldRaw.push(r.ms);
      notes = notesMap(r.provider.doc).size;
      contentMatches &&= JSON.stringify(r.provider.doc.toJSON()) === JSON.stringify(history.doc.toJSON());
      log(`  cold, ${history.updates.length}-update log: ${ms(r.ms, 0)}`);
      if (i < coldRepeats - 1) {
        closeProvider(r.provider);
        await server.stop();
        continue;
      }
      // 4. Warm: the board is in memory (the last cold client stays connected).
      const warm: number[] = [];
      for (let j = 0; j < warmRepeats; j++) {
        const w = await timeToSync(server, board.id, s);
        warm.push(w.ms);
        closeProvider(w.provider);
      }
      log(`  warm: ${warm.map((v) => ms(v, 1)).join(', ')}`);
      closeProvider(r.provider);
      // SIGTERM stores everything; with the compaction queued on load, the log is now a snapshot.
      await server.stop();

      // 5. Cold again, after compaction.
      const coldCompacted: number[] = [];
      for (let j = 0; j < coldRepeats; j++) {
        await server.start();
        const c = await timeToSync(server, board.id, await session());
        coldCompacted.push(c.ms);
        closeProvider(c.provider);
        await server.stop();
      }
      log(`  cold, after compaction: ${coldCompacted.map((v) => ms(v, 0)).join(', ')}`);
      const state = Y.encodeStateAsUpdate(history.doc);
      return {
        stateBytes: state.byteLength,
        clientApplyMs: clientApply(state),
        history: history.updates.length,
        historyBytes: history.bytes,
        generateMs,
        appendMs,
        coldRaw,
        warm,
        coldCompacted,
        notes,
        contentMatches,
      };
    }
    throw new Error('unreachable');
  } finally {
    await server.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(pristine, { recursive: true, force: true });
  }
}

export function formatLoad(r: LoadResult): string {
  const row = (name: string, v: number[]) => {
    const s = summarize(v);
    return [name, String(s.count), ms(Math.min(...v), 1), ms(s.p50, 1), ms(s.max, 1)];
  };
  return [
    `board: ${r.history} updates (${(r.historyBytes / 1024).toFixed(0)} KiB), ${r.notes} notes; content after load matches the generating doc: ${r.contentMatches ? 'yes' : 'NO'}`,
    `whole board as one update: ${(r.stateBytes / 1024).toFixed(0)} KiB; a client applies it in ${ms(r.clientApplyMs, 1)} (part of every time below)`,
    table(
      ['time to sync (new client)', 'runs', 'min', 'median', 'max'],
      [row('cold, uncompacted log', r.coldRaw), row('warm (board in memory)', r.warm), row('cold, after compaction', r.coldCompacted)],
    ),
  ].join('\n');
}
