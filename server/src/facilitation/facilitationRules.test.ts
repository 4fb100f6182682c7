// Issue 10: every facilitation rule tried against the real server with real clients (socket.io-client
// for the session channel, the y-websocket provider for the board), as a participant with the
// browser's console open would.
//
// "The board did not take it" is checked without timing, as in yjs/writeRules.test.ts: the sender's
// Refused message (or `error` event) comes first, then a fresh copy of the board or the state the
// facilitator hears next shows nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { io as connect, type Socket } from 'socket.io-client';
import type { CommandAck, CreateBoardResponse, Role, ServerToClientEvents, ClientToServerEvents, SessionResponse, Summon, HandLowered } from '../../../shared/src/protocol.ts';
import type { SessionState } from '../../../shared/src/facilitation/sessionState.ts';
import type { SessionCommand } from '../../../shared/src/facilitation/sessionCommands.ts';
import type { MyVotes } from '../../../shared/src/facilitation/dotVotes.ts';
import { createNote, listNotes, moveNotes } from '../../../shared/src/board/notes.ts';
import { addCanvas, readCanvases } from '../../../shared/src/board/canvases.ts';
import { notesMap } from '../../../shared/src/board/schema.ts';
import { getCanvas } from '../../../shared/src/board/canvases.ts';
import { privateMode, setPrivateMode, type PrivateMode } from '../../../shared/src/board/privateNotes.ts';
import { setScore } from '../../../shared/src/canvases/confrontation/confrontationOperations.ts';
import { readPersonalEntries } from '../../../shared/src/board/personal.ts';
import { swotTemplate } from '../../../shared/src/canvases/swot/swotLayout.ts';
import { startTestServer, waitFor, type TestServer } from '../testing/testServer.ts';
import { clientPool, type TestClient } from '../testing/testClient.ts';
import { openBoardStore } from '../storage/openBoardStore.ts';
import { createLogger } from '../observability/createLogger.ts';
import { BoardSessions } from './BoardSessions.ts';

type SessionSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let t: TestServer;
const clients = clientPool(() => t.wsUrl);
const sockets: SessionSocket[] = [];

beforeAll(async () => {
  t = await startTestServer({ wsMessagesPerSecond: 1000 });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  clients.destroyAll();
  await t.close();
});

const note = { canvas: 'swot', frame: 'swot.strengths', x: 20, y: 90, color: 'yellow' as const, author: 'Ann' };

/** A session socket that keeps the latest state it heard and every error event. */
interface Channel {
  socket: SessionSocket;
  state: () => SessionState | undefined;
  errors: unknown[];
  summons: Summon[];
  /** `hand:lowered` events heard. */
  lowered: HandLowered[];
  mine: () => MyVotes | undefined;
  vote(noteId: string, delta: 1 | -1): Promise<CommandAck>;
  send(cmd: SessionCommand | Record<string, unknown>): Promise<CommandAck>;
}

function channel(session: string): Channel {
  const socket: SessionSocket = connect(t.url, { path: '/socket.io', auth: { session }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  let state: SessionState | undefined;
  const errors: unknown[] = [];
  const summons: Summon[] = [];
  socket.on('session:state', (s) => {
    if (!state || s.revision >= state.revision) state = s;
  });
  socket.on('error', (e) => errors.push(e));
  socket.on('session:summon', (s) => summons.push(s));
  const lowered: HandLowered[] = [];
  socket.on('hand:lowered', (l) => lowered.push(l));
  let mine: MyVotes | undefined;
  socket.on('vote:mine', (m) => (mine = m));
  return {
    socket,
    state: () => state,
    errors,
    summons,
    lowered,
    mine: () => mine,
    vote: (noteId, delta) => new Promise((resolve) => socket.emit('vote:cast', { noteId, delta }, resolve)),
    send: (cmd) => new Promise((resolve) => socket.emit('session:command', cmd as SessionCommand, resolve)),
  };
}

interface Member {
  session: SessionResponse;
  ch: Channel;
  /** A fresh board connection (after a refusal a copy diverges: the browser replaces it the same way). */
  board(): Promise<TestClient>;
}

async function member(board: CreateBoardResponse, role: Role, name: string): Promise<Member> {
  const session = await t.join(board, role, name);
  const ch = channel(session.session);
  await waitFor(() => ch.state() !== undefined, `${name} has the session state`);
  return {
    session,
    ch,
    board: async () => {
      const c = clients.connect(board.id, session.session);
      await c.synced();
      return c;
    },
  };
}

async function room(template: 'swot' | 'confrontation' | 'workshop' = 'confrontation') {
  const board = await t.createBoard('Acme', template);
  return { board, fac: await member(board, 'facilitator', 'Fiona'), ann: await member(board, 'participant', 'Ann') };
}

async function ok(ch: Channel, cmd: SessionCommand): Promise<SessionState> {
  const ack = await ch.send(cmd);
  expect(ack).toMatchObject({ ok: true });
  const revision = (ack as { revision: number }).revision;
  await waitFor(() => (ch.state()?.revision ?? -1) >= revision, `state revision ${revision}`);
  return ch.state()!;
}

const phase = (id: string, over: Partial<SessionState['agenda'][number]> = {}): SessionState['agenda'][number] => ({
  id,
  title: id,
  canvasId: 'swot',
  permissions: { add: 'everyone', move: 'everyone' },
  timerSeconds: 300,
  voteBudget: 0,
  votesPerItem: 1,
  votesAttributed: false,
  closeWhenTimeIsUp: false,
  privacy: 'off',
  ...over,
});

/** Writes a note as `who` on a fresh connection; resolves to whether the board took it. */
async function tryNote(who: Member, text: string, canvas = 'swot'): Promise<boolean> {
  const c = await who.board();
  createNote(c.doc, { ...note, canvas, text });
  // Stored says which of our updates are durable: all of them once the server took the note.
  const mine = Y.getState(c.doc.store, c.doc.clientID);
  await waitFor(() => c.refused.length > 0 || c.stored.some((s) => s.sv.get(c.doc.clientID) === mine), 'the board answered');
  return c.refused.length === 0;
}

describe('session channel', () => {
  it('refuses a participant starting the timer or changing the agenda with an error event, and applies nothing', async () => {
    const { fac, ann } = await room();
    const before = fac.ch.state()!;
    for (const cmd of [
      { type: 'timer:start', seconds: 60 },
      { type: 'agenda:add', phase: phase('sneaky') },
      { type: 'phase:next' },
      { type: 'lock:board', locked: true },
      { type: 'summon', canvasId: 'swot', clientId: null },
      { type: 'hand:lower', participantId: null },
    ] satisfies SessionCommand[]) {
      expect(await ann.ch.send(cmd)).toMatchObject({ ok: false, error: 'forbidden' });
    }
    expect(ann.ch.errors).toHaveLength(6);
    expect(ann.ch.errors[0]).toMatchObject({ error: 'forbidden' });
    expect(fac.ch.summons).toEqual([]);
    // The next change the facilitator makes is the first one: revision one up, no phase, no lock.
    const after = await ok(fac.ch, { type: 'lock:canvas', canvasId: 'confrontation', locked: true });
    expect(after.revision).toBe(before.revision + 1);
    expect(after).toMatchObject({ agenda: [], timer: { state: 'idle' }, locks: { board: false, canvases: ['confrontation'] } });
  });

  it('answers a malformed command with bad_request and keeps the state', async () => {
    const { fac } = await room();
    for (const cmd of [{ type: 'timer:start', seconds: -5 }, { type: 'nope' }, { type: 'agenda:add', phase: { id: '../x' } }, 'text']) {
      expect(await fac.ch.send(cmd as Record<string, unknown>)).toMatchObject({ ok: false, error: 'bad_request' });
    }
    expect(await fac.ch.send({ type: 'phase:open', phaseId: 'missing' })).toMatchObject({ ok: false, error: 'bad_request' });
    expect(fac.ch.state()!.revision).toBe(0);
  });

  it('sends every change to every socket of the board, a second facilitator device included', async () => {
    const { board, fac, ann } = await room();
    const tablet = await member(board, 'facilitator', 'Fiona on a tablet');
    const s = await ok(fac.ch, { type: 'agenda:add', phase: phase('brainstorm') });
    await waitFor(() => ann.ch.state()?.revision === s.revision && tablet.ch.state()?.revision === s.revision, 'everyone has the change');
    expect(tablet.ch.state()).toEqual(s);
    await ok(tablet.ch, { type: 'phase:next' });
    await waitFor(() => fac.ch.state()?.currentPhaseId === 'brainstorm', 'the first device hears the second');
  });

  it('relays "everyone to me" to everyone else on the board', async () => {
    const { fac, ann } = await room();
    await ok(fac.ch, { type: 'summon', canvasId: 'confrontation', clientId: 12345 });
    await waitFor(() => ann.ch.summons.length === 1, 'Ann is summoned');
    expect(ann.ch.summons[0]).toEqual({ canvasId: 'confrontation', clientId: 12345, by: 'Fiona' });
    expect(fac.ch.summons).toEqual([]);
  });

  it('lowers one participant’s hand on each of their sockets, or everyone’s; a participant cannot lower anyone’s', async () => {
    const { board, fac, ann } = await room();
    const bob = await member(board, 'participant', 'Bob');
    const annPhone = channel(ann.session.session);
    await waitFor(() => annPhone.state() !== undefined, 'Ann’s phone is connected');
    // Ann tries to lower Bob's hand, and everyone's: refused, nobody hears of it.
    expect(await ann.ch.send({ type: 'hand:lower', participantId: bob.session.participantId })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await ann.ch.send({ type: 'hand:lower', participantId: null })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(ann.ch.errors).toEqual([expect.objectContaining({ error: 'forbidden' }), expect.objectContaining({ error: 'forbidden' })]);
    expect(await fac.ch.send({ type: 'hand:lower', participantId: '../x' })).toMatchObject({ ok: false, error: 'bad_request' });

    await ok(fac.ch, { type: 'hand:lower', participantId: ann.session.participantId });
    await waitFor(() => ann.ch.lowered.length === 1 && annPhone.lowered.length === 1, 'both of Ann’s sockets hear it');
    expect(ann.ch.lowered[0]).toEqual({ by: 'Fiona', all: false });
    // Sent after Ann's attempts: Bob's first event is the facilitator's, so hers never reached him.
    await ok(fac.ch, { type: 'hand:lower', participantId: null });
    await waitFor(() => bob.ch.lowered.length === 1 && ann.ch.lowered.length === 2, 'everyone hears “lower all hands”');
    expect(bob.ch.lowered).toEqual([{ by: 'Fiona', all: true }]);
    expect(fac.ch.lowered).toEqual([]);
  });
});

describe('locks', () => {
  it('refuses a participant’s note on a locked canvas and takes it once unlocked; the facilitator writes all along', async () => {
    const { fac, ann } = await room();
    await ok(fac.ch, { type: 'lock:canvas', canvasId: 'swot', locked: true });
    expect(await tryNote(ann, 'while locked')).toBe(false);
    expect(await tryNote(fac, 'facilitator while locked')).toBe(true);
    await ok(fac.ch, { type: 'lock:canvas', canvasId: 'swot', locked: false });
    expect(await tryNote(ann, 'after unlock')).toBe(true);
    const texts = listNotes((await fac.board()).doc).map((n) => n.text).sort();
    expect(texts).toEqual(['after unlock', 'facilitator while locked']);
  });

  it('refuses a participant carrying a note from an open canvas onto a locked one', async () => {
    const { fac, ann } = await room();
    const f = await fac.board();
    const second = addCanvas(f.doc, { kind: 'swot', title: 'Second SWOT' });
    await ok(fac.ch, { type: 'lock:canvas', canvasId: second, locked: true });
    const a = await ann.board();
    await waitFor(() => readCanvases(a.doc).some((c) => c.id === second), 'the second canvas at Ann');
    const id = createNote(a.doc, { ...note, canvas: 'swot', text: 'on the open canvas' });
    await waitFor(() => listNotes(f.doc).some((n) => n.id === id), 'the note at the facilitator');
    (notesMap(a.doc).get(id) as Y.Map<unknown>).set('canvas', second);
    await waitFor(() => a.refused.length > 0, 'Refused message');
    expect(listNotes((await fac.board()).doc).find((n) => n.id === id)?.canvas).toBe('swot');
  });

  it('a board lock stops participants’ scores on the matrix too', async () => {
    const { fac, ann } = await room();
    const f = await fac.board();
    const row = createNote(f.doc, { ...note, text: 'Strong brand' });
    const column = createNote(f.doc, { ...note, frame: 'swot.opportunities', text: 'B2B market' });
    await ok(fac.ch, { type: 'lock:board', locked: true });
    const a = await ann.board();
    setScore(a.doc, { canvasId: 'confrontation', row, column, participantId: ann.session.participantId }, 2);
    await waitFor(() => a.refused.length > 0, 'Refused');
    expect(a.refused[0]).toEqual({ error: 'forbidden_write', target: 'personal' });
    await ok(fac.ch, { type: 'lock:board', locked: false });
    const again = await ann.board();
    setScore(again.doc, { canvasId: 'confrontation', row, column, participantId: ann.session.participantId }, 2);
    await waitFor(() => readPersonalEntries(f.doc, 'confrontation').length === 1, 'the score reaches the facilitator');
    expect(again.refused).toEqual([]);
  });
});

describe('phase permissions', () => {
  it('refuses adding during a phase that forbids it, lets participants move there, and takes the add once the phase allows it', async () => {
    const { fac, ann } = await room();
    const f = await fac.board();
    const id = createNote(f.doc, { ...note, text: 'already there' });
    await ok(fac.ch, { type: 'agenda:add', phase: phase('cluster', { permissions: { add: 'facilitator', move: 'everyone' } }) });
    await ok(fac.ch, { type: 'phase:next' });
    expect(await tryNote(ann, 'new during cluster')).toBe(false);

    const a = await ann.board();
    moveNotes(a.doc, swotTemplate, [{ id, x: 40, y: 100 }]);
    await waitFor(() => listNotes(f.doc).find((n) => n.id === id)?.y !== 90, 'the move reaches the facilitator');
    expect(a.refused).toEqual([]);

    await ok(fac.ch, { type: 'agenda:update', phaseId: 'cluster', changes: { permissions: { add: 'everyone', move: 'everyone' } } });
    expect(await tryNote(ann, 'new once allowed')).toBe(true);
  });

  it('refuses moving during a phase that forbids it', async () => {
    const { fac, ann } = await room();
    const f = await fac.board();
    const id = createNote(f.doc, { ...note, text: 'vote on me' });
    await ok(fac.ch, { type: 'agenda:add', phase: phase('vote', { permissions: { add: 'facilitator', move: 'facilitator' } }) });
    await ok(fac.ch, { type: 'phase:open', phaseId: 'vote' });
    const a = await ann.board();
    moveNotes(a.doc, swotTemplate, [{ id, x: 40, y: 100 }]);
    await waitFor(() => a.refused.length > 0, 'Refused');
    expect(a.refused[0]).toEqual({ error: 'forbidden_write', target: 'note' });
  });

  it('keeps the other canvases read-only for participants while a phase runs, and frees them when the agenda ends', async () => {
    const { fac, ann } = await room();
    await ok(fac.ch, { type: 'agenda:add', phase: phase('matrix', { canvasId: 'confrontation' }) });
    await ok(fac.ch, { type: 'phase:next' });
    expect(await tryNote(ann, 'on the SWOT during the matrix')).toBe(false);
    await ok(fac.ch, { type: 'phase:next' });
    expect(fac.ch.state()!.currentPhaseId).toBeNull();
    expect(await tryNote(ann, 'after the agenda')).toBe(true);
  });

  it('closes the phase’s canvas when its time is up (the server’s timer), and opens it again with another minute', async () => {
    const { fac, ann } = await room();
    await ok(fac.ch, { type: 'agenda:add', phase: phase('brainstorm', { timerSeconds: 1, closeWhenTimeIsUp: true }) });
    await ok(fac.ch, { type: 'phase:next' });
    await ok(fac.ch, { type: 'timer:start' });
    await waitFor(() => ann.ch.state()?.timer.state === 'ended', 'the server ends the timer');
    expect(await tryNote(ann, 'too late')).toBe(false);
    await ok(fac.ch, { type: 'timer:add', seconds: 60 });
    expect(fac.ch.state()!.timer.state).toBe('running');
    expect(await tryNote(ann, 'in the extra minute')).toBe(true);
  });
});

describe('private phases', () => {
  /** Resolves once `c` (a live board connection) shows `canvas` in `mode`. */
  const modeIs = (c: TestClient, mode: PrivateMode, canvas = 'swot') =>
    waitFor(() => JSON.stringify(privateMode(getCanvas(c.doc, canvas))) === JSON.stringify(mode), `the canvas is ${JSON.stringify(mode)}`);

  /** Ann's note in her private document; resolves once the server stored it. */
  async function hiddenNote(board: CreateBoardResponse, ann: Member, text: string): Promise<void> {
    const own = clients.connect(board.id, ann.session.session, new Y.Doc(), { private: ann.session.participantId });
    await own.synced();
    createNote(own.doc, { ...note, text });
    const mine = Y.getState(own.doc.store, own.doc.clientID);
    await waitFor(() => own.stored.some((s) => s.sv.get(own.doc.clientID) === mine), 'stored in her private document');
    expect(own.refused).toEqual([]);
  }

  const reveal = (board: CreateBoardResponse, who: Member) =>
    fetch(`${t.url}/api/boards/${board.id}/canvases/swot/reveal`, { method: 'POST', headers: { authorization: `Bearer ${who.session.session}` } });

  it('turns the canvas private when a private phase opens; participants’ new notes on the board are refused, the facilitator’s taken', async () => {
    const { board, fac, ann } = await room('swot');
    const f = await fac.board();
    for (const p of [phase('warmup'), phase('hidden', { privacy: 'anonymous' }), phase('cluster')]) await ok(fac.ch, { type: 'agenda:add', phase: p });
    await ok(fac.ch, { type: 'phase:next' });
    expect(await tryNote(ann, 'in the warm-up')).toBe(true);

    await ok(fac.ch, { type: 'phase:next' });
    await modeIs(f, { on: true, attributed: false });
    expect(await tryNote(ann, 'on the board while private')).toBe(false);
    expect(await tryNote(fac, 'the facilitator’s while private')).toBe(true);
    await hiddenNote(board, ann, 'hidden idea');

    // Leaving the phase reveals nothing: the canvas stays private until the facilitator reveals.
    const cluster = await ok(fac.ch, { type: 'phase:next' });
    expect(cluster.currentPhaseId).toBe('cluster');
    expect(await tryNote(ann, 'in the cluster phase, not revealed yet')).toBe(false);
    expect(privateMode(getCanvas((await fac.board()).doc, 'swot'))).toEqual({ on: true, attributed: false });
    expect(listNotes(f.doc).map((n) => n.text).sort()).toEqual(['in the warm-up', 'the facilitator’s while private']);

    const revealed = (await (await reveal(board, fac)).json()) as { revealed: number; attributed: boolean };
    expect(revealed).toMatchObject({ revealed: 1, attributed: false });
    await modeIs(f, { on: false, attributed: false });
    expect(await tryNote(ann, 'after the reveal')).toBe(true);
    await waitFor(() => listNotes(f.doc).some((n) => n.text === 'hidden idea' && n.author === ''), 'the hidden note is on the board, anonymous');

    // Opening the private phase again makes the canvas private again.
    await ok(fac.ch, { type: 'phase:open', phaseId: 'hidden' });
    await modeIs(f, { on: true, attributed: false });
    expect(await tryNote(ann, 'on the board in the reopened phase')).toBe(false);
  });

  it('turns the canvas private when the board loads, if the server stopped between opening a private phase and that write; once only', async () => {
    const { board } = await room('swot');
    await t.server.close();
    // The server's sessions on its storage, stopping for good while writing the canvas (kill -9):
    // the phase's opening is stored, the canvas write never done.
    const opened = await openBoardStore(t.config, createLogger('silent'));
    try {
      const dying = new BoardSessions({ store: opened.store, log: createLogger('silent'), turnPrivate: () => new Promise(() => {}) });
      await dying.acquire(board.id);
      expect(await dying.apply(board.id, { type: 'agenda:add', phase: phase('hidden', { privacy: 'attributed' }) })).toMatchObject({ ok: true });
      expect(await dying.apply(board.id, { type: 'phase:next' })).toMatchObject({ ok: true });
      dying.close();
    } finally {
      await opened.close();
    }

    await t.restart();
    const fac = await member(board, 'facilitator', 'Fiona');
    const f = await fac.board();
    expect(fac.ch.state()!.currentPhaseId).toBe('hidden');
    await modeIs(f, { on: true, attributed: true });
    const ann = await member(board, 'participant', 'Ann');
    expect(await tryNote(ann, 'on the board while private')).toBe(false);

    // Written once: revealed, the canvas stays public through the next restart and load.
    expect((await reveal(board, fac)).status).toBe(200);
    await modeIs(f, { on: false, attributed: true });
    await t.restart();
    const annAgain = await member(board, 'participant', 'Ann');
    expect(await tryNote(annAgain, 'after the reveal and a restart')).toBe(true);
    expect(privateMode(getCanvas((await annAgain.board()).doc, 'swot'))).toEqual({ on: false, attributed: true });
  });

  it('refuses a participant’s note that names no canvas, or is carried onto a private canvas (switched by hand)', async () => {
    const { fac, ann } = await room('swot');
    const f = await fac.board();
    const second = addCanvas(f.doc, { kind: 'swot', title: 'Second SWOT' });
    const elsewhere = createNote(f.doc, { ...note, canvas: second, text: 'on the second SWOT' });
    setPrivateMode(f.doc, 'swot', { on: true, attributed: true });
    const a = await ann.board();
    await modeIs(a, { on: true, attributed: true });

    // The board shows a note without a canvas on the first canvas with its region: the private one.
    createNote(a.doc, { ...note, canvas: undefined, text: 'no canvas named' });
    await waitFor(() => a.refused.length > 0, 'Refused');
    expect(a.refused[0]).toEqual({ error: 'forbidden_write', target: 'note' });

    const b = await ann.board();
    moveNotes(b.doc, swotTemplate, [{ id: elsewhere, x: 40, y: 100 }]);
    await waitFor(() => listNotes(f.doc).find((n) => n.id === elsewhere)?.x === 40, 'a move on the public canvas is taken');
    b.doc.transact(() => (notesMap(b.doc).get(elsewhere) as Y.Map<unknown>).set('canvas', 'swot'));
    await waitFor(() => b.refused.length > 0, 'Refused');
    expect(b.refused[0]).toEqual({ error: 'forbidden_write', target: 'note' });
    expect(listNotes((await fac.board()).doc).find((n) => n.id === elsewhere)?.canvas).toBe(second);
  });
});

describe('state across restarts', () => {
  it('keeps agenda, current phase, locks and a paused timer, and enforces them after a restart', async () => {
    const { board, fac } = await room();
    await ok(fac.ch, { type: 'agenda:add', phase: phase('brainstorm') });
    await ok(fac.ch, { type: 'agenda:add', phase: phase('matrix', { canvasId: 'confrontation' }) });
    await ok(fac.ch, { type: 'phase:next' });
    await ok(fac.ch, { type: 'timer:start', seconds: 600 });
    await ok(fac.ch, { type: 'timer:pause' });
    const before = await ok(fac.ch, { type: 'lock:canvas', canvasId: 'swot', locked: true });

    await t.restart();
    const fac2 = await member(board, 'facilitator', 'Fiona again');
    expect(fac2.ch.state()).toEqual(before);
    const ann = await member(board, 'participant', 'Ann');
    expect(await tryNote(ann, 'locked after restart')).toBe(false);
  });

  it('ends a timer whose end passed while the server was down, and closes the phase', async () => {
    const { board, fac } = await room();
    await ok(fac.ch, { type: 'agenda:add', phase: phase('brainstorm', { timerSeconds: 1, closeWhenTimeIsUp: true }) });
    await ok(fac.ch, { type: 'phase:next' });
    const running = await ok(fac.ch, { type: 'timer:start' });
    const endsAt = running.timer.state === 'running' ? running.timer.endsAt : 0;
    await t.server.close();
    await waitFor(() => Date.now() > endsAt, 'the end time passes while the server is down');
    await t.restart();
    const ann = await member(board, 'participant', 'Ann');
    expect(ann.ch.state()!.timer).toMatchObject({ state: 'ended', endedAt: endsAt });
    expect(await tryNote(ann, 'after the end')).toBe(false);
  });
});

describe('workshop agenda and phase snapshots', () => {
  it('gives a workshop board the ready agenda of the session, in the board’s canvases', async () => {
    const { fac } = await room('workshop');
    const agenda = fac.ch.state()!.agenda;
    expect(agenda.map((p) => p.id)).toEqual(['quickscan', 'swot-brainstorm', 'swot-cluster', 'swot-vote', 'matrix', '7s', 'pyramid', 'actions']);
    expect(agenda.map((p) => p.canvasId)).toEqual(['quickscan', 'swot', 'swot', 'swot', 'confrontation', 'sevens', 'pyramid', 'actions']);
    expect(agenda[1]).toMatchObject({ title: 'SWOT brainstorm', timerSeconds: 600, closeWhenTimeIsUp: true });
    expect(agenda[3].voteBudget).toBe(5);
    expect(agenda.map((p) => p.privacy)).toEqual(['off', 'attributed', 'off', 'off', 'off', 'off', 'off', 'off']);
    expect(fac.ch.state()!.currentPhaseId).toBeNull();
  });

  it('snapshots the board at each phase change; a facilitator restores one as a new board', async () => {
    const { board, fac, ann } = await room('workshop');
    const f = await fac.board();
    createNote(f.doc, { ...note, text: 'before the brainstorm' });
    await waitFor(() => f.stored.some((s) => s.sv.size > 1), 'stored');
    await ok(fac.ch, { type: 'phase:next' });
    const headers = (who: Member) => ({ authorization: `Bearer ${who.session.session}` });
    let list: { snapshots: Array<{ id: string; phaseId: string; phaseTitle: string }> } = { snapshots: [] };
    await waitFor(async () => {
      list = (await (await fetch(`${t.url}/api/boards/${board.id}/snapshots`, { headers: headers(fac) })).json()) as typeof list;
      return list.snapshots.length === 1;
    }, 'the snapshot is listed');
    expect(list.snapshots[0]).toMatchObject({ phaseId: 'quickscan', phaseTitle: 'Quickscan: score the 11 core activities' });
    createNote(f.doc, { ...note, text: 'during the brainstorm' });

    const url = `${t.url}/api/boards/${board.id}/snapshots/${list.snapshots[0].id}/restore`;
    expect((await fetch(url, { method: 'POST', headers: headers(ann) })).status).toBe(403);
    expect((await fetch(`${t.url}/api/boards/${board.id}/snapshots`, { headers: headers(ann) })).status).toBe(403);
    const res = await fetch(url, { method: 'POST', headers: headers(fac) });
    expect(res.status).toBe(201);
    const copy = (await res.json()) as CreateBoardResponse;
    expect(copy.id).not.toBe(board.id);
    expect(copy.title).toBe('Acme · Quickscan: score the 11 core activities');
    const viewer = await t.join(copy, 'viewer', 'V');
    const c = clients.connect(copy.id, viewer.session);
    await c.synced();
    expect(listNotes(c.doc).map((n) => n.text)).toEqual(['before the brainstorm']);
  });
});

describe('dot voting', () => {
  async function votingRoom(over: Partial<SessionState['agenda'][number]> = {}) {
    const r = await room();
    const bob = await member(r.board, 'participant', 'Bob');
    const f = await r.fac.board();
    // Side by side, so their board order (left to right) is the order written here.
    const notes = ['Strong brand', 'Loyal accounts', 'Fast delivery'].map((text, i) => createNote(f.doc, { ...note, text, x: note.x + i * 200 }));
    const onMatrix = createNote(f.doc, { ...note, canvas: 'confrontation', text: 'elsewhere' });
    await waitFor(() => f.stored.some((s) => s.sv.get(f.doc.clientID) === Y.getState(f.doc.store, f.doc.clientID)), 'notes stored');
    await ok(r.fac.ch, { type: 'agenda:add', phase: phase('vote', { voteBudget: 3, votesPerItem: 2, permissions: { add: 'facilitator', move: 'facilitator' }, ...over }) });
    await ok(r.fac.ch, { type: 'phase:next' });
    return { ...r, bob, notes, onMatrix };
  }

  it('refuses a vote over the budget and over the per-note limit, and keeps what was given', async () => {
    const { ann, notes } = await votingRoom();
    expect(await ann.ch.vote(notes[0], 1)).toMatchObject({ ok: true });
    expect(await ann.ch.vote(notes[0], 1)).toMatchObject({ ok: true });
    expect(await ann.ch.vote(notes[0], 1)).toMatchObject({ ok: false, error: 'vote_limit' });
    expect(await ann.ch.vote(notes[1], 1)).toMatchObject({ ok: true });
    expect(await ann.ch.vote(notes[2], 1)).toMatchObject({ ok: false, error: 'vote_limit' });
    expect(ann.ch.errors).toEqual([expect.objectContaining({ error: 'vote_limit' }), expect.objectContaining({ error: 'vote_limit' })]);
    await waitFor(() => ann.ch.mine()?.used === 3, 'Ann hears her own votes');
    expect(ann.ch.mine()).toEqual({ phaseId: 'vote', votes: { [notes[0]]: 2, [notes[1]]: 1 }, used: 3, budget: 3 });
    // Taking one back frees it for another note.
    expect(await ann.ch.vote(notes[0], -1)).toMatchObject({ ok: true });
    expect(await ann.ch.vote(notes[2], 1)).toMatchObject({ ok: true });
  });

  it('refuses votes outside a voting phase, on another canvas, and from a viewer', async () => {
    const { board, fac, ann, notes, onMatrix } = await votingRoom();
    expect(await ann.ch.vote(onMatrix, 1)).toMatchObject({ ok: false, error: 'bad_request' });
    const viewer = await member(board, 'viewer', 'Vera');
    expect(await viewer.ch.vote(notes[0], 1)).toMatchObject({ ok: false, error: 'forbidden' });
    await ok(fac.ch, { type: 'phase:next' });
    expect(await ann.ch.vote(notes[0], 1)).toMatchObject({ ok: false, error: 'bad_request' });
  });

  it('keeps votes hidden from everyone else until the reveal, then shows the counts (names only when attributed)', async () => {
    const { fac, ann, bob, notes } = await votingRoom();
    await ann.ch.vote(notes[0], 1);
    await bob.ch.vote(notes[0], 1);
    expect(await bob.ch.vote(notes[1], 1)).toMatchObject({ ok: true });
    // Bob's next state (any change) carries no results, and he never heard Ann's votes.
    const s = await ok(fac.ch, { type: 'lock:canvas', canvasId: 'confrontation', locked: true });
    await waitFor(() => bob.ch.state()?.revision === s.revision, 'Bob has the latest state');
    expect(bob.ch.state()!.voteResults).toEqual({});
    expect(bob.ch.mine()).toMatchObject({ votes: { [notes[0]]: 1, [notes[1]]: 1 } });

    await ok(fac.ch, { type: 'votes:reveal', phaseId: 'vote', revealed: true });
    await waitFor(() => 'vote' in (bob.ch.state()?.voteResults ?? {}), 'results reach Bob');
    expect(bob.ch.state()!.voteResults.vote).toEqual({ totals: { [notes[0]]: 2, [notes[1]]: 1 }, voters: 2 });

    await ok(fac.ch, { type: 'agenda:update', phaseId: 'vote', changes: { votesAttributed: true } });
    await ok(fac.ch, { type: 'votes:reveal', phaseId: 'vote', revealed: true });
    expect(fac.ch.state()!.voteResults.vote.byParticipant).toEqual({
      [notes[0]]: { [ann.session.participantId]: 1, [bob.session.participantId]: 1 },
      [notes[1]]: { [bob.session.participantId]: 1 },
    });
  });

  it('a revealed vote orders the matrix of a board without a pick: the action plan and the export have the top-voted notes first', async () => {
    const { fac, ann, bob, notes } = await votingRoom();
    const read = async (path: string) => (await (await fetch(`${t.url}/api/boards/${fac.session.board.id}${path}`, { headers: { authorization: `Bearer ${fac.session.session}` } })).json());
    const planRows = async () => ((await read('/action-plan')) as { matrices: Array<{ rows: Array<{ text: string }> }> }).matrices[0].rows.map((r) => r.text);
    const exportRows = async () => ((await read('/export')) as { canvases: Array<{ id: string; analysis: { rows: Array<{ text: string }> } }> }).canvases.find((c) => c.id === 'confrontation')!.analysis.rows.map((r) => r.text);
    const boardOrder = await planRows();
    expect(boardOrder).toEqual(['Strong brand', 'Loyal accounts', 'Fast delivery']);
    await ann.ch.vote(notes[2], 1);
    await ann.ch.vote(notes[2], 1);
    await bob.ch.vote(notes[1], 1);
    // Hidden votes change nothing.
    expect(await planRows()).toEqual(boardOrder);
    await ok(fac.ch, { type: 'votes:reveal', phaseId: 'vote', revealed: true });
    expect(await planRows()).toEqual(['Fast delivery', 'Loyal accounts', 'Strong brand']);
    expect(await exportRows()).toEqual(['Fast delivery', 'Loyal accounts', 'Strong brand']);
  });

  it('keeps the ballots across a restart', async () => {
    const { ann, notes } = await votingRoom();
    await ann.ch.vote(notes[1], 1);
    await t.restart();
    const again = channel(ann.session.session);
    await waitFor(() => again.mine() !== undefined, 'Ann hears her votes after the restart');
    expect(again.mine()!.votes).toEqual({ [notes[1]]: 1 });
  });
});
