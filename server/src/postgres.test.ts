// The real server on PostgreSQL (DATABASE_URL, issue 12): real y-websocket clients edit, the server
// restarts (cleanly, and after kill -9 as a separate process), and the board is intact. Skipped with
// the reason printed when PostgreSQL is unreachable (a failure under CI); each test in its own schema.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createNote, listNotes } from '../../shared/src/board/notes.ts';
import { createBoard, joinBoard, startTestServer, tempDataDir, waitFor } from './testing/testServer.ts';
import { connectClient, type TestClient } from './testing/testClient.ts';
import { freePort } from './testing/freePort.ts';
import { PostgresServerLock } from './storage/PostgresServerLock.ts';
import { adminQuery, describePostgres, TEST_DATABASE_URL, testSchema } from './testing/postgres.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const clients: TestClient[] = [];
const children: ChildProcess[] = [];
const dirs: string[] = [];

function client(url: string, boardId: string, session: string): TestClient {
  const c = connectClient(`${url.replace(/^http/, 'ws')}/yjs`, boardId, session);
  clients.push(c);
  return c;
}

afterAll(() => {
  for (const c of clients) c.destroy();
  for (const ch of children) if (ch.exitCode === null) ch.kill('SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** The server as a separate process (`npm run serve`) on PostgreSQL; resolves once it is healthy. */
async function spawnServer(schema: string, dataDir = tempDataDir()) {
  if (!dirs.includes(dataDir)) dirs.push(dataDir);
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      LOG_LEVEL: 'warn',
      COMPACT_EVERY_UPDATES: '50',
      // The stream below is one writer at 1000 messages a second, five times the default budget.
      WS_MESSAGES_PER_SECOND: '5000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
      return fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    },
    'server process up',
    30_000,
  );
  return { child, url, exited, dataDir };
}

describePostgres('the server on PostgreSQL', () => {
  it('keeps a board that real clients edited across the database dropping its connections and a server restart', async () => {
    const schema = testSchema();
    const t = await startTestServer({ databaseUrl: TEST_DATABASE_URL, databaseSchema: schema, compactEveryUpdates: 20 });
    try {
      const board = await t.createBoard('On PostgreSQL');
      const { session } = await t.join(board, 'participant', 'Ann');
      const a = client(t.url, board.id, session);
      const b = client(t.url, board.id, session);
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
      const fresh = client(t.url, board.id, (await t.join(board, 'participant', 'Ann')).session);
      await fresh.synced();
      expect(listNotes(fresh.doc).map((note) => note.text).sort()).toEqual(Array.from({ length: 60 }, (_, i) => `note ${i}`).sort());
    } finally {
      await t.close();
    }
  });

  it('loses nothing a client had received when the server process is killed with SIGKILL, and lets one server per schema run', async () => {
    const schema = testSchema();
    const first = await spawnServer(schema);
    // A second server on the same schema (another data dir) refuses to start: it would compact away the first one's edits.
    const otherDir = tempDataDir();
    dirs.push(otherDir);
    await expect(startTestServer({ databaseUrl: TEST_DATABASE_URL, databaseSchema: schema, dataDir: otherDir })).rejects.toThrow(
      `Another server already uses PostgreSQL schema "${schema}"`,
    );

    const board = await createBoard(first.url, 'Crash on PostgreSQL');
    const { session } = await joinBoard(first.url, board, 'participant');
    const a = client(first.url, board.id, session);
    const b = client(first.url, board.id, session);
    await Promise.all([a.synced(), b.synced()]);
    let i = 0;
    const stream = setInterval(() => {
      for (let k = 0; k < 5; k++) createNote(a.doc, { frame: 'swot.threats', x: i, y: 0, color: 'blue', author: 'A', text: `n${i++}` });
    }, 5);
    await waitFor(() => listNotes(b.doc).length >= 150, 'b observed a good part of the stream');
    first.child.kill('SIGKILL');
    await first.exited;
    clearInterval(stream);
    await waitFor(() => !b.provider.wsconnected, 'b noticed the server is gone');
    const observed = listNotes(b.doc).map((n) => n.id);
    a.destroy();
    b.destroy();

    // The killed server's lock went with its connection: a new one starts at once.
    const restarted = await spawnServer(schema, first.dataDir);
    const fresh = client(restarted.url, board.id, session);
    await fresh.synced();
    const recovered = new Set(listNotes(fresh.doc).map((n) => n.id));
    expect(observed.filter((id) => !recovered.has(id))).toEqual([]);
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
  }, 60_000);
});
