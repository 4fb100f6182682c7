// Issue 10, "Private brainstorm": while a canvas is private, a participant's new notes live in their
// private document, which the server sends to no one else, until the facilitator reveals them.
// Tried on the wire: every frame the other participant's and the facilitator's sockets receive is
// recorded and searched for the hidden note's text (raw bytes and the decoded updates).
//
// "It did not arrive" is checked without timing: once the author's private note is stored (their
// Stored message covers it), the facilitator writes a marker note on the board. Had the server sent
// the hidden note anywhere, it would have done so while handling it, before the marker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { CloseCode, MessageType, type CreateBoardResponse, type HiddenNotesResponse, type RevealResponse, type Role, type SessionResponse } from '../../../shared/src/protocol.ts';
import { createNote, listNotes, setNoteText, moveNotes } from '../../../shared/src/board/notes.ts';
import { metaMap } from '../../../shared/src/board/schema.ts';
import { privateMode, setPrivateMode } from '../../../shared/src/board/privateNotes.ts';
import { getCanvas } from '../../../shared/src/board/canvases.ts';
import { swotKind } from '../../../shared/src/canvases/swot/swotKind.ts';
import { startTestServer, waitFor, type TestServer } from '../testing/testServer.ts';
import { clientPool, closedWith, type TestClient } from '../testing/testClient.ts';

const CANVAS = 'swot';
const place = { canvas: CANVAS, frame: 'swot.strengths', x: 40, y: 120, color: 'yellow' as const };

let t: TestServer;
const clients = clientPool(() => t.wsUrl);

beforeAll(async () => {
  t = await startTestServer({ wsMessagesPerSecond: 1000 });
});

afterAll(async () => {
  clients.destroyAll();
  await t.close();
});

interface Member {
  session: SessionResponse;
  /** The board document. */
  board: TestClient;
  /** Their private document (participants only). */
  own?: TestClient;
}

async function member(board: CreateBoardResponse, role: Role, name: string): Promise<Member> {
  const session = await t.join(board, role, name);
  const m: Member = { session, board: clients.connect(board.id, session.session) };
  await m.board.synced();
  if (role === 'participant') {
    m.own = openPrivate(board, session, session.participantId);
    await m.own.synced();
  }
  return m;
}

function openPrivate(board: CreateBoardResponse, session: SessionResponse, participantId: string): TestClient {
  return clients.connect(board.id, session.session, new Y.Doc(), { private: participantId });
}

/** A SWOT board made private by its facilitator, with participants Ann and Bob and a viewer. */
async function privateWorkshop(attributed = true) {
  const board = await t.createBoard('Acme', 'swot');
  const fac = await member(board, 'facilitator', 'Fiona');
  const ann = await member(board, 'participant', 'Ann');
  const bob = await member(board, 'participant', 'Bob');
  setPrivateMode(fac.board.doc, CANVAS, { on: true, attributed });
  await waitFor(() => JSON.stringify(bob.board.doc.getMap('canvases').toJSON()).includes('"private"'), 'the private switch reached Bob');
  return { board, fac, ann, bob };
}

/** Resolves once everything `c` wrote is stored (its latest Stored snapshot covers its own edits). */
async function storedAll(c: TestClient): Promise<void> {
  const want = Y.getState(c.doc.store, c.doc.clientID);
  await waitFor(() => (c.stored.at(-1)?.sv.get(c.doc.clientID) ?? 0) >= want, 'Stored covers the client');
}

/** `fac` writes a marker note on the board; resolves once `observer` has it (see the header). */
async function marker(fac: Member, ...observers: TestClient[]): Promise<void> {
  const id = createNote(fac.board.doc, { ...place, author: 'Fiona', text: `marker-${Math.random()}` });
  await waitFor(() => observers.every((o) => listNotes(o.doc).some((n) => n.id === id)), 'the marker arrived');
}

/** Whether any frame `c` received carries `text`: in its raw bytes, or in an update it decodes to. */
function received(c: TestClient, text: string, from = 0): boolean {
  const needle = new TextEncoder().encode(text);
  return c.frames.slice(from).some((f) => contains(f, needle) || updateOf(f)?.includes(text) === true);
}

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The content of a sync frame's update as text (every string and JSON value its structs carry). A
 * struct that creates a nested type (Y.Map, Y.Text) carries no text of its own: its content arrives in
 * other structs, and the decoded type is not in any document (reading it would only warn). */
function updateOf(frame: Uint8Array): string | undefined {
  try {
    const d = decoding.createDecoder(frame);
    if (decoding.readVarUint(d) !== MessageType.Sync) return undefined;
    if (decoding.readVarUint(d) === 0) return undefined; // sync step 1: a state vector
    const { structs } = Y.decodeUpdate(decoding.readVarUint8Array(d));
    const carried = structs.map((s) => (s instanceof Y.Item && !(s.content instanceof Y.ContentType) ? s.content.getContent() : []));
    return JSON.stringify(carried);
  } catch {
    return undefined;
  }
}

async function api<T>(method: string, path: string, session?: string): Promise<{ status: number; body: T; text: string }> {
  const res = await fetch(`${t.url}${path}`, { method, headers: session ? { authorization: `Bearer ${session}` } : {} });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, text };
}

const reveal = (board: CreateBoardResponse, session?: string) =>
  api<RevealResponse>('POST', `/api/boards/${board.id}/canvases/${CANVAS}/reveal`, session);
const hidden = (board: CreateBoardResponse, session?: string) =>
  api<HiddenNotesResponse>('GET', `/api/boards/${board.id}/canvases/${CANVAS}/private`, session);

describe('private brainstorm', () => {
  it('keeps a hidden note off every other socket until the reveal, then shows it to everyone, attributed', async () => {
    const { board, fac, ann, bob } = await privateWorkshop(true);
    const secret = `ann-secret-${Math.random().toString(36).slice(2)}`;
    const id = createNote(ann.own!.doc, { ...place, author: 'Ann', text: secret });
    // Her second device (the same session) gets it; editing and moving it work.
    const annPhone = openPrivate(board, ann.session, ann.session.participantId);
    await waitFor(() => listNotes(annPhone.doc).some((n) => n.text === secret), 'her other device has it');
    moveNotes(annPhone.doc, swotKind.layout, [{ id, x: 60, y: 140 }]);
    await waitFor(() => listNotes(ann.own!.doc)[0]?.x === 60, 'the move reached her first device');
    await storedAll(ann.own!);
    await storedAll(annPhone);
    await marker(fac, bob.board, ann.board);

    for (const c of [bob.board, bob.own!, fac.board]) expect(received(c, secret)).toBe(false);
    expect(listNotes(bob.board.doc).some((n) => n.id === id)).toBe(false);

    // The facilitator sees counts, never text; nobody else sees even those.
    const counts = await hidden(board, fac.session.session);
    expect(counts.status).toBe(200);
    expect(counts.body.people).toEqual([{ participantId: ann.session.participantId, name: 'Ann', hidden: 1 }]);
    expect(counts.text).not.toContain(secret);
    expect((await hidden(board, bob.session.session)).status).toBe(403);
    expect((await hidden(board)).status).toBe(401);
    expect((await reveal(board, bob.session.session)).status).toBe(403);
    expect((await reveal(board)).status).toBe(401);
    expect(received(bob.board, secret)).toBe(false);

    const revealed = await reveal(board, fac.session.session);
    expect(revealed.body).toEqual({ canvasId: CANVAS, revealed: 1, attributed: true });
    await waitFor(() => listNotes(bob.board.doc).some((n) => n.text === secret), 'Bob sees the revealed note');
    const onBoard = listNotes(bob.board.doc).find((n) => n.id === id)!;
    expect(onBoard).toMatchObject({ author: 'Ann', x: 60, y: 140, canvas: CANVAS, frame: 'swot.strengths' });
    await waitFor(() => listNotes(ann.own!.doc).length === 0 && listNotes(annPhone.doc).length === 0, 'her private doc is empty');
    // The reveal ended the private phase: new notes go to the board again.
    await waitFor(() => !privateMode(getCanvas(bob.board.doc, CANVAS)).on, 'the canvas is public again');
    expect(privateMode(getCanvas(bob.board.doc, CANVAS)).attributed).toBe(true);
    expect(listNotes(fac.board.doc).filter((n) => n.text === secret)).toHaveLength(1);

    // Again: nothing twice.
    expect((await reveal(board, fac.session.session)).body.revealed).toBe(0);
    await marker(fac, bob.board);
    expect(listNotes(bob.board.doc).filter((n) => n.text === secret)).toHaveLength(1);
  });

  it('reveals anonymously when the facilitator chose so', async () => {
    const { board, fac, ann, bob } = await privateWorkshop(false);
    createNote(ann.own!.doc, { ...place, author: 'Ann', text: 'anonymous idea' });
    await storedAll(ann.own!);
    expect((await reveal(board, fac.session.session)).body).toMatchObject({ revealed: 1, attributed: false });
    await waitFor(() => listNotes(bob.board.doc).some((n) => n.text === 'anonymous idea'), 'Bob sees it');
    expect(listNotes(bob.board.doc).find((n) => n.text === 'anonymous idea')!.author).toBe('');
    // The board's frames name no author for it either.
    expect(received(bob.board, 'anonymous idea')).toBe(true);
  });

  it('refuses a private document to everyone but its owner (4403), and private writes to a viewer', async () => {
    const { board, fac, ann, bob } = await privateWorkshop();
    const secret = 'not for bob';
    createNote(ann.own!.doc, { ...place, author: 'Ann', text: secret });
    await storedAll(ann.own!);

    const bobPeeks = openPrivate(board, bob.session, ann.session.participantId);
    expect(await closedWith(bobPeeks)).toBe(CloseCode.Forbidden);
    const facPeeks = openPrivate(board, fac.session, ann.session.participantId);
    expect(await closedWith(facPeeks)).toBe(CloseCode.Forbidden);
    const viewer = await t.join(board, 'viewer', 'Vic');
    const viewerOwn = openPrivate(board, viewer, viewer.participantId);
    expect(await closedWith(viewerOwn)).toBe(CloseCode.Forbidden);
    createNote(viewerOwn.doc, { ...place, author: 'Vic', text: 'viewer idea' });

    for (const c of [bobPeeks, facPeeks, viewerOwn]) expect(received(c, secret)).toBe(false);
    expect(listNotes(bobPeeks.doc)).toHaveLength(0);
    await reveal(board, fac.session.session);
    await waitFor(() => listNotes(bob.board.doc).some((n) => n.text === secret), 'revealed');
    expect(listNotes(bob.board.doc).some((n) => n.text === 'viewer idea')).toBe(false);
  });

  it('holds notes only: anything else written to a private document is refused', async () => {
    const { ann } = await privateWorkshop();
    ann.own!.doc.transact(() => metaMap(ann.own!.doc).set('title', 'hidden storage'));
    await waitFor(() => ann.own!.refused.length > 0, 'Refused message');
    expect(ann.own!.refused[0]).toEqual({ error: 'forbidden_write', target: 'meta' });
  });

  it('keeps hidden notes over a server restart and reveals them after it', async () => {
    const { board, fac, ann } = await privateWorkshop();
    createNote(ann.own!.doc, { ...place, author: 'Ann', text: 'before the restart' });
    await storedAll(ann.own!);
    await t.restart();
    const counts = await hidden(board, fac.session.session);
    expect(counts.body.total).toBe(1);
    expect((await reveal(board, fac.session.session)).body.revealed).toBe(1);
    const later = await member(board, 'participant', 'Cas');
    await waitFor(() => listNotes(later.board.doc).some((n) => n.text === 'before the restart' && n.author === 'Ann'), 'on the board after the restart');
    // Ann reconnects to an empty private document.
    const annAgain = openPrivate(board, ann.session, ann.session.participantId);
    await annAgain.synced();
    expect(listNotes(annAgain.doc)).toHaveLength(0);
  });

  it('stays whole when the author edits the note while the facilitator reveals it', async () => {
    const { board, fac, ann, bob } = await privateWorkshop();
    const id = createNote(ann.own!.doc, { ...place, author: 'Ann', text: 'draft' });
    await storedAll(ann.own!);
    const revealing = reveal(board, fac.session.session);
    for (let i = 0; i < 20; i++) setNoteText(ann.own!.doc, id, `draft ${i}`);
    expect((await revealing).body.revealed).toBe(1);
    await waitFor(() => listNotes(bob.board.doc).some((n) => n.id === id), 'on the board');
    await storedAll(ann.own!);
    // A fresh copy of her private document: the note left it, the late edits did not bring it back.
    const fresh = openPrivate(board, ann.session, ann.session.participantId);
    await fresh.synced();
    expect(listNotes(fresh.doc)).toHaveLength(0);
    expect(listNotes(bob.board.doc).filter((n) => n.id === id)).toHaveLength(1);
    expect(listNotes(bob.board.doc).find((n) => n.id === id)!.text).toMatch(/^draft/);
  });
});
