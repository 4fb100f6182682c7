// Issue 10, "People and links", against a real server with real y-websocket and socket.io clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import {
  CloseCode,
  CloseReason,
  type ApiError,
  type CreateBoardResponse,
  type FacilitatorBoardsResponse,
  type LinksResponse,
  type LinkView,
  type Role,
  type SessionResponse,
} from '../../../shared/src/protocol.ts';
import { createNote } from '../../../shared/src/board/notes.ts';
import { notesMap, personalMap, readNote, ROOT } from '../../../shared/src/board/schema.ts';
import { readCanvases, removeCanvas } from '../../../shared/src/board/canvases.ts';
import type { SessionState } from '../../../shared/src/facilitation/sessionState.ts';
import type { SessionCommand } from '../../../shared/src/facilitation/sessionCommands.ts';
import type { CommandAck } from '../../../shared/src/protocol.ts';
import { startTestServer, tokenOf, waitFor, type TestServer } from '../testing/testServer.ts';
import { clientPool, closedWith } from '../testing/testClient.ts';

let t: TestServer;
const pool = clientPool(() => t.wsUrl);
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  pool.destroyAll();
  await t.close();
});

async function call(method: string, path: string, session?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (session !== undefined) headers.authorization = `Bearer ${session}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${t.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

function joinWith(boardId: string, token: string, name: string, password?: string) {
  return call('POST', `/api/boards/${boardId}/sessions`, undefined, { token, name, password });
}

function check(boardId: string, token: string, password?: string) {
  return call('POST', `/api/boards/${boardId}/links/check`, undefined, { token, password });
}

/** A socket.io client that records the error events it gets and whether the server disconnected it. */
function facilitationSocket(session: string) {
  const socket = connect(t.url, { path: '/socket.io', auth: { session }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  const seen = { errors: [] as ApiError[], disconnected: '' as string, connected: false };
  socket.on('error', (e: ApiError) => seen.errors.push(e));
  socket.on('session:info', () => (seen.connected = true));
  socket.on('disconnect', (reason) => (seen.disconnected = reason));
  return { socket, seen, ready: () => waitFor(() => seen.connected, 'socket.io session info') };
}

async function boardWithPeople() {
  const board = await t.createBoard('People');
  const fac = await t.join(board, 'facilitator', 'Fay');
  const ann = await t.join(board, 'participant', 'Ann');
  const vic = await t.join(board, 'viewer', 'Vic');
  return { board, fac, ann, vic };
}

const linkOf = (links: LinkView[], role: Role) => links.find((l) => l.role === role);

describe('join links', () => {
  it('shows the current links to any facilitator session, also one that did not create the board', async () => {
    const { board } = await boardWithPeople();
    // A second device: someone opens the facilitator link there and gets a session of their own.
    const otherDevice = await t.join(board, 'facilitator', 'Fay on the projector laptop');
    const res = await call('GET', `/api/boards/${board.id}/links`, otherDevice.session);
    expect(res.status).toBe(200);
    const { links } = res.body as LinksResponse;
    expect(links.map((l) => [l.role, l.url])).toEqual([
      ['facilitator', board.links.facilitator],
      ['participant', board.links.participant],
      ['viewer', board.links.viewer],
    ]);
    expect(links.every((l) => l.expiresAt === null && !l.hasPassword)).toBe(true);
  });

  it('revoking a link closes the /yjs and socket.io connections of its sessions and leaves the others open', async () => {
    const { board, fac, ann, vic } = await boardWithPeople();
    const annBoard = pool.connect(board.id, ann.session);
    const annTab = pool.connect(board.id, ann.session);
    const vicBoard = pool.connect(board.id, vic.session);
    const annSocket = facilitationSocket(ann.session);
    const vicSocket = facilitationSocket(vic.session);
    await Promise.all([annBoard.synced(), annTab.synced(), vicBoard.synced(), annSocket.ready(), vicSocket.ready()]);

    const res = await call('DELETE', `/api/boards/${board.id}/links/participant`, fac.session);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ended: 1 });

    expect(await closedWith(annBoard)).toBe(CloseCode.SessionEnded);
    expect(annBoard.closeReasons[0]).toBe(CloseReason.LinkRevoked);
    expect(await closedWith(annTab)).toBe(CloseCode.SessionEnded);
    await waitFor(() => annSocket.seen.disconnected !== '', 'the participant socket.io socket disconnected');
    expect(annSocket.seen.errors.map((e) => e.error)).toEqual(['link_revoked']);
    expect(annSocket.seen.disconnected).toBe('io server disconnect');
    // The viewer's link is untouched: a round trip on both of its connections still works.
    const pong = await vicSocket.socket.timeout(5000).emitWithAck('ping');
    expect(typeof pong).toBe('number');
    expect(vicBoard.closeCodes).toEqual([]);
    expect(vicSocket.seen.disconnected).toBe('');

    // The old token joins nobody, and the ended session cannot come back.
    expect((await joinWith(board.id, tokenOf(board, 'participant'), 'Ann')).status).toBe(401);
    expect((await check(board.id, tokenOf(board, 'participant'))).body.error).toBe('unauthorized');
    expect((await call('POST', '/api/sessions/renew', undefined, { session: ann.session })).status).toBe(401);
    const again = pool.connect(board.id, ann.session);
    expect(await closedWith(again)).toBe(CloseCode.Unauthorized);
    // The role has no link any more.
    const { links } = (await call('GET', `/api/boards/${board.id}/links`, fac.session)).body as LinksResponse;
    expect(links.map((l) => l.role)).toEqual(['facilitator', 'viewer']);
  });

  it('rotating a link replaces its token: the old one no longer joins, the new one does', async () => {
    const { board, fac, ann } = await boardWithPeople();
    const annBoard = pool.connect(board.id, ann.session);
    await annBoard.synced();
    const res = await call('POST', `/api/boards/${board.id}/links/participant/rotate`, fac.session);
    expect(res.status).toBe(200);
    const link = res.body.link as LinkView;
    expect(link.url).not.toBe(board.links.participant);
    expect(await closedWith(annBoard)).toBe(CloseCode.SessionEnded);

    const oldJoin = await joinWith(board.id, tokenOf(board, 'participant'), 'Ann');
    expect(oldJoin.status).toBe(401);
    const newJoin = await joinWith(board.id, link.url!.split('#')[1], 'Ann');
    expect(newJoin.status).toBe(200);
    expect((newJoin.body as SessionResponse).role).toBe('participant');
    // Every facilitator device now shows the new link.
    const { links } = (await call('GET', `/api/boards/${board.id}/links`, fac.session)).body as LinksResponse;
    expect(linkOf(links, 'participant')?.url).toBe(link.url);
  });

  it('rotating the facilitator link keeps the asking facilitator and ends the other facilitator sessions', async () => {
    const { board, fac } = await boardWithPeople();
    const other = await t.join(board, 'facilitator', 'Leaked');
    const otherBoard = pool.connect(board.id, other.session);
    const ownBoard = pool.connect(board.id, fac.session);
    await Promise.all([otherBoard.synced(), ownBoard.synced()]);
    const res = await call('POST', `/api/boards/${board.id}/links/facilitator/rotate`, fac.session);
    expect(res.body.ended).toBe(1);
    expect(await closedWith(otherBoard)).toBe(CloseCode.SessionEnded);
    expect((await call('GET', `/api/boards/${board.id}/links`, fac.session)).status).toBe(200);
    expect(ownBoard.closeCodes).toEqual([]);
    // Revoking the facilitator link is refused: nobody could take the board over later.
    const revoke = await call('DELETE', `/api/boards/${board.id}/links/facilitator`, fac.session);
    expect(revoke.status).toBe(400);
  });

  it('refuses an expired link before the name form, with its own error', async () => {
    const { board, fac } = await boardWithPeople();
    const past = await call('PATCH', `/api/boards/${board.id}/links/participant`, fac.session, { expiresAt: Date.now() - 1000 });
    expect(past.status).toBe(400);
    const soon = Date.now() + 300;
    const set = await call('PATCH', `/api/boards/${board.id}/links/participant`, fac.session, { expiresAt: soon });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ role: 'participant', expiresAt: soon, hasPassword: false });
    await waitFor(() => Date.now() > soon, 'the link expired');
    const checked = await check(board.id, tokenOf(board, 'participant'));
    expect(checked.status).toBe(410);
    expect(checked.body.error).toBe('link_expired');
    expect((await joinWith(board.id, tokenOf(board, 'participant'), 'Late')).body.error).toBe('link_expired');
    // Clearing the expiry opens it again.
    await call('PATCH', `/api/boards/${board.id}/links/participant`, fac.session, { expiresAt: null });
    expect((await check(board.id, tokenOf(board, 'participant'))).status).toBe(200);
  });

  it('asks for a link password, refuses a wrong one, and pauses a guesser', async () => {
    const { board, fac } = await boardWithPeople();
    const token = tokenOf(board, 'viewer');
    const set = await call('PATCH', `/api/boards/${board.id}/links/viewer`, fac.session, { password: 'tulip-2027' });
    expect(set.body).toMatchObject({ hasPassword: true });
    expect(JSON.stringify(set.body)).not.toContain('tulip');

    const none = await check(board.id, token);
    expect([none.status, none.body.error]).toEqual([401, 'password_required']);
    const wrong = await check(board.id, token, 'tulip-2026');
    expect([wrong.status, wrong.body.error]).toEqual([401, 'wrong_password']);
    expect((await check(board.id, token, 'tulip-2027')).status).toBe(200);
    expect((await joinWith(board.id, token, 'Vera')).body.error).toBe('password_required');
    const joined = await joinWith(board.id, token, 'Vera', 'tulip-2027');
    expect(joined.status).toBe(200);

    for (let i = 0; i < 4; i++) expect((await check(board.id, token, `guess-${i}`)).body.error).toBe('wrong_password');
    // Five wrong passwords from this address: even the right one waits now.
    const paused = await check(board.id, token, 'tulip-2027');
    expect([paused.status, paused.body.error]).toEqual([429, 'rate_limited']);
  });
});

describe('removing a participant', () => {
  it('closes their connections at once, refuses their session afterwards and marks them removed', async () => {
    const { board, fac, ann } = await boardWithPeople();
    const facBoard = pool.connect(board.id, fac.session);
    const annBoard = pool.connect(board.id, ann.session);
    const annSocket = facilitationSocket(ann.session);
    await Promise.all([facBoard.synced(), annBoard.synced(), annSocket.ready()]);
    const participants = facBoard.doc.getMap<Record<string, unknown>>(ROOT.participants);
    await waitFor(() => participants.has(ann.participantId), 'Ann is in the participant list');

    const res = await call('DELETE', `/api/boards/${board.id}/participants/${ann.participantId}`, fac.session);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ended: 1 });
    expect(await closedWith(annBoard)).toBe(CloseCode.SessionEnded);
    expect(annBoard.closeReasons[0]).toBe(CloseReason.Removed);
    await waitFor(() => annSocket.seen.disconnected !== '', 'the participant socket.io socket disconnected');
    expect(annSocket.seen.errors.map((e) => e.error)).toEqual(['removed']);

    await waitFor(() => typeof participants.get(ann.participantId)?.removedAt === 'number', 'the list marks Ann removed');
    expect(participants.get(ann.participantId)).toMatchObject({ name: 'Ann', role: 'participant' });
    // Their old session is gone for good, on every path.
    const back = pool.connect(board.id, ann.session);
    expect(await closedWith(back)).toBe(CloseCode.Unauthorized);
    expect((await call('POST', '/api/sessions/renew', undefined, { session: ann.session })).status).toBe(401);
    const retry = facilitationSocket(ann.session);
    await waitFor(() => retry.seen.disconnected !== '' || retry.socket.disconnected, 'the old session is refused on socket.io');
    expect(facBoard.closeCodes).toEqual([]);
    // A facilitator cannot remove themselves.
    expect((await call('DELETE', `/api/boards/${board.id}/participants/${fac.participantId}`, fac.session)).status).toBe(400);
  });
});

describe('a facilitator’s boards', () => {
  it('lists the boards of live facilitator sessions and leaves other sessions out', async () => {
    const a = await boardWithPeople();
    const b = await boardWithPeople();
    const res = await call('POST', '/api/facilitator/boards', undefined, { sessions: [a.fac.session, b.ann.session, 'not-a-session', b.fac.session] });
    expect(res.status).toBe(200);
    const { boards } = res.body as FacilitatorBoardsResponse;
    expect(boards.map((x) => [x.session, x.board.id]).sort()).toEqual([[a.fac.session, a.board.id], [b.fac.session, b.board.id]].sort());
  });

  it('duplicates a board with its canvases, settings and notes, without people, scores or sessions', async () => {
    const { board, fac, ann } = await boardWithPeople();
    const annBoard = pool.connect(board.id, ann.session);
    await annBoard.synced();
    const canvas = readCanvases(annBoard.doc)[0];
    createNote(annBoard.doc, { canvas: canvas.id, frame: 'swot.strengths', text: 'Loyal customers', x: 0, y: 0, color: 'green', author: 'Ann' });
    personalMap(annBoard.doc).set(`${canvas.id}/${ann.participantId}/x`, 3);
    await waitFor(() => annBoard.stored.length > 0 && Y.snapshotContainsUpdate(annBoard.stored.at(-1)!, Y.encodeStateAsUpdate(annBoard.doc)), 'the note is stored');

    const res = await call('POST', `/api/boards/${board.id}/duplicate`, fac.session, { title: 'People 2027' });
    expect(res.status).toBe(201);
    const copy = res.body as CreateBoardResponse;
    expect(copy.id).not.toBe(board.id);
    expect(copy.title).toBe('People 2027');
    // The copy's links are its own: the old board's tokens do not open it.
    expect((await joinWith(copy.id, tokenOf(board, 'participant'), 'Ann')).status).toBe(401);
    const newFac = await t.join(copy, 'facilitator', 'Fay');
    const view = pool.connect(copy.id, newFac.session);
    await view.synced();
    const notes = Array.from(notesMap(view.doc).entries()).map(([id, m]) => readNote(id, m).text);
    expect(notes).toEqual(['Loyal customers']);
    expect(readCanvases(view.doc).map((c) => c.id)).toEqual(readCanvases(annBoard.doc).map((c) => c.id));
    expect(personalMap(view.doc).size).toBe(0);
    // Only the facilitator who just connected to the copy is listed there.
    await waitFor(() => view.doc.getMap(ROOT.participants).size === 1, 'the copy lists its new facilitator');
    expect(Array.from(view.doc.getMap(ROOT.participants).keys())).toEqual([newFac.participantId]);
  });
});

describe('duplicating a workshop', () => {
  /** A session socket that keeps the latest session state it heard. */
  async function sessionSocket(session: string) {
    const socket = connect(t.url, { path: '/socket.io', auth: { session }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    let state: SessionState | undefined;
    socket.on('session:state', (s: SessionState) => {
      if (!state || s.revision >= state.revision) state = s;
    });
    await waitFor(() => state !== undefined, 'the session state');
    const send = async (cmd: SessionCommand) => {
      const ack = await new Promise<CommandAck>((resolve) => socket.emit('session:command', cmd, resolve));
      expect(ack).toMatchObject({ ok: true });
      const revision = (ack as { revision: number }).revision;
      await waitFor(() => state!.revision >= revision, `revision ${revision}`);
    };
    const vote = (noteId: string) => new Promise<CommandAck>((resolve) => socket.emit('vote:cast', { noteId, delta: 1 }, resolve));
    return { state: () => state!, send, vote };
  }

  it.each(['duplicate', 'next-workshop'])('%s copies the agenda with each phase’s settings, not started: no current phase, idle timer, no votes, no locks', async (route) => {
    const board = await t.createBoard('Workshop March', 'workshop');
    const fac = await t.join(board, 'facilitator', 'Fay');
    const ann = await t.join(board, 'participant', 'Ann');
    const facSocket = await sessionSocket(fac.session);
    const annSocket = await sessionSocket(ann.session);
    const facBoard = pool.connect(board.id, fac.session);
    await facBoard.synced();
    // The facilitator changes a phase, adds one on the pyramid, then removes the pyramid canvas.
    await facSocket.send({ type: 'agenda:update', phaseId: 'swot-brainstorm', changes: { title: 'Ideas first', timerSeconds: 420, votesPerItem: 2 } });
    const extra = { ...facSocket.state().agenda[0], id: 'pyramid-extra', title: 'Pyramid again', canvasId: 'pyramid' };
    await facSocket.send({ type: 'agenda:add', phase: extra, index: 0 });
    const noteId = createNote(facBoard.doc, { canvas: 'swot', frame: 'swot.strengths', text: 'Loyal customers', x: 0, y: 0, color: 'green', author: 'Fay' });
    removeCanvas(facBoard.doc, 'pyramid');
    await waitFor(() => facBoard.stored.length > 0 && Y.snapshotContainsUpdate(facBoard.stored.at(-1)!, Y.encodeStateAsUpdate(facBoard.doc)), 'the board is stored');
    // The session is under way: a vote revealed, a timer running, locks on.
    await facSocket.send({ type: 'phase:open', phaseId: 'swot-vote' });
    expect(await annSocket.vote(noteId)).toMatchObject({ ok: true });
    await facSocket.send({ type: 'votes:reveal', phaseId: 'swot-vote', revealed: true });
    await facSocket.send({ type: 'timer:start' });
    await facSocket.send({ type: 'lock:canvas', canvasId: 'swot', locked: true });
    await facSocket.send({ type: 'lock:board', locked: true });
    const source = facSocket.state();
    expect(source.voteResults['swot-vote'].totals).toEqual({ [noteId]: 1 });

    const res = await call('POST', `/api/boards/${board.id}/${route}`, fac.session, { title: 'Workshop April' });
    expect(res.status).toBe(201);
    const copy = res.body as CreateBoardResponse;
    const newFac = await t.join(copy, 'facilitator', 'Fay');
    const copied = (await sessionSocket(newFac.session)).state();
    const expected = source.agenda.filter((p) => p.canvasId !== 'pyramid');
    expect(expected.map((p) => p.id)).not.toContain('pyramid');
    expect(copied.agenda).toEqual(expected);
    expect(copied.agenda.find((p) => p.id === 'swot-brainstorm')).toMatchObject({ title: 'Ideas first', timerSeconds: 420, votesPerItem: 2 });
    expect(copied).toMatchObject({ currentPhaseId: null, phaseStatus: {}, timer: { state: 'idle' }, locks: { board: false, canvases: [] }, voteResults: {} });
    // Every phase points at a canvas of the copy.
    const view = pool.connect(copy.id, newFac.session);
    await view.synced();
    const canvases = new Set(readCanvases(view.doc).filter((c) => c.removedAt === null).map((c) => c.id));
    expect(copied.agenda.every((p) => canvases.has(p.canvasId))).toBe(true);
    // The source goes on as it was.
    expect(facSocket.state()).toMatchObject({ currentPhaseId: 'swot-vote', locks: { board: true, canvases: ['swot'] } });
  });
});

describe('who may call the facilitator endpoints', () => {
  it('answers 401 without a session and 403 for participants and viewers, changing nothing', async () => {
    const { board, fac, ann, vic } = await boardWithPeople();
    const endpoints: Array<[string, string, unknown?]> = [
      ['GET', `/api/boards/${board.id}/links`],
      ['POST', `/api/boards/${board.id}/links/participant/rotate`],
      ['DELETE', `/api/boards/${board.id}/links/participant`],
      ['PATCH', `/api/boards/${board.id}/links/participant`, { expiresAt: null }],
      ['DELETE', `/api/boards/${board.id}/participants/${fac.participantId}`],
      ['POST', `/api/boards/${board.id}/duplicate`, {}],
    ];
    for (const [method, path, body] of endpoints) {
      const none = await call(method, path, undefined, body);
      expect([method, path, none.status, none.body.error]).toEqual([method, path, 401, 'unauthorized']);
      for (const other of [ann, vic]) {
        const res = await call(method, path, other.session, body);
        expect([method, path, other.role, res.status, res.body.error]).toEqual([method, path, other.role, 403, 'forbidden']);
      }
    }
    // Nothing changed: the participant link still joins, the facilitator is still in.
    expect((await joinWith(board.id, tokenOf(board, 'participant'), 'Ann 2')).status).toBe(200);
    expect((await call('GET', `/api/boards/${board.id}/links`, fac.session)).status).toBe(200);
    // A facilitator session of another board is no facilitator here.
    const other = await boardWithPeople();
    expect((await call('GET', `/api/boards/${board.id}/links`, other.fac.session)).status).toBe(401);
  });
});
