// Issue 7: board templates at creation, boards from before canvases, the participant list the
// server keeps, and GET /api/boards/<id>/export, against the real server with real clients.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { CreateBoardResponse, SessionResponse } from '../../../shared/src/protocol.ts';
import { initBoardMeta } from '../../../shared/src/board/meta.ts';
import { createNote } from '../../../shared/src/board/notes.ts';
import { canvasesMap, readCanvasRecord } from '../../../shared/src/board/schema.ts';
import { setScore, setOptionChosen } from '../../../shared/src/canvases/confrontation/confrontationOperations.ts';
import { SqliteBoardStore } from '../storage/SqliteBoardStore.ts';
import { hashSecret } from '../auth/secrets.ts';
import { startTestServer, waitFor, type TestServer } from '../testing/testServer.ts';
import { connectClient, type TestClient } from '../testing/testClient.ts';

let t: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  t = await startTestServer({ rateLimitBoardsPerMinute: 1000, rateLimitSessionsPerMinute: 1000 });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await t.close();
});

async function open(board: { id: string }, session: SessionResponse): Promise<TestClient> {
  const c = connectClient(t.wsUrl, board.id, session.session);
  clients.push(c);
  await c.synced();
  return c;
}

/** The canvases as the server stored them (not as a reader would fill them in). */
function storedCanvases(doc: Y.Doc): Array<{ id: string; kind: string; title: string }> {
  const out: Array<{ id: string; kind: string; title: string }> = [];
  canvasesMap(doc).forEach((m, id) => {
    const c = readCanvasRecord(id, m);
    out.push({ id, kind: c.kind, title: c.title });
  });
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

function exportOf(boardId: string, session?: string, query = '?format=json') {
  return fetch(`${t.url}/api/boards/${boardId}/export${query}`, { headers: session ? { authorization: `Bearer ${session}` } : {} });
}

describe('board templates', () => {
  it.each([
    ['swot', ['swot']],
    ['confrontation', ['confrontation', 'swot']],
    ['workshop', ['actions', 'confrontation', 'pyramid', 'quickscan', 'sevens', 'swot']],
  ] as const)('creates a %s board with its canvases stored', async (template, ids) => {
    const board = await t.createBoard('Acme', template);
    const c = await open(board, await t.join(board, 'viewer'));
    expect(storedCanvases(c.doc).map((x) => x.id)).toEqual(ids);
    expect(c.doc.getMap('meta').get('template')).toBe(template);
  });

  it('refuses an unknown template with 400', async () => {
    const res = await fetch(`${t.url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'x', template: '7s-board' }) });
    expect(res.status).toBe(400);
  });

  it('opens a board from before canvases with its notes in its SWOT, and stores that canvas on the first load', async () => {
    // Written into storage as the server before issue 7 did: metadata and a note, no canvases.
    const id = 'LegacyBoard00001';
    const tokens = { facilitator: 'legacy-f', participant: 'legacy-p', viewer: 'legacy-v' };
    const doc = new Y.Doc();
    initBoardMeta(doc, { title: 'Old', template: 'swot', language: 'nl', createdAt: 1_700_000_000_000 });
    createNote(doc, { frame: 'swot.threats', x: 960, y: 720, color: 'pink', author: 'Ann', text: 'Nieuwe concurrent' });
    await t.server.close();
    const store = SqliteBoardStore.open(t.dataDir);
    await store.createBoard(
      { id, title: 'Old', template: 'swot', language: 'nl', createdAt: 1_700_000_000_000 },
      // As before issue 10: only the hashes, no sealed tokens.
      (['facilitator', 'participant', 'viewer'] as const).map((role) => ({
        boardId: id, role, tokenHash: hashSecret(tokens[role]), sealedToken: null, expiresAt: null, passwordHash: null,
      })),
      Y.encodeStateAsUpdate(doc),
    );
    await store.close();
    await t.restart();
    const board = { id, title: 'Old', links: { facilitator: `x#${tokens.facilitator}`, participant: `x#${tokens.participant}`, viewer: `x#${tokens.viewer}` } } as CreateBoardResponse;
    const session = await t.join(board, 'participant', 'Ann');
    const c = await open(board, session);
    expect(storedCanvases(c.doc)).toEqual([{ id: 'swot', kind: 'swot', title: 'SWOT-analyse' }]);
    const exported = await (await exportOf(id, session.session)).json();
    expect(exported.canvases.map((x: { id: string; notes: Array<{ text: string }> }) => [x.id, x.notes.map((n) => n.text)])).toEqual([['swot', ['Nieuwe concurrent']]]);
  });
});

describe('participant list', () => {
  it('names each participant once, under the id their session keeps across renewals and reconnects', async () => {
    // The server writes the list under a Yjs client id of its own: with the board doc's own id, Yjs
    // gave the doc a new one at every write, and printed so.
    const print = vi.spyOn(console, 'log');
    const board = await t.createBoard('People');
    const ann = await t.join(board, 'participant', 'Ann');
    const fac = await t.join(board, 'facilitator', 'Fiona');
    const viewer = await t.join(board, 'viewer', 'Vic');
    const watcher = await open(board, fac);
    const first = await open(board, ann);
    await waitFor(() => watcher.doc.getMap('participants').has(ann.participantId), 'Ann listed');
    first.destroy();
    const renewed = (await (await fetch(`${t.url}/api/sessions/renew`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ session: ann.session }) })).json()) as SessionResponse;
    expect(renewed.participantId).toBe(ann.participantId);
    const again = await open(board, renewed);
    await open(board, viewer);
    // Presence carries the same id; the list has Ann once, and nobody for the viewer (who writes nothing).
    again.provider.awareness.setLocalStateField('user', { name: 'Ann' });
    await waitFor(() => (watcher.provider.awareness.getStates().get(again.doc.clientID) as { user?: { participantId?: string } } | undefined)?.user?.participantId === ann.participantId, 'presence with the id');
    expect(watcher.doc.getMap('participants').toJSON()).toEqual({
      [ann.participantId]: { name: 'Ann', role: 'participant' },
      [fac.participantId]: { name: 'Fiona', role: 'facilitator' },
    });
    expect(print.mock.calls.flat().join(' ')).not.toMatch(/client-id/);
    print.mockRestore();
  });
});

describe('GET /api/boards/<id>/export', () => {
  it('answers 401 without a live session of that board, 404 for an unknown board, 400 for an unknown format', async () => {
    const board = await t.createBoard('Secret');
    const other = await t.createBoard('Other');
    const otherSession = await t.join(other, 'viewer');
    const mine = await t.join(board, 'viewer');
    expect((await exportOf(board.id)).status).toBe(401);
    expect((await exportOf(board.id, 'not-a-session')).status).toBe(401);
    expect((await exportOf(board.id, otherSession.session)).status).toBe(401);
    expect((await exportOf('AAAAAAAAAAAAAAAA', mine.session)).status).toBe(404);
    expect((await exportOf('nope', mine.session)).status).toBe(404);
    const badFormat = await exportOf(board.id, mine.session, '?format=xml');
    expect(badFormat.status).toBe(400);
    expect(await badFormat.json()).toMatchObject({ error: 'bad_request' });
    expect((await exportOf(board.id, mine.session, '')).status).toBe(200);
  });

  it('exports the live board as JSON for any role, with the matrix analysis', async () => {
    const board = await t.createBoard('Acme', 'confrontation');
    const fac = await t.join(board, 'facilitator', 'Fiona');
    const ann = await t.join(board, 'participant', 'Ann');
    const viewer = await t.join(board, 'viewer', 'Vic');
    const f = await open(board, fac);
    const a = await open(board, ann);
    const note = { x: 16, y: 72, color: 'green' as const, author: 'Fiona', canvas: 'swot' };
    const s = createNote(f.doc, { ...note, frame: 'swot.strengths', text: 'Strong brand' });
    const o = createNote(f.doc, { ...note, frame: 'swot.opportunities', text: 'Growing B2B market', y: 712 });
    await waitFor(() => a.doc.getMap('notes').size === 2, 'notes at Ann');
    setScore(f.doc, { canvasId: 'confrontation', participantId: fac.participantId, row: s, column: o }, 1);
    setScore(a.doc, { canvasId: 'confrontation', participantId: ann.participantId, row: s, column: o }, 2);
    setOptionChosen(f.doc, 'confrontation', s, o, true);
    // Still open (the room is live): the export reads what everyone connected sees.
    await waitFor(async () => (await (await exportOf(board.id, viewer.session)).json()).canvases[1].analysis.cells[0]?.count === 2, 'both scores exported');
    const res = await exportOf(board.id, viewer.session);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body.meta).toEqual({ title: 'Acme', template: 'confrontation', language: 'en', createdAt: expect.any(Number) });
    expect(body.canvases.map((c: { id: string; kind: string }) => [c.id, c.kind])).toEqual([['swot', 'swot'], ['confrontation', 'confrontation']]);
    expect(body.canvases[0].notes.map((n: { text: string }) => n.text)).toEqual(['Strong brand', 'Growing B2B market']);
    const analysis = body.canvases[1].analysis;
    expect(analysis.scale).toMatchObject({ id: '0..2' });
    expect(analysis.rows).toEqual([{ noteId: s, text: 'Strong brand', quadrant: 'S' }]);
    expect(analysis.columns).toEqual([{ noteId: o, text: 'Growing B2B market', quadrant: 'O' }]);
    expect(analysis.cells).toEqual([expect.objectContaining({ row: s, column: o, quadrant: 'SO', count: 2, mean: 1.5, stdev: 0.5 })]);
    expect(analysis.rowSums).toEqual({ [s]: 1.5 });
    expect(analysis.columnSums).toEqual({ [o]: 1.5 });
    expect(analysis.quadrantSums).toEqual({ SO: 1.5, ST: 0, WO: 0, WT: 0 });
    expect(analysis.options).toEqual([
      expect.objectContaining({ row: s, column: o, mean: 1.5, type: 'offensive', question: 'How can we use Strong brand to seize Growing B2B market?', chosen: true }),
    ]);
  });

  it('loads a board nobody has open to export it', async () => {
    const board = await t.createBoard('Idle', 'workshop');
    const s = await t.join(board, 'participant');
    const body = await (await exportOf(board.id, s.session)).json();
    expect(body.canvases.map((c: { kind: string }) => c.kind)).toEqual(['quickscan', 'swot', 'confrontation', '7s', 'pyramid', 'actions']);
    expect(body.canvases[2].analysis).toMatchObject({ rows: [], columns: [], cells: [], options: [] });
  });
});
