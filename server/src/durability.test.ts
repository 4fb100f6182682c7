// The server as a separate process, killed with SIGKILL in the middle of a stream of edits: nothing
// another client had received may be lost (store before relay).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { listNotes, createNote } from '../../shared/src/board/notes.ts';
import { CloseCode } from '../../shared/src/protocol.ts';
import { createBoard, joinBoard, tempDataDir, waitFor } from './testing/testServer.ts';
import { connectClient, type TestClient } from './testing/testClient.ts';
import { freePort } from './testing/freePort.ts';
import { killMidStream } from './testing/killMidStream.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = tempDataDir();
const clients: TestClient[] = [];
const children: ChildProcess[] = [];

async function spawnServer(): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', COMPACT_EVERY_UPDATES: '50' },
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
  return { child, url, exited };
}

function client(url: string, boardId: string, session: string): TestClient {
  const c = connectClient(`${url.replace(/^http/, 'ws')}/yjs`, boardId, session);
  clients.push(c);
  return c;
}

afterAll(() => {
  for (const c of clients) c.destroy();
  for (const ch of children) if (ch.exitCode === null) ch.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('durability of a server process', () => {
  it('loses nothing another client had received when killed with SIGKILL mid-stream', async () => {
    const first = await spawnServer();
    const board = await createBoard(first.url, 'Crash');
    const { session } = await joinBoard(first.url, board, 'participant');
    const a = client(first.url, board.id, session);
    const b = client(first.url, board.id, session);
    await Promise.all([a.synced(), b.synced()]);

    const observed = await killMidStream(a, b, async () => {
      first.child.kill('SIGKILL');
      await first.exited;
    });
    a.destroy();
    b.destroy();
    expect(observed.length).toBeGreaterThanOrEqual(150);

    const second = await spawnServer();
    const fresh = client(second.url, board.id, session);
    await fresh.synced();
    const recovered = new Set(listNotes(fresh.doc).map((n) => n.id));
    const lost = observed.filter((id) => !recovered.has(id));
    expect(lost).toEqual([]);

    // SIGTERM: stores everything, closes sockets with 1001, exits 0.
    createNote(fresh.doc, { frame: 'swot.threats', x: 0, y: 0, color: 'blue', author: 'F', text: 'before sigterm' });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(fresh.closeCodes).toContain(CloseCode.GoingAway);
  });
});
