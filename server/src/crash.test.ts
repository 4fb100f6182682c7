// Crash test: `npm start` killed with kill -9 of its whole process group at random moments while
// clients write, each time restarted at once on the same DATA_DIR and port. It must start every
// time (issue 6, item 4: a stale pid file refused restarts), and nothing any client had received
// may be lost: the server stores an update before it relays it, so what a client received is
// what the server promised to keep. Seeded: CRASH_SEED and CRASH_ROUNDS repeat or extend a run.
import fs from 'node:fs';
import * as prng from 'lib0/prng';
import { afterAll, describe, expect, it } from 'vitest';
import { createNote, listNotes } from '../../shared/src/board/notes.ts';
import { CloseCode, type CreateBoardResponse } from '../../shared/src/protocol.ts';
import { createBoard, joinBoard, tempDataDir, waitFor } from './testing/testServer.ts';
import { connectClient, type TestClient } from './testing/testClient.ts';
import { freePort } from './testing/freePort.ts';
import { ServerProcessGroup } from './testing/ServerProcessGroup.ts';

const seed = Number(process.env.CRASH_SEED ?? 20240611);
const rounds = Number(process.env.CRASH_ROUNDS ?? 8);
const BOARDS = 2;
const WRITERS_PER_BOARD = 2;
/** Longest time the clients write before the kill, after each has received something from another. */
const MAX_KILL_DELAY_MS = 1200;

const dataDir = tempDataDir();
const clients: TestClient[] = [];
let server: ServerProcessGroup | undefined;

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function client(boardId: string, session: string): TestClient {
  const c = connectClient(server!.wsUrl, boardId, session);
  clients.push(c);
  return c;
}

interface Writer {
  client: TestClient;
  own: Set<string>;
  timer: NodeJS.Timeout;
}

/** A client that adds a note every few milliseconds and remembers which notes are its own. */
function startWriter(boardId: string, session: string, name: string): Writer {
  const c = client(boardId, session);
  const own = new Set<string>();
  const timer = setInterval(() => {
    if (!c.provider.synced) return;
    own.add(createNote(c.doc, { frame: 'swot.opportunities', x: own.size, y: 0, color: 'green', author: name, text: `${name} ${own.size}` }));
  }, 8);
  return { client: c, own, timer };
}

/** Notes the writer has from the server: all it holds except its own. */
function received(w: Writer): string[] {
  return listNotes(w.client.doc)
    .map((n) => n.id)
    .filter((id) => !w.own.has(id));
}

describe(`kill -9 of npm start's process group under write load (seed ${seed}, ${rounds} rounds)`, () => {
  it('starts again at once every time and keeps every note a client had received', { timeout: 120_000 }, async () => {
    const random = prng.create(seed);
    server = new ServerProcessGroup(dataDir, await freePort(), { COMPACT_EVERY_UPDATES: '50' });
    await server.start();
    const boards: { board: CreateBoardResponse; session: string; promised: Set<string> }[] = [];
    for (let b = 0; b < BOARDS; b++) {
      const board = await createBoard(server.url, `Crash ${b}`);
      boards.push({ board, session: (await joinBoard(server.url, board, 'participant')).session, promised: new Set() });
    }

    for (let round = 0; round < rounds; round++) {
      if (round > 0) await server.start();
      await expectEverythingPromised(boards, round);

      const writers = boards.map(({ board, session }) =>
        Array.from({ length: WRITERS_PER_BOARD }, (_, i) => startWriter(board.id, session, `r${round}w${i}`)),
      );
      await waitFor(
        () => writers.every((ws) => ws.every((w) => received(w).some((id) => ws.some((o) => o.own.has(id))))),
        `round ${round}: every writer received a note of another`,
      );
      await new Promise((r) => setTimeout(r, prng.int32(random, 0, MAX_KILL_DELAY_MS)));
      await server.kill();

      for (const [b, ws] of writers.entries()) {
        for (const w of ws) {
          clearInterval(w.timer);
          // Anything still arriving was sent before the process died, so it is stored too.
          await waitFor(() => !w.client.provider.wsconnected, 'the writer noticed the server is gone');
          for (const id of received(w)) boards[b].promised.add(id);
          // Gone for good: a writer that reconnected would send its notes again and hide a loss.
          w.client.destroy();
        }
      }
    }

    await server.start();
    await expectEverythingPromised(boards, rounds);
    const last = client(boards[0].board.id, boards[0].session);
    await last.synced();
    server.signal('SIGTERM');
    expect(await server.exited()).toEqual({ code: 0, signal: null });
    expect(last.closeCodes[0]).toBe(CloseCode.GoingAway);
    // Every round added notes other clients had received (what makes the check above mean something).
    for (const { promised } of boards) expect(promised.size).toBeGreaterThanOrEqual(rounds * WRITERS_PER_BOARD);
  });
});

/** A fresh client on each board holds every note promised so far; it leaves again before any writing. */
async function expectEverythingPromised(
  boards: { board: CreateBoardResponse; session: string; promised: Set<string> }[],
  round: number,
): Promise<void> {
  for (const { board, session, promised } of boards) {
    const fresh = client(board.id, session);
    await fresh.synced();
    const present = new Set(listNotes(fresh.doc).map((n) => n.id));
    fresh.destroy();
    const lost = [...promised].filter((id) => !present.has(id));
    expect(lost, `round ${round}, board ${board.id}: received notes lost`).toEqual([]);
  }
}
