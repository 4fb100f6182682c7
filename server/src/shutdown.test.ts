// `npm start` under a process manager: SIGTERM (systemd's default), SIGINT (Ctrl-C) and SIGHUP (the
// terminal closed) go to the whole process group, so scripts/start.mjs and the server both get
// them, and often more than one. Any mix must end in one clean shutdown: clients closed with 1001,
// exit code 0, and a restart on the same DATA_DIR right away with everything there (issue 6, item 9).
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createNote, listNotes } from '../../shared/src/board/notes.ts';
import { CloseCode } from '../../shared/src/protocol.ts';
import { createBoard, joinBoard, tempDataDir, waitFor } from './testing/testServer.ts';
import { connectClient, type TestClient } from './testing/testClient.ts';
import { freePort } from './testing/freePort.ts';
import { ServerProcessGroup } from './testing/ServerProcessGroup.ts';

const clients: TestClient[] = [];
const groups: ServerProcessGroup[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const g of groups.splice(0)) await g.kill();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function client(server: ServerProcessGroup, boardId: string, session: string): TestClient {
  const c = connectClient(server.wsUrl, boardId, session);
  clients.push(c);
  return c;
}

interface Case {
  name: string;
  /** Sent to the group together, while the server runs. */
  signals: NodeJS.Signals[];
  /** Sent once the clients were closed: the server is in the middle of storing and closing. */
  duringShutdown?: NodeJS.Signals[];
}

const cases: Case[] = [
  { name: 'SIGTERM', signals: ['SIGTERM'] },
  { name: 'SIGTERM twice', signals: ['SIGTERM', 'SIGTERM'] },
  { name: 'SIGINT then SIGTERM', signals: ['SIGINT', 'SIGTERM'] },
  { name: 'SIGHUP', signals: ['SIGHUP'] },
  { name: 'SIGTERM, then SIGINT and SIGTERM during the shutdown', signals: ['SIGTERM'], duringShutdown: ['SIGINT', 'SIGTERM'] },
];

describe('stopping npm start with signals to its process group', () => {
  it.each(cases)('shuts down once and cleanly on $name', async ({ signals, duringShutdown = [] }) => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const server = new ServerProcessGroup(dataDir, await freePort());
    groups.push(server);
    await server.start();
    const board = await createBoard(server.url, 'Signals');
    const { session } = await joinBoard(server.url, board, 'participant');
    const a = client(server, board.id, session);
    const b = client(server, board.id, session);
    await Promise.all([a.synced(), b.synced()]);
    const id = createNote(a.doc, { frame: 'swot.strengths', x: 0, y: 0, color: 'yellow', author: 'A', text: 'before the stop' });
    await waitFor(() => listNotes(b.doc).some((n) => n.id === id), 'b received the note');

    for (const signal of signals) server.signal(signal);
    if (duringShutdown.length > 0) {
      await waitFor(() => a.closeCodes.length > 0 || !server.isRunning(), 'the server closed the clients');
      for (const signal of duringShutdown) if (server.isRunning()) server.signal(signal);
    }
    expect(await server.exited()).toEqual({ code: 0, signal: null });
    expect(a.closeCodes[0]).toBe(CloseCode.GoingAway);
    expect(b.closeCodes[0]).toBe(CloseCode.GoingAway);
    a.destroy();
    b.destroy();

    await server.start();
    const fresh = client(server, board.id, session);
    await fresh.synced();
    expect(listNotes(fresh.doc).map((n) => n.id)).toEqual([id]);
  });
});
