// Awareness ownership across instances (issue 12): an awareness client id held by a connection on
// one instance is not another person's to overwrite or remove through the other instance, also in
// the minute after its owner's socket dropped; its owner moving to the other instance keeps it.
// Two real servers on one PostgreSQL schema and one Redis; the hostile client is a bare socket that
// writes awareness entries as it likes. Skipped with the reason printed when Redis or PostgreSQL is
// unreachable (a failure under CI).
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { startTestServer, waitFor, type TestServer } from './testing/testServer.ts';
import { connectClient, type TestClient } from './testing/testClient.ts';
import { TEST_DATABASE_URL, testSchema } from './testing/postgres.ts';
import { describeScaleOut, TEST_REDIS_URL, testLinkKey, testRedisPrefix } from './testing/redis.ts';
import { encodeAwarenessMessage, type AwarenessEntry } from './rooms/Presence.ts';

const clients: TestClient[] = [];
const servers: TestServer[] = [];
const sockets: WebSocket[] = [];

afterAll(async () => {
  for (const ws of sockets) ws.close();
  for (const c of clients) c.destroy();
  for (const s of servers) await s.close();
});

function client(server: TestServer, boardId: string, session: string, doc?: Y.Doc): TestClient {
  const c = connectClient(server.wsUrl, boardId, session, doc);
  clients.push(c);
  return c;
}

/** A bare socket writing awareness entries as it likes, and a marker id of its own to see when they were handled. */
async function hostile(server: TestServer, boardId: string, session: string, markerId: number) {
  const ws = new WebSocket(`${server.wsUrl}/${boardId}?session=${encodeURIComponent(session)}`);
  sockets.push(ws);
  ws.on('error', () => {});
  await new Promise((resolve) => ws.on('open', resolve));
  let round = 0;
  return {
    markerId,
    /** Sends `entries`, then a new state of its own id: once that is seen, the entries were handled. */
    send(entries: AwarenessEntry[]): number {
      round++;
      ws.send(encodeAwarenessMessage([...entries, { clientId: markerId, clock: round, state: JSON.stringify({ round }) }]));
      return round;
    },
  };
}

interface Seen {
  user?: { name?: string };
  cursor?: unknown;
  round?: number;
}

const stateOf = (c: TestClient, id: number) => c.provider.awareness.getStates().get(id) as Seen | undefined;
const clockOf = (c: TestClient, id: number) => c.provider.awareness.meta.get(id)?.clock ?? 0;
const sawRound = (c: TestClient, id: number, round: number) => stateOf(c, id)?.round === round;

describeScaleOut('awareness ownership across two instances', () => {
  it("one instance lets nobody overwrite or remove a presence another instance holds, nor claim it while its owner reconnects; the owner keeps it on the other instance", async () => {
    const shared = { databaseUrl: TEST_DATABASE_URL, databaseSchema: testSchema(), redisUrl: TEST_REDIS_URL, redisPrefix: testRedisPrefix(), linkKey: testLinkKey() };
    const A = await startTestServer(shared);
    servers.push(A);
    const B = await startTestServer(shared);
    servers.push(B);
    const board = await A.createBoard('Presence across instances');
    const ann = await A.join(board, 'participant', 'Ann');
    const bob = await B.join(board, 'participant', 'Bob');
    const cy = await A.join(board, 'participant', 'Cy');
    const mallory = await B.join(board, 'participant', 'Mallory');

    const annOnA = client(A, board.id, ann.session);
    const cyOnA = client(A, board.id, cy.session);
    const bobOnB = client(B, board.id, bob.session);
    await Promise.all([annOnA.synced(), cyOnA.synced(), bobOnB.synced()]);
    const annId = annOnA.doc.clientID;
    annOnA.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1 });
    const annShown = (c: TestClient) => stateOf(c, annId)?.user?.name === 'Ann';
    await waitFor(() => annShown(bobOnB) && annShown(cyOnA), "Ann's presence (A) is shown on both instances");
    const evil = await hostile(B, board.id, mallory.session, 900_000_001);

    // Overwriting Ann's state through B, with a newer clock.
    let round = evil.send([{ clientId: annId, clock: clockOf(bobOnB, annId) + 5, state: JSON.stringify({ cursor: { x: 666, y: 666 } }) }]);
    await waitFor(() => sawRound(bobOnB, evil.markerId, round) && sawRound(cyOnA, evil.markerId, round), "Mallory's message was handled on B and crossed to A");
    for (const c of [bobOnB, cyOnA]) expect(stateOf(c, annId)).toMatchObject({ user: { name: 'Ann' }, cursor: { x: 1, y: 1 } });

    // Removing Ann's state through B.
    round = evil.send([{ clientId: annId, clock: clockOf(bobOnB, annId) + 5, state: 'null' }]);
    await waitFor(() => sawRound(bobOnB, evil.markerId, round) && sawRound(cyOnA, evil.markerId, round), 'the removal was handled');
    expect(annShown(bobOnB) && annShown(cyOnA)).toBe(true);

    // Ann's socket to A drops: her id stays hers, on B too, while she reconnects.
    annOnA.provider.destroy();
    await waitFor(() => !stateOf(bobOnB, annId) && !stateOf(cyOnA, annId), "Ann's presence left both instances");
    round = evil.send([{ clientId: annId, clock: clockOf(bobOnB, annId) + 5, state: JSON.stringify({ cursor: { x: 666, y: 666 } }) }]);
    await waitFor(() => sawRound(bobOnB, evil.markerId, round) && sawRound(cyOnA, evil.markerId, round), 'the claim was handled');
    expect(stateOf(bobOnB, annId)).toBeUndefined();
    expect(stateOf(cyOnA, annId)).toBeUndefined();

    // Ann comes back through the other instance, with the same doc (the same awareness id).
    const annOnB = client(B, board.id, ann.session, annOnA.doc);
    annOnB.provider.awareness.setLocalStateField('cursor', { x: 2, y: 2 });
    const movedShown = (c: TestClient) => annShown(c) && (stateOf(c, annId)?.cursor as { x?: number } | undefined)?.x === 2;
    await waitFor(() => movedShown(bobOnB) && movedShown(cyOnA), 'Ann, back on B, is shown on both instances under her id');

    // Now held on B, it is still not Mallory's (her own instance) nor Cy's (the other one).
    const cyEvil = await hostile(A, board.id, cy.session, 900_000_002);
    round = cyEvil.send([{ clientId: annId, clock: clockOf(cyOnA, annId) + 5, state: JSON.stringify({ cursor: { x: 7, y: 7 } }) }]);
    await waitFor(() => sawRound(bobOnB, cyEvil.markerId, round) && sawRound(cyOnA, cyEvil.markerId, round), "Cy's message was handled on A and crossed to B");
    expect(movedShown(bobOnB) && movedShown(cyOnA)).toBe(true);
  });
});
