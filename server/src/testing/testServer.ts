// Test support: a real server in-process on port 0 with a temporary DATA_DIR, plus REST helpers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CreateBoardResponse, Role, SessionResponse, TemplateId } from '../../../shared/src/protocol.ts';
import { loadConfig, type Config } from '../config.ts';
import { startServer, type RunningServer, type StartOptions } from '../startServer.ts';

export interface TestServer {
  server: RunningServer;
  config: Config;
  url: string;
  wsUrl: string;
  dataDir: string;
  /** Closes the server and starts a new one on the same DATA_DIR (another port). */
  restart(): Promise<void>;
  close(): Promise<void>;
  createBoard(title?: string, template?: TemplateId): Promise<CreateBoardResponse>;
  /** Opens a session with the token of `role` from the board's links. */
  join(board: CreateBoardResponse, role: Role, name?: string): Promise<SessionResponse>;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'board-test-'));
}

/**
 * TEST_STORAGE=postgres runs the servers of any test on PostgreSQL (TEST_DATABASE_URL, a schema per
 * server, dropped when it closes; testing/postgres.ts) instead of SQLite, e.g.
 * `TEST_STORAGE=postgres npx vitest run server/src/facilitation`. Tests that open the SQLite file
 * of a server's data dir themselves fail that way: they test SQLite (the fuzz suite's stored-board
 * check, yjs/hostileInput, http/api's link check, http/boardExport's old boards; 26 of 237 tests).
 */
async function storageOverrides(): Promise<{ config: Partial<Config>; drop(): Promise<void> }> {
  if (process.env.TEST_STORAGE !== 'postgres') return { config: {}, drop: async () => {} };
  const { TEST_DATABASE_URL, testSchema, adminQuery } = await import('./postgres.ts');
  const schema = testSchema();
  return {
    config: { databaseUrl: TEST_DATABASE_URL, databaseSchema: schema },
    drop: async () => void (await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)),
  };
}

export async function startTestServer(overrides: Partial<Config> = {}, startOptions: StartOptions = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? tempDataDir();
  const storage = await storageOverrides();
  const config: Config = {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: (process.env.TEST_LOG_LEVEL as Config['logLevel'] | undefined) ?? 'silent',
    clientDir: path.join(dataDir, 'no-client'),
    ...storage.config,
    ...overrides,
  };
  let server = await startServer(config, startOptions);
  const t: TestServer = {
    server,
    config,
    url: server.url,
    wsUrl: `${server.url.replace(/^http/, 'ws')}/yjs`,
    dataDir,
    async restart() {
      await server.close();
      server = await startServer(config, startOptions);
      t.server = server;
      t.url = server.url;
      t.wsUrl = `${server.url.replace(/^http/, 'ws')}/yjs`;
    },
    async close() {
      await server.close();
      if (!overrides.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      await storage.drop();
    },
    createBoard: (title = 'Test board', template: TemplateId = 'swot') => createBoard(t.url, title, template),
    join: (board, role, name?: string) => joinBoard(t.url, board, role, name ?? role),
  };
  return t;
}

/** Runs `fn` against a server of its own (for options the shared one does not have) and closes it, also on failure. */
export async function withServer<T>(
  overrides: Partial<Config>,
  fn: (t: TestServer) => Promise<T>,
  startOptions: StartOptions = {},
): Promise<T> {
  const t = await startTestServer(overrides, startOptions);
  try {
    return await fn(t);
  } finally {
    await t.close();
  }
}

export async function createBoard(url: string, title = 'Test board', template: TemplateId = 'swot'): Promise<CreateBoardResponse> {
  const res = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, template }),
  });
  if (res.status !== 201) throw new Error(`create board: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreateBoardResponse;
}

export function tokenOf(board: CreateBoardResponse, role: Role): string {
  return board.links[role].split('#')[1];
}

export async function joinBoard(url: string, board: CreateBoardResponse, role: Role, name: string = role): Promise<SessionResponse> {
  const res = await fetch(`${url}/api/boards/${board.id}/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: tokenOf(board, role), name }),
  });
  if (res.status !== 200) throw new Error(`join: ${res.status} ${await res.text()}`);
  return (await res.json()) as SessionResponse;
}

/** Polls until `check` returns true (no timed assertions: generous timeout, then a clear failure). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
