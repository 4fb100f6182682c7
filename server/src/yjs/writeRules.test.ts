// Issue 7, "Write rules the server enforces": tried as an attacker would, with a participant link
// and the real y-websocket client (or a raw socket for hand-made updates), against the real server.
//
// "Nobody else sees it" is checked without timing: once the sender has its Refused message, the
// facilitator writes a marker note. A board handles messages one at a time in arrival order and
// relays in that order on each socket, so once Bob has the marker he would also have had the
// forbidden change. (The marker cannot come from the refused client: its later items come after
// a gap in its clocks, which the board never fills, so they are not stored either.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { MessageType, type CreateBoardResponse, type Role } from '../../../shared/src/protocol.ts';
import { createNote, listNotes } from '../../../shared/src/board/notes.ts';
import { addCanvas, readCanvases, removeCanvas, renameCanvas } from '../../../shared/src/board/canvases.ts';
import { canvasesMap, metaMap, readMeta } from '../../../shared/src/board/schema.ts';
import { readPersonalEntries } from '../../../shared/src/board/personal.ts';
import { setScore } from '../../../shared/src/canvases/confrontation/confrontationOperations.ts';
import { setElementScore, setFitScore } from '../../../shared/src/canvases/sevens/sevensOperations.ts';
import { destepKind } from '../../../shared/src/canvases/destep/destepKind.ts';
import { readBoard } from '../../../shared/src/board/readBoard.ts';
import { readQuickscanSettings, setQuickscanComment, setQuickscanScore, startRound } from '../../../shared/src/canvases/quickscan/quickscanOperations.ts';
import { encodeSyncStep1, encodeUpdate } from '../rooms/messages.ts';
import { aheadOfTimeDeletion } from '../testing/hostileUpdates.ts';
import { startTestServer, waitFor, type TestServer } from '../testing/testServer.ts';
import { clientPool, joinAndSync, type Member, type TestClient } from '../testing/testClient.ts';

const note = { frame: 'swot.strengths', x: 10, y: 80, color: 'yellow' as const, author: 'Ann' };

let t: TestServer;
const clients = clientPool(() => t.wsUrl);
const client = (boardId: string, session: string): TestClient => clients.connect(boardId, session);

beforeAll(async () => {
  t = await startTestServer({ wsMessagesPerSecond: 1000 });
});

afterAll(async () => {
  clients.destroyAll();
  await t.close();
});

/** A board of `template` with a synced facilitator and participants Ann and Bob. */
async function workshop(template: 'swot' | 'confrontation' = 'confrontation') {
  const board = await t.createBoard('Acme', template);
  const member = (role: Role, name: string) => joinAndSync(t, clients, board, role, name);
  const fac = await member('facilitator', 'Fiona');
  const ann = await member('participant', 'Ann');
  const bob = await member('participant', 'Bob');
  return { board, fac, ann, bob };
}

/** `sender` writes a marker note; resolves once `observer` has it (see the header). */
async function marker(sender: TestClient, observer: TestClient): Promise<void> {
  const id = createNote(sender.doc, { ...note, text: 'marker' });
  await waitFor(() => listNotes(observer.doc).some((n) => n.id === id), 'the marker arrived');
}

/** What a client that connects now gets: the board as stored. */
async function freshCopy(board: CreateBoardResponse): Promise<Y.Doc> {
  const { session } = await t.join(board, 'viewer', 'Fresh');
  const c = client(board.id, session);
  await c.synced();
  return c.doc;
}

describe('write rules', () => {
  it('refuses a participant emptying the metadata: the sender is told, nobody else sees it, the board keeps it', async () => {
    const { board, fac, ann, bob } = await workshop();
    ann.c.doc.transact(() => metaMap(ann.c.doc).forEach((_v, k) => metaMap(ann.c.doc).delete(k)));
    await waitFor(() => ann.c.refused.length > 0, 'Refused message');
    expect(ann.c.refused).toEqual([{ error: 'forbidden_write', target: 'meta' }]);
    await marker(fac.c, bob.c);
    expect(readMeta(bob.c.doc)).toMatchObject({ title: 'Acme', template: 'confrontation', language: 'en' });
    expect(readMeta(await freshCopy(board))).toMatchObject({ title: 'Acme', template: 'confrontation' });
    expect(ann.c.closeCodes).toEqual([]);
  });

  it('lets a participant score for themselves and refuses a score under another participant’s id', async () => {
    const { fac, ann, bob } = await workshop();
    const row = createNote(fac.c.doc, { ...note, text: 'Strong brand' });
    const column = createNote(fac.c.doc, { ...note, frame: 'swot.opportunities', text: 'B2B market' });
    await waitFor(() => listNotes(ann.c.doc).length === 2, 'notes at Ann');
    const cell = { canvasId: 'confrontation', row, column };
    setScore(ann.c.doc, { ...cell, participantId: ann.session.participantId }, 2);
    await waitFor(() => readPersonalEntries(fac.c.doc, 'confrontation').length === 1, 'Ann’s score at the facilitator');
    expect(ann.c.refused).toEqual([]);

    setScore(ann.c.doc, { ...cell, participantId: bob.session.participantId }, 0);
    await waitFor(() => ann.c.refused.length > 0, 'Refused message');
    expect(ann.c.refused).toEqual([{ error: 'forbidden_write', target: 'personal' }]);
    await marker(fac.c, bob.c);
    expect(readPersonalEntries(bob.c.doc, 'confrontation').map((e) => [e.participantId, e.value])).toEqual([[ann.session.participantId, 2]]);
  });

  it('refuses a forged update that mixes an allowed note with a forbidden change, whole', async () => {
    const { board, fac, ann } = await workshop();
    // Made on a copy of the board, sent as one update from a raw socket.
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(ann.c.doc));
    const before = Y.encodeStateVector(forger);
    forger.transact(() => {
      createNote(forger, { ...note, text: 'looks innocent' });
      renameCanvas(forger, 'swot', 'Pwned');
    });
    const ws = new WebSocket(`${t.wsUrl}/${board.id}?session=${encodeURIComponent(ann.session.session)}`);
    const refused = new Promise<string>((resolve) => ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) === MessageType.Refused) resolve(decoding.readVarString(d));
    }));
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(encodeUpdate(Y.encodeStateAsUpdate(forger, before)));
    expect(JSON.parse(await refused)).toEqual({ error: 'forbidden_write', target: 'canvas-structure' });
    ws.close();
    await marker(fac.c, ann.c);
    expect(listNotes(ann.c.doc).map((n) => n.text)).not.toContain('looks innocent');
    expect(readCanvases(ann.c.doc).map((c) => c.title)).not.toContain('Pwned');
    expect(listNotes(await freshCopy(board)).map((n) => n.text)).toEqual(['marker']);
  });

  it('refuses a participant deleting or removing a canvas', async () => {
    const { board, fac, ann, bob } = await workshop();
    canvasesMap(ann.c.doc).delete('confrontation');
    await waitFor(() => ann.c.refused.length === 1, 'first refusal');
    expect(ann.c.refused[0].target).toBe('canvas-structure');
    // Ann's copy lost the canvas (Yjs cannot take it back); a fresh one from the same session has it.
    const again = client(board.id, ann.session.session);
    await again.synced();
    expect(readCanvases(again.doc).map((c) => c.id)).toEqual(['swot', 'confrontation']);
    removeCanvas(again.doc, 'confrontation');
    await waitFor(() => again.refused.length === 1, 'second refusal');
    await marker(fac.c, bob.c);
    expect(readCanvases(bob.c.doc).find((c) => c.id === 'confrontation')?.removedAt).toBeNull();
  });

  it('passes a facilitator’s structure changes to everyone', async () => {
    const { fac, ann } = await workshop('swot');
    const id = addCanvas(fac.c.doc, { kind: 'confrontation', title: 'Matrix' });
    renameCanvas(fac.c.doc, 'swot', 'Our SWOT');
    await waitFor(() => readCanvases(ann.c.doc).some((c) => c.id === id) && readCanvases(ann.c.doc)[0]?.title === 'Our SWOT', 'changes at Ann');
    expect(fac.c.refused).toEqual([]);
  });

  it('keeps a deletion sent ahead of the facilitator’s next content from deleting it when it comes', async () => {
    const { board, fac, ann } = await workshop('swot');
    // The facilitator's client id and next clock are public: everyone has its earlier items.
    const victim = fac.c.doc.clientID;
    const next = Y.getState(ann.c.doc.store, victim);
    const ws = new WebSocket(`${t.wsUrl}/${board.id}?session=${encodeURIComponent(ann.session.session)}`);
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(encodeUpdate(aheadOfTimeDeletion(victim, next, 10_000)));
    // Handled before Ann's marker (same board, arrival order): by then it was stored or not.
    await marker(ann.c, fac.c);
    ws.close();
    const id = addCanvas(fac.c.doc, { kind: 'swot', title: 'Second SWOT' });
    await waitFor(() => readCanvases(ann.c.doc).some((c) => c.id === id), 'the new canvas at Ann');
    const fresh = await freshCopy(board);
    expect(readCanvases(fresh).find((c) => c.id === id)?.title).toBe('Second SWOT');
  });

  it('keeps the participant list for the server: a client writing it is refused', async () => {
    const { fac, ann, bob } = await workshop();
    const list = () => fac.c.doc.getMap('participants').toJSON();
    await waitFor(() => Object.keys(list()).length === 3, 'three participants listed');
    expect(list()[ann.session.participantId]).toEqual({ name: 'Ann', role: 'participant' });
    fac.c.doc.getMap('participants').set(ann.session.participantId, { name: 'Anonymous', role: 'viewer' });
    await waitFor(() => fac.c.refused.length === 1, 'refusal');
    expect(fac.c.refused[0].target).toBe('participant');
    await marker(bob.c, ann.c);
    expect(ann.c.doc.getMap('participants').get(ann.session.participantId)).toEqual({ name: 'Ann', role: 'participant' });
  });

  it('lets a participant score a 7S for themselves only, and drops a viewer’s 7S score', async () => {
    const { board, fac, ann, bob } = await workshop('swot');
    const canvasId = addCanvas(fac.c.doc, { kind: '7s', title: '7S' });
    await waitFor(() => readCanvases(ann.c.doc).some((c) => c.id === canvasId), 'the 7S at Ann');
    const scores = (doc: Y.Doc) => readPersonalEntries(doc, canvasId).map((e) => `${e.participantId === ann.session.participantId ? 'ann' : e.participantId}/${e.entry}=${String(e.value)}`).sort();

    setElementScore(ann.c.doc, { canvasId, participantId: ann.session.participantId }, 'strategy', 'current', 2);
    setFitScore(ann.c.doc, { canvasId, participantId: ann.session.participantId }, 'strategy', 'skills', 4);
    await waitFor(() => readPersonalEntries(fac.c.doc, canvasId).length === 2, 'Ann’s scores at the facilitator');
    expect(ann.c.refused).toEqual([]);

    // Ann under Bob's id: refused, told, not seen.
    setElementScore(ann.c.doc, { canvasId, participantId: bob.session.participantId }, 'strategy', 'desired', 5);
    await waitFor(() => ann.c.refused.length > 0, 'Refused message');
    expect(ann.c.refused).toEqual([{ error: 'forbidden_write', target: 'personal' }]);

    // A viewer, even under their own id: dropped (viewers write nothing), the socket stays open. From
    // a raw socket, so its next message, a sync request, is answered only after the score was handled:
    // the answer is the board without it.
    const { participantId: vera, session: veraSession } = await t.join(board, 'viewer', 'Vera');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(fac.c.doc));
    const before = Y.encodeStateVector(copy);
    setElementScore(copy, { canvasId, participantId: vera }, 'staff', 'current', 1);
    const ws = new WebSocket(`${t.wsUrl}/${board.id}?session=${encodeURIComponent(veraSession)}`);
    const answer = new Promise<Y.Doc>((resolve) => ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== MessageType.Sync || decoding.readVarUint(d) !== 1) return;
      const stored = new Y.Doc();
      Y.applyUpdate(stored, decoding.readVarUint8Array(d));
      resolve(stored);
    }));
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(encodeUpdate(Y.encodeStateAsUpdate(copy, before)));
    ws.send(encodeSyncStep1(new Y.Doc()));
    const expected = ['ann/fit:strategy:skills=4', 'ann/score:strategy:current=2'];
    expect(scores(await answer)).toEqual(expected);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();

    await marker(fac.c, bob.c);
    expect(scores(bob.c.doc)).toEqual(expected);
    expect(scores(await freshCopy(board))).toEqual(expected);
  });

  // Issue 9: the strategy models' notes follow the SWOT's rules: anyone who may edit writes them.
  it('lets a participant add a note to a DESTEP region, and drops the same note from a viewer', async () => {
    const { board, fac, ann } = await workshop('swot');
    const destep = addCanvas(fac.c.doc, { kind: 'destep', title: 'Market' });
    await waitFor(() => readCanvases(ann.c.doc).some((c) => c.id === destep), 'the DESTEP canvas at Ann');
    const region = destepKind.layout.frames.find((f) => f.id === 'destep.ecological')!;
    const spot = { canvas: destep, frame: region.id, x: region.x + 20, y: region.y + 80, color: region.defaultNoteColor };
    createNote(ann.c.doc, { ...spot, author: 'Ann', text: 'Customers ask for recycled packaging' });
    await waitFor(() => listNotes(fac.c.doc).some((n) => n.author === 'Ann'), 'Ann’s note at the facilitator');
    expect(ann.c.refused).toEqual([]);

    const { session } = await t.join(board, 'viewer', 'Vic');
    const vic = client(board.id, session);
    await vic.synced();
    createNote(vic.doc, { ...spot, author: 'Vic', text: 'from a viewer' });
    // Presence is handled after the update on the same connection: once Fiona sees the marker, the
    // viewer's note was handled, so had it been relayed she would have it.
    vic.provider.awareness.setLocalStateField('marker', 1);
    await waitFor(() => (fac.c.provider.awareness.getStates().get(vic.doc.clientID) as { marker?: number } | undefined)?.marker === 1, 'the viewer’s marker');
    const stored = readBoard(await freshCopy(board));
    const canvas = stored.canvases.find((c) => c.id === destep)!;
    expect(stored.notesOf(destep).map((n) => [n.author, n.frame])).toEqual([['Ann', 'destep.ecological']]);
    expect(destepKind.analyze!(stored, canvas)).toMatchObject({ counts: { ecological: 1, economic: 0 }, total: 1 });
    expect(listNotes(fac.c.doc).map((n) => n.author)).toEqual(['Ann']);
  });
});

// Issue 9: a quickscan's scores and comments are per-person entries, its rounds canvas settings.
describe('quickscan write rules', () => {
  async function quickscan() {
    const w = await workshop('swot');
    const canvasId = addCanvas(w.fac.c.doc, { kind: 'quickscan', title: 'Quickscan' });
    await waitFor(() => readCanvases(w.ann.c.doc).some((c) => c.id === canvasId) && readCanvases(w.bob.c.doc).some((c) => c.id === canvasId), 'the quickscan at Ann and Bob');
    const ref = (m: Member) => ({ canvasId, participantId: m.session.participantId, round: '1' });
    return { ...w, canvasId, ref };
  }

  it('lets a participant score and comment for themselves and refuses a score under another participant’s id', async () => {
    const { board, fac, ann, bob, canvasId, ref } = await quickscan();
    setQuickscanScore(ann.c.doc, { ...ref(ann), activity: 'crm' }, 2);
    setQuickscanComment(ann.c.doc, { ...ref(ann), activity: 'crm' }, 'No shared customer view');
    await waitFor(() => readPersonalEntries(fac.c.doc, canvasId).length === 2, 'Ann’s score and comment at the facilitator');
    expect(ann.c.refused).toEqual([]);

    setQuickscanScore(ann.c.doc, { ...ref(bob), activity: 'crm' }, 5);
    await waitFor(() => ann.c.refused.length > 0, 'Refused message');
    expect(ann.c.refused).toEqual([{ error: 'forbidden_write', target: 'personal' }]);
    await marker(fac.c, bob.c);
    const stored = (doc: Y.Doc) => readPersonalEntries(doc, canvasId).map((e) => [e.participantId, e.entry, e.value]).sort();
    const expected = [[ann.session.participantId, '1:crm', 2], [ann.session.participantId, '1:crm:comment', 'No shared customer view']];
    expect(stored(bob.c.doc)).toEqual(expected);
    expect(stored(await freshCopy(board))).toEqual(expected);
  });

  it('drops a viewer’s score', async () => {
    const { board, ann, canvasId } = await quickscan();
    const { session, participantId } = await t.join(board, 'viewer', 'Vic');
    const v = client(board.id, session);
    await v.synced();
    setQuickscanScore(v.doc, { canvasId, participantId, round: '1', activity: 'crm' }, 1);
    // Presence is handled after the update on the same connection (see YjsGateway.test.ts): once Ann
    // sees the marker, the viewer's update was handled.
    v.provider.awareness.setLocalStateField('marker', 1);
    await waitFor(() => (ann.c.provider.awareness.getStates().get(v.doc.clientID) as { marker?: number } | undefined)?.marker === 1, 'Ann sees the viewer marker');
    expect(readPersonalEntries(ann.c.doc, canvasId)).toEqual([]);
    expect(readPersonalEntries(await freshCopy(board), canvasId)).toEqual([]);
  });

  it('lets only the facilitator start a new round', async () => {
    const { fac, ann, bob, canvasId } = await quickscan();
    startRound(ann.c.doc, canvasId, { label: 'Mine' });
    await waitFor(() => ann.c.refused.length > 0, 'Refused message');
    expect(ann.c.refused).toEqual([{ error: 'forbidden_write', target: 'canvas-settings' }]);
    await marker(fac.c, bob.c);
    expect(readQuickscanSettings(bob.c.doc, canvasId).rounds.map((r) => r.id)).toEqual(['1']);

    startRound(fac.c.doc, canvasId, { date: '2026-09-14' });
    await waitFor(() => readQuickscanSettings(bob.c.doc, canvasId).rounds.length === 2, 'round 2 at Bob');
    expect(readQuickscanSettings(bob.c.doc, canvasId)).toMatchObject({ current: '2' });
    expect(fac.c.refused).toEqual([]);
  });

  it('refuses a score for a past round: once round 2 runs, round 1 is closed, from a console too', async () => {
    const { fac, ann, bob, canvasId, ref } = await quickscan();
    startRound(fac.c.doc, canvasId);
    await waitFor(() => readQuickscanSettings(ann.c.doc, canvasId).current === '2', 'round 2 at Ann');
    setQuickscanScore(ann.c.doc, { ...ref(ann), round: '2', activity: 'crm' }, 3);
    await waitFor(() => readPersonalEntries(fac.c.doc, canvasId).length === 1, 'the round-2 score at the facilitator');
    setQuickscanScore(ann.c.doc, { ...ref(ann), round: '1', activity: 'crm' }, 5);
    await waitFor(() => ann.c.refused.length > 0, 'Refused message');
    expect(ann.c.refused).toEqual([{ error: 'forbidden_write', target: 'personal' }]);
    await marker(fac.c, bob.c);
    expect(readPersonalEntries(bob.c.doc, canvasId).map((e) => e.entry)).toEqual(['2:crm']);
  });
});
