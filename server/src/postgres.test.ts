// The real server on PostgreSQL (DATABASE_URL, issue 12): real y-websocket clients edit, the server
// restarts (cleanly, and after kill -9 as a separate process), and the board is intact. Skipped with
// the reason printed when PostgreSQL is unreachable (a failure under CI); each test in its own schema.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createNote, listNotes } from '../../shared/src/board/notes.ts';
import { createBoard, joinBoard, startTestServer, tempDataDir, waitFor } from './testing/testServer.ts';
import { connectClient, type TestClient } from './testing/testClient.ts';
import { freePort } from './testing/freePort.ts';
import { killMidStream } from './testing/killMidStream.ts';
import { ServerProcessGroup } from './testing/ServerProcessGroup.ts';
import { PostgresServerLock } from './storage/PostgresServerLock.ts';
import { adminQuery, describePostgres, TEST_DATABASE_URL, testSchema } from './testing/postgres.ts';

const clients: TestClient[] = [];
const groups: ServerProcessGroup[] = [];
const dirs: string[] = [];

function client(wsUrl: string, boardId: string, session: string): TestClient {
  const c = connectClient(wsUrl, boardId, session);
  clients.push(c);
  return c;
}

function dataDir(): string {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const g of groups) await g.kill();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** `npm start` (the compiled server) on PostgreSQL, in a process group of its own. */
async function startProcess(schema: string, dir: string): Promise<ServerProcessGroup> {
  const server = new ServerProcessGroup(dir, await freePort(), {
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    COMPACT_EVERY_UPDATES: '50',
    // The stream below is one writer at 1000 messages a second, five times the default budget.
    WS_MESSAGES_PER_SECOND: '5000',
  });
  groups.push(server);
  await server.start();
  return server;
}

describePostgres('the server on PostgreSQL', () => {
  it('keeps a board that real clients edited across the database dropping its connections and a server restart', async () => {
    const schema = testSchema();
    const t = await startTestServer({ databaseUrl: TEST_DATABASE_URL, databaseSchema: schema, compactEveryUpdates: 20 });
    try {
      const board = await t.createBoard('On PostgreSQL');
      const { session } = await t.join(board, 'participant', 'Ann');
      const a = client(t.wsUrl, board.id, session);
      const b = client(t.wsUrl, board.id, session);
      await Promise.all([a.synced(), b.synced()]);
      // More than COMPACT_EVERY_UPDATES: the log is compacted while the edits go on.
      for (let i = 0; i < 45; i++) createNote(a.doc, { frame: 'swot.strengths', x: i, y: 0, color: 'yellow', author: 'Ann', text: `note ${i}` });
      await waitFor(() => listNotes(b.doc).length === 45, 'b sees all 45 notes');
      // The board lives in PostgreSQL, not in a SQLite file of the data dir.
      expect(fs.existsSync(path.join(t.dataDir, 'boards.sqlite'))).toBe(false);
      const [{ n }] = await adminQuery<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.boards`);
      expect(n).toBe(1);

      // The database ends every connection of the server (a restart, a failover): the server stays
      // up, reconnects, and the edits made after it are stored too.
      const ended = await adminQuery<{ ok: boolean }>(
        'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1', [`strategy-whiteboard ${schema}`],
      );
      expect(ended.length).toBeGreaterThan(0);
      for (let i = 45; i < 60; i++) createNote(a.doc, { frame: 'swot.weaknesses', x: i, y: 0, color: 'yellow', author: 'Ann', text: `note ${i}` });
      await waitFor(() => listNotes(b.doc).length === 60, 'b sees the notes made after the database dropped the connections');
      // ...and takes its server lock again: a second server still cannot start on the schema.
      await waitFor(
        () => PostgresServerLock.acquire({ connectionString: TEST_DATABASE_URL, schema, onError: () => {} }).then((l) => (void l.release(), false), () => true),
        'the server holds its lock again',
      );
      a.destroy();
      b.destroy();

      await t.restart();
      const fresh = client(t.wsUrl, board.id, (await t.join(board, 'participant', 'Ann')).session);
      await fresh.synced();
      expect(listNotes(fresh.doc).map((note) => note.text).sort()).toEqual(Array.from({ length: 60 }, (_, i) => `note ${i}`).sort());
    } finally {
      await t.close();
    }
  });

  it('loses nothing a client had received when npm start is killed with kill -9, and lets one server per schema run', async () => {
    const schema = testSchema();
    const dir = dataDir();
    const first = await startProcess(schema, dir);
    // A second server on the same schema (another data dir) refuses to start: it would compact away the first one's edits.
    await expect(startTestServer({ databaseUrl: TEST_DATABASE_URL, databaseSchema: schema, dataDir: dataDir() })).rejects.toThrow(
      `Another server already uses PostgreSQL schema "${schema}"`,
    );

    const board = await createBoard(first.url, 'Crash on PostgreSQL');
    const { session } = await joinBoard(first.url, board, 'participant');
    const a = client(first.wsUrl, board.id, session);
    const b = client(first.wsUrl, board.id, session);
    await Promise.all([a.synced(), b.synced()]);
    const observed = await killMidStream(a, b, () => first.kill());
    a.destroy();
    b.destroy();

    // The killed server's lock went with its connection: the restart starts at once.
    await first.start();
    const fresh = client(first.wsUrl, board.id, session);
    await fresh.synced();
    const recovered = new Set(listNotes(fresh.doc).map((n) => n.id));
    expect(observed.filter((id) => !recovered.has(id))).toEqual([]);
    first.signal('SIGTERM');
    expect(await first.exited()).toEqual({ code: 0, signal: null });
  }, 90_000);
});
