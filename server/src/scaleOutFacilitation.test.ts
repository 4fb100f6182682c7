// Facilitation commands and votes sent at the same moment on two instances of one board (issue 12):
// each instance stores the session state with compare-and-set on its stored version, so no command
// is lost to the other instance's write. Two real servers on one PostgreSQL schema and one Redis,
// facilitators and participants on real socket.io clients on both. Skipped with the reason printed
// when Redis or PostgreSQL is unreachable (a failure under CI).
import { afterAll, expect, it } from 'vitest';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { createNote, listNotes } from '../../shared/src/board/notes.ts';
import type { ClientToServerEvents, CommandAck, ServerToClientEvents } from '../../shared/src/protocol.ts';
import type { SessionCommand } from '../../shared/src/facilitation/sessionCommands.ts';
import type { Phase, SessionState } from '../../shared/src/facilitation/sessionState.ts';
import { startTestServer, waitFor, type TestServer } from './testing/testServer.ts';
import { connectClient, type TestClient } from './testing/testClient.ts';
import { TEST_DATABASE_URL, testSchema } from './testing/postgres.ts';
import { describeScaleOut, TEST_REDIS_URL, testLinkKey, testRedisPrefix } from './testing/redis.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const servers: TestServer[] = [];
const sockets: ClientSocket[] = [];
const clients: TestClient[] = [];

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const c of clients) c.provider.destroy();
  for (const s of servers) await s.close();
});

async function twoInstances(): Promise<[TestServer, TestServer]> {
  const shared = {
    databaseUrl: TEST_DATABASE_URL, databaseSchema: testSchema(), redisUrl: TEST_REDIS_URL, redisPrefix: testRedisPrefix(), linkKey: testLinkKey(),
    socketioEventsPerSecond: 1000,
  };
  const a = await startTestServer(shared);
  servers.push(a);
  const b = await startTestServer(shared);
  servers.push(b);
  return [a, b];
}

/** A socket.io client whose latest session state (by revision) is kept. */
async function socketOn(server: TestServer, session: string): Promise<{ socket: ClientSocket; state: () => SessionState | undefined }> {
  const socket: ClientSocket = connectSocket(server.url, { path: '/socket.io', auth: { session }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  let latest: SessionState | undefined;
  socket.on('session:state', (s) => {
    if (!latest || s.revision >= latest.revision) latest = s;
  });
  await waitFor(() => latest !== undefined, 'the socket has the session state');
  return { socket, state: () => latest };
}

const command = (socket: ClientSocket, cmd: SessionCommand) =>
  new Promise<CommandAck>((resolve) => socket.emit('session:command', cmd, resolve));

const phase = (id: string, overrides: Partial<Phase> = {}): Phase => ({
  id, title: `Phase ${id}`, canvasId: 'swot', permissions: { add: 'everyone', move: 'everyone' },
  timerSeconds: 0, voteBudget: 0, votesPerItem: 1, votesAttributed: false, closeWhenTimeIsUp: false, privacy: 'off', ...overrides,
});

describeScaleOut('facilitation at the same moment on two instances', () => {
  it('keeps every command of facilitators on both instances, and both instances end with the same state', async () => {
    const [A, B] = await twoInstances();
    const board = await A.createBoard('Two facilitators');
    const facilitators = await Promise.all([A, A, B, B].map(async (server, i) => socketOn(server, (await server.join(board, 'facilitator', `Fac ${i}`)).session)));
    const [first] = facilitators;
    expect(await command(first.socket, { type: 'timer:start', seconds: 600 })).toMatchObject({ ok: true });
    expect(await command(first.socket, { type: 'timer:pause' })).toMatchObject({ ok: true });
    const { timer: paused } = first.state()!;
    if (paused.state !== 'paused') throw new Error('the timer did not pause');

    // Each facilitator adds 10 phases and 5 minutes, all sent at once, interleaved.
    const sent: Promise<CommandAck>[] = [];
    for (let round = 0; round < 10; round++) {
      facilitators.forEach(({ socket }, f) => {
        sent.push(command(socket, { type: 'agenda:add', phase: phase(`f${f}r${round}`) }));
        if (round % 2 === 0) sent.push(command(socket, { type: 'timer:add', seconds: 60 }));
      });
    }
    const acks = await Promise.all(sent);
    expect(acks.filter((a) => !a.ok)).toEqual([]);

    const expectedIds = facilitators.flatMap((_, f) => Array.from({ length: 10 }, (__, round) => `f${f}r${round}`)).sort();
    const minutes = facilitators.length * 5;
    const complete = (s: SessionState | undefined) =>
      s !== undefined && s.agenda.length === expectedIds.length && s.timer.state === 'paused' && s.timer.remainingMs === paused.remainingMs + minutes * 60_000;
    for (const [i, f] of facilitators.entries()) await waitFor(() => complete(f.state()), `facilitator ${i} sees every command's effect`);
    const states = facilitators.map((f) => f.state()!);
    expect(states[0].agenda.map((p) => p.id).sort()).toEqual(expectedIds);
    expect(states[0].timer).toEqual({ state: 'paused', remainingMs: paused.remainingMs + minutes * 60_000, totalMs: paused.totalMs + minutes * 60_000 });
    // One state everywhere: the sockets on both instances, and what a socket joining either one gets.
    for (const s of states) expect(s).toEqual(states[0]);
    for (const server of [A, B]) {
      const late = await socketOn(server, (await server.join(board, 'facilitator', 'Late')).session);
      expect(late.state()).toEqual(states[0]);
    }
  });

  it("counts every participant's dots cast at the same moment on either instance", async () => {
    const [A, B] = await twoInstances();
    const board = await A.createBoard('Votes on two instances');
    const fac = await socketOn(A, (await A.join(board, 'facilitator', 'Fay')).session);
    expect(await command(fac.socket, { type: 'agenda:add', phase: phase('vote', { voteBudget: 5, votesPerItem: 5 }) })).toMatchObject({ ok: true });
    expect(await command(fac.socket, { type: 'phase:open', phaseId: 'vote' })).toMatchObject({ ok: true });
    expect(await command(fac.socket, { type: 'votes:reveal', phaseId: 'vote', revealed: true })).toMatchObject({ ok: true });

    // A note on the board, known to both instances.
    const writer = connectClient(A.wsUrl, board.id, (await A.join(board, 'participant', 'Writer')).session);
    clients.push(writer);
    await writer.synced();
    const noteId = createNote(writer.doc, { canvas: 'swot', frame: 'swot.strengths', x: 20, y: 90, color: 'yellow', author: 'Writer', text: 'vote for me' });
    const reader = connectClient(B.wsUrl, board.id, (await B.join(board, 'participant', 'Reader')).session);
    clients.push(reader);
    await reader.synced();
    await waitFor(() => listNotes(reader.doc).some((n) => n.id === noteId), 'B has the note');

    const voters = await Promise.all(Array.from({ length: 8 }, async (_, i) => {
      const server = i % 2 ? B : A;
      return socketOn(server, (await server.join(board, 'participant', `Voter ${i}`)).session);
    }));
    const casts = voters.flatMap(({ socket }) =>
      Array.from({ length: 5 }, () => new Promise<CommandAck>((resolve) => socket.emit('vote:cast', { noteId, delta: 1 }, resolve))));
    const acks = await Promise.all(casts);
    expect(acks.filter((a) => !a.ok)).toEqual([]);
    const total = voters.length * 5;
    for (const [i, v] of voters.entries()) {
      await waitFor(() => v.state()?.voteResults.vote?.totals[noteId] === total, `voter ${i} sees all ${total} dots in the revealed results`);
    }
    expect(fac.state()?.voteResults.vote).toMatchObject({ totals: { [noteId]: total }, voters: voters.length });
  });
});
