// Seeded convergence fuzz across two instances (issue 12): clients on both instances of one
// PostgreSQL schema and one Redis make random edits (new notes, text edits, moves, deletions of their
// own notes), drop their connection, edit offline and come back on either instance, while compaction
// runs every few updates. At the end every replica and the stored board are equal. SCALE_FUZZ_SEED
// and SCALE_FUZZ_STEPS repeat or extend a run. Skipped with the reason printed when Redis or
// PostgreSQL is unreachable (a failure under CI).
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { createNote, deleteNotes, listNotes, setNoteText } from '../../shared/src/board/notes.ts';
import { startTestServer, waitFor, type TestServer } from './testing/testServer.ts';
import { connectClient, type TestClient } from './testing/testClient.ts';
import { TEST_DATABASE_URL, testSchema } from './testing/postgres.ts';
import { describeScaleOut, TEST_REDIS_URL, testLinkKey, testRedisPrefix } from './testing/redis.ts';
import { PostgresBoardStore } from './storage/PostgresBoardStore.ts';
import { loadDoc } from './rooms/loadDoc.ts';

const seed = Number(process.env.SCALE_FUZZ_SEED ?? 20261201);
const steps = Number(process.env.SCALE_FUZZ_STEPS ?? 300);
const CLIENTS = 4;
const FRAMES = ['swot.strengths', 'swot.weaknesses', 'swot.opportunities', 'swot.threats'];

const servers: TestServer[] = [];
const connections: TestClient[] = [];

afterAll(async () => {
  for (const c of connections) c.provider.destroy();
  for (const s of servers) await s.close();
});

interface Person {
  session: string;
  doc: Y.Doc;
  /** The current connection, or undefined while offline. */
  conn: TestClient | undefined;
  own: string[];
}

/** What a user sees: every note with its frame, place and text, in a stable order. */
function board(doc: Y.Doc): string {
  return JSON.stringify(listNotes(doc).map((n) => [n.id, n.frame, n.x, n.y, n.text]).sort());
}

describeScaleOut(`convergence across two instances (seed ${seed}, ${steps} steps)`, () => {
  it('ends with every replica and the stored board equal', { timeout: 120_000 }, async () => {
    const random = prng.create(seed);
    const schema = testSchema();
    const shared = { databaseUrl: TEST_DATABASE_URL, databaseSchema: schema, redisUrl: TEST_REDIS_URL, redisPrefix: testRedisPrefix(), linkKey: testLinkKey(), compactEveryUpdates: 10 };
    for (let i = 0; i < 2; i++) servers.push(await startTestServer(shared));
    const created = await servers[0].createBoard('Fuzz');
    const people: Person[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const { session } = await servers[i % 2].join(created, 'participant', `P${i}`);
      people.push({ session, doc: new Y.Doc(), conn: undefined, own: [] });
    }
    const connect = (p: Person) => {
      p.conn = connectClient(servers[prng.int32(random, 0, 1)].wsUrl, created.id, p.session, p.doc);
      connections.push(p.conn);
    };
    for (const p of people) connect(p);
    await Promise.all(people.map((p) => p.conn!.synced()));

    for (let step = 0; step < steps; step++) {
      const p = people[prng.int32(random, 0, CLIENTS - 1)];
      const action = prng.int32(random, 0, 9);
      const mine = p.own.filter((id) => listNotes(p.doc).some((n) => n.id === id));
      if (action <= 3 || mine.length === 0) {
        const frame = FRAMES[prng.int32(random, 0, FRAMES.length - 1)];
        p.own.push(createNote(p.doc, { frame, x: prng.int32(random, 0, 600), y: prng.int32(random, 0, 400), color: 'yellow', author: 'fuzz', text: `s${step}` }));
      } else if (action <= 6) {
        setNoteText(p.doc, prng.oneOf(random, mine), `edited ${step} ${prng.word(random, 0, 6)}`);
      } else if (action === 7) {
        deleteNotes(p.doc, [prng.oneOf(random, mine)]);
      } else if (p.conn) {
        // Offline for a while (its edits wait in its doc)...
        p.conn.provider.destroy();
        p.conn = undefined;
      } else {
        // ...then back, on either instance.
        connect(p);
      }
      if (step % 10 === 0) await new Promise((r) => setTimeout(r, prng.int32(random, 0, 20)));
    }
    for (const p of people) if (!p.conn) connect(p);
    await Promise.all(people.map((p) => p.conn!.synced()));
    await waitFor(() => people.every((p) => board(p.doc) === board(people[0].doc)), 'every replica shows the same board', 30_000);
    // Nothing was refused (the fuzz writes only what a participant may), so equal means nothing lost.
    expect(people.flatMap((p) => connections.filter((c) => c.doc === p.doc).flatMap((c) => c.refused))).toEqual([]);

    // Every note and edit is now on at least two replicas, so it went through an instance, which
    // stored it before relaying it: the board as PostgreSQL has it is the same.
    const store = await PostgresBoardStore.open({ connectionString: TEST_DATABASE_URL, schema, poolSize: 1, onError: () => {} });
    try {
      const loaded = loadDoc(await store.loadDocument(created.id));
      expect(loaded.skipped).toEqual([]);
      expect(board(loaded.doc)).toBe(board(people[0].doc));
      loaded.doc.destroy();
    } finally {
      await store.close();
    }
    expect(listNotes(people[0].doc).length).toBeGreaterThan(10);
  });
});
