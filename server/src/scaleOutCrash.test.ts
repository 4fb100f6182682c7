// kill -9 of one of two instances under write load (issue 12): two `npm start` process groups on one
// PostgreSQL schema and one Redis, a writer and a reader on each. Instance A dies; its clients go on
// on instance B (as behind a proxy that sends them to the one left). Nothing any client had received
// is lost, the writers' unacknowledged notes arrive once they are back, and compaction on both
// instances under the load (COMPACT_EVERY_UPDATES=20) loses nothing. Then both die and the board
// comes back whole. Skipped with the reason printed when Redis or PostgreSQL is unreachable.
import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createNote, listNotes } from '../../shared/src/board/notes.ts';
import { createBoard, joinBoard, tempDataDir, waitFor } from './testing/testServer.ts';
import { connectClient, type TestClient } from './testing/testClient.ts';
import { freePort } from './testing/freePort.ts';
import { ServerProcessGroup } from './testing/ServerProcessGroup.ts';
import { TEST_DATABASE_URL, testSchema } from './testing/postgres.ts';
import { describeScaleOut, TEST_REDIS_URL, testLinkKey, testRedisPrefix } from './testing/redis.ts';

const clients: TestClient[] = [];
const groups: ServerProcessGroup[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const g of groups) await g.kill();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function client(server: ServerProcessGroup, boardId: string, session: string, doc?: Y.Doc): TestClient {
  const c = connectClient(server.wsUrl, boardId, session, doc);
  clients.push(c);
  return c;
}

/** The same doc's connection, moved to another instance (what a reconnect through the proxy does). */
function moveTo(server: ServerProcessGroup, c: TestClient, boardId: string, session: string): TestClient {
  c.provider.destroy();
  return client(server, boardId, session, c.doc);
}

interface Writer {
  client: TestClient;
  own: Set<string>;
  timer: NodeJS.Timeout;
}

function startWriter(c: TestClient, name: string): Writer {
  const w: Writer = { client: c, own: new Set(), timer: setInterval(() => {
    if (!w.client.provider.synced) return;
    w.own.add(createNote(w.client.doc, { frame: 'swot.strengths', x: w.own.size, y: 0, color: 'green', author: name, text: `${name} ${w.own.size}` }));
  }, 8) };
  return w;
}

const ids = (doc: Y.Doc) => new Set(listNotes(doc).map((n) => n.id));

describeScaleOut('kill -9 of one of two instances', () => {
  it('its clients go on on the other instance, and nothing any client had received is lost', { timeout: 120_000 }, async () => {
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: testSchema(),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: testRedisPrefix(),
      LINK_KEY: testLinkKey(),
      COMPACT_EVERY_UPDATES: '20',
    };
    const instance = async () => {
      const dir = tempDataDir();
      dirs.push(dir);
      const g = new ServerProcessGroup(dir, await freePort(), env);
      groups.push(g);
      await g.start();
      return g;
    };
    const A = await instance();
    const B = await instance();
    const board = await createBoard(A.url, 'Two instances, one dies');
    const { session } = await joinBoard(B.url, board, 'participant');

    const readerA = client(A, board.id, session);
    const readerB = client(B, board.id, session);
    let writerA = startWriter(client(A, board.id, session), 'a');
    const writerB = startWriter(client(B, board.id, session), 'b');
    // Both readers have seen a good part of both streams, across instances.
    const seenOfBoth = (r: TestClient) => {
      const seen = ids(r.doc);
      return [writerA, writerB].every((w) => [...w.own].filter((id) => seen.has(id)).length >= 60);
    };
    await waitFor(() => seenOfBoth(readerA) && seenOfBoth(readerB), 'both readers received notes of both writers');

    await A.kill();
    await waitFor(() => !readerA.provider.wsconnected && !writerA.client.provider.wsconnected, "A's clients noticed it is gone");
    // Everything A's reader had received is what A promised to keep.
    const promised = ids(readerA.doc);
    const movedReader = moveTo(B, readerA, board.id, session);
    writerA = { ...writerA, client: moveTo(B, writerA.client, board.id, session) };
    await movedReader.synced();
    await waitFor(() => [...writerB.own].slice(-5).every((id) => ids(writerA.client.doc).has(id)), "A's writer receives B's stream on B");
    clearInterval(writerA.timer);
    clearInterval(writerB.timer);

    // A fresh client on B: every note A's reader had received, and every note of both writers
    // (A's unstored ones came back with the writer).
    const all = new Set([...writerA.own, ...writerB.own]);
    await waitFor(() => [...all].every((id) => ids(readerB.doc).has(id)), 'B holds every note of both writers');
    const fresh = client(B, board.id, session);
    await fresh.synced();
    const onB = ids(fresh.doc);
    expect([...promised].filter((id) => !onB.has(id))).toEqual([]);
    expect([...all].filter((id) => !onB.has(id))).toEqual([]);
    expect(onB.size).toBe(all.size);

    // Both die; A alone comes back on the same database: the same board.
    for (const c of clients) c.provider.destroy();
    await B.kill();
    await A.start();
    const after = client(A, board.id, session, new Y.Doc());
    await after.synced();
    expect([...all].filter((id) => !ids(after.doc).has(id))).toEqual([]);
    expect(ids(after.doc).size).toBe(all.size);
  });
});
